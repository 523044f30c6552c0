using ClosedXML.Excel;
using CommsPlan.Core.Reports.Excel;

namespace CommsPlan.Tests.Core.Reports;

public sealed class StreamingSheetWriterTests
{
    private sealed record Row(DateOnly Date, string Title, long Quantity, long? Cost);

    [Fact]
    public async Task StreamsEveryRowWithTheTemplateRowsStylesAndKeepsTheHeaderAndOtherSheets()
    {
        var rows = Enumerable.Range(1, 2_500).Select(i => new Row(new DateOnly(2021, 1, 1).AddDays(i % 300), $"Hoạt động số {i}", i, i % 3 == 0 ? null : i * 1000L)).ToList();

        using var result = await WriteAsync(rows);

        using var workbook = new XLWorkbook(result);
        Assert.Equal(["Tổng hợp", "Chi tiết"], workbook.Worksheets.Select(w => w.Name));
        Assert.Equal(42, workbook.Worksheet("Tổng hợp").Cell("B2").GetValue<int>());
        var sheet = workbook.Worksheet("Chi tiết");
        Assert.Equal("BIỂU CHI TIẾT", sheet.Cell("A1").GetString());
        Assert.Equal("Tên hoạt động", sheet.Cell("B3").GetString());
        Assert.Equal(rows.Count + 3, sheet.LastRowUsed().RowNumber());
        for (var i = 0; i < rows.Count; i += 499)
        {
            var row = sheet.Row(4 + i);
            Assert.Equal(rows[i].Date.ToDateTime(TimeOnly.MinValue), row.Cell(1).GetDateTime());
            Assert.Equal(rows[i].Title, row.Cell(2).GetString());
            Assert.Equal(rows[i].Quantity, row.Cell(3).GetValue<long>());
            Assert.Equal(rows[i].Cost?.ToString() ?? "", row.Cell(4).GetString());
        }
        Assert.Equal("dd/MM/yyyy", sheet.Cell(100, 1).Style.DateFormat.Format);
        Assert.Equal("#,##0", sheet.Cell(100, 3).Style.NumberFormat.Format);
        Assert.Equal("Times New Roman", sheet.Cell(100, 2).Style.Font.FontName);
        Assert.Equal(XLBorderStyleValues.Thin, sheet.Cell(100, 2).Style.Border.LeftBorder);
        Assert.Equal(3, sheet.SheetView.SplitRow);
        Assert.Equal($"A3:D{rows.Count + 3}", sheet.AutoFilter.Range.RangeAddress.ToString());
    }

    [Fact]
    public async Task FormulaLookingAndControlCharacterTextStaysLiteralText()
    {
        var rows = new List<Row>
        {
            new(new DateOnly(2021, 3, 1), "=HYPERLINK(\"http://x\")", 1, null),
            new(new DateOnly(2021, 3, 2), "+1", 2, null),
            new(new DateOnly(2021, 3, 3), "Tiêu đề\u0001có ký tự điều khiển 🎉", 3, null),
        };

        using var result = await WriteAsync(rows);

        using var workbook = new XLWorkbook(result);
        var sheet = workbook.Worksheet("Chi tiết");
        Assert.False(sheet.Cell("B4").HasFormula);
        Assert.Equal("=HYPERLINK(\"http://x\")", sheet.Cell("B4").GetString());
        Assert.Equal("+1", sheet.Cell("B5").GetString());
        Assert.Equal(XLDataType.Text, sheet.Cell("B5").DataType);
        Assert.Equal("Tiêu đềcó ký tự điều khiển 🎉", sheet.Cell("B6").GetString());
    }

