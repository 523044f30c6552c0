using CommsPlan.Core.Access;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Changes;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Core.Data.Seeding;
using CommsPlan.Core.Monitoring;
using CommsPlan.Core.Plans;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Core.UnitPlans;
using CommsPlan.Dashboard.Components.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CommsPlan.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class MonitoringBrowserTests(AppFixture app)
{
    /// <summary>A first page load queries a year of data on a machine shared with other builds: allow it time.</summary>
    private const float FirstLoad = 30_000;

    [Fact]
    public async Task TheOverviewCountsAnActivityLoggedInAnotherBrowserWithoutAReload()
    {
        await SeedShowcaseAsync();
        var monitor = await app.LoginAsync("giamsat");
        var officer = await app.LoginAsync("tuphap");
        var kpi = monitor.GetByTestId("kpi-activities");
        await Assertions.Expect(kpi).ToBeVisibleAsync(new() { Timeout = FirstLoad });
        var before = ParseNumber(await kpi.InnerTextAsync());
        // A marker that a reload would wipe out.
        await monitor.EvaluateAsync("() => window.__notReloaded = true");

        await LogActivityAsOfficerAsync("tuphap", "STP", $"Tuyên truyền trực tiếp {Guid.NewGuid():N}");

        await Assertions.Expect(kpi).ToHaveTextAsync(Vn.Number(before + 1));
        Assert.True(await monitor.EvaluateAsync<bool>("() => window.__notReloaded === true"));
        await Assertions.Expect(officer.GetByTestId("kpi-activities")).Not.ToHaveTextAsync("");
        await monitor.Context.CloseAsync();
        await officer.Context.CloseAsync();
    }

    [Fact]
    public async Task AnOfficerSeesItsOwnAgencyAndOnlyProvinceTotals()
    {
        await SeedShowcaseAsync();
        var officer = await app.LoginAsync("tuphap");

        await Assertions.Expect(officer.GetByTestId("overview-subtitle")).ToContainTextAsync("Sở Tư pháp", new() { Timeout = FirstLoad });
        await Assertions.Expect(officer.GetByTestId("province-line").First).ToContainTextAsync("Toàn tỉnh:");
        var rows = officer.GetByTestId("agency-progress").Locator("td[data-agency]");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-agency", "STP");
        await Assertions.Expect(officer.GetByTestId("scope-filter")).ToHaveCountAsync(0);

        await app.GotoAsync(officer, "/agencies/DAITU");
        await Assertions.Expect(officer.GetByTestId("agency-not-found")).ToBeVisibleAsync();
        await officer.Context.CloseAsync();
    }

    [Fact]
    public async Task TheMonitorPicksAPeriodAndOpensAnAgencyFromTheProgressTable()
    {
        await SeedShowcaseAsync();
        var monitor = await app.LoginAsync("giamsat");

        // The default period is the Decree quarter of the demo's today, 20/10/2021.
        await Assertions.Expect(monitor.GetByTestId("overview-subtitle")).ToContainTextAsync("Quý IV/2021 (15/9 – 14/12/2021)", new() { Timeout = FirstLoad });
        await Assertions.Expect(monitor.GetByTestId("agency-progress")).ToContainTextAsync("UBND cấp huyện");
        await Assertions.Expect(monitor.GetByTestId("alerts")).ToContainTextAsync("Chưa ban hành kế hoạch đơn vị");
        await Assertions.Expect(monitor.Locator("[data-testid=chart-months] svg").First).ToBeVisibleAsync();
        await AppFixture.ScreenshotAsync(monitor, "overview");
        await monitor.GetByRole(AriaRole.Tab, new() { Name = "Mục đích × đơn vị" }).ClickAsync();
        await Assertions.Expect(monitor.GetByTestId("coverage-objectives").Locator("td[data-gap=true]").First).ToHaveTextAsync("Chưa có hoạt động");

        await monitor.GetByTestId("period-key").ClickAsync();
        await monitor.GetByRole(AriaRole.Option, new() { Name = "Quý III/2021 (15/6 – 14/9/2021)" }).ClickAsync();
        await Assertions.Expect(monitor).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("period=2021-Q3"));
        await Assertions.Expect(monitor.GetByTestId("overview-subtitle")).ToContainTextAsync("Quý III/2021");

        await monitor.GetByTestId("agency-progress").GetByRole(AriaRole.Link, new() { Name = "UBND huyện Đại Từ" }).ClickAsync();
        await Assertions.Expect(monitor).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/agencies/DAITU\\?period=2021-Q3"));
        await Assertions.Expect(monitor.Locator("h1")).ToHaveTextAsync("UBND huyện Đại Từ");
        // What the page must show is what the query service says about Đại Từ in that quarter.
        var monitoring = app.Services.GetRequiredService<AgencyDetailService>();
        var q3 = ReportingPeriods.DecreeQuarter(2021, 3);
        var daitu = await monitoring.GetAgencyDetailAsync(CurrentUser.System, "DAITU", q3);
        var latest = (await monitoring.GetAgencyActivitiesAsync(CurrentUser.System, "DAITU", q3, 0, 1)).Items.Single();
        await Assertions.Expect(monitor.GetByTestId("agency-unit-plan")).ToContainTextAsync(daitu.UnitPlan!.Compliance.StatusName);
        await Assertions.Expect(monitor.GetByTestId("agency-kpi-activities")).ToHaveTextAsync(Vn.Number(daitu.Kpis.Activities));
        await Assertions.Expect(monitor.GetByTestId("agency-activities")).ToContainTextAsync(latest.Title);
        await AppFixture.ScreenshotAsync(monitor, "agency");
        await monitor.Context.CloseAsync();
    }

    [Fact]
    public async Task ACustomRangeChosenWithTwoDatesGoesIntoTheUrl()
    {
        var monitor = await app.LoginAsync("lanhdao");
        await Assertions.Expect(monitor.GetByTestId("kpi-activities")).ToBeVisibleAsync(new() { Timeout = FirstLoad });

        await monitor.GetByTestId("period-group").ClickAsync();
        await monitor.GetByRole(AriaRole.Option, new() { Name = "Khoảng thời gian tùy chọn" }).ClickAsync();
        await monitor.GetByTestId("period-from").FillAsync("01/07/2021");
        await monitor.GetByTestId("period-from").PressAsync("Tab");
        await monitor.GetByTestId("period-to").FillAsync("31/07/2021");
        await monitor.GetByTestId("period-to").PressAsync("Tab");
        await monitor.GetByTestId("period-apply").ClickAsync();

        await Assertions.Expect(monitor).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("period=custom(:|%3A)2021-07-01(:|%3A)2021-07-31"));
        await Assertions.Expect(monitor.GetByTestId("overview-subtitle")).ToContainTextAsync("Từ ngày 01/7/2021 đến ngày 31/7/2021");
        await monitor.Context.CloseAsync();
    }

    private static long ParseNumber(string text) => long.Parse(text.Replace(".", "", StringComparison.Ordinal).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>What the activity form does: save in the officer's name, then tell open pages.</summary>
    private async Task LogActivityAsOfficerAsync(string userName, string agencyCode, string title)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<CommsPlanDbContext>>();
        var time = app.Services.GetRequiredService<TimeProvider>();
        var agencyId = await AgencyIdAsync(factory, agencyCode);
        var officer = new CurrentUser($"e2e-{userName}", userName, [Roles.AgencyOfficer], agencyId);
        await using (var db = await factory.CreateForAsync(officer, time))
        {
            // The current plan's channel: the demo also holds next year's draft, with its own WEB.
            var planId = (await PlanPeriod.FindCurrentAsync(db, time.Today()))!.PlanId;
            var channel = await db.Channels.SingleAsync(c => c.Code == "WEB" && c.FormGroup!.PlanId == planId);
            db.Activities.Add(new Activity { AgencyId = agencyId, ChannelId = channel.Id, Title = title, StartDate = time.Today(), Quantity = 1 });
            await db.SaveChangesAsync();
        }
        app.Services.GetRequiredService<IDataChangeNotifier>().NotifyChanged(new DataChange("Activity", agencyId));
    }

    private static async Task<int> AgencyIdAsync(IDbContextFactory<CommsPlanDbContext> factory, string code)
    {
        await using var db = await factory.CreateDbContextAsync();
        return await db.Agencies.Where(a => a.Code == code).Select(a => a.Id).SingleAsync();
    }

    private static readonly SemaphoreSlim SeedOnce = new(1, 1);
    private static readonly HashSet<Uri> Seeded = [];

    /// <summary>
    /// The demo year, as the app seeds it in demo mode, so the charts, the progress table and the screenshots show
    /// what users will see; when other tests already logged activities first, a smaller year of our own instead.
    /// </summary>
    private async Task SeedShowcaseAsync()
    {
        await SeedOnce.WaitAsync();
        try
        {
            if (Seeded.Contains(app.BaseAddress)) return;
            var factory = app.Services.GetRequiredService<IDbContextFactory<CommsPlanDbContext>>();
            var time = app.Services.GetRequiredService<TimeProvider>();
            await DemoDataSeeder.SeedAsync(factory, time); // does nothing once any activity exists
            await using var db = await factory.CreateForAsync(CurrentUser.System, time);
            if (!await db.UnitPlans.AnyAsync())
            {
                // The current plan's catalogue: the demo also holds next year's draft, with the same codes.
                var planId = (await PlanPeriod.FindCurrentAsync(db, time.Today()))!.PlanId;
                AddShowcaseYear(db, await db.Agencies.ToDictionaryAsync(a => a.Code),
                    await db.Channels.Where(c => c.FormGroup!.PlanId == planId).ToDictionaryAsync(c => c.Code),
                    await db.Objectives.Where(o => o.PlanId == planId).ToDictionaryAsync(o => o.Code),
                    await db.Themes.Where(t => t.PlanId == planId).ToDictionaryAsync(t => t.Code), planId);
                await db.SaveChangesAsync();
            }
            Seeded.Add(app.BaseAddress);
        }
        finally
        {
            SeedOnce.Release();
        }
        app.Services.GetRequiredService<IDataChangeNotifier>().NotifyChanged(new DataChange("Activity", null));
    }

    private static void AddShowcaseYear(CommsPlanDbContext db, Dictionary<string, Agency> agencies, Dictionary<string, Channel> channels,
        Dictionary<string, Objective> objectives, Dictionary<string, ContentTheme> themes, int planId)
    {
        var random = new Random(20);
        string[] codes = ["STP", "SNV", "SYT", "STTTT", "TTPVHCC", "DAITU", "TPTN", "PHUBINH", "DINHHOA", "BAOTN", "DAIPTTH"];
        var channelList = channels.Values.OrderBy(c => c.SortOrder).ToList();
        for (var i = 0; i < 260; i++)
        {
            var channel = channelList[random.Next(channelList.Count)];
            db.Activities.Add(new Activity
            {
                AgencyId = agencies[codes[random.Next(codes.Length)]].Id,
                ChannelId = channel.Id,
                Title = $"{channel.Name} về cải cách TTHC số {i + 1}",
                StartDate = new DateOnly(2021, 1, 4).AddDays(random.Next(0, 289)),
                Quantity = channel.Code is "TOROI" or "APPHICH" ? random.Next(200, 3000) : random.Next(1, 12),
                SecondMeasure = channel.SecondMeasureLabel is null ? null : random.Next(20, 300),
                Cost = random.Next(3) == 0 ? null : random.Next(1, 40) * 250_000L,
                Objectives = [.. new[] { "MD1", "MD2", "MD3" }.Where(_ => random.Next(2) == 0).Select(c => objectives[c])],
                Themes = [.. new[] { "ND1", "ND2", "ND3" }.Where(_ => random.Next(2) == 0).Select(c => themes[c])],
            });
        }
        UnitPlanTarget Target(string code, int quantity) => new() { ChannelId = channels[code].Id, Quantity = quantity };
        db.UnitPlans.AddRange(
            new UnitPlan { PlanId = planId, AgencyId = agencies["STP"].Id, DocumentNumber = "15/KH-STP", IssuedOn = new DateOnly(2021, 3, 10), Targets = [Target("WEB", 20), Target("HOINGHI", 3), Target("TOROI", 2000)] },
            new UnitPlan { PlanId = planId, AgencyId = agencies["SNV"].Id, DocumentNumber = "22/KH-SNV", IssuedOn = new DateOnly(2021, 3, 25), Targets = [Target("CONG", 10), Target("TAPHUAN", 2)] },
            new UnitPlan { PlanId = planId, AgencyId = agencies["TPTN"].Id, DocumentNumber = "40/KH-UBND", IssuedOn = new DateOnly(2021, 3, 30), Targets = [Target("TTCS", 40), Target("BANGRON", 30)] },
            new UnitPlan { PlanId = planId, AgencyId = agencies["DAITU"].Id, DocumentNumber = "31/KH-UBND", IssuedOn = new DateOnly(2021, 4, 12), Targets = [Target("TTCS", 60), Target("HOINGHI", 6), Target("PANO", 10)] });
    }
}
