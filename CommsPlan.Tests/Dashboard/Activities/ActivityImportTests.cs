using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using CommsPlan.Core.Access;
using CommsPlan.Core.Activities.Import;
using CommsPlan.Dashboard.Components.Pages.Activities;
using CommsPlan.Dashboard.Hosting;
using CommsPlan.Tests.Core.Activities;
using CommsPlan.Tests.Reliability;
using CommsPlan.Tests.Support;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MudBlazor;

namespace CommsPlan.Tests.Dashboard.Activities;

/// <summary>
/// The import page and a running preview: it shows its progress, it stops when the page goes or the app stops, and a
/// file over a budget gets the budget's message.
/// </summary>
public sealed class ActivityImportTests : DashboardTestContext
{
    private readonly StoppableLifetime _lifetime = new();
    private BunitAuthorizationContext _auth = null!;

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(StoppedClock.DemoToday());
        services.AddScoped<UserContext>();
        services.AddSingleton<IHostApplicationLifetime>(_lifetime);
        _auth = AddAuthorization();
    }

    private async Task<IRenderedComponent<ActivityImport>> RenderAsOfficerAsync()
    {
        await using (var db = Database.CreateContext())
        {
            var agencyId = await db.Agencies.Where(a => a.Code == "STP").Select(a => a.Id).SingleAsync();
            _auth.SetAuthorized("tuphap");
            _auth.SetRoles(Roles.AgencyOfficer);
            _auth.SetClaims(new Claim(CommsPlanClaims.AgencyId, agencyId.ToString()));
        }
        var page = Render<ActivityImport>();
        page.WaitForElement("[data-testid=file-upload]");
        return page;
    }

    /// <summary>Chooses <paramref name="file"/> as a person does with the file picker; the task is the page's handling of it.</summary>
    private static Task ChooseAsync(IRenderedComponent<ActivityImport> page, IBrowserFile file)
    {
        var upload = page.FindComponent<MudFileUpload<IBrowserFile>>();
        return page.InvokeAsync(() => upload.Instance.FilesChanged.InvokeAsync(file));
    }

    [Fact]
    public async Task ClosingThePageStopsAPreviewStillRunningAfterShowingItsProgress()
    {
        var page = await RenderAsOfficerAsync();
        var upload = new StalledStream();

        var handling = ChooseAsync(page, new UploadedFile(upload));
        await upload.Reading;
        page.WaitForAssertion(() => Assert.Contains("Đang đọc và kiểm tra tệp…", page.Find("[data-testid=progress]").TextContent));

        await DisposeComponentsAsync();

        // Bounded only so that a regression fails instead of hanging the run.
        await upload.Cancelled.WaitAsync(TimeSpan.FromSeconds(30));
        // Blazor takes a cancelled handler as done, with nothing to report.
        await handling;
    }

    [Fact]
    public async Task StoppingTheAppStopsAPreviewStillRunning()
    {
        var page = await RenderAsOfficerAsync();
        var upload = new StalledStream();

        var handling = ChooseAsync(page, new UploadedFile(upload));
        await upload.Reading;
        _lifetime.StopApplication();

        await upload.Cancelled.WaitAsync(TimeSpan.FromSeconds(30));
        await handling;
        Assert.Empty(page.FindAll("[data-testid=file-error]"));
    }

    [Fact]
    public async Task AFileOverABudgetGetsItsMessageAndTheNextFileIsReadAsUsual()
    {
        var page = await RenderAsOfficerAsync();
        var template = await Services.GetRequiredService<ActivityImporter>().CreateTemplateAsync();

        await ChooseAsync(page, new UploadedFile(new MemoryStream(HostileWorkbooks.Nested(template, HostileWorkbooks.Part.Styles, 200_000))));

        page.WaitForAssertion(() => Assert.Equal(ActivityImporter.TooComplexMessage(ImportBudgets.Default.DepthReason),
            page.Find("[data-testid=file-error]").TextContent.Trim()));

        await ChooseAsync(page, new UploadedFile(new MemoryStream(ActivityWorkbook.Fill(template, [ActivityWorkbook.GoodRow("Hội nghị một")]))));

        page.WaitForAssertion(() => Assert.Contains("Hợp lệ: 1", page.Find("[data-testid=good-count]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=file-error]"));
    }

    private sealed class UploadedFile(Stream content) : IBrowserFile
    {
        public string Name => "hoat-dong.xlsx";
        public DateTimeOffset LastModified => DateTimeOffset.UnixEpoch;
        public long Size => content.CanSeek ? content.Length : 20_000;
        public string ContentType => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

        public Stream OpenReadStream(long maxAllowedSize = 512000, CancellationToken cancellationToken = default) => content;
    }

    /// <summary>The host's lifetime, stopped by the test as the host stops it on shutdown.</summary>
    private sealed class StoppableLifetime : IHostApplicationLifetime
    {
        private readonly CancellationTokenSource _stopping = new();

        public CancellationToken ApplicationStarted => CancellationToken.None;
        public CancellationToken ApplicationStopping => _stopping.Token;
        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => _stopping.Cancel();
    }
}
