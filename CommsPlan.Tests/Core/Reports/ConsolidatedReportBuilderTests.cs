using ClosedXML.Excel;
using CommsPlan.Core.Access;
using CommsPlan.Core.Common;
using CommsPlan.Core.Monitoring;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Core.Reports.Excel;
using CommsPlan.Tests.Support;

namespace CommsPlan.Tests.Core.Reports;

public abstract class ConsolidatedReportBuilderTests(ReportSeed seed)
{
    private static readonly CurrentUser Monitor = new("u-giamsat", "giamsat", [Roles.Monitor], null);
    private static readonly CurrentUser Leader = new("u-lanhdao", "lanhdao", [Roles.Viewer], null);
    private static readonly ReportingPeriod Q1 = ReportingPeriods.DecreeQuarter(2021, 1);
    private static readonly ReportingPeriod Q2 = ReportingPeriods.DecreeQuarter(2021, 2);

    private CurrentUser Officer(string agency) => new($"u-{agency}", agency.ToLowerInvariant(), [Roles.AgencyOfficer], seed.AgencyIds[agency]);

    [Fact]
    public async Task EverySheetIsNamedAndCarriesTheDecree30HeaderInTimesNewRoman()
    {
        using var report = await ReportWorkbook.WriteAsync(seed, Monitor, Q1);

        Assert.Equal(
            ["Tổng hợp", "Theo đơn vị", "Chi tiết", "Kế hoạch đơn vị", "Biểu dương", "Khó khăn vướng mắc", "So sánh cùng kỳ", "Thuyết minh"],
            report.Workbook.Worksheets.Select(w => w.Name));
        foreach (var sheet in report.Workbook.Worksheets)
        {
            Assert.Equal("UBND TỈNH THÁI NGUYÊN", sheet.Cell("A1").GetString());
            Assert.Equal("VĂN PHÒNG", sheet.Cell("A2").GetString());
            Assert.True(sheet.Cell("A2").Style.Font.Bold, sheet.Name);
            Assert.Equal(XLFontUnderlineValues.Single, sheet.Cell("A2").Style.Font.Underline);
            var right = sheet.Row(1).CellsUsed().Last();
            Assert.Equal("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", right.GetString());
            Assert.True(right.Style.Font.Bold);
            var motto = sheet.Row(2).CellsUsed().Last();
            Assert.Equal("Độc lập - Tự do - Hạnh phúc", motto.GetString());
            Assert.Equal(XLFontUnderlineValues.Single, motto.Style.Font.Underline);
            // The left block is wide enough for "UBND TỈNH THÁI NGUYÊN" whatever the sheet's columns.
            var left = sheet.Cell("A1").MergedRange();
            Assert.True(left.Columns().Sum(c => c.WorksheetColumn().Width) >= 30, sheet.Name);
            var date = sheet.Row(4).CellsUsed().Single();
            Assert.Equal("Thái Nguyên, ngày 20 tháng 10 năm 2021", date.GetString());
            Assert.True(date.Style.Font.Italic);
            Assert.Equal("(Từ ngày 15/12/2020 đến ngày 14/3/2021)", sheet.Cell("A7").GetString());
            Assert.Equal("Kỳ báo cáo: Quý I/2021; phạm vi: Toàn tỉnh", sheet.Cell("A8").GetString());
            Assert.True(sheet.Cell("A6").Style.Font.Bold);
            foreach (var cell in new[] { sheet.Cell("A1"), sheet.Cell("A6"), sheet.Cell(12, 2) })
                Assert.Equal("Times New Roman", cell.Style.Font.FontName);
            Assert.Equal(XLPaperSize.A4Paper, sheet.PageSetup.PaperSize);
            // The narrative is text and prints portrait; the tables print landscape (WorkbookPrintSetupTests).
            Assert.Equal(sheet.Name == "Thuyết minh" ? XLPageOrientation.Portrait : XLPageOrientation.Landscape, sheet.PageSetup.PageOrientation);
            Assert.Equal(1, sheet.PageSetup.PagesWide);
            // Widths are set explicitly (AdjustToContents is never called): no column keeps Excel's default.
            Assert.All(sheet.ColumnsUsed(), c => Assert.NotEqual(sheet.ColumnWidth, c.Width));
        }
        Assert.Equal("BIỂU TỔNG HỢP KẾT QUẢ CÔNG TÁC TRUYỀN THÔNG HỖ TRỢ HOẠT ĐỘNG KIỂM SOÁT TTHC", report.Sheet("Tổng hợp").Cell("A6").GetString());
        Assert.Contains("THEO CƠ QUAN, ĐƠN VỊ", report.Sheet("Theo đơn vị").Cell("A6").GetString());
        Assert.Contains("CHI TIẾT", report.Sheet("Chi tiết").Cell("A6").GetString());
        Assert.Contains("KẾ HOẠCH TRUYỀN THÔNG", report.Sheet("Kế hoạch đơn vị").Cell("A6").GetString());
        Assert.Contains("BIỂU DƯƠNG", report.Sheet("Biểu dương").Cell("A6").GetString());
        Assert.Contains("KHÓ KHĂN, VƯỚNG MẮC", report.Sheet("Khó khăn vướng mắc").Cell("A6").GetString());
        Assert.Contains("THUYẾT MINH", report.Sheet("Thuyết minh").Cell("A6").GetString());
    }

