using ClosedXML.Excel;
using CommsPlan.Core.Access;
using CommsPlan.Core.Monitoring;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Core.Reports;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommsPlan.Tests.Core.Compare;

/// <summary>The consolidated workbook's So sánh cùng kỳ sheet, read back with ClosedXML.</summary>
public abstract class SamePeriodSheetTests(CompareSeed seed)
{
    private const int FirstRow = 12;
    private const int Activities = ConsolidatedWorkbook.SameActivities;
    private const int Quantity = ConsolidatedWorkbook.SameQuantity;
    private const int Cost = ConsolidatedWorkbook.SameCost;

    // January to September 2022: inside the 2022 plan's period, so the overview the workbook also holds reads one plan.
    private static readonly ReportingPeriod NineMonths = ReportingPeriods.Custom(new DateOnly(2022, 1, 1), new DateOnly(2022, 9, 30));

    private Task<XLWorkbook> WriteAsync(ReportingPeriod period) => WriteAsync(seed.Database, seed.Time, period);

    private static async Task<XLWorkbook> WriteAsync(TestDatabase database, TimeProvider time, ReportingPeriod period)
    {
        var factory = database.Factory;
        var builder = new ConsolidatedReportBuilder(factory, new OverviewService(factory, time), time,
            Options.Create(new ReportingOptions { DueDays = CompareSeed.DueDays }));
        var output = new MemoryStream();
        await builder.WriteAsync(ActingUsers.Monitor, period, MonitoringScope.Province, output);
        output.Position = 0;
        return new XLWorkbook(output);
    }

    /// <summary>The sheet's rows by the text in column B (channel, form group or total).</summary>
    private static Dictionary<string, IXLRow> Rows(IXLWorksheet sheet) =>
        Enumerable.Range(FirstRow, sheet.LastRowUsed().RowNumber() - FirstRow + 1)
            .Select(sheet.Row)
            .Where(r => !r.Cell(2).IsEmpty())
            .ToDictionary(r => r.Cell(2).GetString());

    [Fact]
    public async Task ThePeriodIsSetAgainstTheSameDaysOfThePreviousPlanYearChannelByChannel()
    {
        var period = NineMonths;
        using var workbook = await WriteAsync(period);

        Assert.Equal(ConsolidatedReportBuilder.SheetNames, workbook.Worksheets.Select(w => w.Name));
        var sheet = workbook.Worksheet(ConsolidatedReportBuilder.SamePeriodSheet);
        Assert.Equal("Cùng kỳ 2021", sheet.Cell(11, Activities).GetString());
        Assert.Equal("Kỳ này 2022", sheet.Cell(11, Activities + 1).GetString());
        var rows = Rows(sheet);
        var now = seed.Activities.Where(a => a.Year == 2022 && a.Date >= period.From && a.Date <= period.To).ToList();
        var was = seed.Activities.Where(a => a.Year == 2021 && a.Date >= period.From.AddYears(-1) && a.Date <= period.To.AddYears(-1)).ToList();
        Assert.True(now.Count > 100 && was.Count > 100, "both periods need enough activities to mean something");

        await using var db = seed.Database.CreateContext();
        var channels = await db.Channels.Where(c => c.FormGroup!.PlanId == seed.Plan2021.Id).Select(c => new { c.Code, c.Name }).ToListAsync();
        foreach (var channel in channels)
        {
            var row = rows[channel.Name];
            var before = was.Where(a => a.Channel == channel.Code).ToList();
            var after = now.Where(a => a.Channel == channel.Code).ToList();
            Assert.Equal((before.Count, after.Count, after.Count - before.Count),
                (row.Cell(Activities).GetValue<int>(), row.Cell(Activities + 1).GetValue<int>(), row.Cell(Activities + 2).GetValue<int>()));
            Assert.Equal((before.Sum(a => (long)a.Quantity), after.Sum(a => (long)a.Quantity)),
                (row.Cell(Quantity).GetValue<long>(), row.Cell(Quantity + 1).GetValue<long>()));
            Assert.Equal((before.Sum(a => a.Cost ?? 0), after.Sum(a => a.Cost ?? 0)), (row.Cell(Cost).GetValue<long>(), row.Cell(Cost + 1).GetValue<long>()));
            if (before.Count > 0)
                Assert.Equal((double)(after.Count - before.Count) / before.Count, row.Cell(Activities + 3).GetValue<double>(), 6);
        }

        var total = rows["TỔNG CỘNG"];
        Assert.Equal((was.Count, now.Count), (total.Cell(Activities).GetValue<int>(), total.Cell(Activities + 1).GetValue<int>()));
        Assert.Equal((was.Sum(a => a.Cost ?? 0), now.Sum(a => a.Cost ?? 0)), (total.Cell(Cost).GetValue<long>(), total.Cell(Cost + 1).GetValue<long>()));
        Assert.Equal(ConsolidatedWorkbook.ChangePercentFormat, total.Cell(Cost + 3).Style.NumberFormat.Format);
    }

    [Fact]
    public async Task AChannelOfThisYearOnlyIsMarkedWithAnEmptyPreviousCellAndNoPercentage()
    {
        var period = NineMonths;
        using var workbook = await WriteAsync(period);

        var rows = Rows(workbook.Worksheet(ConsolidatedReportBuilder.SamePeriodSheet));
        var row = rows[$"{NextPlanYear.NewChannelName} (chỉ có năm 2022)"];
        var logged = seed.Activities.Count(a => a.Channel == NextPlanYear.NewChannelCode && a.Date >= period.From && a.Date <= period.To);
        Assert.True(logged > 0, "the seed must log activities in the new channel");
        Assert.True(row.Cell(Activities).IsEmpty());
        Assert.Equal(logged, row.Cell(Activities + 1).GetValue<int>());
        Assert.Equal("mới", row.Cell(Activities + 3).GetString());
    }

    [Fact]
    public async Task WithoutAPreviousPlanYearTheSheetSaysThereIsNothingToCompare()
    {
        // The seeded database alone: Plan 20/KH-UBND of 2021, no plan of 2020.
        await using var database = await TestDatabase.CreateAsync(seed.Database.Provider);
        using var workbook = await WriteAsync(database, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2021, 10, 20, 3, 0, 0, TimeSpan.Zero)),
            ReportingPeriods.DecreeQuarter(2021, 2));

        var sheet = workbook.Worksheet(ConsolidatedReportBuilder.SamePeriodSheet);
        Assert.Equal("Không có kế hoạch năm 2020 đã ban hành: không có số liệu cùng kỳ năm trước để so sánh.", sheet.Cell(FirstRow, 1).GetString());
        Assert.Equal(XLPageOrientation.Landscape, sheet.PageSetup.PageOrientation);
    }

    public sealed class OnSqlite(CompareSeed.OnSqlite seed) : SamePeriodSheetTests(seed), IClassFixture<CompareSeed.OnSqlite>;

    public sealed class OnPostgreSql(CompareSeed.OnPostgreSql seed) : SamePeriodSheetTests(seed), IClassFixture<CompareSeed.OnPostgreSql>, IOnPostgreSql;
}
