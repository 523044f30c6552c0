using CommsPlan.Core.Data;
using CommsPlan.Core.Monitoring;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Core.Reports;
using CommsPlan.Tests.Support;
using Microsoft.Extensions.Options;

namespace CommsPlan.Tests.Core.ReportingCycle;

/// <summary>
/// Completeness and timeliness on a seeded set of Quý I/2021 reports (due 19/3/2021): on the due day, a day late,
/// accepted, waiting, sent back; and how the overview's alerts and the consolidated workbook show them.
/// </summary>
public abstract class ReportingCompletenessTests(DatabaseProvider provider) : IAsyncLifetime
{
    private PeriodReportKit _kit = null!;
    private int _expected;

    public async Task InitializeAsync()
    {
        _kit = await PeriodReportKit.CreateAsync(provider);
        _expected = await _kit.ActiveAgencyCountAsync();
        await _kit.StoreAsync("STP", "2021-Q1", PeriodReportStatus.Accepted, new DateOnly(2021, 3, 19));   // on the due day
        await _kit.StoreAsync("DAITU", "2021-Q1", PeriodReportStatus.Submitted, new DateOnly(2021, 3, 20)); // a day late
        await _kit.StoreAsync("BAOTN", "2021-Q1", PeriodReportStatus.Accepted, new DateOnly(2021, 3, 15));
        // Sent on time, sent back, sent again late: still on time, judged on the first submission.
        await _kit.StoreAsync("SYT", "2021-Q1", PeriodReportStatus.Submitted, new DateOnly(2021, 3, 18), new DateOnly(2021, 4, 2));
        await _kit.StoreAsync("SNV", "2021-Q1", PeriodReportStatus.SentBack, new DateOnly(2021, 3, 16));
        await _kit.StoreAsync("STP", "2021-Q2", PeriodReportStatus.Accepted, new DateOnly(2021, 6, 16));
    }

    public async Task DisposeAsync() => await _kit.DisposeAsync();

    [Fact]
    public async Task TheSharesCountReportsInAndThoseInByTheDueDay()
    {
        var board = await _kit.Reports().GetBoardAsync(PeriodReportKit.Monitor);

        var q1 = board.Status.Periods[0];
        Assert.Equal(new DateOnly(2021, 3, 19), q1.DueDate);
        Assert.Equal(_expected, q1.Expected);
        Assert.Equal((2, 2, 1), (q1.Submitted, q1.Accepted, q1.SentBack));
        Assert.Equal(4, q1.In);
        Assert.Equal(3, q1.OnTime);
        Assert.Equal(1, q1.Late);
        Assert.Equal(4.0 / _expected, q1.InShare);
        Assert.Equal(3.0 / _expected, q1.OnTimeShare);
        Assert.Equal(1, board.Status.Periods[1].In);
        Assert.False(board.Status.Periods[3].IsDue);

        var stp = board.Status.Find(_kit.Agency("STP"), "2021-Q1")!;
        Assert.True(stp.IsInOnTime);
        Assert.True(board.Status.Find(_kit.Agency("DAITU"), "2021-Q1")!.IsInLate);
        Assert.True(board.Status.Find(_kit.Agency("SNV"), "2021-Q1")!.IsOverdue);
    }

    [Fact]
    public async Task ALongerDueDelayMakesTheLateReportOnTime()
    {
        var board = await _kit.Reports(dueDays: 6).GetBoardAsync(PeriodReportKit.Monitor);

        Assert.Equal(4, board.Status.Periods[0].OnTime);
    }

    [Fact]
    public async Task AnOfficerSeesOnlyItsOwnAgency()
    {
        var board = await _kit.Reports().GetBoardAsync(_kit.Officer("DAITU"));

        var row = Assert.Single(board.Status.Agencies);
        Assert.Equal("DAITU", row.Agency.Code);
        Assert.Equal(1, board.Status.Periods[0].Expected);
        Assert.Equal(0, board.Status.Periods[0].OnTime);
    }

