using Bunit;
using CommsPlan.Core.Access;
using CommsPlan.Core.Monitoring;
using CommsPlan.Core.UnitPlans;
using CommsPlan.Dashboard.Components.Pages.Monitoring;
using CommsPlan.Tests.Support;

namespace CommsPlan.Tests.Dashboard.Monitoring;

public sealed class AgencyProgressTableTests : ComponentTestContext
{
    private static readonly AgencyProgress[] Agencies =
    [
        Progress(1, "STP", "Sở Tư pháp", AgencyKind.Department, activities: 5, ratio: 0.9, ProgressStatus.Behind, UnitPlanStatus.OnTime),
        Progress(2, "SNV", "Sở Nội vụ", AgencyKind.Department, activities: 12, ratio: 0.4, ProgressStatus.FarBehind, UnitPlanStatus.Late),
        Progress(3, "DAITU", "UBND huyện Đại Từ", AgencyKind.DistrictCommittee, activities: 7, ratio: null, ProgressStatus.NoTarget, UnitPlanStatus.Missing),
        Progress(4, "DONGHY", "UBND huyện Đồng Hỷ", AgencyKind.DistrictCommittee, activities: 30, ratio: 1.2, ProgressStatus.OnTrack, UnitPlanStatus.OnTime),
    ];

    [Fact]
    public void RowsAreGroupedByAgencyGroupInThePlansOrder()
    {
        var table = Render();

        Assert.Equal(["STP", "SNV", "DAITU", "DONGHY"], AgencyCodes(table));
        Assert.Equal(["Sở, ban, ngành (2 đơn vị)", "UBND cấp huyện (2 đơn vị)"],
            table.FindAll("tr.agency-group-header").Select(r => r.TextContent.Trim()));
        Assert.Equal("ascending", SortOf(table, "Agency"));
    }

    [Fact]
    public void AHeaderSortsAscendingThenDescendingThenBackToThePlansOrderWithinEachGroup()
    {
        var table = Render();

        table.Find("[data-sort=Activities]").Click();
        Assert.Equal(["STP", "SNV", "DAITU", "DONGHY"], AgencyCodes(table));
        Assert.Equal("ascending", SortOf(table, "Activities"));

        table.Find("[data-sort=Activities]").Click();
        Assert.Equal(["SNV", "STP", "DONGHY", "DAITU"], AgencyCodes(table));
        Assert.Equal("descending", SortOf(table, "Activities"));

        table.Find("[data-sort=Activities]").Click();
        Assert.Equal(["STP", "SNV", "DAITU", "DONGHY"], AgencyCodes(table));
        Assert.Equal("none", SortOf(table, "Activities"));
        Assert.Equal("ascending", SortOf(table, "Agency"));
    }

    [Fact]
    public void ProgressSortsAgenciesWithoutTargetsFirst()
    {
        var table = Render();

        table.Find("[data-sort=Progress]").Click();

        Assert.Equal(["SNV", "STP", "DAITU", "DONGHY"], AgencyCodes(table));
    }

    [Fact]
    public void EachRowShowsItsStatusesAndAProgressBarOnlyWhereThereIsATarget()
    {
        var table = Render();

        var daitu = table.Find("td[data-agency=DAITU]").ParentElement!;
        Assert.Equal("Missing", daitu.QuerySelector("[data-testid=unit-plan-status]")!.GetAttribute("data-status"));
        Assert.Equal("NoTarget", daitu.QuerySelectorAll("[data-status]").Last().GetAttribute("data-status"));
        Assert.Null(daitu.QuerySelector("[role=progressbar]"));

        var snv = table.Find("td[data-agency=SNV]").ParentElement!;
        var bar = snv.QuerySelector("[role=progressbar]")!;
        Assert.Equal("40", bar.GetAttribute("aria-valuenow"));
        Assert.Contains("mud-progress-linear-color-error", bar.ClassName);
        Assert.Contains("40", snv.TextContent);
        Assert.Equal("/agencies/SNV", snv.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public void AnEmptyScopeSaysSo()
    {
        var table = Render<AgencyProgressTable>(p => p
            .Add(t => t.Agencies, [])
            .Add(t => t.AgencyHref, code => "/agencies/" + code)
            .Add(t => t.AsOf, new DateOnly(2021, 10, 20)));

        Assert.Contains("Không có đơn vị nào trong phạm vi này.", table.Markup);
    }

    [Fact]
    public void AnAgencysNameIsShownAsTextEvenThoughTheRowsAreRenderedToHtml()
    {
        var table = Render<AgencyProgressTable>(p => p
            .Add(t => t.Agencies, [Progress(9, "X&Y", "Sở <b>Mới</b> & Cũ", AgencyKind.Department, 1, 0.5, ProgressStatus.FarBehind, UnitPlanStatus.OnTime)])
            .Add(t => t.AgencyHref, code => "/agencies/" + Uri.EscapeDataString(code))
            .Add(t => t.AsOf, new DateOnly(2021, 10, 20)));

        var link = table.Find("td[data-agency] a");
        Assert.Equal("Sở <b>Mới</b> & Cũ", link.TextContent);
        Assert.Empty(link.QuerySelectorAll("b"));
        Assert.Equal("/agencies/X%26Y", link.GetAttribute("href"));
        Assert.Equal("X&Y", table.Find("td[data-agency]").GetAttribute("data-agency"));
    }

    private IRenderedComponent<AgencyProgressTable> Render() =>
        Render<AgencyProgressTable>(p => p
            .Add(t => t.Agencies, Agencies)
            .Add(t => t.AgencyHref, code => "/agencies/" + code)
            .Add(t => t.AsOf, new DateOnly(2021, 10, 20)));

    private static IEnumerable<string?> AgencyCodes(IRenderedComponent<AgencyProgressTable> table) =>
        table.FindAll("td[data-agency]").Select(c => c.GetAttribute("data-agency"));

    private static string? SortOf(IRenderedComponent<AgencyProgressTable> table, string column) =>
        table.Find($"[data-sort={column}]").ParentElement!.GetAttribute("aria-sort");

    private static AgencyProgress Progress(int id, string code, string name, AgencyKind kind, int activities, double? ratio,
        ProgressStatus status, UnitPlanStatus unitPlan) =>
        new(new AgencyRef(id, code, name, kind, id), IsActive: true, activities, Cost: 0, new DateOnly(2021, 10, id),
            unitPlan, Channels: [], ratio, TargetShare: null, status);
}
