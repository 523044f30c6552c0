using System.IO.Compression;
using System.Text;
using ClosedXML.Excel;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Activities.Import;
using CommsPlan.Core.Audit;
using CommsPlan.Core.Changes;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Tests.Support;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using S = CommsPlan.Core.Activities.Import.ActivitySheet;

using CommsPlan.Core.ReportingCycle;
namespace CommsPlan.Tests.Core.Activities;

public abstract class ActivityImporterTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private ActivityTestKit _kit = null!;
    private ActivityImporter _importer = null!;
    private byte[] _template = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _kit = await ActivityTestKit.CreateAsync(_database);
        _importer = new ActivityImporter(_database.Factory, _kit.Clock, _kit.Notifier, new PeriodLock());
        _template = await _importer.CreateTemplateAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private Task<ActivityImportPreview> PreviewAsync(byte[] file) => _importer.PreviewAsync(_kit.Officer("STP"), new MemoryStream(file));

    private byte[] Fill(params Dictionary<string, object?>[] rows) => ActivityWorkbook.Fill(_template, rows);

    [Fact]
    public void TheTemplateHasTheActivitySheetWithItsHeadersInOrderAndAReferenceSheet()
    {
        using var workbook = new XLWorkbook(new MemoryStream(_template));

        var sheet = workbook.Worksheet("Hoạt động");
        var headers = Enumerable.Range(1, 14).Select(c => sheet.Cell(1, c).GetString()).ToArray();
        Assert.Equal(
            ["Hình thức", "Tên hoạt động", "Mô tả", "Ngày thực hiện", "Ngày kết thúc", "Số lượng", "Chỉ số phụ", "Mục đích", "Nội dung",
             "Địa bàn", "Minh chứng", "Kinh phí (đồng)", "Nguồn kinh phí", "Ghi chú"], headers);
        Assert.True(sheet.Cell(1, 15).IsEmpty());
        var reference = workbook.Worksheet("Danh mục");
        var text = string.Join("\n", reference.CellsUsed().Select(c => c.GetString()));
        foreach (var expected in new[] { "BAO", "Tin, bài trên báo", "tin, bài", "HOINGHI", "Số người tham dự (lượt người)", "APPHICH",
                     "MĐ1", "MĐ4", "ND1", "ND4", "DAITU", "Huyện Đại Từ", "20/KH-UBND" })
        {
            Assert.Contains(expected, text);
        }
    }

    [Fact]
    public void TheReferenceSheetNamesEachSecondMeasuresUnitOnce()
    {
        using var workbook = new XLWorkbook(new MemoryStream(_template));
        var text = string.Join("\n", workbook.Worksheet("Danh mục").CellsUsed().Select(c => c.GetString()));

        Assert.Contains("Thời lượng (phút)", text);
        Assert.DoesNotContain("(phút) (phút)", text);
        Assert.Contains("Số người tham dự (lượt người)", text);
    }

    [Fact]
    public async Task AFileFromTheTemplateWithoutTheOptionalColumnsStillImports()
    {
        var file = ActivityWorkbook.Fill(_template, [ActivityWorkbook.GoodRow("Hội nghị theo mẫu cũ")], workbook =>
        {
            // Yesterday's template: no Mô tả, no Nguồn kinh phí (the later column first, so the earlier keeps its number).
            var sheet = workbook.Worksheet(S.SheetName);
            sheet.Column(S.TemplateColumns.ToList().IndexOf(S.FundingSource) + 1).Delete();
            sheet.Column(S.TemplateColumns.ToList().IndexOf(S.Description) + 1).Delete();
        });

        var preview = await PreviewAsync(file);

        Assert.True(preview.CanImport, preview.FileError ?? string.Join("; ", preview.BadRows.SelectMany(r => r.Errors)));
        var input = Assert.Single(preview.Rows).Input;
        Assert.Equal("Hội nghị theo mẫu cũ", input.Title);
        Assert.Null(input.Description);
        Assert.Null(input.FundingSource);
        Assert.Equal(1, await _importer.CommitAsync(_kit.Officer("STP"), preview));
    }

    [Fact]
    public async Task AGoodFileRoundTripsEveryFieldIntoTheOfficersAgency()
    {
        var file = Fill(new Dictionary<string, object?>
        {
            [S.Channel] = "HOINGHI",
            [S.Title] = "Hội nghị tập huấn kiểm soát TTHC năm 2021",
            [S.StartDate] = new DateTime(2021, 6, 15),
            [S.EndDate] = new DateTime(2021, 6, 16),
            [S.Quantity] = 2,
            [S.SecondMeasure] = 150,
            [S.Objectives] = "MĐ1; MD3",
            [S.Themes] = "ND2;ND4",
            [S.District] = "Đại Từ",
            [S.Evidence] = "https://stp.thainguyen.gov.vn/tin/hoi-nghi",
            [S.Cost] = 25_000_000,
            [S.Notes] = "Có đại biểu cấp xã",
            [S.Description] = "Tập huấn cho cán bộ một cửa cấp huyện",
            [S.FundingSource] = "Ngân sách tỉnh",
        });

        var preview = await PreviewAsync(file);
        Assert.Null(preview.FileError);
        Assert.True(preview.CanImport, string.Join("; ", preview.BadRows.SelectMany(r => r.Errors)));
        Assert.Equal(1, await _importer.CommitAsync(_kit.Officer("STP"), preview));

        var service = _kit.Service();
        var row = Assert.Single((await service.ListAsync(_kit.Officer("STP"), new ActivityQuery())).Rows);
        var saved = await service.GetAsync(_kit.Officer("STP"), row.Id);
        Assert.Equal(_kit.Agencies["STP"], saved.AgencyId);
        Assert.Equal(_kit.Channel("HOINGHI"), saved.ChannelId);
        Assert.Equal("Hội nghị tập huấn kiểm soát TTHC năm 2021", saved.Title);
        Assert.Equal(new DateOnly(2021, 6, 15), saved.StartDate);
        Assert.Equal(new DateOnly(2021, 6, 16), saved.EndDate);
        Assert.Equal(2, saved.Quantity);
        Assert.Equal(150, saved.SecondMeasure);
        Assert.Equal([_kit.Objective("MD1"), _kit.Objective("MD3")], saved.ObjectiveIds);
        Assert.Equal([_kit.Theme("ND2"), _kit.Theme("ND4")], saved.ThemeIds);
        Assert.Equal(_kit.District("DAITU"), saved.DistrictId);
        Assert.Equal("https://stp.thainguyen.gov.vn/tin/hoi-nghi", saved.EvidenceUrl);
        Assert.Equal(25_000_000, saved.Cost);
        Assert.Equal("Có đại biểu cấp xã", saved.Notes);
        Assert.Equal("Tập huấn cho cán bộ một cửa cấp huyện", saved.Description);
        Assert.Equal("Ngân sách tỉnh", saved.FundingSource);
        Assert.Equal("tuphap", saved.CreatedBy);
        Assert.Equal(new DataChange("Activity", _kit.Agencies["STP"]), Assert.Single(_kit.Notifier.Changes));
    }

    [Fact]
    public async Task EachImportedRowHasOneCreatedHistoryEntryReadingLikeTheSameRowSavedFromTheForm()
    {
        var row = new Dictionary<string, object?>
        {
            [S.Channel] = "HOINGHI",
            [S.Title] = "Hội nghị tập huấn kiểm soát TTHC năm 2021",
            [S.StartDate] = new DateTime(2021, 6, 15),
            [S.EndDate] = new DateTime(2021, 6, 16),
            [S.Quantity] = 2,
            [S.SecondMeasure] = 150,
            [S.Objectives] = "MĐ3; MĐ1",
            [S.Themes] = "ND4;ND2",
            [S.District] = "Đại Từ",
            [S.Evidence] = "https://stp.thainguyen.gov.vn/tin/hoi-nghi",
            [S.Cost] = 25_000_000,
            [S.Notes] = "Có đại biểu cấp xã",
            [S.FundingSource] = "Ngân sách tỉnh",
        };
        var preview = await PreviewAsync(Fill(row, new Dictionary<string, object?>(row) { [S.Title] = "Hội nghị thứ hai" }));
        Assert.Equal(2, await _importer.CommitAsync(_kit.Officer("STP"), preview));
        var fromForm = await _kit.Service().CreateAsync(_kit.Officer("STP"), preview.Rows[0].Input);

        await using var db = _kit.Context();
        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.EntityType == nameof(Activity)).OrderBy(e => e.Id).ToListAsync();
        var ids = await db.Activities.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Id.ToString()).ToListAsync();
        Assert.Equal(3, entries.Count);
        Assert.Equal(ids, entries.Select(e => e.EntityId));
        Assert.All(entries, e => Assert.Equal((AuditAction.Created, "tuphap"), (e.Action, e.UserName)));
        Assert.Equal(entries[2].Changes, entries[0].Changes);
        Assert.Equal(fromForm.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), entries[2].EntityId);
        var second = System.Text.Json.Nodes.JsonNode.Parse(entries[1].Changes)!;
        Assert.Equal("Hội nghị thứ hai", (string?)second["Title"]!["after"]);
        Assert.Equal(["ND2", "ND4"], second["Themes"]!["after"]!.AsArray().Select(n => (string?)n));
    }

    [Fact]
    public async Task TextDatesVietnameseNumbersNamesAndBothObjectiveSpellingsAreAccepted()
    {
        var file = Fill(
            new Dictionary<string, object?>
            {
                [S.Channel] = "hoi nghi, HOI THAO",
                [S.Title] = "Hội nghị đối thoại với doanh nghiệp",
                [S.StartDate] = "05/03/2021",
                [S.EndDate] = "6/3/2021",
                [S.Quantity] = "1.234",
                [S.SecondMeasure] = "2.000",
                [S.Objectives] = "md2, MĐ4",
                [S.Themes] = "nd3",
                [S.District] = "TPTN",
                [S.Cost] = "1.500.000",
            },
            new Dictionary<string, object?>
            {
                [S.Channel] = "Tin, bài trên báo",
                [S.Title] = "Bài viết về một cửa liên thông",
                [S.StartDate] = 44300, // a date typed into a "General" cell: 14/04/2021
                [S.Quantity] = 3.0,
                [S.Objectives] = "MD1",
                [S.Themes] = "ND1",
                [S.District] = "huyen dai tu",
            });

        var preview = await PreviewAsync(file);

        Assert.True(preview.CanImport, string.Join("; ", preview.BadRows.SelectMany(r => r.Errors)));
        var first = preview.Rows[0].Input;
        Assert.Equal(_kit.Channel("HOINGHI"), first.ChannelId);
        Assert.Equal(new DateOnly(2021, 3, 5), first.StartDate);
        Assert.Equal(new DateOnly(2021, 3, 6), first.EndDate);
        Assert.Equal(1234, first.Quantity);
        Assert.Equal(2000, first.SecondMeasure);
        Assert.Equal([_kit.Objective("MD2"), _kit.Objective("MD4")], first.ObjectiveIds);
        Assert.Equal([_kit.Theme("ND3")], first.ThemeIds);
        Assert.Equal(_kit.District("TPTN"), first.DistrictId);
        Assert.Equal(1_500_000, first.Cost);
        var second = preview.Rows[1].Input;
        Assert.Equal(_kit.Channel("BAO"), second.ChannelId);
        Assert.Equal(new DateOnly(2021, 4, 14), second.StartDate);
        Assert.Equal(3, second.Quantity);
        Assert.Equal(_kit.District("DAITU"), second.DistrictId);
        Assert.Equal([2, 3], preview.Rows.Select(r => r.RowNumber));
    }

    private static string Inline(string reference, string text) =>
        $"<c r=\"{reference}\" t=\"inlineStr\"><is><t>{System.Security.SecurityElement.Escape(text)}</t></is></c>";

    [Fact]
    public async Task AFormulaGivesItsCachedResultAndOneWithoutAResultIsUnreadable()
    {
        var sheetData = ActivityWorkbook.HeaderRowXml()
            + "<row r=\"2\">" + Inline("A2", "HOINGHI")
            + "<c r=\"B2\" t=\"str\"><f>\"Hội nghị \"&amp;\"tập huấn\"</f><v>Hội nghị tập huấn</v></c>"
            + Inline("C2", "15/06/2021") + "<c r=\"E2\"><f>1+1</f><v>2</v></c><c r=\"F2\"><v>120</v></c>" + Inline("G2", "MĐ2") + Inline("H2", "ND2") + "</row>"
            + "<row r=\"3\">" + Inline("A3", "HOINGHI") + Inline("B3", "Hội nghị hai") + Inline("C3", "15/06/2021")
            + "<c r=\"E3\"><f>SUM(X1:X9)</f></c><c r=\"F3\"><v>120</v></c>" + Inline("G3", "MĐ2") + Inline("H3", "ND2") + "</row>";

        var preview = await PreviewAsync(ActivityWorkbook.WithSheetData(_template, sheetData));

        Assert.Null(preview.FileError);
        Assert.Equal([2, 3], preview.Rows.Select(r => r.RowNumber));
        Assert.True(preview.Rows[0].IsValid, string.Join("; ", preview.Rows[0].Errors));
        Assert.Equal("Hội nghị tập huấn", preview.Rows[0].Input.Title);
        Assert.Equal(2, preview.Rows[0].Input.Quantity);
        Assert.Equal("Số lượng «#?» không phải là số (ví dụ 1.234 hoặc 1234).", Assert.Single(preview.Rows[1].Errors));
    }

    [Fact]
    public async Task RichTextIsReadWithoutItsPhoneticHintsAndRowsAndCellsWithoutReferencesFollowThePreviousOnes()
    {
        // Excel always writes references; other writers may leave them out, and the format allows it.
        var sheetData = ActivityWorkbook.HeaderRowXml()
            + "<row><c t=\"inlineStr\"><is><t>HOINGHI</t></is></c>"
            + "<c t=\"inlineStr\"><is><r><t xml:space=\"preserve\">Hội nghị </t></r><r><rPr><b/></rPr><t>phổ biến</t></r><rPh sb=\"0\" eb=\"1\"><t>ホ</t></rPh></is></c>"
            + "<c t=\"inlineStr\"><is><t>15/06/2021</t></is></c><c/><c><v>3</v></c><c><v>120</v></c>"
            + "<c t=\"inlineStr\"><is><t>MĐ2</t></is></c><c t=\"inlineStr\"><is><t>ND2</t></is></c></row>";

        var preview = await PreviewAsync(ActivityWorkbook.WithSheetData(_template, sheetData));

        var row = Assert.Single(preview.Rows);
        Assert.True(row.IsValid, string.Join("; ", row.Errors));
        Assert.Equal(2, row.RowNumber);
        Assert.Equal("Hội nghị phổ biến", row.Input.Title);
        Assert.Equal(new DateOnly(2021, 6, 15), row.Input.StartDate);
        Assert.Null(row.Input.EndDate);
        Assert.Equal(3, row.Input.Quantity);
        Assert.Equal(120, row.Input.SecondMeasure);
    }

    [Fact]
    public async Task ASheetWhoseFirstRowIsNotTheHeaderRowLacksEveryColumn()
    {
        var sheetData = "<row r=\"2\">" + Inline("A2", "HOINGHI") + Inline("B2", "Hội nghị") + "</row>";

        var preview = await PreviewAsync(ActivityWorkbook.WithSheetData(_template, sheetData));

        Assert.Equal(ActivityImporter.MissingColumnsMessage(S.Headers), preview.FileError);
    }

    [Fact]
    public async Task ImportedActivitiesTakeNewIdsAndAnActivitySavedAfterwardsGetsTheNextOne()
    {
        var service = _kit.Service();
        var before = await service.CreateAsync(_kit.Officer("STP"), _kit.Input(title: "Trước khi nhập"));
        var preview = await PreviewAsync(Fill(Enumerable.Range(1, 600).Select(i => ActivityWorkbook.GoodRow($"Dòng {i}")).ToArray()));

        Assert.Equal(600, await _importer.CommitAsync(_kit.Officer("STP"), preview));
        var after = await service.CreateAsync(_kit.Officer("STP"), _kit.Input(title: "Sau khi nhập"));

        await using var db = _kit.Context();
        var imported = await db.Activities.AsNoTracking().Where(a => a.Title.StartsWith("Dòng ")).OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.Title, Objectives = a.Objectives.Count, Themes = a.Themes.Count }).ToListAsync();
        Assert.Equal(600, imported.Count);
        Assert.All(imported, a => Assert.True(a.Id > before.Id && a.Id < after.Id, $"{a.Id} not between {before.Id} and {after.Id}"));
        // Read back in id order, the rows are the file's order: ids are handed out in the sheet's order.
        Assert.Equal(Enumerable.Range(1, 600).Select(i => $"Dòng {i}"), imported.Select(a => a.Title));
        Assert.All(imported, a => Assert.Equal((1, 1), (a.Objectives, a.Themes)));
        var history = await db.AuditEntries.AsNoTracking().Where(e => e.EntityType == nameof(Activity)).Select(e => e.EntityId).ToListAsync();
        Assert.Equal(602, history.Count);
        Assert.Equal(imported.Select(a => a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(),
            history.Except([before.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), after.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]).Order());
    }

    [Fact]
    public async Task BlankRowsBetweenRowsAreSkippedAndRowNumbersAreTheSheets()
    {
        var file = Fill(ActivityWorkbook.GoodRow("Dòng hai"), new Dictionary<string, object?>(), ActivityWorkbook.GoodRow("Dòng bốn").With(S.Quantity, 0));

        var preview = await PreviewAsync(file);

        Assert.Equal([2, 4], preview.Rows.Select(r => r.RowNumber));
        Assert.Equal(4, Assert.Single(preview.BadRows).RowNumber);
    }

    [Fact]
    public async Task EachKindOfBadRowIsReportedWithItsRowNumberAndReasonAndNothingIsSaved()
    {
        var good = ActivityWorkbook.GoodRow("Dòng tốt");
        var cases = new (Dictionary<string, object?> Row, string[] Reasons)[]
        {
            (good.With(S.Channel, "TIVI"), ["Hình thức «TIVI» không có trong danh mục"]),
            (good.With(S.StartDate, "31/02/2021"), ["Ngày thực hiện «31/02/2021» không phải là ngày"]),
            (good.With(S.Quantity, "abc"), ["Số lượng «abc» không phải là số"]),
            (good.With(S.Quantity, "1.5"), ["Số lượng «1.5» không phải là số"]),
            (good.With(S.Quantity, 2.5), ["Số lượng phải là số nguyên"]),
            (good.With(S.Quantity, 0), ["Số lượng phải từ 1"]),
            (good.With(S.Objectives, "MĐ1; MĐ5"), ["Mục đích: không có mã «MĐ5»"]),
            (good.With(S.Themes, null), ["Chưa chọn Nội dung tuyên truyền"]),
            (good.With(S.District, "Hà Nội"), ["Địa bàn «Hà Nội» không có trong danh mục"]),
            (good.With(S.Title, null), ["Chưa nhập Tên hoạt động"]),
            (good.With(S.StartDate, new DateTime(2021, 10, 21)), ["Ngày thực hiện không được sau ngày hôm nay (20/10/2021)"]),
            (good.With(S.StartDate, new DateTime(2020, 12, 31)), ["Ngày thực hiện phải trong thời gian thực hiện kế hoạch"]),
            (good.With(S.EndDate, new DateTime(2021, 6, 14)), ["Ngày kết thúc không được trước Ngày thực hiện"]),
            (good.With(S.Cost, -5), ["Kinh phí (đồng) phải từ 0"]),
            (good.With(S.Evidence, "ftp://files.vn/a.pdf"), ["Minh chứng phải là đường dẫn bắt đầu bằng http:// hoặc https://"]),
            (good.With(S.Channel, "BAO"), ["«Tin, bài trên báo» không có chỉ số phụ"]),
            (good.With(S.SecondMeasure, -3), ["Số người tham dự phải từ 0"]),
            (good.With(S.Title, new string('x', ActivityLimits.TitleMaxLength + 1)), ["Tên hoạt động không được dài quá 300 ký tự"]),
            (good.With(S.Channel, null).With(S.Quantity, "nhiều"), ["Chưa chọn Hình thức", "Số lượng «nhiều» không phải là số"]),
        };
        var file = Fill([good, .. cases.Select(c => c.Row)]);

        var preview = await PreviewAsync(file);

        Assert.Null(preview.FileError);
        Assert.Equal(1, preview.GoodCount);
        Assert.False(preview.CanImport);
        Assert.Equal(Enumerable.Range(3, cases.Length), preview.BadRows.Select(r => r.RowNumber));
        for (var i = 0; i < cases.Length; i++)
        {
            var errors = preview.BadRows[i].Errors;
            Assert.True(errors.Count == cases[i].Reasons.Length, $"Row {i + 3}: {string.Join(" | ", errors)}");
            for (var j = 0; j < errors.Count; j++) Assert.Contains(cases[i].Reasons[j], errors[j]);
        }
        await Assert.ThrowsAsync<BusinessRuleException>(() => _importer.CommitAsync(_kit.Officer("STP"), preview));
        Assert.Equal(0, await _kit.CountActivitiesAsync());
        Assert.Empty(_kit.Notifier.Changes);
    }

    public static TheoryData<string> BadFiles =>
        ["not-xlsx", "old-xls", "zip-not-xlsx", "no-sheet", "missing-column", "empty-file", "header-only", "too-large", "too-many-rows"];

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task ABadFileGetsOneClearReasonAndChangesNothing(string kind)
    {
        var (file, expected) = kind switch
        {
            "not-xlsx" => (Encoding.UTF8.GetBytes("Hình thức,Tên hoạt động\nBAO,Bài viết\n"), ActivityImporter.NotXlsxMessage),
            "old-xls" => ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0], ActivityImporter.OldExcelMessage),
            "zip-not-xlsx" => (ZipWithOneTextFile(), ActivityImporter.NotXlsxMessage),
            "no-sheet" => (ActivityWorkbook.Fill(_template, [ActivityWorkbook.GoodRow("A")], wb => wb.Worksheet(S.SheetName).Name = "Sheet1"),
                ActivityImporter.NoSheetMessage),
            "missing-column" => (ActivityWorkbook.Fill(_template, [ActivityWorkbook.GoodRow("A")], wb => wb.Worksheet(S.SheetName).Column(S.TemplateColumns.ToList().IndexOf(S.Quantity) + 1).Delete()),
                ActivityImporter.MissingColumnsMessage(["Số lượng"])),
            "empty-file" => ([], ActivityImporter.EmptyFileMessage),
            "header-only" => (_template, ActivityImporter.NoRowsMessage),
            "too-large" => (new byte[ActivityImporter.MaxFileBytes + 1], ActivityImporter.FileTooLargeMessage),
            "too-many-rows" => (TitlesOnly(ActivityImporter.MaxRows + 1), ActivityImporter.TooManyRowsMessage),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        var preview = await PreviewAsync(file);

        Assert.Equal(expected, preview.FileError);
        Assert.Empty(preview.Rows);
        Assert.False(preview.CanImport);
        await Assert.ThrowsAsync<BusinessRuleException>(() => _importer.CommitAsync(_kit.Officer("STP"), preview));
        Assert.Equal(0, await _kit.CountActivitiesAsync());
    }

    [Fact]
    public async Task AFileWithExactlyTheMaximumNumberOfRowsIsRead()
    {
        var preview = await PreviewAsync(TitlesOnly(ActivityImporter.MaxRows));

        Assert.Null(preview.FileError);
        Assert.Equal(ActivityImporter.MaxRows, preview.Rows.Count);
    }

    [Fact]
    public async Task TenThousandRowsImportInOneTransaction()
    {
        var channels = new[] { "BAO", "WEB", "HOINGHI", "BANGRON", "TOROI" };
        var rows = Enumerable.Range(0, ActivityImporter.MaxRows).Select(i => new Dictionary<string, object?>
        {
            [S.Channel] = channels[i % channels.Length],
            [S.Title] = $"Hoạt động số {i + 1}",
            [S.StartDate] = new DateTime(2021, 1, 1).AddDays(i % 290),
            [S.Quantity] = 1 + i % 7,
            [S.Objectives] = i % 2 == 0 ? "MĐ1; MĐ2" : "MĐ3",
            [S.Themes] = "ND" + (1 + i % 4),
            [S.Cost] = i * 1000,
        }).ToArray();
        var file = Fill(rows);

        var preview = await PreviewAsync(file);
        Assert.True(preview.CanImport, string.Join("; ", preview.BadRows.Take(3).SelectMany(r => r.Errors)));
        var imported = await _importer.CommitAsync(_kit.Officer("STP"), preview);

        Assert.Equal(ActivityImporter.MaxRows, imported);
        Assert.Equal(ActivityImporter.MaxRows, await _kit.CountActivitiesAsync());
        await using var db = _kit.Context();
        Assert.Equal(ActivityImporter.MaxRows / 2 * 3, await db.Set<Dictionary<string, object>>("ActivityObjectives").CountAsync());
        Assert.Single(_kit.Notifier.Changes);
    }

    [Fact]
    public async Task OnlyAnAgencyOfficerCanImport()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            _importer.PreviewAsync(ActivityTestKit.Monitor, new MemoryStream(Fill(ActivityWorkbook.GoodRow("A")))));
    }

    [Fact]
    public async Task AnotherAgencysOfficerCannotCommitSomeoneElsesPreview()
    {
        var preview = await PreviewAsync(Fill(ActivityWorkbook.GoodRow("A")));

        await Assert.ThrowsAsync<AccessDeniedException>(() => _importer.CommitAsync(_kit.Officer("DAITU", "daitu"), preview));
        Assert.Equal(0, await _kit.CountActivitiesAsync());
    }

    [Fact]
    public async Task CommitChecksTheRowsAgainAndSavesNoneWhenOneNoLongerPasses()
    {
        var preview = await PreviewAsync(Fill(ActivityWorkbook.GoodRow("Hội nghị"), ActivityWorkbook.GoodRow("Tin bài").With(S.Channel, "BAO").With(S.SecondMeasure, null)));
        Assert.True(preview.CanImport);
        await using (var db = _kit.Context())
        {
            var channel = await db.Channels.SingleAsync(c => c.Code == "BAO");
            channel.IsActive = false;
            await db.SaveChangesAsync();
        }

        var ex = await Assert.ThrowsAsync<ValidationException>(() => _importer.CommitAsync(_kit.Officer("STP"), preview));

        Assert.Contains(ex.Errors, e => e.ErrorMessage.StartsWith("Dòng 3:") && e.ErrorMessage.Contains("ngừng sử dụng"));
        Assert.Equal(0, await _kit.CountActivitiesAsync());
    }

    private byte[] TitlesOnly(int count) =>
        ActivityWorkbook.Fill(_template, Enumerable.Range(1, count).Select(i => new Dictionary<string, object?> { [S.Title] = $"Dòng {i}" }));

    private static byte[] ZipWithOneTextFile()
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("readme.txt").Open());
            writer.Write("không phải Excel");
        }
        return output.ToArray();
    }

    public sealed class OnSqlite() : ActivityImporterTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : ActivityImporterTests(DatabaseProvider.PostgreSQL), IOnPostgreSql;
}
