using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using CommsPlan.Core.Access;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Changes;
using CommsPlan.Dashboard.Components.Pages.Monitoring;
using CommsPlan.Dashboard.Hosting;
using CommsPlan.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;

namespace CommsPlan.Tests.Dashboard.Monitoring;

public sealed class OverviewPageTests : DashboardTestContext
{
    // Loads run on the thread pool against a real database: on a busy machine they take longer than bUnit's 1 s default.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2021, 10, 20, 3, 0, 0, TimeSpan.Zero));

    private BunitAuthorizationContext _auth = null!;

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(_time);
        services.AddScoped<UserContext>();
        // Registered before anything is rendered; who is signed in is set per test.
        _auth = AddAuthorization();
    }

    [Fact]
    public async Task AnOfficerSeesItsOwnFiguresWithProvinceTotalsBeneath()
    {
        await AddActivitiesAsync("STP", 2);
        await AddActivitiesAsync("DAITU", 3);
        await SignInAsync("tuphap", Roles.AgencyOfficer, "STP");

        var page = RenderPage<Overview>();

        page.WaitForAssertion(() => Assert.Equal("2", page.Find("[data-testid=kpi-activities]").TextContent.Trim()), Patience);
        Assert.Contains("Toàn tỉnh: 5", page.Find("[data-testid=province-line]").TextContent);
        var agencies = page.FindAll("[data-testid=agency-progress] td[data-agency]");
        Assert.Equal(["STP"], agencies.Select(a => a.GetAttribute("data-agency")));
        Assert.Empty(page.FindAll("[data-testid=scope-filter]"));
    }

    [Fact]
    public async Task FiguresRiseWhenTheNotifierReportsASave()
    {
        await AddActivitiesAsync("SYT", 1);
        await SignInAsync("giamsat", Roles.Monitor, null);
        var page = RenderPage<Overview>();
        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=kpi-activities]").TextContent.Trim()), Patience);

        await AddActivitiesAsync("SYT", 1);
        Services.GetRequiredService<IDataChangeNotifier>().NotifyChanged(new DataChange("Activity", null));
        _time.Advance(InProcessDataChangeNotifier.QuietPeriod);

        page.WaitForAssertion(() => Assert.Equal("2", page.Find("[data-testid=kpi-activities]").TextContent.Trim()), Patience);
    }

    [Fact]
    public async Task TheLiveStatusTellsTheTimeOnVietnamsClockNotTheServers()
    {
        // The test clock's own time zone is UTC, like the servers': 03:00 UTC is 10:00 in Vietnam.
        await SignInAsync("giamsat", Roles.Monitor, null);

        var page = RenderPage<Overview>();

        page.WaitForAssertion(() => Assert.Contains("Tự động cập nhật · lúc 10:00:00", page.Find("[data-testid=live-status]").TextContent), Patience);
    }

    [Fact]
    public async Task ClosingThePageDropsItsSubscription()
    {
        await SignInAsync("giamsat", Roles.Monitor, null);
        var notifier = Services.GetRequiredService<InProcessDataChangeNotifier>();

        var page = RenderPage<Overview>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=kpi-activities]")), Patience);
        Assert.Equal(1, notifier.SubscriberCount);

        await DisposeComponentsAsync();
        Assert.Equal(0, notifier.SubscriberCount);
    }

    [Fact]
    public async Task ThePeriodInTheUrlIsThePeriodShown()
    {
        await SignInAsync("lanhdao", Roles.Viewer, null);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/?period=2021-Q1");

        var page = RenderPage<Overview>();

        page.WaitForAssertion(() => Assert.Contains("Quý I/2021 (15/12/2020 – 14/3/2021)", page.Find("[data-testid=overview-subtitle]").TextContent), Patience);
    }

    [Fact]
    public async Task AnOfficerOpeningAnotherAgencysPageIsToldItIsNotThere()
    {
        await SignInAsync("tuphap", Roles.AgencyOfficer, "STP");

        var page = RenderPage<AgencyPage>(p => p.Add(x => x.Code, "DAITU"));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=agency-not-found]")), Patience);
        Assert.DoesNotContain("UBND huyện Đại Từ", page.Markup);
    }

    private IRenderedComponent<TPage> RenderPage<TPage>(Action<ComponentParameterCollectionBuilder<TPage>>? parameters = null)
        where TPage : IComponent
    {
        // MudSelect needs a popover provider, as the layout gives it in the app.
        Render<MudPopoverProvider>();
        return parameters is null ? Render<TPage>() : Render(parameters);
    }

    private async Task SignInAsync(string userName, string role, string? agencyCode)
    {
        var auth = _auth;
        auth.SetAuthorized(userName);
        auth.SetRoles(role);
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, $"id-{userName}") };
        if (agencyCode is not null)
        {
            await using var db = Database.CreateContext();
            var id = await db.Agencies.Where(a => a.Code == agencyCode).Select(a => a.Id).SingleAsync();
            claims.Add(new Claim(CommsPlanClaims.AgencyId, id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        auth.SetClaims([.. claims]);
    }

    private async Task AddActivitiesAsync(string agencyCode, int count)
    {
        await using var db = Database.CreateContext();
        var agency = await db.Agencies.SingleAsync(a => a.Code == agencyCode);
        var channel = await db.Channels.SingleAsync(c => c.Code == "BAO");
        for (var i = 0; i < count; i++)
            db.Activities.Add(new Activity { AgencyId = agency.Id, ChannelId = channel.Id, Title = $"Tin bài {agencyCode} {Guid.NewGuid():N}", StartDate = new DateOnly(2021, 10, 1), Quantity = 1 });
        await db.SaveChangesAsync();
    }
}
