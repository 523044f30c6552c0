using System.IO.Compression;
using System.Xml.Linq;
using ClosedXML.Excel;
using CommsPlan.Core.Access;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Core.Reports;
using CommsPlan.Core.Reports.Excel;
using CommsPlan.Tests.Support;

namespace CommsPlan.Tests.Core.Reports;

/// <summary>The workbook prints as a document: print titles, page numbers, orientation, margins, number line and signatures.</summary>
public abstract class WorkbookPrintSetupTests(ReportSeed seed)
{
    private static readonly CurrentUser Monitor = new("u-giamsat", "giamsat", [Roles.Monitor], null);
    private static readonly ReportingPeriod Q1 = ReportingPeriods.DecreeQuarter(2021, 1);
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private CurrentUser Officer(string agency, string userName) => new($"u-{userName}", userName, [Roles.AgencyOfficer], seed.AgencyIds[agency]);

    private async Task<(MemoryStream File, ConsolidatedReportResult Result)> WriteAsync(CurrentUser user, string? number = null, MonitoringScope? scope = null)
    {
        var output = new MemoryStream();
        var result = await ReportWorkbook.Builder(seed).WriteAsync(user,
            new ConsolidatedReportRequest(Q1, scope ?? MonitoringScope.Province) { Number = number }, output);
        output.Position = 0;
        return (output, result);
    }

    [Fact]
    public async Task PrintTitlesAreAbsoluteOnEveryTableSheet()
    {
        var (file, _) = await WriteAsync(Monitor);

        using var zip = new ZipArchive(file);
        var workbook = XDocument.Load(zip.GetEntry("xl/workbook.xml")!.Open());
        var sheets = workbook.Descendants(Main + "sheet").Select(e => (string)e.Attribute("name")!).ToList();
        var titles = workbook.Descendants(Main + "definedName").Where(d => (string?)d.Attribute("name") == "_xlnm.Print_Titles")
            .ToDictionary(d => sheets[(int)d.Attribute("localSheetId")!], d => d.Value);

        // Tổng hợp's table is one page and its second page holds the key figures and signatures: no header to repeat.
        Assert.False(titles.ContainsKey("Tổng hợp"));
        Assert.Equal("'Theo đơn vị'!$10:$11", titles["Theo đơn vị"]);
        Assert.Equal("'Chi tiết'!$10:$10", titles["Chi tiết"]);
        Assert.Equal("'Kế hoạch đơn vị'!$10:$10", titles["Kế hoạch đơn vị"]);
        Assert.Equal("'Biểu dương'!$10:$10", titles["Biểu dương"]);
        Assert.Equal("'Khó khăn vướng mắc'!$10:$10", titles["Khó khăn vướng mắc"]);
        Assert.False(titles.ContainsKey("Thuyết minh"));
    }

    [Fact]
    public async Task EveryPageIsNumberedA4WithDecree30MarginsWideTablesLandscapeAndTheNarrativePortrait()
    {
        var (file, _) = await WriteAsync(Monitor);

        using var workbook = new XLWorkbook(file);
        foreach (var sheet in workbook.Worksheets)
        {
            var page = sheet.PageSetup;
            Assert.Equal(XLPaperSize.A4Paper, page.PaperSize);
            Assert.Equal(sheet.Name == "Thuyết minh" ? XLPageOrientation.Portrait : XLPageOrientation.Landscape, page.PageOrientation);
            Assert.Equal((1, 0), (page.PagesWide, page.PagesTall));
            Assert.Equal((20.0, 20.0, 30.0, 15.0),
                (Math.Round(page.Margins.Top * 25.4), Math.Round(page.Margins.Bottom * 25.4), Math.Round(page.Margins.Left * 25.4), Math.Round(page.Margins.Right * 25.4)));
            Assert.Equal("Trang &P/&N", page.Footer.Center.GetText(XLHFOccurrence.OddPages));
        }
    }

    [Fact]
    public async Task WithAReportNumberEachTableSaysWhichReportItGoesWithAndNoRowMoves()
    {
        var (file, _) = await WriteAsync(Monitor, number: "125");

        using var workbook = new XLWorkbook(file);
        var tables = workbook.Worksheets.Where(w => w.Name != "Thuyết minh").ToList();
        for (var i = 0; i < tables.Count; i++)
        {
            var line = tables[i].Cell(Decree30Layout.NumberLineRow, 1).GetString();
            Assert.Equal($"Biểu số {i + 1:00} (kèm theo Báo cáo số 125/BC-VPUBND ngày 20/10/2021 của Văn phòng UBND tỉnh)", line);
            Assert.Equal("STT", tables[i].Cell(ReportWorkbook.TableTop, 1).GetString());
        }
        Assert.True(workbook.Worksheet("Thuyết minh").Cell(Decree30Layout.NumberLineRow, 1).IsEmpty());
    }

    [Fact]
    public async Task TheSummarysKeyFiguresAndSignaturesStartAPageOfTheirOwn()
    {
        var (file, _) = await WriteAsync(Monitor);

        using var workbook = new XLWorkbook(file);
        var sheet = workbook.Worksheet("Tổng hợp");
        var total = sheet.Column(2).CellsUsed().Single(c => c.GetString() == "TỔNG CỘNG").Address.RowNumber;

        Assert.Equal([total], sheet.PageSetup.RowBreaks);
    }

