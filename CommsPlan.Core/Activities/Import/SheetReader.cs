using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace CommsPlan.Core.Activities.Import;

/// <summary>
/// Reads one sheet of an .xlsx forward only, a cell at a time, giving each cell the value ClosedXML's
/// <c>IXLCell.Value</c> gave when the importer loaded the whole workbook with it: a string (shared, inline or a
/// formula's text result), a <see cref="double"/>, a <see cref="DateTime"/> (a number under a date format), a
/// <see cref="TimeSpan"/> (format 46), a <see cref="bool"/>, or <see cref="Unreadable"/>. Formulas are not evaluated:
/// their cached result is read, and one without a cached result is unreadable.
/// <para>
/// Every part it touches — the relationships, workbook.xml, the sheet, the shared strings and styles.xml — is read
/// straight from the zip with a plain <see cref="XmlReader"/> under the <see cref="ImportBudgets"/>
/// (<see cref="XmlBudget"/>); no library builds a tree of any part. Those that do (OpenXML's DOM among them) recurse
/// once per nesting level: a small file of deeply nested elements overflows the stack, which no catch survives.
/// </para>
/// </summary>
internal sealed class SheetReader : IDisposable
{
    /// <summary>A cell whose value cannot be read (a formula without a result, a broken number, a date out of range).</summary>
    public static readonly object Unreadable = new();

    private readonly ZipArchive _zip;
    private readonly ZipArchiveEntry _sheet;
    private readonly XmlBudget _budget;
    private readonly string[] _sharedStrings;
    private readonly CellKind[] _styles;
    // Reused for every cell: a builder per cell would allocate as much as the text it reads.
    private readonly StringBuilder _value = new();
    private readonly StringBuilder _inline = new();

    private enum CellKind : byte { Number, Date, Text, Duration }

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string PackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string OfficeDocumentRelationship = Relationships + "/officeDocument";
    private const string WorksheetRelationship = Relationships + "/worksheet";
    private const string SharedStringsRelationship = Relationships + "/sharedStrings";
    private const string StylesRelationship = Relationships + "/styles";

    private static readonly Uri PackageRoot = new("http://package/");

    private sealed record Relationship(string Type, ZipArchiveEntry? Part);

    private SheetReader(ZipArchive zip, ZipArchiveEntry sheet, XmlBudget budget, string[] sharedStrings, CellKind[] styles)
    {
        _zip = zip;
        _sheet = sheet;
        _budget = budget;
        _sharedStrings = sharedStrings;
        _styles = styles;
    }

