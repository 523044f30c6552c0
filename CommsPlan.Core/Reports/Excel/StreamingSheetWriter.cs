using System.IO.Compression;
using System.Xml.Linq;

namespace CommsPlan.Core.Reports.Excel;

/// <summary>
/// Copies a small, formatted xlsx package to <c>output</c> entry by entry, replacing the data rows of one sheet with
/// rows written one at a time. ClosedXML keeps a whole workbook in memory, so it formats the summary sheets and the
/// large detail sheet is streamed here instead (see docs/decisions/0002-streamed-detail-sheet.md and 0009-streamed-sheet-stays-hand-written.md).
/// </summary>
public static class StreamingSheetWriter
{
    /// <summary>Writes <paramref name="template"/> with the rows of <paramref name="sheet"/> to <paramref name="output"/>.</summary>
    /// <returns>The number of data rows written.</returns>
    public static async Task<int> WriteAsync<T>(Stream template, StreamedSheet<T> sheet, Stream output, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        using var source = new ZipArchive(template, ZipArchiveMode.Read, leaveOpen: true);
        var sheetPath = FindSheetPath(source, sheet.SheetName);
        var written = 0;
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                var copy = target.CreateEntry(entry.FullName, CompressionLevel.Fastest);
                await using var to = copy.Open();
                if (entry.FullName == sheetPath)
                {
                    SheetTemplate layout;
                    await using (var from = entry.Open()) layout = SheetTemplate.Read(from, sheet.FirstDataRow, sheet.Columns.Count);
                    written = await WriteSheetAsync(layout, sheet, to, ct);
                }
                else
                {
                    await using var from = entry.Open();
                    await from.CopyToAsync(to, ct);
                }
            }
        }
        return written;
    }

    /// <summary>"A", "B", … "Z", "AA" for 1, 2, … 26, 27.</summary>
    public static string ColumnName(int index)
    {
        var name = "";
        while (index > 0)
        {
            var rem = (index - 1) % 26;
            name = (char)('A' + rem) + name;
            index = (index - 1) / 26;
        }
        return name;
    }

    private static async Task<int> WriteSheetAsync<T>(SheetTemplate layout, StreamedSheet<T> sheet, Stream to, CancellationToken ct)
    {
        using var rows = new SheetRowWriter(to, layout.MainPrefix, layout.Styles);
        rows.WriteRaw(layout.Head);
        var rowNumber = sheet.FirstDataRow;
        var values = new object?[sheet.Columns.Count];
        await foreach (var item in sheet.Rows.WithCancellation(ct))
        {
            for (var i = 0; i < values.Length; i++) values[i] = sheet.Columns[i](item);
            rows.WriteRow(rowNumber++, sheet.RowHeight?.Invoke(item), values);
        }
        var written = rowNumber - sheet.FirstDataRow;
        rows.WriteRaw(layout.Tail(Math.Max(sheet.FirstDataRow, sheet.FirstDataRow + written - 1)));
        rows.Flush();
        return written;
    }

    /// <summary>workbook.xml names the sheet; its relationship gives the part's path.</summary>
    private static string FindSheetPath(ZipArchive archive, string sheetName)
    {
        XNamespace rel = SheetTemplate.RelNs;
        XNamespace pkg = "http://schemas.openxmlformats.org/package/2006/relationships";
        var workbook = Load(archive, "xl/workbook.xml");
        var sheet = workbook.Descendants(SheetTemplate.Main + "sheet").SingleOrDefault(s => (string?)s.Attribute("name") == sheetName)
            ?? throw new InvalidOperationException($"The template has no sheet named '{sheetName}'.");
        var id = (string)sheet.Attribute(rel + "id")!;
        var rels = Load(archive, "xl/_rels/workbook.xml.rels");
        var target = (string)rels.Descendants(pkg + "Relationship").Single(r => (string?)r.Attribute("Id") == id).Attribute("Target")!;
        return target.StartsWith('/') ? target.TrimStart('/') : "xl/" + target;
    }

    private static XDocument Load(ZipArchive archive, string path)
    {
        using var stream = (archive.GetEntry(path) ?? throw new InvalidOperationException($"The template has no part {path}.")).Open();
        return XDocument.Load(stream);
    }
}