    [Fact]
    public async Task WithoutAReportNumberTheLineIsEmpty()
    {
        var (file, _) = await WriteAsync(Monitor);

        using var workbook = new XLWorkbook(file);

        Assert.All(workbook.Worksheets, w => Assert.True(w.Cell(Decree30Layout.NumberLineRow, 1).IsEmpty()));
    }

    [Fact]
    public async Task TheSummaryEndsWithNoiNhanThePreparerAndTheOfficesSignerByFullName()
    {
        var (file, _) = await WriteAsync(Monitor);

        using var workbook = new XLWorkbook(file);
        var sheet = workbook.Worksheet("Tổng hợp");
        var cells = sheet.CellsUsed().ToList();
        var noiNhan = cells.Single(c => c.GetString() == "Nơi nhận:");
        var preparer = cells.Single(c => c.GetString() == "NGƯỜI LẬP BIỂU");
        var signer = cells.Single(c => c.GetString() == "CHÁNH VĂN PHÒNG");
        var keyFigures = cells.Single(c => c.GetString() == "CÁC CHỈ SỐ CHÍNH TRONG KỲ");

        Assert.True(noiNhan.Address.RowNumber > keyFigures.Address.RowNumber);
        Assert.Equal(["- UBND tỉnh (b/c);", "- Lãnh đạo VP UBND tỉnh;", "- Lưu: VT, KSTT."],
            Enumerable.Range(1, 3).Select(i => sheet.Cell(noiNhan.Address.RowNumber + i, 1).GetString()));
        Assert.Equal(noiNhan.Address.RowNumber, signer.Address.RowNumber);
        Assert.True(noiNhan.Style.Font.Bold && noiNhan.Style.Font.Italic);
        Assert.True(signer.Style.Font.Bold);
        // The demo-free seed has no signer name on record: the line is left for the hand; the preparer is named in full.
        var namesRow = sheet.Row(preparer.Address.RowNumber + 5);
        Assert.Equal(seed.FullName("giamsat"), namesRow.Cell(preparer.Address.ColumnNumber).GetString());
        Assert.True(namesRow.Cell(signer.Address.ColumnNumber).IsEmpty());
    }

    [Fact]
    public async Task AnAnsweredDifficultyNamesWhoAnsweredByFullName()
    {
        var (file, _) = await WriteAsync(Monitor);

        using var workbook = new XLWorkbook(file);
        var answeredBy = workbook.Worksheet("Khó khăn vướng mắc").Column(9).CellsUsed().Skip(1).Select(c => c.GetString()).ToList();

        Assert.Contains(seed.FullName("giamsat"), answeredBy);
        Assert.DoesNotContain("giamsat", answeredBy);
    }

    [Theory]
    [InlineData("STP", "tuphap", new[] { "UBND TỈNH THÁI NGUYÊN", "SỞ TƯ PHÁP" }, "Thái Nguyên, ngày 20 tháng 10 năm 2021", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")]
    [InlineData("DAITU", "daitu", new[] { "ỦY BAN NHÂN DÂN", "HUYỆN ĐẠI TỪ" }, "Đại Từ, ngày 20 tháng 10 năm 2021", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")]
    [InlineData("BAOTN", "baotn", new[] { "TỈNH ỦY THÁI NGUYÊN", "BÁO THÁI NGUYÊN" }, "Thái Nguyên, ngày 20 tháng 10 năm 2021", "ĐẢNG CỘNG SẢN VIỆT NAM")]
    public async Task AnOfficersWorkbookIsHeadedAsItsOwnAgencysDocumentsAre(string agency, string userName, string[] left, string date, string right)
    {
        var (file, _) = await WriteAsync(Officer(agency, userName), number: "7");

        using var workbook = new XLWorkbook(file);
        var sheet = workbook.Worksheet("Tổng hợp");

        Assert.Equal(left, new[] { sheet.Cell("A1").GetString(), sheet.Cell("A2").GetString() });
        Assert.Equal(date, sheet.Row(4).CellsUsed().Single().GetString());
        Assert.Equal(right, sheet.Row(1).CellsUsed().Last().GetString());
        Assert.Contains(agency == "BAOTN" ? "Báo cáo số 7-BC/BTN" : $"Báo cáo số 7/BC-{(agency == "STP" ? "STP" : "UBND")}",
            sheet.Cell(Decree30Layout.NumberLineRow, 1).GetString());
        var noiNhan = sheet.CellsUsed().Single(c => c.GetString() == "Nơi nhận:");
        Assert.Equal("- Văn phòng UBND tỉnh (b/c);", sheet.Cell(noiNhan.Address.RowNumber + 1, 1).GetString());
        if (agency == "BAOTN") Assert.Equal("*", sheet.Cell("A3").GetString());
        else Assert.Equal(XLFontUnderlineValues.Single, sheet.Cell("A2").Style.Font.Underline);
    }

    public sealed class OnSqlite(ReportSeed.OnSqlite seed) : WorkbookPrintSetupTests(seed), IClassFixture<ReportSeed.OnSqlite>;

    public sealed class OnPostgreSql(ReportSeed.OnPostgreSql seed) : WorkbookPrintSetupTests(seed), IClassFixture<ReportSeed.OnPostgreSql>, IOnPostgreSql;
}
