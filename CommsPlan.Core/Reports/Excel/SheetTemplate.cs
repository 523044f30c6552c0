using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace CommsPlan.Core.Reports.Excel;

/// <summary>
/// The template's worksheet part cut around its data rows: the XML before them (header rows included), the XML after
/// them with the autofilter stretched to the last row, and the cell style of each column of the template row. The part
/// is small (a header and one row), so it is read whole.
/// </summary>
internal sealed class SheetTemplate
{
    public const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    public const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    public static readonly XNamespace Main = MainNs;

    private const string RowsMarker = "commsplan-rows";
    private const string FilterMarker = "commsplan-autofilter";

    private readonly string _afterRows;
    private readonly string? _filterStart;
    private readonly string _afterFilter;
    private readonly string _lastColumn;

    private SheetTemplate(string head, string afterRows, string? filterStart, string afterFilter, string mainPrefix, string?[] styles)
    {
        Head = Encoding.UTF8.GetBytes(head);
        _afterRows = afterRows;
        _filterStart = filterStart;
        _afterFilter = afterFilter;
        MainPrefix = mainPrefix;
        Styles = styles;
        _lastColumn = StreamingSheetWriter.ColumnName(styles.Length);
    }

    /// <summary>Everything up to and including the header rows, as UTF-8.</summary>
    public byte[] Head { get; }

    /// <summary>"x:" when the part names SpreadsheetML with that prefix (ClosedXML does), "" when it is the default namespace.</summary>
    public string MainPrefix { get; }

    /// <summary>The template row's style index per column (null: none).</summary>
    public string?[] Styles { get; }

    /// <summary>The rest of the part, the autofilter (if any) covering the rows up to <paramref name="lastRow"/>.</summary>
    public byte[] Tail(int lastRow)
    {
        var filter = _filterStart is null
            ? ""
            : $"<{MainPrefix}autoFilter ref=\"{_filterStart}:{_lastColumn}{lastRow.ToString(CultureInfo.InvariantCulture)}\" />";
        return Encoding.UTF8.GetBytes(_afterRows + filter + _afterFilter);
    }

    public static SheetTemplate Read(Stream part, int firstDataRow, int columns)
    {
        var document = XDocument.Load(part, LoadOptions.PreserveWhitespace);
        var root = document.Root ?? throw new InvalidOperationException("The template's sheet is empty.");
        var prefix = root.GetPrefixOfNamespace(Main) is { Length: > 0 } p ? p + ":" : "";

        // Optional in the schema, and the real extent is known only at the end: left out.
        root.Element(Main + "dimension")?.Remove();

        var sheetData = root.Element(Main + "sheetData") ?? throw new InvalidOperationException("The template's sheet has no sheetData.");
        var styles = new string?[columns];
        foreach (var row in sheetData.Elements(Main + "row").ToList())
        {
            var r = int.Parse((string?)row.Attribute("r") ?? "0", CultureInfo.InvariantCulture);
            if (r < firstDataRow) continue;
            // The template row only lends its cells' styles; rows after it would be overwritten.
            if (r == firstDataRow)
            {
                foreach (var cell in row.Elements(Main + "c"))
                {
                    var column = ColumnIndex((string?)cell.Attribute("r") ?? "");
                    if (column >= 1 && column <= columns) styles[column - 1] = (string?)cell.Attribute("s");
                }
            }
            row.Remove();
        }
        sheetData.Add(new XProcessingInstruction(RowsMarker, ""));

        string? filterStart = null;
        if (root.Element(Main + "autoFilter") is { } autoFilter)
        {
            filterStart = ((string?)autoFilter.Attribute("ref") ?? $"A{firstDataRow - 1}").Split(':')[0];
            autoFilter.ReplaceWith(new XProcessingInstruction(FilterMarker, ""));
        }

        document.Declaration = new XDeclaration("1.0", "utf-8", "yes");
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
            document.Save(writer);
        var text = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);

        var (head, rest) = Cut(text, $"<?{RowsMarker}?>");
        var (afterRows, afterFilter) = filterStart is null ? (rest, "") : Cut(rest, $"<?{FilterMarker}?>");
        return new SheetTemplate(head, afterRows, filterStart, afterFilter, prefix, styles);
    }

    private static (string Before, string After) Cut(string text, string marker)
    {
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0) throw new InvalidOperationException($"The template's sheet lost its marker {marker}.");
        return (text[..at], text[(at + marker.Length)..]);
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