    [Theory]
    [InlineData("Theo đơn vị", 11, "Cơ quan, đơn vị")]
    [InlineData("Chi tiết", 10, "Ngày bắt đầu")]
    [InlineData("Kế hoạch đơn vị", 10, "Cơ quan, đơn vị")]
    [InlineData("Biểu dương", 10, "Ngày")]
    [InlineData("Khó khăn vướng mắc", 10, "Ngày phản ánh")]
    public async Task TableSheetsFreezeAndRepeatTheirHeaderRowsAndBorderTheTable(string name, int headerLastRow, string secondHeader)
    {
        using var report = await ReportWorkbook.WriteAsync(seed, Monitor, Q1);

        var sheet = report.Sheet(name);
        Assert.Equal(headerLastRow, sheet.SheetView.SplitRow);
        Assert.Equal(ReportWorkbook.TableTop, sheet.PageSetup.FirstRowToRepeatAtTop);
        Assert.Equal(headerLastRow, sheet.PageSetup.LastRowToRepeatAtTop);
        Assert.Equal("STT", sheet.Cell(ReportWorkbook.TableTop, 1).GetString());
        Assert.Equal(secondHeader, sheet.Cell(ReportWorkbook.TableTop, 2).GetString());
        Assert.True(sheet.Cell(ReportWorkbook.TableTop, 2).Style.Font.Bold);
        var body = sheet.Cell(headerLastRow + 1, 2);
        Assert.Equal(XLBorderStyleValues.Thin, body.Style.Border.LeftBorder);
        Assert.Equal(XLBorderStyleValues.Thin, body.Style.Border.BottomBorder);
    }