    /// <summary>
    /// Opens the package and finds the first sheet whose name <paramref name="matches"/>; null when there is none. Throws
    /// on a package that is not a workbook, <see cref="ImportBudgetExceededException"/> on one over a budget, and
    /// <see cref="OperationCanceledException"/> when <paramref name="ct"/> is cancelled. The stream stays open.
    /// </summary>
    public static SheetReader? Open(Stream package, Func<string, bool> matches, ImportBudgets limits, CancellationToken ct)
    {
        var zip = new ZipArchive(package, ZipArchiveMode.Read, leaveOpen: true);
        try
        {
            var budget = new XmlBudget(limits, ct);
            var parts = PartsOf(zip);
            var workbook = ReadRelationships(parts, budget, null).Values.FirstOrDefault(r => r.Type == OfficeDocumentRelationship)?.Part
                ?? throw new InvalidDataException("No workbook part.");
            var relationships = ReadRelationships(parts, budget, workbook);
            var sheet = ReadSheetPart(workbook, budget, relationships, matches);
            if (sheet is null)
            {
                zip.Dispose();
                return null;
            }
            // The first of each, in the order of the relationships, as OpenXML's package took them.
            var sharedStrings = relationships.Values.FirstOrDefault(r => r.Type == SharedStringsRelationship && r.Part is not null)?.Part;
            var styles = relationships.Values.FirstOrDefault(r => r.Type == StylesRelationship && r.Part is not null)?.Part;
            return new SheetReader(zip, sheet, budget,
                sharedStrings is null ? [] : ReadSharedStrings(sharedStrings, budget),
                styles is null ? [] : ReadStyles(styles, budget));
        }
        catch
        {
            zip.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The sheet's rows in file order, each as its number and its cells' values by column number (1-based; only
    /// columns for which <paramref name="wanted"/> is true beyond row 1, whose cells all come back). Rows without cells
    /// are skipped; a row without a number follows the previous one, a cell without a reference the previous cell.
    /// Cells of other columns are passed over without reading their values.
    /// </summary>
    public IEnumerable<(int Number, Dictionary<int, object?> Cells)> Rows(Func<int, bool> wanted)
    {
        var limits = _budget.Limits;
        using var reader = _budget.Open(_sheet.Open(), null, _sheet.FullName);
        var xml = reader.Xml;
        var rows = 0;
        var lastRow = 0;
        var lastColumn = 0;
        var cellsInRow = 0;
        Dictionary<int, object?>? cells = null;
        while (reader.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && xml.NamespaceURI == Main)
            {
                if (xml.LocalName == "row")
                {
                    if (++rows > limits.MaxRows) throw new ImportBudgetExceededException(limits.RowsReason);
                    lastRow = xml.GetAttribute("r") is { } r ? int.Parse(r, NumberStyles.None, CultureInfo.InvariantCulture) : lastRow + 1;
                    lastColumn = 0;
                    cellsInRow = 0;
                    cells = xml.IsEmptyElement ? null : [];
                }
                else if (xml.LocalName == "c" && cells is not null)
                {
                    // Counted whatever the cells' references say: cells without one cost as much as cells with one.
                    if (++cellsInRow > limits.MaxCellsPerRow) throw new ImportBudgetExceededException(limits.CellsReason(lastRow));
                    var column = xml.GetAttribute("r") is { } reference ? ColumnOf(reference) : lastColumn + 1;
                    if (column > 16_384) throw new InvalidDataException("A cell beyond the last column.");
                    lastColumn = column;
                    if (column > 0 && (lastRow == 1 || wanted(column)))
                    {
                        var value = ReadCell(reader);
                        cells.TryAdd(column, value);
                    }
                    else
                    {
                        reader.SkipElement();
                    }
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
    private object? ReadCell(BudgetedXmlReader reader)
    {
        var xml = reader.Xml;
        var type = xml.GetAttribute("t");
        var style = xml.GetAttribute("s");
        if (xml.IsEmptyElement) return type == "inlineStr" ? "" : null;
        var depth = xml.Depth;
        string? raw = null;
        var formula = false;
        var inline = false;
        StringBuilder? text = null;
        var phonetic = 0;
        while (reader.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
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
                            if (!xml.IsEmptyElement)
                            {
                                text = _value;
                                text.Clear();
                            }
                            break;
                        case "is":
                            inline = true;
                            _inline.Clear();
                            break;
                        case "rPh" when !xml.IsEmptyElement:
                            phonetic++;
                            break;
                        case "t" when inline && phonetic == 0 && !xml.IsEmptyElement:
                            text = _inline;
                            break;
                    }
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    if (text is not null) reader.AppendText(text);
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
        if (type == "inlineStr") return inline ? _inline.ToString() : "";
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

    /// <summary>The package's entries by name; OPC part names are case-insensitive, so two differing only in case are a damaged package.</summary>
    private static Dictionary<string, ZipArchiveEntry> PartsOf(ZipArchive zip)
    {
        var parts = new Dictionary<string, ZipArchiveEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in zip.Entries)
        {
            if (entry.FullName.EndsWith('/')) continue;
            if (!parts.TryAdd(entry.FullName, entry)) throw new InvalidDataException("Two parts of the same name.");
        }
        return parts;
    }

    /// <summary>
    /// The relationships of <paramref name="source"/> (the package's own when null) by id, internal targets resolved to
    /// the package's parts (null when the part is missing), in the file's order.
    /// </summary>
    private static OrderedDictionary<string, Relationship> ReadRelationships(Dictionary<string, ZipArchiveEntry> parts, XmlBudget budget, ZipArchiveEntry? source)
    {
        var sourceName = source?.FullName ?? "";
        var folder = sourceName.LastIndexOf('/') is var slash and >= 0 ? sourceName[..(slash + 1)] : "";
        var relationships = new OrderedDictionary<string, Relationship>(StringComparer.Ordinal);
        if (!parts.TryGetValue($"{folder}_rels/{sourceName[folder.Length..]}.rels", out var entry)) return relationships;
        using var reader = budget.Open(entry.Open(), budget.Limits.MaxSmallPartBytes, entry.FullName);
        var xml = reader.Xml;
        while (reader.Read())
        {
            if (xml.NodeType != XmlNodeType.Element || xml.Depth != 1 || xml.LocalName != "Relationship" || xml.NamespaceURI != PackageRelationships)
                continue;
            if (xml.GetAttribute("Id") is not { } id || xml.GetAttribute("Type") is not { } type || xml.GetAttribute("Target") is not { } target)
                throw new InvalidDataException("A relationship without its id, type or target.");
            var part = xml.GetAttribute("TargetMode") == "External" ? null : Find(parts, sourceName, target);
            if (!relationships.TryAdd(id, new Relationship(type, part))) throw new InvalidDataException("Two relationships of the same id.");
        }
        return relationships;
    }

    /// <summary>The part a relative or absolute target names from the part <paramref name="source"/>, if the package has it.</summary>
    private static ZipArchiveEntry? Find(Dictionary<string, ZipArchiveEntry> parts, string source, string target)
    {
        if (!Uri.TryCreate(PackageRoot, source, out var sourceUri) || !Uri.TryCreate(sourceUri, target, out var uri)
            || uri.Scheme != PackageRoot.Scheme || uri.Host != PackageRoot.Host)
            return null;
        var path = uri.AbsolutePath.TrimStart('/');
        return parts.GetValueOrDefault(Uri.UnescapeDataString(path)) ?? parts.GetValueOrDefault(path);
    }

    /// <summary>
    /// The part of the first sheet of workbook.xml whose name <paramref name="matches"/> and whose id is a worksheet's.
    /// The whole part is read, so it is well-formed and within the budgets wherever a problem sits. A main part that is
    /// not a workbook (a Word document's) is not an Excel file.
    /// </summary>
    private static ZipArchiveEntry? ReadSheetPart(ZipArchiveEntry workbook, XmlBudget budget, OrderedDictionary<string, Relationship> relationships,
        Func<string, bool> matches)
    {
        using var reader = budget.Open(workbook.Open(), budget.Limits.MaxSmallPartBytes, workbook.FullName);
        var xml = reader.Xml;
        var sheetsSeen = false;
        var inSheets = false;
        ZipArchiveEntry? found = null;
        while (reader.Read())
        {
            if (xml.NodeType == XmlNodeType.Element)
            {
                if (xml.Depth == 0 && !(xml.LocalName == "workbook" && xml.NamespaceURI == Main)) throw new InvalidDataException("Not a workbook.");
                if (xml.Depth == 1 && !sheetsSeen && xml.LocalName == "sheets" && xml.NamespaceURI == Main)
                {
                    // Only the first list of sheets counts, as in OpenXML's Workbook.Sheets.
                    sheetsSeen = true;
                    inSheets = !xml.IsEmptyElement;
                }
                else if (inSheets && found is null && xml.Depth == 2 && xml.LocalName == "sheet" && xml.NamespaceURI == Main
                         && xml.GetAttribute("name") is { } name && matches(name)
                         && xml.GetAttribute("id", Relationships) is { } id
                         && relationships.TryGetValue(id, out var relationship) && relationship.Type == WorksheetRelationship)
                {
                    found = relationship.Part;
                }
            }
            else if (xml.NodeType == XmlNodeType.EndElement && xml.Depth == 1 && inSheets)
            {
                inSheets = false;
            }
        }
        return found;
    }

    /// <summary>Each shared string's text: its runs' texts joined, phonetic hints left out.</summary>
    private static string[] ReadSharedStrings(ZipArchiveEntry part, XmlBudget budget)
    {
        var limits = budget.Limits;
        var strings = new List<string>();
        using var reader = budget.Open(part.Open(), null, part.FullName);
        var xml = reader.Xml;
        var item = new StringBuilder();
        var inItem = false;
        var inText = false;
        var phonetic = 0;
        void Add(string text)
        {
            if (strings.Count == limits.MaxSharedStrings) throw new ImportBudgetExceededException(limits.SharedStringsReason);
            strings.Add(text);
        }
        while (reader.Read())
        {
            switch (xml.NodeType)
            {
                case XmlNodeType.Element when xml.NamespaceURI == Main:
                    switch (xml.LocalName)
                    {
                        case "si" when xml.IsEmptyElement:
                            Add("");
                            break;
                        case "si":
                            item.Clear();
                            inItem = true;
                            phonetic = 0;
                            break;
                        case "rPh" when !xml.IsEmptyElement:
                            phonetic++;
                            break;
                        case "t" when inItem && phonetic == 0 && !xml.IsEmptyElement:
                            inText = true;
                            break;
                    }
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace when inText:
                    reader.AppendText(item);
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
                        case "si" when inItem:
                            Add(item.Length == 0 ? "" : item.ToString());
                            inItem = false;
                            break;
                    }
                    break;
            }
        }
        return [.. strings];
    }

    /// <summary>
    /// What a number means under each cell style (the first cellXfs of the style sheet, in order), from the style's
    /// number format as ClosedXML read it.
    /// </summary>
    private static CellKind[] ReadStyles(ZipArchiveEntry part, XmlBudget budget)
    {
        var limits = budget.Limits;
        using var reader = budget.Open(part.Open(), limits.MaxStylesBytes, part.FullName);
        var xml = reader.Xml;
        var formats = new List<uint>();
        // Each custom format's meaning, worked out once however many styles use it; the first of an id wins.
        var custom = new Dictionary<uint, CellKind>();
        var customCount = 0;
        bool cellFormatsSeen = false, numberFormatsSeen = false;
        string? section = null;
        while (reader.Read())
        {
            if (xml.NodeType == XmlNodeType.Element)
            {
                if (xml.Depth == 0 && !(xml.LocalName == "styleSheet" && xml.NamespaceURI == Main)) throw new InvalidDataException("Not a style sheet.");
                if (xml.Depth == 1 && xml.NamespaceURI == Main)
                {
                    section = null;
                    if (xml.LocalName == "cellXfs" && !cellFormatsSeen)
                    {
                        cellFormatsSeen = true;
                        section = "cellXfs";
                    }
                    else if (xml.LocalName == "numFmts" && !numberFormatsSeen)
                    {
                        numberFormatsSeen = true;
                        section = "numFmts";
                    }
                    if (xml.IsEmptyElement) section = null;
                }
                else if (xml.Depth == 2 && xml.NamespaceURI == Main && section == "cellXfs" && xml.LocalName == "xf")
                {
                    if (formats.Count == limits.MaxCellFormats) throw new ImportBudgetExceededException(limits.CellFormatsReason);
                    formats.Add(uint.TryParse(xml.GetAttribute("numFmtId"), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0);
                }
                else if (xml.Depth == 2 && xml.NamespaceURI == Main && section == "numFmts" && xml.LocalName == "numFmt")
                {
                    if (++customCount > limits.MaxNumberFormats) throw new ImportBudgetExceededException(limits.NumberFormatsReason);
                    if (uint.TryParse(xml.GetAttribute("numFmtId"), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                        && xml.GetAttribute("formatCode") is { } code && !custom.ContainsKey(id))
                        custom[id] = KindOf(code);
                }
            }
            else if (xml.NodeType == XmlNodeType.EndElement && xml.Depth == 1)
            {
                section = null;
            }
        }
        if (!cellFormatsSeen) return [];
        return [.. formats.Select(id => KindOf(id, custom))];
    }

    private static CellKind KindOf(uint formatId, Dictionary<uint, CellKind> custom)
    {
        if (formatId == 46) return CellKind.Duration;
        if (formatId is >= 14 and <= 22 or >= 45 and <= 47) return CellKind.Date;
        if (formatId == 49) return CellKind.Text;
        return custom.GetValueOrDefault(formatId, CellKind.Number);
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

    public void Dispose() => _zip.Dispose();
}
