using System.Globalization;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CommsPlan.Core.Activities.Import;

/// <summary>
/// Reads one sheet of an .xlsx forward only, a cell at a time, giving each cell
/// the value ClosedXML's <c>IXLCell.Value</c> gave when the importer loaded the whole workbook with it: a string (shared,
/// inline or a formula's text result), a <see cref="double"/>, a <see cref="DateTime"/> (a number under a date format),
/// a <see cref="TimeSpan"/> (format 46), a <see cref="bool"/>, or <see cref="Unreadable"/>. Loading the whole workbook
/// (every cell, style and validation into ClosedXML's model) took 4 of the 5 seconds of a 10,000-row preview.
/// Formulas are not evaluated: their cached result is read, and one without a cached result is unreadable.
/// OpenXML's package finds the parts (workbook, relationships, styles); the sheet and the shared strings are read with a
/// plain <see cref="XmlReader"/>: OpenXML's own <c>OpenXmlReader</c> building each row's elements took 1.0 s warm and
/// 4.6 s on a first call for 10,000 rows, the plain reader 0.15 s (measured).
/// </summary>
internal sealed class SheetReader : IDisposable
{
    /// <summary>A cell whose value cannot be read (a formula without a result, a broken number, a date out of range).</summary>
    public static readonly object Unreadable = new();

    private readonly SpreadsheetDocument _document;
    private readonly WorksheetPart _sheet;
    private readonly string[] _sharedStrings;
    private readonly CellKind[] _styles;