    [Theory]
    [InlineData("2021-Q1")]
    [InlineData("2021-Q2")]
    [InlineData("2021-Y")]
    public async Task SummaryTotalsEqualTheQueryServiceAndAnIndependentSumOverChiTiet(string periodKey)
    {
        var period = ReportingPeriods.Parse(periodKey);
        using var report = await ReportWorkbook.WriteAsync(seed, Monitor, period);

        var overview = report.Report.Overview;
        var details = report.Details();
        Assert.Equal(overview.Kpis.Activities, details.Count);
        Assert.Equal(details.Count, report.Result.DetailRows);
        Assert.Equal(Enumerable.Range(1, details.Count), details.Select(d => d.Number));
        Assert.All(details, d => Assert.True(period.Contains(d.Date)));

        var sheet = report.Sheet("Tổng hợp");
        var rows = ReportWorkbook.BodyRows(sheet, ReportWorkbook.TableTop + 2);
        var groupRows = rows.Where(r => r.Cell(1).GetString() is "I" or "II" or "III").ToList();
        Assert.Equal(3, groupRows.Count);
        foreach (var channel in overview.ByChannel)
        {
            var row = rows.Single(r => r.Cell(2).GetString() == channel.Name);
            var detail = details.Where(d => d.Channel == channel.Name).ToList();
            Assert.Equal(channel.Unit, row.Cell(3).GetString());
            Assert.Equal((channel.Activities, channel.Quantity, channel.Cost),
                (row.Cell(4).GetValue<int>(), row.Cell(5).GetValue<long>(), row.Cell(8).GetValue<long>()));
            Assert.Equal((detail.Count, detail.Sum(d => d.Quantity), detail.Sum(d => d.Cost)),
                (row.Cell(4).GetValue<int>(), row.Cell(5).GetValue<long>(), row.Cell(8).GetValue<long>()));
            if (channel.HasSecondMeasure)
            {
                Assert.Equal(channel.SecondMeasure, row.Cell(7).GetValue<long>());
                Assert.Equal(detail.Sum(d => d.SecondMeasure), row.Cell(7).GetValue<long>());
            }
            else
            {
                Assert.True(row.Cell(7).IsEmpty());
            }
        }
        foreach (var (group, row) in overview.ByFormGroup.Zip(groupRows))
        {
            Assert.True(row.Cell(4).HasFormula);
            Assert.StartsWith("SUM(D", row.Cell(4).FormulaA1);
            Assert.True(row.Cell(8).HasFormula);
            Assert.Equal(group.Activities, row.Cell(4).GetValue<int>());
            Assert.Equal(group.Cost, row.Cell(8).GetValue<long>());
            Assert.Equal(details.Count(d => d.FormGroup == group.Code), row.Cell(4).GetValue<int>());
        }
        var total = rows[^1];
        Assert.True(total.Cell(4).HasFormula);
        Assert.True(total.Cell(8).HasFormula);
        Assert.Equal(overview.Kpis.Activities, total.Cell(4).GetValue<int>());
        Assert.Equal(overview.Kpis.TotalCost, total.Cell(8).GetValue<long>());
        Assert.Equal(details.Sum(d => d.Cost), total.Cell(8).GetValue<long>());
        Assert.Equal("#,##0", total.Cell(8).Style.NumberFormat.Format);
        Assert.Equal("#,##0", rows[1].Cell(5).Style.NumberFormat.Format);

        // The key figures under the table are the overview's cards.
        var keyFigures = sheet.Column(1).CellsUsed().Single(c => c.GetString() == "CÁC CHỈ SỐ CHÍNH TRONG KỲ").Address.RowNumber;
        long Key(string label) => sheet.Column(2).CellsUsed(c => c.Address.RowNumber > keyFigures && c.GetString() == label)
            .Single().CellRight(2).GetValue<long>();
        Assert.Equal(overview.Kpis.Activities, Key("Hoạt động truyền thông"));
        Assert.Equal(overview.Kpis.MassMediaItems, Key("Tin, bài, chương trình, lượt phát trên phương tiện thông tin đại chúng"));
        Assert.Equal(overview.Kpis.EventParticipants, Key("Người tham dự, tham gia hội nghị, cuộc thi, lớp bồi dưỡng"));
        Assert.Equal(overview.Kpis.PrintCopies, Key("Tờ rơi, tờ gấp, áp phích"));
        Assert.Equal(overview.Kpis.TotalCost, Key("Tổng kinh phí"));
    }

