using ClosedXML.Excel;
using CommsPlan.Core.Access;
using CommsPlan.Core.Audit;
using CommsPlan.Core.Common;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Core.Reports;
using CommsPlan.Tests.Support;
using DocumentFormat.OpenXml.Packaging;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace CommsPlan.Tests.Core.Reports;

/// <summary>The Word report, opened with the OpenXML SDK as any reader would: layout, fonts, sections and figures.</summary>
public abstract class ReportDocumentTests(ReportSeed seed)
{
    private static readonly CurrentUser Monitor = new("u-giamsat", "giamsat", [Roles.Monitor], null);
    private static readonly CurrentUser Leader = new("u-lanhdao", "lanhdao", [Roles.Viewer], null);
    private static readonly ReportingPeriod Q1 = ReportingPeriods.DecreeQuarter(2021, 1);
    private static readonly ReportingPeriod Q2 = ReportingPeriods.DecreeQuarter(2021, 2);

    private CurrentUser Officer(string agency, string userName) => new($"u-{userName}", userName, [Roles.AgencyOfficer], seed.AgencyIds[agency]);

    private ReportDocumentBuilder Builder() => new(seed.Database.Factory, ReportWorkbook.Builder(seed), seed.Time);

    private async Task<Opened> OpenAsync(CurrentUser user, ReportingPeriod period, MonitoringScope? scope = null, string? number = null)
    {
        var result = await Builder().WriteAsync(user, new ConsolidatedReportRequest(period, scope ?? MonitoringScope.Province) { Number = number });
        return new Opened(result, WordprocessingDocument.Open(new MemoryStream(result.Content), false));
    }

    private sealed record Opened(ReportDocumentResult Result, WordprocessingDocument Document) : IDisposable
    {
        public W.Body Body => Document.MainDocumentPart!.Document.Body!;
        public IReadOnlyList<string> Paragraphs => [.. Body.Descendants<W.Paragraph>().Select(p => p.InnerText).Where(t => t.Length > 0)];
        /// <summary>The figure tables (bordered), each as rows of cell texts.</summary>
        public IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> Tables => [.. Body.Elements<W.Table>()
            .Where(t => t.GetFirstChild<W.TableProperties>()!.TableBorders!.TopBorder!.Val!.Value == W.BorderValues.Single)
            .Select(t => (IReadOnlyList<IReadOnlyList<string>>)[.. t.Elements<W.TableRow>()
                .Select(r => (IReadOnlyList<string>)[.. r.Elements<W.TableCell>().Select(c => c.InnerText)])])];
        public void Dispose() => Document.Dispose();
    }

    [Fact]
    public async Task TheDocumentIsAnA4Decree30PageInTimesNewRomanWithPageNumbersFromPageTwo()
    {
        using var doc = await OpenAsync(Monitor, Q1);

        var section = doc.Body.GetFirstChild<W.SectionProperties>()!;
        var size = section.GetFirstChild<W.PageSize>()!;
        var margins = section.GetFirstChild<W.PageMargin>()!;
        Assert.Equal((11906u, 16838u), (size.Width!.Value, size.Height!.Value));
        Assert.Equal((1134, 1134, 1701u, 850u), (margins.Top!.Value, margins.Bottom!.Value, margins.Left!.Value, margins.Right!.Value));
        // Page numbers: a header with the PAGE field for every page but the first, which has its own, empty header.
        Assert.NotNull(section.GetFirstChild<W.TitlePage>());
        var main = doc.Document.MainDocumentPart!;
        var headers = section.Elements<W.HeaderReference>().ToDictionary(h => h.Type!.Value, h => (HeaderPart)main.GetPartById(h.Id!));
        Assert.Contains("PAGE", headers[W.HeaderFooterValues.Default].Header.Descendants<W.SimpleField>().Single().Instruction!.Value);
        Assert.Empty(headers[W.HeaderFooterValues.First].Header.Descendants<W.SimpleField>());

        var runs = doc.Body.Descendants<W.Run>().Where(r => r.InnerText.Length > 0).ToList();
        Assert.All(runs, r => Assert.Equal("Times New Roman", r.RunProperties!.RunFonts!.Ascii!.Value));
        // Body paragraphs: 14 pt, justified, the first line indented.
        var body = doc.Body.Elements<W.Paragraph>().Where(p => p.ParagraphProperties?.Justification?.Val?.Value == W.JustificationValues.Both).ToList();
        Assert.NotEmpty(body);
        Assert.All(body, p =>
        {
            Assert.Equal("567", p.ParagraphProperties!.Indentation!.FirstLine!.Value);
            Assert.All(p.Descendants<W.FontSize>(), s => Assert.Equal("28", s.Val!.Value));
        });
    }