    private enum CellKind : byte { Number, Date, Text, Duration }

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>No DTDs (no entity expansion), comments and instructions skipped.</summary>
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit, IgnoreComments = true, IgnoreProcessingInstructions = true, CloseInput = true,
    };

    private SheetReader(SpreadsheetDocument document, WorksheetPart sheet, string[] sharedStrings, CellKind[] styles)
    {
        _document = document;
        _sheet = sheet;
        _sharedStrings = sharedStrings;
        _styles = styles;
    }

    /// <summary>
    /// Opens the package and finds the first sheet whose name <paramref name="matches"/>; null when there is none (the
    /// package is then closed). Throws on a package that is not a workbook.
    /// </summary>
    public static SheetReader? Open(Stream package, Func<string, bool> matches)
    {
        var document = SpreadsheetDocument.Open(package, false);
        try
        {
            var workbook = document.WorkbookPart ?? throw new InvalidDataException("No workbook part.");
            var sheet = workbook.Workbook.Sheets?.Elements<Sheet>()
                .Where(s => s.Name?.Value is { } name && matches(name))
                .Select(s => s.Id?.Value is { } id && workbook.TryGetPartById(id, out var part) ? part as WorksheetPart : null)
                .FirstOrDefault(p => p is not null);
            if (sheet is null)
            {
                document.Dispose();
                return null;
            }
            return new SheetReader(document, sheet, ReadSharedStrings(workbook), ReadStyles(workbook));
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The sheet's rows in file order, each as its number and its cells' values by column number (1-based; only
    /// columns for which <paramref name="wanted"/> is true beyond row 1, whose cells all come back). Rows without cells
    /// are skipped; a row without a number follows the previous one, a cell without a reference the previous cell.
    /// </summary>
    public IEnumerable<(int Number, Dictionary<int, object?> Cells)> Rows(Func<int, bool> wanted)
    {
        using var xml = XmlReader.Create(_sheet.GetStream(FileMode.Open, FileAccess.Read), Settings);
        var lastRow = 0;
        var lastColumn = 0;
        Dictionary<int, object?>? cells = null;
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && xml.NamespaceURI == Main)
            {
                if (xml.LocalName == "row")
                {
                    lastRow = xml.GetAttribute("r") is { } r ? int.Parse(r, NumberStyles.None, CultureInfo.InvariantCulture) : lastRow + 1;
                    lastColumn = 0;
                    cells = xml.IsEmptyElement ? null : [];
                }
                else if (xml.LocalName == "c" && cells is not null)
                {
                    var column = xml.GetAttribute("r") is { } reference ? ColumnOf(reference) : lastColumn + 1;
                    lastColumn = column;
                    var value = ReadCell(xml);
                    if (column > 0 && (lastRow == 1 || wanted(column))) cells.TryAdd(column, value);
                }
            }
            else if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName == "row" && xml.NamespaceURI == Main && cells is not null)
            {
                if (cells.Count > 0) yield return (lastRow, cells);
                cells = null;
            }
        }
    }

    /// <summary>Reads the cell the reader is on, up to its end tag, into its value.</summary>
    private object? ReadCell(XmlReader xml)
    {
        var type = xml.GetAttribute("t");
        var style = xml.GetAttribute("s");
        if (xml.IsEmptyElement) return type == "inlineStr" ? "" : null;
        var depth = xml.Depth;
        string? raw = null;
        var formula = false;
        StringBuilder? inline = null;
        StringBuilder? text = null;
        var phonetic = 0;
        while (xml.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
        {
            switch (xml.NodeType)
            {
                case XmlNodeType.Element when xml.NamespaceURI == Main:
                    switch (xml.LocalName)
                    {
                        case "f":
                            formula = true;
                            break;
                        case "v" when xml.Depth == depth + 1:
                            raw = "";
                            if (!xml.IsEmptyElement) text = new StringBuilder();
                            break;
                        case "is":
                            inline = new StringBuilder();
                            break;
                        case "rPh" when !xml.IsEmptyElement:
                            phonetic++;
                            break;
                        case "t" when inline is not null && phonetic == 0 && !xml.IsEmptyElement:
                            text = inline;
                            break;
                    }
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    text?.Append(xml.Value);
                    break;
                case XmlNodeType.EndElement when xml.NamespaceURI == Main:
                    switch (xml.LocalName)
                    {
                        case "v" when xml.Depth == depth + 1:
                            raw = text?.ToString() ?? "";
                            text = null;
                            break;
                        case "t":
                            text = null;
                            break;
                        case "rPh":
                            phonetic--;
                            break;
                    }
                    break;
            }
        }
        if (type == "inlineStr") return inline?.ToString() ?? "";
        return ValueOf(type, style, formula, raw);
    }

    private object? ValueOf(string? type, string? style, bool formula, string? raw)
    {
        if (raw is null) return formula ? Unreadable : null;
        switch (type)
        {
            case "s":
                return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < _sharedStrings.Length
                    ? _sharedStrings[i]
                    : Unreadable;
            case "str" or "e":
                return raw;
            case "b":
                return raw.Trim() is "1" or "true";
            case "d":
                return DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var iso) ? iso : Unreadable;
        }
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return Unreadable;
        var kind = uint.TryParse(style, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s < _styles.Length ? _styles[s] : CellKind.Number;
        switch (kind)
        {
            case CellKind.Date:
                try { return DateTime.FromOADate(number); }
                catch (ArgumentException) { return Unreadable; }
            case CellKind.Duration:
                return double.IsFinite(number) && Math.Abs(number) < TimeSpan.MaxValue.TotalDays ? TimeSpan.FromDays(number) : Unreadable;
            case CellKind.Text:
                // A number typed into a cell formatted as text ("@"): its text, as ClosedXML gave it.
                return number.ToString(CultureInfo.InvariantCulture);
            default:
                return number;
        }
    }

    /// <summary>Each shared string's text: its runs' texts joined, phonetic hints left out.</summary>
    private static string[] ReadSharedStrings(WorkbookPart workbook)
    {
        var part = workbook.SharedStringTablePart;
        if (part is null) return [];
        var strings = new List<string>();
        using var xml = XmlReader.Create(part.GetStream(FileMode.Open, FileAccess.Read), Settings);
        StringBuilder? item = null;
        var inText = false;
        var phonetic = 0;
        while (xml.Read())
        {
            switch (xml.NodeType)
            {
                case XmlNodeType.Element when xml.NamespaceURI == Main:
                    switch (xml.LocalName)
                    {
                        case "si" when xml.IsEmptyElement:
                            strings.Add("");
                            break;
                        case "si":
                            item = new StringBuilder();
                            phonetic = 0;
                            break;
                        case "rPh" when !xml.IsEmptyElement:
                            phonetic++;
                            break;
                        case "t" when item is not null && phonetic == 0 && !xml.IsEmptyElement:
                            inText = true;
                            break;
                    }
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace when inText:
                    item!.Append(xml.Value);
                    break;
                case XmlNodeType.EndElement when xml.NamespaceURI == Main:
                    switch (xml.LocalName)
                    {
                        case "t":
                            inText = false;
                            break;
                        case "rPh":
                            phonetic--;
                            break;
                        case "si" when item is not null:
                            strings.Add(item.ToString());
                            item = null;
                            break;
                    }
                    break;
            }
        }
        return [.. strings];
    }

    /// <summary>What a number means under each cell style, read from the style's number format as ClosedXML did.</summary>
    private static CellKind[] ReadStyles(WorkbookPart workbook)
    {
        var stylesheet = workbook.WorkbookStylesPart?.Stylesheet;
        if (stylesheet?.CellFormats is null) return [];
        var custom = new Dictionary<uint, string>();
        foreach (var format in stylesheet.NumberingFormats?.Elements<NumberingFormat>() ?? [])
        {
            if (format.NumberFormatId?.Value is { } id && format.FormatCode?.Value is { } code) custom.TryAdd(id, code);
        }
        return [.. stylesheet.CellFormats.Elements<CellFormat>().Select(f => KindOf(f.NumberFormatId?.Value ?? 0, custom))];
    }

    private static CellKind KindOf(uint formatId, Dictionary<uint, string> custom)
    {
        if (formatId == 46) return CellKind.Duration;
        if (formatId is >= 14 and <= 22 or >= 45 and <= 47) return CellKind.Date;
        if (formatId == 49) return CellKind.Text;
        return custom.TryGetValue(formatId, out var code) ? KindOf(code) : CellKind.Number;
    }

    /// <summary>A custom format is a date's when a date or time letter comes before any digit placeholder (quoted text aside).</summary>
    private static CellKind KindOf(string code)
    {
        var format = code.ToLowerInvariant();
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c == '"')
            {
                i = format.IndexOf('"', i + 1);
                if (i < 0) break;
            }
            else if (c is '0' or '#' or '?') return CellKind.Number;
            else if (c is 'y' or 'm' or 'd' or 'h' or 's') return CellKind.Date;
        }
        return CellKind.Number;
    }

    /// <summary>The column number of a reference such as "AB12"; 0 for a reference without letters.</summary>
    private static int ColumnOf(string reference)
    {
        var column = 0;
        foreach (var c in reference)
        {
            var letter = char.ToUpperInvariant(c);
            if (letter is < 'A' or > 'Z') break;
            column = column * 26 + (letter - 'A' + 1);
            if (column > 16_384) throw new InvalidDataException($"Bad cell reference {reference}.");
        }
        return column;
    }

    public void Dispose() => _document.Dispose();
}