    [Fact]
    public async Task TheOverviewAlertsNameAgenciesOverdueAndThoseStillInTime()
    {
        var queries = new OverviewService(_kit.Database.Factory, _kit.Time, Options.Create(new ReportingOptions()));

        var october = await queries.GetOverviewAsync(PeriodReportKit.Monitor, ReportingPeriods.DecreeQuarter(2021, 4));
        Assert.Empty(october.Alerts.ReportsNotSubmitted);
        Assert.Equal("Quý III/2021", Assert.Single(october.Alerts.ReportsOverdue, a => a.Agency.Code == "STP").PeriodTitles);
        Assert.Equal("Quý II/2021, Quý III/2021", Assert.Single(october.Alerts.ReportsOverdue, a => a.Agency.Code == "BAOTN").PeriodTitles);
        // Sent back counts as not in.
        Assert.Equal("Quý I/2021, Quý II/2021, Quý III/2021", Assert.Single(october.Alerts.ReportsOverdue, a => a.Agency.Code == "SNV").PeriodTitles);
        Assert.Equal(_expected, october.Alerts.ReportsOverdue.Count);

        _kit.SetToday(new DateOnly(2021, 9, 16)); // Quý III closed on 14/9, due 19/9
        var september = await queries.GetOverviewAsync(PeriodReportKit.Monitor, ReportingPeriods.DecreeQuarter(2021, 3));
        Assert.Equal(_expected, september.Alerts.ReportsNotSubmitted.Count);
        Assert.All(september.Alerts.ReportsNotSubmitted, a => Assert.Equal("Quý III/2021", a.PeriodTitles));
        Assert.DoesNotContain(september.Alerts.ReportsOverdue, a => a.Agency.Code == "STP");
        Assert.Equal("Quý II/2021", Assert.Single(september.Alerts.ReportsOverdue, a => a.Agency.Code == "DAITU").PeriodTitles);
    }

    [Fact]
    public async Task TheWorkbookShowsEachAgencysSubmissionAndTheNarrativeTheShares()
    {
        var builder = new ConsolidatedReportBuilder(_kit.Database.Factory,
            new OverviewService(_kit.Database.Factory, _kit.Time, Options.Create(new ReportingOptions())), _kit.Time);
        var output = new MemoryStream();
        await builder.WriteAsync(PeriodReportKit.Monitor, ReportingPeriods.DecreeHalfYear(2021), null, output);
        output.Position = 0;
        using var workbook = new ClosedXML.Excel.XLWorkbook(output);

        var sheet = workbook.Worksheet(ConsolidatedReportBuilder.AgenciesSheet);
        var header = sheet.CellsUsed(c => c.GetString() == "Báo cáo Quý I/2021").Single();
        Assert.Equal("Báo cáo Quý II/2021", sheet.Cell(header.Address.RowNumber, header.Address.ColumnNumber + 1).GetString());
        var stpRow = sheet.CellsUsed(c => c.GetString() == "Sở Tư pháp").Single().Address.RowNumber;
        Assert.Equal("Đã duyệt (gửi 19/3/2021)", sheet.Cell(stpRow, header.Address.ColumnNumber).GetString());
        Assert.Equal("Đã duyệt (gửi 16/6/2021)", sheet.Cell(stpRow, header.Address.ColumnNumber + 1).GetString());
        var snvRow = sheet.CellsUsed(c => c.GetString() == "Sở Nội vụ").Single().Address.RowNumber;
        Assert.Equal("Trả lại (gửi 16/3/2021)", sheet.Cell(snvRow, header.Address.ColumnNumber).GetString());

        var narrative = string.Join("\n", workbook.Worksheet(ConsolidatedReportBuilder.NarrativeSheet).CellsUsed().Select(c => c.GetString()));
        Assert.Contains("Tình hình gửi báo cáo định kỳ", narrative);
        Assert.Contains($"Quý I/2021 (hạn gửi ngày 19/3/2021): 4/{_expected} cơ quan, đơn vị đã gửi báo cáo", narrative);
        Assert.Contains("trong đó 3 gửi đúng hạn", narrative);
        Assert.Contains("1 báo cáo bị trả lại để bổ sung, chỉnh sửa.", narrative);
    }

    public sealed class OnSqlite() : ReportingCompletenessTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : ReportingCompletenessTests(DatabaseProvider.PostgreSQL), IOnPostgreSql;
}
