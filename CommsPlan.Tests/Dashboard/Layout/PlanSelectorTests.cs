using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using CommsPlan.Core.Access;
using CommsPlan.Core.Activities;
using CommsPlan.Dashboard.Components.Layout;
using CommsPlan.Dashboard.Components.Pages.Monitoring;
using CommsPlan.Dashboard.Hosting;
using CommsPlan.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;

namespace CommsPlan.Tests.Dashboard.Layout;

/// <summary>
/// The app bar's plan selector: the running plan by default, the choice written into the URL as <c>?plan=YYYY</c>, and
/// the overview following the URL's year. 2021 holds two activities, 2022 one, so the figure tells the years apart.
/// </summary>
public sealed class PlanSelectorTests : DashboardTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    // 20/02/2022: the 2022 plan runs, 2021's is finished.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2022, 2, 20, 3, 0, 0, TimeSpan.Zero));

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(_time);
        services.AddScoped<UserContext>();
        var auth = AddAuthorization();
        auth.SetAuthorized("giamsat");
        auth.SetRoles(Roles.Monitor);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, "id-giamsat"));
    }

    protected override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var first = await SecondPlan.FirstAsync(Database);
        var second = await SecondPlan.AddAsync(Database, 2022);
        await using var db = Database.CreateContext();
        var stp = db.Agencies.Single(a => a.Code == "STP").Id;
        Activity News(int channelId, DateOnly day) => new() { AgencyId = stp, ChannelId = channelId, Title = $"Tin {day}", StartDate = day, Quantity = 1 };
        db.Activities.AddRange(
            News(first.Channels["BAO"], new DateOnly(2021, 11, 10)),
            News(first.Channels["BAO"], new DateOnly(2021, 11, 11)),
            News(second.Channels["BAO"], new DateOnly(2022, 1, 10)));
        await db.SaveChangesAsync();
    }

    [Fact]
    public void TheRunningPlanIsShownAndEveryIssuedPlanOffered()
    {
        var popovers = Render<MudPopoverProvider>();
        var selector = Render<PlanSelector>();

        selector.WaitForAssertion(() => Assert.Contains("Kế hoạch năm 2022", selector.Find("[data-testid=plan-selector-button]").TextContent), Patience);
        selector.Find("[data-testid=plan-selector-button]").Click();

        popovers.WaitForAssertion(() => Assert.Equal(2, popovers.FindAll("[data-testid^=plan-option-]").Count), Patience);
        Assert.Contains("Đang thực hiện", popovers.Find("[data-testid=plan-option-2022]").TextContent);
        Assert.Contains("Đã kết thúc", popovers.Find("[data-testid=plan-option-2021]").TextContent);
    }

    [Fact]
    public void ChoosingAYearPutsItInTheUrlAndTheOverviewFollows()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/?period=2022-Q1");
        var popovers = Render<MudPopoverProvider>();
        var selector = Render<PlanSelector>();
        var overview = Render<Overview>();
        overview.WaitForAssertion(() => Assert.Equal("1", overview.Find("[data-testid=kpi-activities]").TextContent.Trim()), Patience);

        selector.WaitForElement("[data-testid=plan-selector-button]", Patience).Click();
        popovers.WaitForElement("[data-testid=plan-option-2021]", Patience).Click();

        // The year goes into the URL; the period of the other year is dropped for the new year's default.
        Assert.Equal("http://localhost/?plan=2021", navigation.Uri);
        selector.WaitForAssertion(() => Assert.Contains("Kế hoạch năm 2021", selector.Find("[data-testid=plan-selector-button]").TextContent), Patience);
        overview.WaitForAssertion(() => Assert.Equal("2", overview.Find("[data-testid=kpi-activities]").TextContent.Trim()), Patience);
        Assert.Contains("Năm 2021", overview.Find("[data-testid=overview-subtitle]").TextContent);
    }
}
