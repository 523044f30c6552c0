using System.Text.Json.Nodes;
using ClosedXML.Excel;
using CommsPlan.Core.Access;
using CommsPlan.Core.Api;
using CommsPlan.Core.Common;
using CommsPlan.Core.Monitoring;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Core.Reports;
using CommsPlan.Tests.Core.Reports;
using CommsPlan.Tests.Support;

namespace CommsPlan.Tests.Core.Api;

/// <summary>
/// The API's indicators are the overview's figures and the workbook's Tổng hợp (and Theo đơn vị) for the same period
/// and caller, on both engines: read through <see cref="IndicatorService"/>, through <see cref="OverviewService"/>
/// directly, and from the written workbook's cells.
/// </summary>
public abstract class IndicatorServiceTests(ReportSeed seed)
{
    private IndicatorService Service() => new(new OverviewService(seed.Database.Factory, seed.Time), ReportWorkbook.Builder(seed),
        new AgencyDirectory(seed.Database.Factory));

    private CurrentUser User(string who) => who switch
    {
        "monitor" => ActingUsers.Monitor,
        "viewer" => ActingUsers.Viewer,
        _ => ActingUsers.Officer(seed.AgencyIds[who], who.ToLowerInvariant()),
    };

    [Theory]
    [InlineData("monitor", "2021-Q1", null)]
    [InlineData("viewer", "2021-Q2", null)]
    [InlineData("viewer", "2021-Y", "DAITU")]
    [InlineData("monitor", "2021-M02", "stp")]
    [InlineData("STP", "2021-Q1", null)]
    [InlineData("DAITU", "2021-Q2", null)]
    public async Task EqualTheOverviewAndTheWorkbooksTongHopAndTheoDonVi(string who, string periodKey, string? agency)
    {
        var user = User(who);
        var period = ReportingPeriods.Parse(periodKey);
        var scope = agency is null ? MonitoringScope.Province : MonitoringScope.ForAgency(agency);

        var indicators = await Service().GetAsync(user, period, null, agency);
        var overview = await new OverviewService(seed.Database.Factory, seed.Time).GetOverviewAsync(user, period, scope, 2021);
        using var workbook = await ReportWorkbook.WriteAsync(seed, user, period, scope);

        Assert.Equal(2021, indicators.Plan);
        Assert.Equal((period.Key, period.From, period.To), (indicators.Period.Key, indicators.Period.From, indicators.Period.To));
        Assert.Equal(Kpis(overview.Kpis), Kpis(indicators.Kpis));
        Assert.Equal(overview.ProvinceKpis is null ? null : Kpis(overview.ProvinceKpis), indicators.ProvinceKpis is null ? null : Kpis(indicators.ProvinceKpis));
        Assert.Equal(overview.ByChannel.Select(c => (c.Code, c.Activities, c.Quantity, c.SecondMeasure, c.Cost)),
            indicators.FormGroups.SelectMany(g => g.Channels).Select(c => (c.Code, c.Activities, c.Quantity, c.SecondMeasure, c.Cost)));
        Assert.Equal(overview.Agencies.Select(a => (a.Agency.Code, a.Activities, a.Cost, a.Status.ToString(), a.UnitPlan?.ToString())),
            indicators.Agencies.Select(a => (a.Code, a.Activities, a.Cost, a.Progress, a.UnitPlanStatus)));
        Assert.Equal(overview.Reporting.Periods.Select(p => (p.Period.Key, p.Expected, p.In, p.OnTime)),
            indicators.Reporting.Select(p => (p.PeriodKey, p.Expected, p.In, p.OnTime)));
        SummarySheet.AssertMatches(workbook.Sheet(ConsolidatedReportBuilder.SummarySheet), indicators);
        SummarySheet.AssertAgenciesMatch(workbook.Sheet(ConsolidatedReportBuilder.AgenciesSheet), indicators);
        // Something was counted: a comparison of empty tables would prove nothing.
        Assert.True(indicators.Kpis.Activities > 0);
    }

    [Fact]
    public async Task AnOfficerGetsItsOwnAgencyWithTheProvincesHeadlineFigures()
    {
        var period = ReportingPeriods.DecreeQuarter(2021, 1);

        var officer = await Service().GetAsync(User("STP"), period, null, null);
        var province = await Service().GetAsync(ActingUsers.Viewer, period, null, null);

        Assert.True(officer.Scope.OwnAgencyOnly);
        Assert.Equal("STP", officer.Scope.AgencyCode);
        Assert.Equal("STP", Assert.Single(officer.Agencies).Code);
        Assert.Equal(Kpis(province.Kpis), Kpis(officer.ProvinceKpis!));
        Assert.Null(province.ProvinceKpis);
        Assert.True(province.Agencies.Count > 20);
        Assert.True(officer.Kpis.Activities < province.Kpis.Activities);
    }

    [Fact]
    public async Task AnotherAgencyIsNotFoundForAnOfficerAndAnUnknownOneForAnyone()
    {
        var period = ReportingPeriods.DecreeQuarter(2021, 1);

        var other = await Assert.ThrowsAsync<NotFoundException>(() => Service().GetAsync(User("STP"), period, null, "DAITU"));
        var unknown = await Assert.ThrowsAsync<NotFoundException>(() => Service().GetAsync(ActingUsers.Viewer, period, null, "KHONGCO"));

        Assert.Contains("tham số agency", other.Message);
        Assert.Equal(other.Message.Replace("DAITU", "KHONGCO"), unknown.Message);
    }

