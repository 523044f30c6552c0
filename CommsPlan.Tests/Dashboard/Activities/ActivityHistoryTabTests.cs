using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using CommsPlan.Core.Access;
using CommsPlan.Core.Activities;
using CommsPlan.Dashboard.Components.Pages.Activities;
using CommsPlan.Dashboard.Hosting;
using CommsPlan.Tests.Core.Activities;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommsPlan.Tests.Dashboard.Activities;

/// <summary>The activity page's "Lịch sử" tab: who changed the activity (by full name), when, and what.</summary>
public sealed class ActivityHistoryTabTests : DashboardTestContext
{
    private BunitAuthorizationContext _auth = null!;

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(StoppedClock.DemoToday());
        services.AddScoped<UserContext>();
        _auth = AddAuthorization();
    }

    [Fact]
    public async Task AViewerOpensTheHistoryTabAndSeesTheChangeByTheOfficersFullName()
    {
        var id = await SavedAndRenamedActivityAsync("Hội nghị tập huấn", "Hội nghị tập huấn một cửa liên thông");
        _auth.SetAuthorized("lanhdao");
        _auth.SetRoles(Roles.Viewer);
        _auth.SetClaims();

        var page = Render<ActivityEditor>(p => p.Add(x => x.Id, id));
        page.WaitForElement("input[data-testid=title]");
        page.FindAll(".mud-tab").Single(t => t.TextContent.Trim() == "Lịch sử").Click();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=audit-history-entry]").Count));
        var entries = page.FindAll("[data-testid=audit-history-entry]").Select(e => e.TextContent).ToList();
        Assert.StartsWith("Cập nhật · Nguyễn Thị Thu Hà ·", entries[0].Trim());
        Assert.StartsWith("Tạo mới · Nguyễn Thị Thu Hà ·", entries[1].Trim());
        var update = page.FindAll("[data-testid=audit-changes]")[0].TextContent;
        Assert.Contains("Tiêu đề:", update);
        Assert.Contains("Hội nghị tập huấn", update);
        Assert.Contains("Hội nghị tập huấn một cửa liên thông", update);
        Assert.DoesNotContain("tuphap", page.Find("[data-testid=audit-history]").TextContent);
    }

    [Fact]
    public async Task ANewActivityHasNoHistoryTab()
    {
        var stp = await StpAsync();
        _auth.SetAuthorized("tuphap");
        _auth.SetRoles(Roles.AgencyOfficer);
        _auth.SetClaims(new Claim(CommsPlanClaims.AgencyId, stp.ToString()));

        var page = Render<ActivityEditor>();

        page.WaitForElement("input[data-testid=title]");
        Assert.DoesNotContain(page.FindAll(".mud-tab"), t => t.TextContent.Contains("Lịch sử"));
        Assert.Empty(page.FindAll("[data-testid=audit-history]"));
    }

    private async Task<int> StpAsync()
    {
        await using var db = Database.CreateContext();
        return await db.Agencies.Where(a => a.Code == "STP").Select(a => a.Id).SingleAsync();
    }

    private async Task<int> SavedAndRenamedActivityAsync(string title, string newTitle)
    {
        await using (var db = Database.CreateContext())
        {
            db.Users.Add(new AppUser { Id = "id-tuphap", UserName = "tuphap", NormalizedUserName = "TUPHAP", FullName = "Nguyễn Thị Thu Hà" });
            await db.SaveChangesAsync();
        }
        var officer = new CurrentUser("id-tuphap", "tuphap", [Roles.AgencyOfficer], await StpAsync());
        var service = Services.GetRequiredService<ActivityService>();
        var catalogue = await service.GetCatalogueAsync();
        var saved = await service.CreateAsync(officer, new ActivityInput
        {
            ChannelId = catalogue.Channels.First(c => c.Code == "BAO").Id,
            Title = title,
            StartDate = new DateOnly(2021, 5, 4),
            Quantity = 2,
            ObjectiveIds = [catalogue.Objectives[0].Id],
            ThemeIds = [catalogue.Themes[1].Id],
        });
        var input = saved.ToInput();
        input.Title = newTitle;
        await service.UpdateAsync(officer, saved.Id, input);
        return saved.Id;
    }
}
