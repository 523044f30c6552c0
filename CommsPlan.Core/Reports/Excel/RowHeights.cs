using System.Runtime.CompilerServices;
using ClosedXML.Excel;

namespace CommsPlan.Core.Reports.Excel;

/// <summary>
/// Row heights for wrapped text, estimated from the text's length and the column's width. Neither Excel nor
/// LibreOffice sizes rows to wrapped text when opening a file, merged cells never, and AdjustToContents is ruled out
/// (it needs GDI+ and is far too slow for the detail sheet): an estimate is written instead, erring on the side of one
/// line too many.
/// </summary>
public static class RowHeights
{
    /// <summary>Points per line of Times New Roman at <paramref name="fontSize"/>, with Excel's leading.</summary>
    public static double LineHeight(double fontSize) => Math.Round(fontSize * 1.32, 2);

    /// <summary>Lines <paramref name="text"/> takes in a column <paramref name="width"/> characters wide.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Lines(string? text, double width, double fontSize)
    {
        if (string.IsNullOrEmpty(text)) return 1;
        // Column widths count the "0" of the workbook's 12 pt font; Vietnamese text in Times New Roman averages about
        // 0.75 of it. Narrow columns lose more at word breaks, so they get fewer characters per line.
        var perLine = Math.Max(1, width * 1.25 * (12 / fontSize) * (width < 15 ? 0.8 : 1));
        // Every line of the text (split at '\n') takes at least one line; counted in place, since the detail sheet asks
        // this of every cell of every row.
        var lines = 0;
        var start = 0;
        while (true)
        {
            var end = text.IndexOf('\n', start);
            var length = (end < 0 ? text.Length : end) - start;
            lines += Math.Max(1, (int)Math.Ceiling(length / perLine));
            if (end < 0) return lines;
            start = end + 1;
        }
    }

    /// <summary>The height the tallest of <paramref name="cells"/> needs; null when one line is enough.</summary>
    public static double? For(IEnumerable<(string? Text, double Width)> cells, double fontSize) =>
        For(cells.ToArray().AsSpan(), fontSize);

    /// <inheritdoc cref="For(IEnumerable{ValueTuple{string, double}}, double)"/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double? For(ReadOnlySpan<(string? Text, double Width)> cells, double fontSize)
    {
        var lines = 1;
        foreach (var (text, width) in cells) lines = Math.Max(lines, Lines(text, width, fontSize));
        return lines <= 1 ? null : Math.Min(409, lines * LineHeight(fontSize) + 3);
    }

    /// <summary>Sizes rows <paramref name="firstRow"/>–<paramref name="lastRow"/> to their wrapped, unmerged text.</summary>
    public static void Fit(IXLWorksheet sheet, int firstRow, int lastRow, double fontSize)
    {
        for (var r = firstRow; r <= lastRow; r++)
        {
            var row = sheet.Row(r);
            var height = For(row.CellsUsed()
                .Where(c => c.DataType == XLDataType.Text && !c.IsMerged())
                .Select(c => ((string?)c.GetString(), sheet.Column(c.Address.ColumnNumber).Width)), fontSize);
            if (height is { } h) row.Height = h;
        }
    }
}