    [Theory]
    [InlineData("2021-Q1")]
    [InlineData("2021-Q2")]
    public async Task AgencyTableAddsUpPerAgencyAndChannelToChiTietAndTheOverview(string periodKey)
    {
        using var report = await ReportWorkbook.WriteAsync(seed, Monitor, ReportingPeriods.Parse(periodKey));

        var overview = report.Report.Overview;
        var details = report.Details();
        var sheet = report.Sheet("Theo đơn vị");
        var channels = overview.ByChannel.ToList();
        int ColumnOf(string header) => sheet.Row(ReportWorkbook.TableTop + 1).CellsUsed().Single(c => c.GetString() == header).Address.ColumnNumber;
        var totalColumn = ColumnOf("Tổng số");
        var costColumn = sheet.Row(ReportWorkbook.TableTop).CellsUsed().Single(c => c.GetString() == "Kinh phí (đồng)").Address.ColumnNumber;
        var rows = ReportWorkbook.BodyRows(sheet, ReportWorkbook.TableTop + 2);

        Assert.Equal(["SỞ, BAN, NGÀNH", "UBND CẤP HUYỆN", "BÁO CHÍ"],
            rows.Where(r => r.Cell(1).GetString() is "I" or "II" or "III").Select(r => r.Cell(2).GetString()));
        foreach (var agency in overview.Agencies)
        {
            var row = rows.Single(r => r.Cell(2).GetString() == agency.Agency.Name);
            var mine = details.Where(d => d.Agency == agency.Agency.Name).ToList();
            Assert.Equal(agency.Activities, row.Cell(totalColumn).GetValue<int>());
            Assert.Equal(mine.Count, row.Cell(totalColumn).GetValue<int>());
            Assert.Equal(mine.Sum(d => d.Cost), row.Cell(costColumn).GetValue<long>());
            foreach (var channel in channels)
            {
                var column = ColumnOf($"{channel.Name} ({channel.Unit})");
                Assert.Equal(mine.Where(d => d.Channel == channel.Name).Sum(d => d.Quantity), row.Cell(column).GetValue<long>());
            }
        }
        var total = rows[^1];
        Assert.True(total.Cell(totalColumn).HasFormula);
        Assert.Equal(overview.Kpis.Activities, total.Cell(totalColumn).GetValue<int>());
        Assert.Equal(overview.Kpis.TotalCost, total.Cell(costColumn).GetValue<long>());
        foreach (var channel in channels)
            Assert.Equal(channel.Quantity, total.Cell(ColumnOf($"{channel.Name} ({channel.Unit})")).GetValue<long>());
        for (var g = 0; g < overview.ByFormGroup.Count; g++)
            Assert.Equal(overview.ByFormGroup[g].Activities, total.Cell(totalColumn - overview.ByFormGroup.Count + g).GetValue<int>());

        var stp = rows.Single(r => r.Cell(2).GetString() == "Sở Tư pháp");
        Assert.Equal("Đúng hạn", stp.Cell(costColumn + 1).GetString());
        Assert.Equal("Không áp dụng", rows.Single(r => r.Cell(2).GetString() == "Báo Thái Nguyên").Cell(costColumn + 1).GetString());
        Assert.Equal("Chưa có chỉ tiêu", stp.Cell(costColumn + 3).GetString());
    }

    [Fact]
    public async Task UnitPlanSheetListsBoundAgenciesWithCountsAsFormulas()
    {
        using var report = await ReportWorkbook.WriteAsync(seed, Monitor, Q1);

        var kpis = report.Report.Overview.Kpis;
        var sheet = report.Sheet("Kế hoạch đơn vị");
        var stp = sheet.Column(2).CellsUsed().Single(c => c.GetString() == "Sở Tư pháp").WorksheetRow();
        Assert.Equal("12/KH-STP", stp.Cell(3).GetString());
        Assert.Equal(new DateTime(2021, 3, 1), stp.Cell(4).GetDateTime());
        Assert.Equal(new DateTime(2021, 3, 31), stp.Cell(5).GetDateTime());
        Assert.Equal("Đúng hạn", stp.Cell(6).GetString());
        Assert.Equal("https://stp.thainguyen.gov.vn/ke-hoach-12", stp.Cell(7).GetString());
        Assert.True(stp.Cell(7).HasHyperlink);
        var daitu = sheet.Column(2).CellsUsed().Single(c => c.GetString() == "UBND huyện Đại Từ").WorksheetRow();
        Assert.Equal("Trễ hạn", daitu.Cell(6).GetString());
        Assert.False(daitu.Cell(7).HasHyperlink);
        Assert.Equal("Chưa ban hành", sheet.Column(2).CellsUsed().Single(c => c.GetString() == "Sở Y tế").WorksheetRow().Cell(6).GetString());
        Assert.DoesNotContain(sheet.Column(2).CellsUsed(), c => c.GetString() is "Báo Thái Nguyên" or "Văn phòng UBND tỉnh");

        IXLCell Count(string label) => sheet.Column(2).CellsUsed().Last(c => c.GetString() == label).CellRight(4);
        Assert.True(Count("Đúng hạn").HasFormula);
        Assert.StartsWith("COUNTIF(", Count("Đúng hạn").FormulaA1);
        Assert.Equal(kpis.UnitPlansOnTime, Count("Đúng hạn").GetValue<int>());
        Assert.Equal(kpis.UnitPlansLate, Count("Trễ hạn").GetValue<int>());
        Assert.Equal(kpis.UnitPlansMissing, Count("Chưa ban hành").GetValue<int>());
        Assert.Equal(kpis.UnitPlansRequired, Count("Tổng số cơ quan, đơn vị phải xây dựng kế hoạch").GetValue<int>());
        Assert.Equal((2, 1, 26), (kpis.UnitPlansOnTime, kpis.UnitPlansLate, kpis.UnitPlansMissing));
    }

