using System.Text;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Activities.Import;
using CommsPlan.Core.Common;
using CommsPlan.Tests.Reliability;
using CommsPlan.Tests.Support;
using S = CommsPlan.Core.Activities.Import.ActivitySheet;

using CommsPlan.Core.ReportingCycle;
namespace CommsPlan.Tests.Core.Activities;

/// <summary>
/// Each of the <see cref="ImportBudgets"/>: a file just over it gets that budget's Vietnamese message and nothing is
/// saved; a file at it is read. The real defaults are used wherever a file over them stays small; the size budgets are
/// tried with smaller figures, which the same code checks.
/// </summary>
public sealed class ImportBudgetTests : IAsyncLifetime
{
    private static readonly ImportBudgets Budgets = ImportBudgets.Default;

    private TestDatabase _database = null!;
    private ActivityTestKit _kit = null!;
    private byte[] _template = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _kit = await ActivityTestKit.CreateAsync(_database);
        _template = await Importer().CreateTemplateAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private ActivityImporter Importer(ImportBudgets? budgets = null) => new(_database.Factory, _kit.Clock, _kit.Notifier, new PeriodLock(), null, budgets);

    private async Task<ActivityImportPreview> PreviewAsync(byte[] file, ImportBudgets? budgets = null) =>
        await Importer(budgets).PreviewAsync(_kit.Officer("STP"), new MemoryStream(file));

    private async Task AssertRefusedAsync(byte[] file, string reason, ImportBudgets? budgets = null)
    {
        var preview = await PreviewAsync(file, budgets);

        Assert.Equal(ActivityImporter.TooComplexMessage(reason), preview.FileError);
        Assert.Empty(preview.Rows);
        await Assert.ThrowsAsync<BusinessRuleException>(() => Importer(budgets).CommitAsync(_kit.Officer("STP"), preview));
        Assert.Equal(0, await _kit.CountActivitiesAsync());
    }

    private static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();

    /// <summary>A data row the importer accepts, in row <paramref name="row"/>, its title in an inline string.</summary>
    private static string GoodRowXml(int row, string title = "Hội nghị phổ biến pháp luật") =>
        $"<row r=\"{row}\"><c r=\"A{row}\" t=\"inlineStr\"><is><t>HOINGHI</t></is></c><c r=\"B{row}\" t=\"inlineStr\"><is><t>{title}</t></is></c>"
        + $"<c r=\"C{row}\" t=\"inlineStr\"><is><t>12/05/2021</t></is></c><c r=\"E{row}\"><v>1</v></c>"
        + $"<c r=\"G{row}\" t=\"inlineStr\"><is><t>MĐ2</t></is></c><c r=\"H{row}\" t=\"inlineStr\"><is><t>ND2</t></is></c></row>";

    private byte[] Sheet(params string[] rows) => HostileWorkbooks.WithSheetData(_template, to =>
    {
        foreach (var row in rows) to.Write(Encoding.UTF8.GetBytes(row));
    });

    /// <summary>The template's styles.xml with <paramref name="xml"/> inserted at <paramref name="where"/>, written with ClosedXML's "x:" prefix.</summary>
    private byte[] Styles(Func<string, int> where, string xml) =>
        HostileWorkbooks.WithPart(_template, "xl/styles.xml", styles => to =>
        {
            var at = where(styles);
            to.Write(Encoding.UTF8.GetBytes(styles[..at] + xml + styles[at..]));
        });

    private byte[] SharedStrings(string items) =>
        HostileWorkbooks.WithPart(_template, "xl/sharedStrings.xml", xml => to =>
        {
            var end = xml.LastIndexOf("</", StringComparison.Ordinal);
            to.Write(Encoding.UTF8.GetBytes(xml[..end] + items + xml[end..]));
        });

    /// <summary><paramref name="count"/> elements nested in the first data cell's inline string, whose text lies five levels down.</summary>
    private byte[] NestedInACell(int count) =>
        Sheet(ActivityWorkbook.HeaderRowXml(), GoodRowXml(2).Replace("<t>HOINGHI</t>", "<t>HOINGHI</t>" + Repeat("<n>", count) + Repeat("</n>", count)));

