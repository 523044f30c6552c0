using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace CommsPlan.Core.Reporting.Excel;

/// <summary>
/// Copies a small, formatted xlsx package to <c>output</c> entry by entry, replacing the data rows of one
/// sheet with rows written one at a time through an <see cref="XmlWriter"/>. ClosedXML keeps a whole workbook
/// in memory (100,000 rows ≈ 1 GB), so it formats the summary sheets and the large detail sheet is streamed
/// here instead (see docs/decisions/0002-streamed-detail-sheet.md).
/// </summary>
public static class StreamingSheetWriter
{
    private const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static readonly DateOnly ExcelEpoch = new(1899, 12, 30);

    /// <summary>Writes <paramref name="template"/> with the rows of <paramref name="sheet"/> to a seekable <paramref name="output"/>.</summary>
    /// <returns>The number of data rows written.</returns>
    public static async Task<int> WriteAsync<T>(Stream template, StreamedSheet<T> sheet, Stream output, CancellationToken ct = default)
    {
        using var source = new ZipArchive(template, ZipArchiveMode.Read, leaveOpen: true);
        var sheetPath = FindSheetPath(source, sheet.SheetName);
        var written = 0;
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                var copy = target.CreateEntry(entry.FullName, CompressionLevel.Fastest);
                await using var from = entry.Open();
                await using var to = copy.Open();
                if (entry.FullName == sheetPath)
                    written = await RewriteSheetAsync(from, to, sheet, ct);
                else
                    await from.CopyToAsync(to, ct);
            }
        }
        return written;
    }

    /// <summary>workbook.xml names the sheet; its relationship gives the part's path.</summary>
    private static string FindSheetPath(ZipArchive archive, string sheetName)
    {
        XNamespace main = MainNs, rel = RelNs;
        XNamespace pkg = "http://schemas.openxmlformats.org/package/2006/relationships";
        var workbook = Load(archive, "xl/workbook.xml");
        var sheet = workbook.Descendants(main + "sheet").SingleOrDefault(s => (string?)s.Attribute("name") == sheetName)
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

    private static async Task<int> RewriteSheetAsync<T>(Stream from, Stream to, StreamedSheet<T> sheet, CancellationToken ct)
    {
        using var reader = XmlReader.Create(from, new XmlReaderSettings { Async = true, IgnoreWhitespace = false });
        await using var writer = XmlWriter.Create(to, new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false) });
        var styles = new string?[sheet.Columns.Count];
        var written = 0;
        var lastColumn = ColumnName(sheet.Columns.Count);

        await reader.MoveToContentAsync();
        await writer.WriteStartDocumentAsync(true);
        writer.WriteStartElement(reader.Prefix, reader.LocalName, reader.NamespaceURI);
        writer.WriteAttributes(reader, true);
        await reader.ReadAsync();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == 0)
            {
                break;
            }
            if (reader.NodeType != XmlNodeType.Element || reader.Depth != 1)
            {
                await reader.ReadAsync();
                continue;
            }
            switch (reader.LocalName)
            {
                case "dimension":
                    // Optional in the schema, and the real extent is known only at the end: leave it out.
                    await reader.SkipAsync();
                    break;
                case "sheetData":
                    writer.WriteStartElement("sheetData", MainNs);
                    await CopyHeaderRowsAndReadStylesAsync(reader, writer, sheet.FirstDataRow, styles);
                    written = await WriteRowsAsync(writer, sheet, styles, ct);
                    writer.WriteEndElement();
                    break;
                case "autoFilter":
                    var range = reader.GetAttribute("ref") ?? $"A{sheet.FirstDataRow - 1}:{lastColumn}{sheet.FirstDataRow}";
                    var start = range.Split(':')[0];
                    var lastRow = Math.Max(sheet.FirstDataRow, sheet.FirstDataRow + written - 1);
                    writer.WriteStartElement("autoFilter", MainNs);
                    writer.WriteAttributeString("ref", $"{start}:{lastColumn}{lastRow}");
                    writer.WriteEndElement();
                    await reader.SkipAsync();
                    break;
                default:
                    await writer.WriteNodeAsync(reader, true);
                    break;
            }
        }
        await writer.WriteEndElementAsync();
        await writer.WriteEndDocumentAsync();
        return written;
    }

    /// <summary>Rows above the first data row are copied; the template row only lends its cell styles.</summary>
    private static async Task CopyHeaderRowsAndReadStylesAsync(XmlReader reader, XmlWriter writer, int firstDataRow, string?[] styles)
    {
        if (reader.IsEmptyElement)
        {
            await reader.ReadAsync();
            return;
        }
        await reader.ReadAsync();
        while (!(reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "sheetData"))
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "row")
            {
                await reader.ReadAsync();
                continue;
            }
            var r = int.Parse(reader.GetAttribute("r") ?? "0", CultureInfo.InvariantCulture);
            if (r < firstDataRow)
            {
                await writer.WriteNodeAsync(reader, true);
                continue;
            }
            var row = (XElement)XNode.ReadFrom(reader);
            if (r != firstDataRow) continue;
            foreach (var cell in row.Elements(XName.Get("c", MainNs)))
            {
                var column = ColumnIndex((string?)cell.Attribute("r") ?? "");
                if (column >= 1 && column <= styles.Length) styles[column - 1] = (string?)cell.Attribute("s");
            }
        }
        await reader.ReadAsync(); // past </sheetData>
    }

    private static async Task<int> WriteRowsAsync<T>(XmlWriter writer, StreamedSheet<T> sheet, string?[] styles, CancellationToken ct)
    {
        var rowNumber = sheet.FirstDataRow;
        var columnNames = Enumerable.Range(1, sheet.Columns.Count).Select(ColumnName).ToArray();
        await foreach (var item in sheet.Rows.WithCancellation(ct))
        {
            var r = rowNumber.ToString(CultureInfo.InvariantCulture);
            writer.WriteStartElement("row", MainNs);
            writer.WriteAttributeString("r", r);
            if (sheet.RowHeight?.Invoke(item) is { } height)
            {
                writer.WriteAttributeString("ht", height.ToString("0.##", CultureInfo.InvariantCulture));
                writer.WriteAttributeString("customHeight", "1");
            }
            for (var i = 0; i < sheet.Columns.Count; i++)
            {
                WriteCell(writer, columnNames[i] + r, styles[i], sheet.Columns[i](item));
            }
            writer.WriteEndElement();
            rowNumber++;
            if ((rowNumber & 1023) == 0) await writer.FlushAsync();
        }
        return rowNumber - sheet.FirstDataRow;
    }

    private static void WriteCell(XmlWriter writer, string reference, string? style, object? value)
    {
        writer.WriteStartElement("c", MainNs);
        writer.WriteAttributeString("r", reference);
        if (style is not null) writer.WriteAttributeString("s", style);
        switch (value)
        {
            case null:
                break;
            case string text:
                // Inline strings are always literal text: "=HYPERLINK(…)" or "+1" never becomes a formula.
                writer.WriteAttributeString("t", "inlineStr");
                writer.WriteStartElement("is", MainNs);
                writer.WriteStartElement("t", MainNs);
                writer.WriteAttributeString("xml", "space", null, "preserve");
                writer.WriteString(XmlSafe(text));
                writer.WriteEndElement();
                writer.WriteEndElement();
                break;
            case DateOnly date:
                writer.WriteElementString("v", MainNs, (date.DayNumber - ExcelEpoch.DayNumber).ToString(CultureInfo.InvariantCulture));
                break;
            case DateTime time:
                writer.WriteElementString("v", MainNs, time.ToOADate().ToString("R", CultureInfo.InvariantCulture));
                break;
            case IFormattable number:
                writer.WriteElementString("v", MainNs, number.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                throw new ArgumentException($"Unsupported cell value of type {value.GetType().Name}.", nameof(value));
        }
        writer.WriteEndElement();
    }

    /// <summary>XML 1.0 cannot carry most control characters; a user's pasted text may contain them.</summary>
    private static string XmlSafe(string text)
    {
        if (text.All(XmlConvert.IsXmlChar)) return text;
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (XmlConvert.IsXmlChar(c)) builder.Append(c);
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c))
            {
                builder.Append(c).Append(text[i + 1]);
                i++;
            }
        }
        return builder.ToString();
    }

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

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference)
        {
            if (c is < 'A' or > 'Z') break;
            index = index * 26 + (c - 'A' + 1);
        }
        return index;
    }
}
