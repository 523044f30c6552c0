using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using CommsPlan.Core.Access;
using CommsPlan.Core.Activities;
using CommsPlan.Dashboard.Components.Pages.Compare;
using CommsPlan.Dashboard.Hosting;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;

namespace CommsPlan.Tests.Dashboard.Compare;

public sealed class CompareYearsPageTests : DashboardTestContext
{
    // Loads run on the thread pool against a real database: on a busy machine they take longer than bUnit's 1 s default.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2022, 10, 20, 3, 0, 0, TimeSpan.Zero));

    private BunitAuthorizationContext _auth = null!;

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(_time);
        services.AddScoped<UserContext>();
        _auth = AddAuthorization();
    }

    [Fact]
    public async Task WithOnePlanYearThePageSaysThereIsNothingToCompareYet()
    {
        await SignInAsync("giamsat", Roles.Monitor, null);

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Contains("mới có một kế hoạch đã ban hành", page.Find("[data-testid=compare-empty]").TextContent), Patience);
        Assert.Empty(page.FindAll("[data-testid=table-channels]"));
    }

    [Fact]
    public async Task TwoYearsShowSideBySideAndANewChannelHasAnEmptyEarlierCell()
    {
        await NextPlanYear.AddAsync(Database);
        await AddActivityAsync(2021, "STP", "BAO", 4);
        await AddActivityAsync(2022, "STP", "BAO", 5);
        await AddActivityAsync(2022, "STP", NextPlanYear.NewChannelCode, 3);
        await SignInAsync("giamsat", Roles.Monitor, null);

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=table-channels]")), Patience);
        Assert.Contains("Năm 2021", page.Find("[data-testid=compare-subtitle]").TextContent);
        var total = page.Find("[data-testid=summary-activities]").QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["Số hoạt động", "1", "2", "+1", "+100%"], total);
        var row = page.Find($"[data-testid=table-channels] tr[data-code={NextPlanYear.NewChannelCode}]");
        Assert.Contains("Chỉ có năm 2022", row.TextContent);
        Assert.Equal("", row.QuerySelector("td[data-year=base]")!.TextContent.Trim());
        Assert.Equal("1", row.QuerySelector("td[data-year=current]")!.TextContent.Trim());
        Assert.Contains("mới", row.TextContent);
        Assert.NotNull(page.Find("[data-testid=chart-compare-months]"));
    }

    [Fact]
    public async Task AnOfficerComparesOnlyItsOwnAgency()
    {
        await NextPlanYear.AddAsync(Database);
        await AddActivityAsync(2021, "STP", "BAO", 1);
        await AddActivityAsync(2022, "DAITU", "BAO", 1);
        await SignInAsync("tuphap", Roles.AgencyOfficer, "STP");

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=table-channels]")), Patience);
        page.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Theo đơn vị")).Click();
        Assert.Equal(["STP"], page.FindAll("[data-testid=table-agencies] tbody tr").Select(r => r.GetAttribute("data-code")));
        var total = page.Find("[data-testid=summary-activities]").QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["Số hoạt động", "1", "0", "−1", "−100%"], total);
        Assert.Empty(page.FindAll("[data-testid=scope-filter]"));
    }

    private IRenderedComponent<CompareYears> RenderPage()
    {
        // MudSelect needs a popover provider, as the layout gives it in the app.
        Render<MudPopoverProvider>();
        return Render<CompareYears>();
    }

    private async Task AddActivityAsync(int year, string agencyCode, string channelCode, int month)
    {
        await using var db = Database.CreateContext();
        var agency = await db.Agencies.SingleAsync(a => a.Code == agencyCode);
        var planId = await db.Plans.Where(p => p.Year == year).Select(p => p.Id).SingleAsync();
        var channel = await db.Channels.SingleAsync(c => c.Code == channelCode && c.FormGroup!.PlanId == planId);
        db.Activities.Add(new Activity
        {
            AgencyId = agency.Id, ChannelId = channel.Id, Title = $"Hoạt động {year} {Guid.NewGuid():N}", StartDate = new DateOnly(year, month, 10), Quantity = 2,
        });
        await db.SaveChangesAsync();
    }

    private async Task SignInAsync(string userName, string role, string? agencyCode)
    {
        _auth.SetAuthorized(userName);
        _auth.SetRoles(role);
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, $"id-{userName}") };
        if (agencyCode is not null)
        {
            await using var db = Database.CreateContext();
            var id = await db.Agencies.Where(a => a.Code == agencyCode).Select(a => a.Id).SingleAsync();
            claims.Add(new Claim(CommsPlanClaims.AgencyId, id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        _auth.SetClaims([.. claims]);
    }
}