    [Fact]
    public async Task CommendationsAndDifficultiesOfThePeriodAreListedWithTheirAnswers()
    {
        using var report = await ReportWorkbook.WriteAsync(seed, Monitor, Q1);

        var commendations = report.Sheet("Biểu dương");
        Assert.Equal("Bộ phận Một cửa Sở Tư pháp", commendations.Cell(11, 5).GetString());
        Assert.Equal("Tập thể", commendations.Cell(11, 4).GetString());
        Assert.Equal(new DateTime(2021, 2, 10), commendations.Cell(11, 2).GetDateTime());
        Assert.Equal("Nguyễn Thị Hoa", commendations.Cell(12, 5).GetString());
        Assert.True(commendations.Cell(13, 5).IsEmpty());

        var difficulties = report.Sheet("Khó khăn vướng mắc");
        Assert.Equal("Sở Tư pháp", difficulties.Cell(11, 3).GetString());
        Assert.Equal("Đã trả lời", difficulties.Cell(11, 6).GetString());
        Assert.Equal("Đã hướng dẫn theo Công văn số 15/VP-KSTT", difficulties.Cell(11, 7).GetString());
        Assert.Equal(new DateTime(2021, 1, 15), difficulties.Cell(11, 8).GetDateTime());
        Assert.Equal("Thiếu kinh phí in tờ rơi", difficulties.Cell(12, 4).GetString());
        Assert.Equal("Chưa trả lời", difficulties.Cell(12, 6).GetString());
        Assert.True(difficulties.Cell(13, 4).IsEmpty());
    }

    [Fact]
    public async Task FormulaLookingTextStaysLiteralTextOnEverySheet()
    {
        using var report = await ReportWorkbook.WriteAsync(seed, Monitor, Q1);

        var details = report.Details();
        var formula = details.Single(d => d.Title == ReportSeed.FormulaTitle).TitleCell;
        Assert.False(formula.HasFormula);
        Assert.Equal(XLDataType.Text, formula.DataType);
        var plus = details.Single(d => d.Title == ReportSeed.PlusTitle).TitleCell;
        Assert.False(plus.HasFormula);
        Assert.Equal(XLDataType.Text, plus.DataType);
        Assert.Equal("+1", plus.GetString());

        var achievement = report.Sheet("Biểu dương").Cell(11, 6);
        Assert.Equal(ReportSeed.FormulaAchievement, achievement.GetString());
        Assert.False(achievement.HasFormula);
        var phone = report.Sheet("Khó khăn vướng mắc").Cell(11, 4);
        Assert.Equal(ReportSeed.PhoneLikeTitle, phone.GetString());
        Assert.Equal(XLDataType.Text, phone.DataType);
    }

    [Fact]
    public async Task TheLastColumnOfChiTietCountsEachActivitysEvidenceFiles()
    {
        using var report = await ReportWorkbook.WriteAsync(seed, Monitor, Q1);

        var sheet = report.Sheet("Chi tiết");
        Assert.Equal("Số tệp minh chứng", sheet.Cell(ReportWorkbook.TableTop, 17).GetString());
        Assert.Equal(17, sheet.Row(ReportWorkbook.TableTop).LastCellUsed().Address.ColumnNumber);
        var withFiles = report.Details().Single(d => d.Title == ReportSeed.VietnameseTitle).TitleCell.WorksheetRow();
        var without = report.Details().Single(d => d.Title == ReportSeed.PlusTitle).TitleCell.WorksheetRow();
        Assert.Equal(ReportSeed.VietnameseTitleFiles, withFiles.Cell(17).GetValue<int>());
        Assert.Equal(0, without.Cell(17).GetValue<int>());
        Assert.Equal(XLDataType.Number, withFiles.Cell(17).DataType);
    }

