using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using CommsPlan.Core.Access;
using CommsPlan.Core.Activities.Import;
using CommsPlan.Core.Common.HeavyJobs;
using CommsPlan.Dashboard.Components.Pages.Activities;
using CommsPlan.Dashboard.Hosting;
using CommsPlan.Tests.Core.Activities;
using CommsPlan.Tests.Support;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommsPlan.Tests.Dashboard.Activities;

/// <summary>The import page waits its turn in the heavy-job limiter and tells the officer where it stands.</summary>
public sealed class ActivityImportQueueTests : DashboardTestContext
{
    private const string OfficerId = "id-tuphap";
    private BunitAuthorizationContext _auth = null!;

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(StoppedClock.DemoToday());
        services.AddScoped<UserContext>();
        // The page cancels a preview when the app stops; here it never does.
        services.AddSingleton<Microsoft.Extensions.Hosting.IHostApplicationLifetime>(
            new Microsoft.Extensions.Hosting.Internal.ApplicationLifetime(Microsoft.Extensions.Logging.Abstractions.NullLogger<Microsoft.Extensions.Hosting.Internal.ApplicationLifetime>.Instance));
        _auth = AddAuthorization();
    }

    private async Task SignInAsOfficerAsync()
    {
        await using var db = Database.CreateContext();
        var agencyId = await db.Agencies.Where(a => a.Code == "STP").Select(a => a.Id).SingleAsync();
        _auth.SetAuthorized("tuphap");
        _auth.SetRoles(Roles.AgencyOfficer);
        _auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, OfficerId), new Claim(CommsPlanClaims.AgencyId, agencyId.ToString()));
    }

    [Fact]
    public async Task APreviewBehindTheOfficersOwnRunningJobShowsItsPlaceAndRunsWhenThatJobEnds()
    {
        await SignInAsOfficerAsync();
        var template = await Services.GetRequiredService<ActivityImporter>().CreateTemplateAsync();
        var file = ActivityWorkbook.Fill(template, [ActivityWorkbook.GoodRow("Hội nghị chờ đến lượt")]);
        var limiter = Services.GetRequiredService<HeavyJobLimiter>();
        // The officer's earlier import, in another tab, still holds the officer's one slot.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var earlier = limiter.RunAsync(new HeavyJobRequest(OfficerId, "earlier import"), token => gate.Task.WaitAsync(token));
        var page = Render<ActivityImport>();
        page.WaitForElement("[data-testid=file-upload]");

        // bUnit's upload returns when the page's handler does, and that waits for the slot: run it aside.
        var input = page.FindComponent<InputFile>();
        var upload = Task.Run(() => input.UploadFiles(InputFileContent.CreateFromBinary(file, "hoat-dong.xlsx")));

        page.WaitForAssertion(() => Assert.Contains("Đang chờ (vị trí 1)", page.Find("[data-testid=progress]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=preview]"));
        Assert.Equal(new HeavyJobSnapshot(1, 1), limiter.Snapshot());

        gate.SetResult();
        await earlier;
        await upload.WaitAsync(TimeSpan.FromSeconds(30));

        page.WaitForAssertion(() => Assert.Contains("Hợp lệ: 1", page.Find("[data-testid=good-count]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=progress]"));
    }

    [Fact]
    public async Task AFullQueueTellsTheOfficerToTryLaterAndReadsNothing()
    {
        await SignInAsOfficerAsync();
        var template = await Services.GetRequiredService<ActivityImporter>().CreateTemplateAsync();
        var file = ActivityWorkbook.Fill(template, [ActivityWorkbook.GoodRow("Hội nghị khi máy chủ bận")]);
        var limiter = Services.GetRequiredService<HeavyJobLimiter>();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Two other users hold both slots and the queue holds as many as it takes.
        var others = Enumerable.Range(0, limiter.Limits.HeavyJobs + limiter.Limits.HeavyQueue)
            .Select(i => limiter.RunAsync(new HeavyJobRequest($"other-{i}", "export"), token => gate.Task.WaitAsync(token))).ToList();
        var page = Render<ActivityImport>();
        page.WaitForElement("[data-testid=file-upload]");

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(file, "hoat-dong.xlsx"));

        page.WaitForAssertion(() => Assert.Contains("Máy chủ đang bận", page.Find("[data-testid=file-error]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=preview]"));
        gate.SetResult();
        await Task.WhenAll(others);
    }
}
