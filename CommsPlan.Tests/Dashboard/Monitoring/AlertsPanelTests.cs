using Bunit;
using CommsPlan.Core.Access;
using CommsPlan.Core.Monitoring;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Dashboard.Components.Pages.Monitoring;
using CommsPlan.Tests.Support;

namespace CommsPlan.Tests.Dashboard.Monitoring;

public sealed class AlertsPanelTests : ComponentTestContext
{
    [Fact]
    public void EachKindListsItsAgenciesWithLinksToTheirPages()
    {
        var panel = Render(Alerts(silent: 2, farBehind: 1, difficulties: 1));

        Assert.Contains("(2)", panel.Find("[data-testid=alert-silent]").TextContent);
        Assert.Equal(["/agencies/A1", "/agencies/A2"], panel.FindAll("[data-testid=alert-silent] a").Select(a => a.GetAttribute("href")));
        Assert.Equal("Hoạt động gần nhất: 01/09/2021", panel.Find("[data-testid=alert-silent] a").GetAttribute("title"));
        Assert.Contains("Cơ quan 1 (45%)", panel.Find("[data-testid=alert-far-behind]").TextContent);
        Assert.Contains("(gửi ngày 01/03/2021, đã 200 ngày)", panel.Find("[data-testid=alert-difficulties]").TextContent);
        Assert.Empty(panel.FindAll("[data-testid=alert-no-plan]"));
        Assert.Equal("4", panel.Find(".mud-chip").TextContent.Trim());
    }

    [Fact]
    public void ALongListShowsTheFirstSixAndTheRestOnDemand()
    {
        var panel = Render(Alerts(silent: 9));

        Assert.Equal(6, panel.FindAll("[data-testid=alert-silent] a").Count);
        panel.Find("[data-testid=alert-silent] button").Click();
        Assert.Equal(9, panel.FindAll("[data-testid=alert-silent] a").Count);
        Assert.Contains("Thu gọn", panel.Find("[data-testid=alert-silent] button").TextContent);
    }

    [Fact]
    public void NoAlertsSaysEveryAgencyIsOnTrack()
    {
        var panel = Render(Alerts());

        Assert.Contains("Không có cảnh báo", panel.Markup);
        Assert.Empty(panel.FindAll("a"));
    }

    [Fact]
    public void AMonitorGetsOneDonDocPerOverduePeriodAndItNamesThePeriod()
    {
        ReportingPeriod? urged = null;
        var q1 = ReportingPeriods.DecreeQuarter(2021, 1);
        var q3 = ReportingPeriods.DecreeQuarter(2021, 3);
        var alerts = Alerts() with { ReportsOverdue = [Overdue(1, q3, q1), Overdue(2, q3)] };

        var panel = Render<AlertsPanel>(p => p.Add(a => a.Alerts, alerts).Add(a => a.AgencyHref, code => "/agencies/" + code)
            .Add(a => a.OnUrge, (ReportingPeriod period) => urged = period));

        var buttons = panel.FindAll("[data-testid=alert-reports-overdue] button[data-testid^=alert-urge-]");
        Assert.Equal(["alert-urge-2021-Q1", "alert-urge-2021-Q3"], buttons.Select(b => b.GetAttribute("data-testid")));
        Assert.Contains("Đôn đốc Quý III/2021", buttons[1].TextContent);
        panel.Find("[data-testid=alert-urge-2021-Q3]").Click();
        Assert.Equal("2021-Q3", urged?.Key);
    }

    [Fact]
    public void WithoutTheRightToUrgeTheOverdueListHasNoDonDoc()
    {
        var alerts = Alerts() with { ReportsOverdue = [Overdue(1, ReportingPeriods.DecreeQuarter(2021, 3))] };

        var panel = Render(alerts);

        Assert.Contains("Cơ quan 1", panel.Find("[data-testid=alert-reports-overdue]").TextContent);
        Assert.Empty(panel.FindAll("[data-testid^=alert-urge-]"));
    }

    private static PendingReportAlert Overdue(int agency, params ReportingPeriod[] periods) => new(Agency(agency),
        [.. periods.Select(p => new PeriodReportCell(agency, p, PeriodReportStatus.NotSent, p.DueDate(5), null, null, null, null, null, null, 0,
            new DateOnly(2021, 10, 20)))]);

    private IRenderedComponent<AlertsPanel> Render(MonitoringAlerts alerts) =>
        Render<AlertsPanel>(p => p.Add(a => a.Alerts, alerts).Add(a => a.AgencyHref, code => "/agencies/" + code));

    private static MonitoringAlerts Alerts(int silent = 0, int farBehind = 0, int difficulties = 0) => new(
        WithoutUnitPlan: [],
        Silent: [.. Enumerable.Range(1, silent).Select(i => new SilentAgencyAlert(Agency(i), new DateOnly(2021, 9, 1)))],
        FarBehind: [.. Enumerable.Range(1, farBehind).Select(i => new FarBehindAlert(Agency(i), 0.45))],
        StaleDifficulties: [.. Enumerable.Range(1, difficulties).Select(i => new DifficultyAlert(i, Agency(i), "Thiếu kinh phí", new DateOnly(2021, 3, 1), 200))],
        ReportsNotSubmitted: [],
        ReportsOverdue: []);

    private static AgencyRef Agency(int i) => new(i, $"A{i}", $"Cơ quan {i}", AgencyKind.Department, i);
}