    [Fact]
    public async Task VietnameseTextRoundTripsUnchanged()
    {
        using var report = await ReportWorkbook.WriteAsync(seed, Monitor, Q1);

        var row = report.Details().Single(d => d.Title == ReportSeed.VietnameseTitle);
        Assert.Equal("Sở Tư pháp", row.Agency);
        Assert.Equal("Tờ rơi, tờ gấp", row.Channel);
        var sheet = report.Sheet("Chi tiết");
        var cells = row.TitleCell.WorksheetRow();
        Assert.Equal("ND2", cells.Cell(13).GetString());
        Assert.Equal("Huyện Đại Từ", cells.Cell(14).GetString());
        Assert.Equal("https://stp.thainguyen.gov.vn/tin-tuc/mot-cua", cells.Cell(16).GetString());
        Assert.Equal("MĐ2, MĐ3", report.Details().Single(d => d.Title == ReportSeed.PlusTitle).TitleCell.WorksheetRow().Cell(12).GetString());
        Assert.Equal($"A{ReportWorkbook.TableTop}:Q{sheet.LastRowUsed().RowNumber()}", sheet.AutoFilter.Range.RangeAddress.ToString());
        Assert.Equal("dd/MM/yyyy", cells.Cell(2).Style.DateFormat.Format);
        Assert.Equal("#,##0", cells.Cell(8).Style.NumberFormat.Format);
        Assert.Equal("Times New Roman", cells.Cell(7).Style.Font.FontName);
        // A title that wraps gets a row tall enough for its lines; a short one keeps the default height.
        Assert.True(cells.Height > 2 * RowHeights.LineHeight(11), $"row height {cells.Height}");
        Assert.Equal(sheet.RowHeight, report.Details().Single(d => d.Title == ReportSeed.PlusTitle).TitleCell.WorksheetRow().Height);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(AgencyGroup.District, null)]
    [InlineData(null, "DAITU")]
    public async Task AnOfficersExportOfAnyScopeContainsOnlyItsOwnAgency(AgencyGroup? group, string? agency)
    {
        var scope = agency is not null ? MonitoringScope.ForAgency(agency) : group is { } g ? MonitoringScope.ForGroup(g) : MonitoringScope.Province;

        using var report = await ReportWorkbook.WriteAsync(seed, Officer("STP"), Q1, scope);

        Assert.Equal("BaoCao_TruyenThong_TTHC_STP_2020-12-15_2021-03-14.xlsx", report.Result.FileName);
        var details = report.Details();
        Assert.Equal(4, details.Count);
        Assert.All(details, d => Assert.Equal("Sở Tư pháp", d.Agency));
        var byAgency = report.Sheet("Theo đơn vị");
        var names = ReportWorkbook.BodyRows(byAgency, ReportWorkbook.TableTop + 2).Select(r => r.Cell(2).GetString()).ToList();
        Assert.Equal(["SỞ, BAN, NGÀNH", "Sở Tư pháp", "TỔNG CỘNG"], names);
        Assert.Equal(["Sở Tư pháp"], report.Sheet("Kế hoạch đơn vị").Column(2).CellsUsed()
            .Where(c => c.Address.RowNumber > ReportWorkbook.TableTop && c.GetString().StartsWith("Sở", StringComparison.Ordinal))
            .Select(c => c.GetString()));
        Assert.Equal("Sở Tư pháp", report.Sheet("Biểu dương").Cell(11, 3).GetString());
        Assert.True(report.Sheet("Biểu dương").Cell(12, 3).IsEmpty());
        Assert.Equal("Sở Tư pháp", report.Sheet("Khó khăn vướng mắc").Cell(11, 3).GetString());
        Assert.True(report.Sheet("Khó khăn vướng mắc").Cell(12, 3).IsEmpty());
        foreach (var sheet in report.Workbook.Worksheets)
        {
            Assert.Equal("SỞ TƯ PHÁP", sheet.Cell("A2").GetString());
            // Other agencies' names and records never appear (STP's own leaflets in the Đại Từ area may).
            Assert.DoesNotContain(sheet.CellsUsed(), c => new[] { "UBND huyện Đại Từ", "Báo Thái Nguyên", "Sở Nội vụ", "Nguyễn Thị Hoa", "Thiếu kinh phí" }
                .Any(other => c.GetString().Contains(other, StringComparison.Ordinal)));
        }
        var total = ReportWorkbook.BodyRows(report.Sheet("Tổng hợp"), ReportWorkbook.TableTop + 2)[^1];
        Assert.Equal(4, total.Cell(4).GetValue<int>());
        Assert.Equal(51_500_000, total.Cell(8).GetValue<long>());
    }