    [Fact]
    public async Task AFullTemplateWhoseTitlesAndNotesAreAsLongAsAllowedIsWithinTheBudgets()
    {
        var rows = Enumerable.Range(1, ActivityImporter.MaxRows).Select(i => ActivityWorkbook.GoodRow($"{i} " + new string('t', ActivityLimits.TitleMaxLength - 7))
            .With(S.Notes, $"{i} " + new string('n', ActivityLimits.NotesMaxLength - 7)));

        var preview = await PreviewAsync(ActivityWorkbook.Fill(_template, rows));

        Assert.True(preview.CanImport, preview.FileError ?? string.Join("; ", preview.BadRows.Take(3).SelectMany(r => r.Errors)));
        Assert.Equal(ActivityImporter.MaxRows, preview.Rows.Count);
    }

    [Fact]
    public async Task ElementsNestedToTheDepthBudgetAreReadAndOneLevelDeeperIsRefused()
    {
        // worksheet, sheetData, row, c and is are the first five levels.
        var atBudget = await PreviewAsync(NestedInACell(Budgets.MaxDepth - 5));
        Assert.Null(atBudget.FileError);
        Assert.True(Assert.Single(atBudget.Rows).IsValid);

        await AssertRefusedAsync(NestedInACell(Budgets.MaxDepth - 4), Budgets.DepthReason);
    }

    [Fact]
    public async Task AHeaderRowOfAsManyCellsAsExcelAllowsIsReadAndOneMoreIsRefusedWhetherOrNotTheyHaveReferences()
    {
        var header = ActivityWorkbook.HeaderRowXml()[..^"</row>".Length];
        var full = header + Repeat("<c/>", Budgets.MaxCellsPerRow - S.Headers.Count) + "</row>";
        var atBudget = await PreviewAsync(Sheet(full, GoodRowXml(2)));
        Assert.Null(atBudget.FileError);
        Assert.Single(atBudget.Rows);

        await AssertRefusedAsync(Sheet(header + Repeat("<c/>", Budgets.MaxCellsPerRow - S.Headers.Count + 1) + "</row>", GoodRowXml(2)),
            Budgets.CellsReason(1));
        // Cells repeating one reference are as many cells: the count does not trust the references.
        await AssertRefusedAsync(Sheet(ActivityWorkbook.HeaderRowXml(), "<row r=\"2\">" + Repeat("<c r=\"A2\"/>", Budgets.MaxCellsPerRow + 1) + "</row>"),
            Budgets.CellsReason(2));
    }

    [Fact]
    public async Task MoreRowsThanExcelAllowsAreRefusedEvenWithoutCells()
    {
        await AssertRefusedAsync(Sheet(ActivityWorkbook.HeaderRowXml(), Repeat("<row/>", Budgets.MaxRows)), Budgets.RowsReason);
    }

    [Fact]
    public async Task MoreSharedStringsThanTheBudgetAreRefused()
    {
        await AssertRefusedAsync(HostileWorkbooks.TinySharedStrings(_template, Budgets.MaxSharedStrings), Budgets.SharedStringsReason);
    }

    [Fact]
    public async Task ATextLongerThanExcelAllowsIsRefusedInASharedStringAndInACell()
    {
        var atBudget = await PreviewAsync(Sheet(ActivityWorkbook.HeaderRowXml(), GoodRowXml(2, new string('x', Budgets.MaxTextLength))));
        Assert.Null(atBudget.FileError);
        Assert.Contains("Tên hoạt động không được dài quá 300 ký tự", Assert.Single(atBudget.BadRows).Errors[0]);

        await AssertRefusedAsync(Sheet(ActivityWorkbook.HeaderRowXml(), GoodRowXml(2, new string('x', Budgets.MaxTextLength + 1))), Budgets.TextLengthReason);
        await AssertRefusedAsync(SharedStrings($"<x:si><x:t>{new string('x', Budgets.MaxTextLength + 1)}</x:t></x:si>"), Budgets.TextLengthReason);
    }

