using System.IO.Compression;
using System.Text;
using CommsPlan.Core.Activities.Import;
using CommsPlan.Tests.Reliability;
using CommsPlan.Tests.Support;
using S = CommsPlan.Core.Activities.Import.ActivitySheet;

using CommsPlan.Core.ReportingCycle;
namespace CommsPlan.Tests.Core.Activities;

/// <summary>The workbook reader's own behaviour: how it finds the parts, and that a cancellation stops it where it is.</summary>
public sealed class SheetReaderTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private ActivityTestKit _kit = null!;
    private ActivityImporter _importer = null!;
    private byte[] _template = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _kit = await ActivityTestKit.CreateAsync(_database);
        _importer = new ActivityImporter(_database.Factory, _kit.Clock, _kit.Notifier, new PeriodLock());
        _template = await _importer.CreateTemplateAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static byte[] Rewrite(byte[] package, string part, Func<string, string> change) =>
        HostileWorkbooks.WithPart(package, part, xml => to => to.Write(Encoding.UTF8.GetBytes(change(xml))));

    [Fact]
    public void ACancelledReadStopsInsideTheRowItIsReading()
    {
        var file = HostileWorkbooks.WithSheetData(_template, to => to.Write(Encoding.UTF8.GetBytes(
            ActivityWorkbook.HeaderRowXml() + "<row r=\"2\">" + string.Concat(Enumerable.Repeat("<c r=\"A2\"><v>1</v></c>", 10_000)) + "</row>")));
        using var cancel = new CancellationTokenSource();
        using var reader = SheetReader.Open(new MemoryStream(file), name => name == S.SheetName, ImportBudgets.Default, cancel.Token);
        Assert.NotNull(reader);
        var asked = 0;

        // The importer is asked about each cell of row 2 in turn; it cancels while being asked about the hundredth.
        Assert.Throws<OperationCanceledException>(() =>
        {
            foreach (var _ in reader.Rows(_ =>
                     {
                         if (++asked == 100) cancel.Cancel();
                         return true;
                     }))
            {
            }
        });
        Assert.Equal(100, asked);
    }

    [Fact]
    public async Task TargetsRelativeToTheWorkbookAreFollowedAsExcelWritesThem()
    {
        // ClosedXML writes absolute targets ("/xl/worksheets/sheet1.xml"); Excel writes them relative to the workbook.
        var filled = ActivityWorkbook.Fill(_template, [ActivityWorkbook.GoodRow("Hội nghị một"), ActivityWorkbook.GoodRow("Hội nghị hai")], workbook =>
        {
            // A date in the notes column: a number that only its cell's date format makes a date. The format goes first:
            // ClosedXML turns a date put into a text-formatted cell into text, in the current culture.
            var notes = workbook.Worksheet(S.SheetName).Cell(2, S.TemplateColumns.ToList().IndexOf(S.Notes) + 1);
            notes.Style.NumberFormat.Format = "dd/mm/yyyy";
            notes.Value = new DateTime(2021, 7, 1);
        });
        var relative = Rewrite(filled, "xl/_rels/workbook.xml.rels", xml =>
        {
            Assert.Contains("Target=\"/xl/worksheets/", xml);
            return xml.Replace("Target=\"/xl/", "Target=\"", StringComparison.Ordinal);
        });

        var preview = await _importer.PreviewAsync(_kit.Officer("STP"), new MemoryStream(relative));

        Assert.True(preview.CanImport, preview.FileError ?? string.Join("; ", preview.BadRows.SelectMany(r => r.Errors)));
        // Titles come from the shared strings; a date in a text column reads as a date only through the styles.
        Assert.Equal(["Hội nghị một", "Hội nghị hai"], preview.Rows.Select(r => r.Input.Title));
        Assert.Equal("01/07/2021", preview.Rows[0].Input.Notes);
    }

    [Fact]
    public async Task AWordDocumentIsNotAnExcelFile()
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Part(string name, string xml)
            {
                using var to = zip.CreateEntry(name).Open();
                to.Write(Encoding.UTF8.GetBytes(xml));
            }
            Part("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
            Part("_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>");
            Part("word/document.xml", "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>Hoạt động</w:t></w:r></w:p></w:body></w:document>");
        }

        var preview = await _importer.PreviewAsync(_kit.Officer("STP"), new MemoryStream(output.ToArray()));

        Assert.Equal(ActivityImporter.NotXlsxMessage, preview.FileError);
    }
}
