using System.Globalization;

namespace CommsPlan.Core.Activities.Import;

/// <summary>
/// What reading one uploaded workbook may cost, checked while it is read, before the memory or the stack is spent: a
/// file over any of them is refused with one message naming the budget (<see cref="ActivityImporter.TooComplexMessage"/>).
/// The file's own limits (its size, what it unpacks to, its parts, its data rows) are <see cref="ActivityImporter"/>'s
/// constants. The defaults sit well above what Excel or the template produce and well below what hurts the server;
/// tests pass smaller ones to reach a budget with a small file.
/// </summary>
public sealed record ImportBudgets
{
    public static ImportBudgets Default { get; } = new();

    /// <summary>
    /// Element nesting in any part. The template's parts nest five levels deep and Excel's extensions a few more; XML
    /// readers that build a tree recurse per level, and even a forward-only reader keeps a node per open level.
    /// </summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>
    /// Distinct element, attribute and namespace names in one part: the XML reader keeps every name it meets for the
    /// part's lifetime, so a part of a million made-up names would hold them all.
    /// </summary>
    public int MaxNamesPerPart { get; init; } = 2_048;

    /// <summary>
    /// Bytes between two "&lt;": the XML reader holds a whole start tag (all its attributes) in memory before it reports
    /// it. The longest text Excel allows in a cell, written with character references, stays far below.
    /// </summary>
    public int MaxBytesBetweenTags { get; init; } = 1024 * 1024;

    /// <summary>The package's relationships and workbook.xml: a few kilobytes in a real file.</summary>
    public long MaxSmallPartBytes { get; init; } = 4L * 1024 * 1024;

    /// <summary>styles.xml: large only in files whose styles have piled up over years of copy and paste.</summary>
    public long MaxStylesBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>Every part read, together (the sheet and its shared strings are most of it).</summary>
    public long MaxXmlBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Row elements in the sheet, with or without cells: Excel's own limit.</summary>
    public int MaxRows { get; init; } = 1_048_576;

    /// <summary>Cells in one row, counted whatever their references say (a cell may have none): Excel's column limit.</summary>
    public int MaxCellsPerRow { get; init; } = 16_384;

    /// <summary>
    /// Shared strings: all are kept while the sheet is read. Excel writes one per distinct text of the workbook, so a
    /// full template has at most its rows times its text columns.
    /// </summary>
    public int MaxSharedStrings { get; init; } = 500_000;

    /// <summary>Characters of one text (a cell's or a shared string's): Excel's own limit for a cell.</summary>
    public int MaxTextLength { get; init; } = 32_767;

    /// <summary>
    /// Characters of text kept while reading: every shared string, and the cells' texts the importer takes. Room for
    /// 10,000 rows with long notes; past it, only text repeated over and over (which compresses to almost nothing) fits
    /// in a 5 MB file.
    /// </summary>
    public long MaxTextCharacters { get; init; } = 32_000_000;

    /// <summary>Cell formats (styles.xml's cellXfs): Excel's own limit is a little lower.</summary>
    public int MaxCellFormats { get; init; } = 65_536;

    /// <summary>Custom number formats: Excel allows a few hundred in a workbook.</summary>
    public int MaxNumberFormats { get; init; } = 4_096;

    /// <summary>A whole preview, from the first byte read to the answer.</summary>
    public TimeSpan PreviewTime { get; init; } = TimeSpan.FromSeconds(60);

    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    private static string N(long value) => value.ToString("N0", Vi);

    private static string Size(long bytes) => bytes >= 1024 * 1024 ? N(bytes / (1024 * 1024)) + " MB" : N(bytes / 1024) + " KB";

    // What each budget means to the person who uploaded the file, in the words of ActivityImporter.TooComplexMessage.
    public string DepthReason => $"các thành phần lồng nhau quá {N(MaxDepth)} cấp";
    public string NamesReason => $"hơn {N(MaxNamesPerPart)} loại thành phần khác nhau trong một phần của tệp";
    public string TagReason => $"một thành phần dài hơn {Size(MaxBytesBetweenTags)}";
    public string PartReason(string part, long limit) => $"phần {part} lớn hơn {Size(limit)}";
    public string XmlReason => $"tổng dữ liệu cần đọc lớn hơn {Size(MaxXmlBytes)}";
    public string RowsReason => $"trang có hơn {N(MaxRows)} dòng";
    public string CellsReason(int row) => $"dòng {N(row)} có hơn {N(MaxCellsPerRow)} ô";
    public string SharedStringsReason => $"hơn {N(MaxSharedStrings)} chuỗi văn bản";
    public string TextLengthReason => $"một ô có hơn {N(MaxTextLength)} ký tự, nhiều hơn Excel cho phép";
    public string TextReason => $"tổng văn bản hơn {N(MaxTextCharacters)} ký tự";
    public string CellFormatsReason => $"hơn {N(MaxCellFormats)} kiểu định dạng ô";
    public string NumberFormatsReason => $"hơn {N(MaxNumberFormats)} định dạng số";
}

/// <summary>A workbook over one of the <see cref="ImportBudgets"/>; the message is the budget's reason, in Vietnamese.</summary>
internal sealed class ImportBudgetExceededException(string reason) : Exception(reason);