    [Fact]
    public async Task TheOfficesReportCarriesItsHeaderNumberPlaceDateTitleSectionsAndSignature()
    {
        using var doc = await OpenAsync(Monitor, Q1, number: "125");

        var text = doc.Paragraphs;
        Assert.Equal(["UBND TỈNH THÁI NGUYÊN", "VĂN PHÒNG", "Số: 125/BC-VPUBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc", "Thái Nguyên, ngày 20 tháng 10 năm 2021", "BÁO CÁO"], text.Take(7));
        Assert.StartsWith("Kết quả thực hiện Kế hoạch số 20/KH-UBND ngày 04/02/2021 của UBND tỉnh Thái Nguyên về truyền thông hỗ trợ", text[7]);
        Assert.EndsWith("Quý I/2021 (từ ngày 15/12/2020 đến ngày 14/3/2021)", text[7]);
        var headings = new[]
        {
            "I. KẾT QUẢ THỰC HIỆN", "1. Kết quả theo hình thức, kênh tuyên truyền", "2. Kết quả theo mục đích, nội dung tuyên truyền",
            "3. Xây dựng kế hoạch truyền thông của cơ quan, đơn vị", "4. Tình hình gửi báo cáo định kỳ", "5. Biểu dương tập thể, cá nhân tiêu biểu",
            "II. KHÓ KHĂN, VƯỚNG MẮC VÀ ĐỀ XUẤT, KIẾN NGHỊ", "1. Khó khăn, vướng mắc", "2. Đề xuất, kiến nghị", "III. NHIỆM VỤ TRỌNG TÂM KỲ TỚI",
        };
        var positions = headings.Select(h => text.ToList().IndexOf(h)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
        Assert.Contains(text, t => t.StartsWith("Thực hiện Kế hoạch số 20/KH-UBND ngày 04/02/2021", StringComparison.Ordinal)
            && t.Contains("Văn phòng UBND tỉnh báo cáo kết quả thực hiện Quý I/2021"));
        Assert.EndsWith("của Văn phòng UBND tỉnh./.", text.Single(t => t.StartsWith("Trên đây là báo cáo", StringComparison.Ordinal)));
        var noiNhan = text.ToList().IndexOf("Nơi nhận:");
        Assert.Equal(["- UBND tỉnh (b/c);", "- Lãnh đạo VP UBND tỉnh;", "- Lưu: VT, KSTT.", "CHÁNH VĂN PHÒNG"], text.Skip(noiNhan + 1).Take(4));
        Assert.Equal("BaoCao_TruyenThong_TTHC_2020-12-15_2021-03-14.docx", doc.Result.FileName);
    }

    [Theory]
    [InlineData("2021-Q1")]
    [InlineData("2021-Q2")]
    public async Task TheFiguresAreTheWorkbooksForTheSamePeriodAndScope(string periodKey)
    {
        var period = ReportingPeriods.Parse(periodKey);
        using var doc = await OpenAsync(Monitor, period);
        using var workbook = await ReportWorkbook.WriteAsync(seed, Monitor, period);

        var sheet = workbook.Sheet("Tổng hợp");
        var workbookRows = ReportWorkbook.BodyRows(sheet, ReportWorkbook.TableTop + 2)
            .Select(r => new[] { r.Cell(2).GetString(), Figure(r.Cell(4)), Figure(r.Cell(5)), Figure(r.Cell(8)) }).ToList();
        var channels = doc.Tables[0];
        Assert.Equal(["STT", "Hình thức, kênh tuyên truyền", "Đơn vị tính", "Số hoạt động", "Số lượng", "Kinh phí (đồng)"], channels[0]);
        Assert.Equal(workbookRows.Select(r => string.Join("|", r)),
            channels.Skip(1).Select(r => string.Join("|", r[1], r[3], r[4], r[5])));

        var keyTitle = sheet.CellsUsed().Single(c => c.GetString() == "CÁC CHỈ SỐ CHÍNH TRONG KỲ").Address.RowNumber;
        var keyFigures = doc.Tables[1];
        for (var i = 1; i < keyFigures.Count; i++)
        {
            var row = sheet.Row(keyTitle + 1 + i);
            Assert.Equal((row.Cell(2).GetString(), Figure(row.Cell(4))), (keyFigures[i][1], keyFigures[i][3]));
        }
        Assert.Equal(ReportFigures.KeyFigures(workbook.Report.Overview.Kpis).Count, keyFigures.Count - 1);
    }

    /// <summary>A workbook cell as the document writes the number ("1.234"); empty stays empty.</summary>
    private static string Figure(IXLCell cell) => cell.IsEmpty() ? "" : OfficialNumber.Number(cell.GetValue<long>());

    [Fact]
    public async Task AnOfficerGetsItsOwnAgencysDocumentWhateverItAsksFor()
    {
        var officer = Officer("STP", "tuphap");

        using var doc = await OpenAsync(officer, Q1, MonitoringScope.ForAgency("DAITU"), number: "7");

        Assert.Equal(["UBND TỈNH THÁI NGUYÊN", "SỞ TƯ PHÁP", "Số: 7/BC-STP"], doc.Paragraphs.Take(3));
        Assert.Equal("STP", doc.Result.Scope.Agency!.Code);
        Assert.DoesNotContain(doc.Paragraphs, p => p.Contains("Đại Từ", StringComparison.Ordinal));
        Assert.Contains("Sở Tư pháp báo cáo kết quả thực hiện", string.Join("\n", doc.Paragraphs));
        var noiNhan = doc.Paragraphs.ToList().IndexOf("Nơi nhận:");
        Assert.Equal("- Văn phòng UBND tỉnh (b/c);", doc.Paragraphs[noiNhan + 1]);
        Assert.Equal("BaoCao_TruyenThong_TTHC_STP_2020-12-15_2021-03-14.docx", doc.Result.FileName);
    }

    [Fact]
    public async Task TheNewspapersDocumentIsInThePartysFormat()
    {
        using var doc = await OpenAsync(Officer("BAOTN", "baotn"), Q1, number: "12");

        Assert.Equal(["TỈNH ỦY THÁI NGUYÊN", "BÁO THÁI NGUYÊN", "*", "Số 12-BC/BTN", "ĐẢNG CỘNG SẢN VIỆT NAM", "Thái Nguyên, ngày 20 tháng 10 năm 2021"],
            doc.Paragraphs.Take(6));
        Assert.Contains("TỔNG BIÊN TẬP", doc.Paragraphs);
    }

    [Fact]
    public async Task EditedTextIsWhatIsDownloadedAndAnEmptyTextGoesBackToTheGenerated()
    {
        var officer = Officer("DAITU", "daitu");
        var builder = Builder();
        var draft = await builder.LoadDraftAsync(officer, Q2, null);
        var generated = draft.Sections.Single(s => s.Key == ReportSections.Difficulties).Generated;

        await builder.SaveSectionAsync(officer, Q2, null, ReportSections.Difficulties,
            "Đường truyền Internet ở các xã vùng cao chưa ổn định.\n\n  Kinh phí in tờ rơi còn hạn chế.  ", version: null);
        using (var edited = await OpenAsync(officer, Q2))
        {
            var text = edited.Paragraphs.ToList();
            var at = text.IndexOf("1. Khó khăn, vướng mắc");
            Assert.Equal(["Đường truyền Internet ở các xã vùng cao chưa ổn định.", "Kinh phí in tờ rơi còn hạn chế.", "2. Đề xuất, kiến nghị"],
                text.Skip(at + 1).Take(3));
        }
        // Another scope's document is not touched: the Office's province report of the same quarter keeps its text.
        using (var office = await OpenAsync(Monitor, Q2))
            Assert.DoesNotContain("Kinh phí in tờ rơi còn hạn chế.", office.Paragraphs);

        var saved = (await builder.LoadDraftAsync(officer, Q2, null)).Sections.Single(s => s.Key == ReportSections.Difficulties);
        Assert.Equal(seed.FullName("daitu"), saved.SavedBy);
        await builder.SaveSectionAsync(officer, Q2, null, ReportSections.Difficulties, "  ", saved.Version);
        using var reset = await OpenAsync(officer, Q2);
        Assert.Contains(Decree30Lines(generated)[0], reset.Paragraphs);
    }

    private static IReadOnlyList<string> Decree30Lines(string text) => CommsPlan.Core.Reports.Word.Decree30Document.Lines(text);

    [Fact]
    public async Task OnlyMonitorsEditTheOfficesTextsAndOfficersTheirOwnAndAStaleEditIsRefused()
    {
        var builder = Builder();

        Assert.False((await builder.LoadDraftAsync(Leader, Q1, null)).CanEdit);
        Assert.True((await builder.LoadDraftAsync(Monitor, Q1, MonitoringScope.ForGroup(AgencyGroup.District))).CanEdit);
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            builder.SaveSectionAsync(Leader, Q1, null, ReportSections.Opening, "Văn bản khác", null));

        var first = await builder.SaveSectionAsync(Monitor, Q1, MonitoringScope.ForGroup(AgencyGroup.District), ReportSections.NextTasks, "Lần một", null);
        await builder.SaveSectionAsync(Monitor, Q1, MonitoringScope.ForGroup(AgencyGroup.District), ReportSections.NextTasks, "Lần hai", first.Version);
        var stale = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            builder.SaveSectionAsync(Monitor, Q1, MonitoringScope.ForGroup(AgencyGroup.District), ReportSections.NextTasks, "Lần ba", first.Version));

        var draft = await builder.LoadDraftAsync(Monitor, Q1, MonitoringScope.ForGroup(AgencyGroup.District));
        Assert.Equal("Lần hai", draft.Sections.Single(s => s.Key == ReportSections.NextTasks).Text);
        Assert.NotNull(stale.Message);
    }

    public sealed class OnSqlite(ReportSeed.OnSqlite seed) : ReportDocumentTests(seed), IClassFixture<ReportSeed.OnSqlite>;

    public sealed class OnPostgreSql(ReportSeed.OnPostgreSql seed) : ReportDocumentTests(seed), IClassFixture<ReportSeed.OnPostgreSql>, IOnPostgreSql;
}
