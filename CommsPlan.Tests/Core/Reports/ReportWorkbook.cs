using ClosedXML.Excel;
using CommsPlan.Core.Access;
using CommsPlan.Core.Monitoring;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Core.Reports;

namespace CommsPlan.Tests.Core.Reports;

/// <summary>Writes a consolidated report on the seed and re-opens it with ClosedXML, with readers for its tables.</summary>
internal sealed class ReportWorkbook : IDisposable
{
    /// <summary>Header rows of Tổng hợp and Theo đơn vị (two rows), data from the row after.</summary>
    public const int TableTop = 10;
    public const int DetailFirstRow = 11;

    private ReportWorkbook(XLWorkbook workbook, ConsolidatedReportResult result, ConsolidatedReport report)
    {
        Workbook = workbook;
        Result = result;
        Report = report;
    }

    public XLWorkbook Workbook { get; }
    public ConsolidatedReportResult Result { get; }
    /// <summary>The same figures, read again through the builder's own loading path.</summary>
    public ConsolidatedReport Report { get; }

    public static ConsolidatedReportBuilder Builder(ReportSeed seed) => new(seed.Database.Factory, new OverviewService(seed.Database.Factory, seed.Time), seed.Time);

    public static async Task<ReportWorkbook> WriteAsync(ReportSeed seed, CurrentUser user, ReportingPeriod period, MonitoringScope? scope = null)
    {
        var builder = Builder(seed);
        var output = new MemoryStream();
        var result = await builder.WriteAsync(user, period, scope, output);
        output.Position = 0;
        var report = await builder.LoadAsync(user, period, scope);
        return new ReportWorkbook(new XLWorkbook(output), result, report);
    }

    public IXLWorksheet Sheet(string name) => Workbook.Worksheet(name);

    /// <summary>Chi tiết's data rows.</summary>
    public IReadOnlyList<DetailRow> Details()
    {
        var sheet = Sheet(ConsolidatedReportBuilder.DetailSheet);
        var last = sheet.LastRowUsed().RowNumber();
        var rows = new List<DetailRow>();
        for (var r = DetailFirstRow; r <= last; r++)
        {
            var row = sheet.Row(r);
            if (row.Cell(1).IsEmpty()) continue;
            rows.Add(new DetailRow(
                row.Cell(1).GetValue<int>(),
                DateOnly.FromDateTime(row.Cell(2).GetDateTime()),
                row.Cell(4).GetString(),
                row.Cell(5).GetString(),
                row.Cell(6).GetString(),
                row.Cell(7).GetString(),
                row.Cell(8).GetValue<long>(),
                row.Cell(10).IsEmpty() ? 0 : row.Cell(10).GetValue<long>(),
                row.Cell(15).IsEmpty() ? 0 : row.Cell(15).GetValue<long>(),
                row.Cell(7)));
        }
        return rows;
    }

    /// <summary>The body rows of a table from <paramref name="firstRow"/> to the "TỔNG CỘNG" row, by the text of column B.</summary>
    public static IReadOnlyList<IXLRow> BodyRows(IXLWorksheet sheet, int firstRow)
    {
        var rows = new List<IXLRow>();
        for (var r = firstRow; ; r++)
        {
            var row = sheet.Row(r);
            rows.Add(row);
            if (row.Cell(2).GetString() == "TỔNG CỘNG") return rows;
            if (r > firstRow + 500) throw new InvalidOperationException($"No total row under row {firstRow} on {sheet.Name}.");
        }
    }

    public void Dispose() => Workbook.Dispose();
}

internal sealed record DetailRow(
    int Number, DateOnly Date, string Agency, string FormGroup, string Channel, string Title, long Quantity, long SecondMeasure, long Cost,
    IXLCell TitleCell);