    [Fact]
    public async Task MoreTextInAllThanTheBudgetIsRefused()
    {
        var budgets = new ImportBudgets { MaxTextCharacters = 100_000 };

        await AssertRefusedAsync(SharedStrings(Repeat($"<x:si><x:t>{new string('x', 30_000)}</x:t></x:si>", 4)), budgets.TextReason, budgets);
    }

    [Fact]
    public async Task MoreCellFormatsOrNumberFormatsThanTheBudgetAreRefused()
    {
        await AssertRefusedAsync(Styles(xml => xml.IndexOf("</x:cellXfs>", StringComparison.Ordinal), Repeat("<x:xf numFmtId=\"0\"/>", Budgets.MaxCellFormats)),
            Budgets.CellFormatsReason);
        // A list of formats of its own ahead of the template's: the first list is the one read.
        var formats = "<x:numFmts>" + string.Concat(Enumerable.Range(200, Budgets.MaxNumberFormats + 1).Select(id => $"<x:numFmt numFmtId=\"{id}\" formatCode=\"0\"/>"))
            + "</x:numFmts>";
        await AssertRefusedAsync(Styles(xml => xml.IndexOf("<x:numFmts", StringComparison.Ordinal), formats), Budgets.NumberFormatsReason);
    }

    [Fact]
    public async Task MoreDistinctNamesInAPartThanTheBudgetAreRefused()
    {
        var names = string.Concat(Enumerable.Range(0, Budgets.MaxNamesPerPart + 1).Select(i => $"<n{i}/>"));

        await AssertRefusedAsync(Styles(xml => xml.LastIndexOf("</", StringComparison.Ordinal), names), Budgets.NamesReason);
    }

    [Fact]
    public async Task ATagLongerThanTheBudgetIsRefusedBeforeTheReaderHoldsIt()
    {
        var tag = $"<row r=\"2\"><c r=\"A2\" note=\"{new string('x', Budgets.MaxBytesBetweenTags + 1)}\"/></row>";

        await AssertRefusedAsync(Sheet(ActivityWorkbook.HeaderRowXml(), tag), Budgets.TagReason);
    }

    [Fact]
    public async Task APartOrAWholeFileLargerThanItsBudgetIsRefused()
    {
        var budgets = new ImportBudgets { MaxStylesBytes = 64 * 1024, MaxXmlBytes = 256 * 1024 };

        await AssertRefusedAsync(Styles(xml => xml.LastIndexOf("</", StringComparison.Ordinal), Repeat("<n/>", 20_000)),
            budgets.PartReason("xl/styles.xml", budgets.MaxStylesBytes), budgets);
        await AssertRefusedAsync(Sheet(ActivityWorkbook.HeaderRowXml(), GoodRowXml(2), Repeat("<row/>", 50_000)), budgets.XmlReason, budgets);
    }

    [Fact]
    public async Task ADocumentTypeDeclarationIsRefusedWithoutExpandingItsEntities()
    {
        // "Billion laughs": a few hundred bytes of entities that would expand to gigabytes.
        var laughs = "<!DOCTYPE x:workbook [<!ENTITY a \"hahahahahahahahahaha\">"
            + string.Concat(Enumerable.Range(1, 9).Select(i => $"<!ENTITY {(char)('a' + i)} \"{Repeat($"&{(char)('a' + i - 1)};", 10)}\">")) + "]>";
        var file = HostileWorkbooks.WithPart(_template, "xl/workbook.xml", xml => to =>
        {
            var root = xml.IndexOf("<x:workbook", StringComparison.Ordinal);
            to.Write(Encoding.UTF8.GetBytes(xml[..root] + laughs + xml[root..].Replace("<x:sheets>", "<x:sheets>&j;")));
        });

        var preview = await PreviewAsync(file);

        Assert.Equal(ActivityImporter.NotXlsxMessage, preview.FileError);
    }
}