    [Fact]
    public async Task AYearWithoutAnIssuedPlanIsRefused()
    {
        await Assert.ThrowsAsync<BusinessRuleException>(() =>
            Service().GetAsync(ActingUsers.Viewer, ReportingPeriods.DecreeQuarter(2021, 1), 2030, null));
    }

    private static long[] Kpis(KpiFigures k) =>
        [k.Activities, k.MassMediaItems, k.Events, k.EventParticipants, k.Documents, k.DocumentCopies, k.PrintCopies, k.VisualItems,
         k.AgenciesReported, k.ActiveAgencies, k.UnitPlansRequired, k.UnitPlansOnTime, k.UnitPlansLate, k.UnitPlansMissing, k.UnitPlansNotDue, k.TotalCost];

    private static long[] Kpis(ApiKpis k) =>
        [k.Activities, k.MassMediaItems, k.Events, k.EventParticipants, k.Documents, k.DocumentCopies, k.PrintCopies, k.VisualItems,
         k.AgenciesReported, k.ActiveAgencies, k.UnitPlansRequired, k.UnitPlansOnTime, k.UnitPlansLate, k.UnitPlansMissing, k.UnitPlansNotDue, k.TotalCost];

    public sealed class OnSqlite(ReportSeed.OnSqlite seed) : IndicatorServiceTests(seed), IClassFixture<ReportSeed.OnSqlite>;

    public sealed class OnPostgreSql(ReportSeed.OnPostgreSql seed) : IndicatorServiceTests(seed), IClassFixture<ReportSeed.OnPostgreSql>, IOnPostgreSql;
}

/// <summary>Reads the workbook's Tổng hợp and Theo đơn vị back and compares them with the API's indicators, cell by cell.</summary>
internal static class SummarySheet
{
    /// <summary>The channel table row by row (groups, channels, total), then the key figures under it.</summary>
    public static void AssertMatches(IXLWorksheet sheet, ApiIndicators indicators)
    {
        var rows = ReportWorkbook.BodyRows(sheet, ReportWorkbook.TableTop + 2);
        var row = 0;
        foreach (var group in indicators.FormGroups)
        {
            var groupRow = rows[row++];
            Assert.Equal($"{group.Name} ({group.Code})", groupRow.Cell(2).GetString());
            Assert.Equal((group.Activities, group.Cost), (groupRow.Cell(4).GetValue<int>(), groupRow.Cell(8).GetValue<long>()));
            foreach (var channel in group.Channels)
            {
                var cells = rows[row++];
                Assert.Equal((channel.Name, channel.Unit), (cells.Cell(2).GetString(), cells.Cell(3).GetString()));
                Assert.Equal((channel.Activities, channel.Quantity, channel.Cost),
                    (cells.Cell(4).GetValue<int>(), cells.Cell(5).GetValue<long>(), cells.Cell(8).GetValue<long>()));
                Assert.Equal(channel.SecondMeasureLabel is null ? 0 : channel.SecondMeasure, cells.Cell(7).IsEmpty() ? 0 : cells.Cell(7).GetValue<long>());
            }
        }
        var total = rows[row];
        Assert.Equal("TỔNG CỘNG", total.Cell(2).GetString());
        Assert.Equal((indicators.Kpis.Activities, indicators.Kpis.TotalCost), (total.Cell(4).GetValue<int>(), total.Cell(8).GetValue<long>()));

        // The key figures, in the order of the overview's cards, under the table's title.
        var first = total.RowNumber() + 4;
        var k = indicators.Kpis;
        long[] expected = [k.Activities, k.MassMediaItems, k.Events, k.EventParticipants, k.Documents, k.DocumentCopies, k.PrintCopies,
            k.VisualItems, k.AgenciesReported, k.ActiveAgencies, k.UnitPlansOnTime, k.UnitPlansLate, k.UnitPlansMissing, k.TotalCost];
        Assert.Equal("CÁC CHỈ SỐ CHÍNH TRONG KỲ", sheet.Cell(first - 2, 1).GetString());
        Assert.Equal(expected, Enumerable.Range(first, expected.Length).Select(r => sheet.Cell(r, 4).GetValue<long>()));
        Assert.Equal("Tổng kinh phí", sheet.Cell(first + expected.Length - 1, 2).GetString());
    }

    /// <summary>Each agency's activities and cost on Theo đơn vị, found by its name.</summary>
    public static void AssertAgenciesMatch(IXLWorksheet sheet, ApiIndicators indicators)
    {
        var totalColumn = 3 + indicators.FormGroups.Count;
        var costColumn = totalColumn + 1 + indicators.FormGroups.Sum(g => g.Channels.Count);
        var rows = ReportWorkbook.BodyRows(sheet, ReportWorkbook.TableTop + 2);
        foreach (var agency in indicators.Agencies)
        {
            var name = agency.Active ? agency.Name : $"{agency.Name} (ngừng hoạt động)";
            var row = rows.Single(r => r.Cell(2).GetString() == name);
            Assert.Equal((agency.Activities, agency.Cost), (row.Cell(totalColumn).GetValue<int>(), row.Cell(costColumn).GetValue<long>()));
        }
        Assert.Equal(indicators.Agencies.Count, rows.Count(r => r.Cell(1).GetString() is { Length: > 0 } n && char.IsAsciiDigit(n[0])));
    }

    /// <summary>The same comparison from the JSON an HTTP client received.</summary>
    public static void AssertMatches(IXLWorksheet sheet, JsonNode indicators) =>
        AssertMatches(sheet, System.Text.Json.JsonSerializer.Deserialize<ApiIndicators>(indicators, System.Text.Json.JsonSerializerOptions.Web)!);
}