    [Fact]
    public async Task LeadershipMayNarrowTheScopeToAGroupAndTheFileNameSaysSo()
    {
        using var report = await ReportWorkbook.WriteAsync(seed, Leader, Q1, MonitoringScope.ForGroup(AgencyGroup.District));

        Assert.Equal("BaoCao_TruyenThong_TTHC_District_2020-12-15_2021-03-14.xlsx", report.Result.FileName);
        Assert.All(report.Details(), d => Assert.Equal("UBND huyện Đại Từ", d.Agency));
        Assert.Equal(4, report.Details().Count);
        Assert.Equal("Kỳ báo cáo: Quý I/2021; phạm vi: UBND cấp huyện", report.Sheet("Tổng hợp").Cell("A8").GetString());
        Assert.Equal("VĂN PHÒNG", report.Sheet("Tổng hợp").Cell("A2").GetString());
    }

    [Fact]
    public async Task ThuyetMinhHoldsTheNarrativeParagraphByParagraph()
    {
        using var report = await ReportWorkbook.WriteAsync(seed, Monitor, Q1);

        var texts = report.Sheet("Thuyết minh").Column(1).CellsUsed().Select(c => c.GetString()).ToList();
        foreach (var section in report.Report.Narrative.Sections)
        {
            Assert.Contains(section.Heading, texts);
            foreach (var paragraph in section.Paragraphs) Assert.Contains(paragraph, texts);
        }
        var first = report.Sheet("Thuyết minh").Column(1).CellsUsed().Single(c => c.GetString() == report.Report.Narrative.Paragraphs.First());
        Assert.True(first.IsMerged());
        Assert.True(first.Style.Alignment.WrapText);
        Assert.True(first.WorksheetRow().Height > 30, "a long paragraph gets a row tall enough for its lines");
    }

    [Fact]
    public async Task AnEmptyPeriodGivesTheSameSheetsWithEmptyTablesSaidInWords()
    {
        using var report = await ReportWorkbook.WriteAsync(seed, Monitor, ReportingPeriods.Month(2021, 12));

        Assert.Equal(8, report.Workbook.Worksheets.Count);
        Assert.Empty(report.Details());
        Assert.Equal(0, report.Result.DetailRows);
        Assert.Equal(0, ReportWorkbook.BodyRows(report.Sheet("Tổng hợp"), ReportWorkbook.TableTop + 2)[^1].Cell(4).GetValue<int>());
        Assert.StartsWith("Không có", report.Sheet("Biểu dương").Cell(11, 1).GetString());
        Assert.StartsWith("Không có", report.Sheet("Khó khăn vướng mắc").Cell(11, 1).GetString());
        Assert.Equal("Kỳ báo cáo: Tháng 12/2021; phạm vi: Toàn tỉnh", report.Sheet("Chi tiết").Cell("A8").GetString());
    }

    [Fact]
    public async Task AUserWithoutAReadingRoleIsRefusedBeforeAnythingIsWritten()
    {
        var nobody = new CurrentUser("u-x", "x", [], null);
        using var output = new MemoryStream();

        await Assert.ThrowsAsync<AccessDeniedException>(() => ReportWorkbook.Builder(seed).WriteAsync(nobody, Q1, null, output));
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public async Task AnUnknownAgencyIsNotFound()
    {
        using var output = new MemoryStream();

        await Assert.ThrowsAsync<NotFoundException>(() =>
            ReportWorkbook.Builder(seed).WriteAsync(Monitor, Q1, MonitoringScope.ForAgency("KHONGCO"), output));
    }

    [Fact]
    public void HeaderDatesFollowDecree30LeadingZeroRule()
    {
        Assert.Equal("Thái Nguyên, ngày 05 tháng 3 năm 2021", Decree30Layout.PlaceAndDate(new DateOnly(2021, 3, 5)));
        Assert.Equal("Thái Nguyên, ngày 14 tháng 02 năm 2021", Decree30Layout.PlaceAndDate(new DateOnly(2021, 2, 14)));
        Assert.Equal("Thái Nguyên, ngày 20 tháng 10 năm 2021", Decree30Layout.PlaceAndDate(new DateOnly(2021, 10, 20)));
    }

    public sealed class OnSqlite(ReportSeed.OnSqlite seed) : ConsolidatedReportBuilderTests(seed), IClassFixture<ReportSeed.OnSqlite>;

    public sealed class OnPostgreSql(ReportSeed.OnPostgreSql seed) : ConsolidatedReportBuilderTests(seed), IClassFixture<ReportSeed.OnPostgreSql>, IOnPostgreSql;
}