    [Fact]
    public async Task MarkupLineBreaksTabsAndEmojiReadBackAsWrittenAndWhatXmlCannotCarryIsLeftOut()
    {
        var rows = new List<Row>
        {
            new(new DateOnly(2021, 3, 1), "A & B <c> \"d\" 'e'\nhai dòng\tvà tab", 1, null),
            new(new DateOnly(2021, 3, 2), "Tiêu đề 🎉 & <b>" + new string('x', 10_000), 2, null),
            new(new DateOnly(2021, 3, 3), "lẻ \uD800 nửa cặp \uFFFE, \uDC00 hết", 3, null),
            new(new DateOnly(2021, 3, 4), "", 4, 1_234_567_890_123L),
        };

        using var result = await WriteAsync(rows);

        using var workbook = new XLWorkbook(result);
        var sheet = workbook.Worksheet("Chi tiết");
        Assert.Equal(rows[0].Title, sheet.Cell("B4").GetString());
        Assert.Equal(rows[1].Title, sheet.Cell("B5").GetString());
        Assert.Equal("lẻ  nửa cặp ,  hết", sheet.Cell("B6").GetString());
        Assert.Equal("", sheet.Cell("B7").GetString());
        Assert.Equal(1_234_567_890_123L, sheet.Cell("D7").GetValue<long>());
        Assert.Equal(new DateTime(2021, 3, 4), sheet.Cell("A7").GetDateTime());
    }

    [Fact]
    public async Task NoRowsLeavesTheHeaderAndAnEmptyTable()
    {
        using var result = await WriteAsync([]);

        using var workbook = new XLWorkbook(result);
        var sheet = workbook.Worksheet("Chi tiết");
        Assert.Equal(3, sheet.LastRowUsed().RowNumber());
    }

    [Fact]
    public async Task RowsTakeTheHeightTheCallerGivesThemAndOthersKeepTheDefault()
    {
        var rows = new List<Row>
        {
            new(new DateOnly(2021, 3, 1), "Một dòng", 1, null),
            new(new DateOnly(2021, 3, 2), "Ba dòng", 2, null),
        };

        using var result = await WriteAsync(rows, r => r.Quantity == 2 ? 45.5 : null);

        using var workbook = new XLWorkbook(result);
        var sheet = workbook.Worksheet("Chi tiết");
        Assert.Equal(45.5, sheet.Row(5).Height);
        Assert.Equal(sheet.RowHeight, sheet.Row(4).Height);
    }

    private static async Task<MemoryStream> WriteAsync(IReadOnlyList<Row> rows, Func<Row, double?>? rowHeight = null)
    {
        using var template = new MemoryStream();
        using (var workbook = new XLWorkbook())
        {
            workbook.Style.Font.FontName = "Times New Roman";
            var summary = workbook.AddWorksheet("Tổng hợp");
            summary.Cell("B2").Value = 42;
            var sheet = workbook.AddWorksheet("Chi tiết");
            sheet.Cell("A1").Value = "BIỂU CHI TIẾT";
            sheet.Range("A1:D1").Merge();
            string[] headers = ["Ngày", "Tên hoạt động", "Số lượng", "Kinh phí"];
            for (var i = 0; i < headers.Length; i++) sheet.Cell(3, i + 1).Value = headers[i];
            var template4 = sheet.Range("A4:D4");
            template4.Style.Border.OutsideBorder = XLBorderStyleValues.Thin;
            template4.Style.Border.InsideBorder = XLBorderStyleValues.Thin;
            sheet.Cell("A4").Style.DateFormat.Format = "dd/MM/yyyy";
            sheet.Cell("C4").Style.NumberFormat.Format = "#,##0";
            sheet.Cell("D4").Style.NumberFormat.Format = "#,##0";
            sheet.Range("A3:D4").SetAutoFilter();
            sheet.SheetView.FreezeRows(3);
            workbook.SaveAs(template);
        }
        template.Position = 0;
        var output = new MemoryStream();
        var written = await StreamingSheetWriter.WriteAsync(template, new StreamedSheet<Row>
        {
            SheetName = "Chi tiết",
            FirstDataRow = 4,
            Columns = [r => r.Date, r => r.Title, r => r.Quantity, r => r.Cost],
            Rows = rows.ToAsyncEnumerable(),
            RowHeight = rowHeight,
        }, output);
        Assert.Equal(rows.Count, written);
        output.Position = 0;
        return output;
    }
}
