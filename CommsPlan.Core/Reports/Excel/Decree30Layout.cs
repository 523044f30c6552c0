using System.Globalization;
using ClosedXML.Excel;
using CommsPlan.Core.Common;

namespace CommsPlan.Core.Reports.Excel;

/// <summary>
/// The layout of an official document (Decree 30/2020/NĐ-CP) applied to a worksheet: Times New Roman, the
/// two-column header (issuing body left, national motto right, each underlined), the place and date in italics, the
/// title and the period, and an A4 landscape page fitted to width. Set the columns' widths before the header: the
/// two blocks are divided by width.
/// </summary>
public static class Decree30Layout
{
    public const string FontName = "Times New Roman";
    public const string Province = "UBND TỈNH THÁI NGUYÊN";
    public const string Unit = "VĂN PHÒNG";
    public const string Country = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    public const string Motto = "Độc lập - Tự do - Hạnh phúc";
    public const string NumberFormat = "#,##0";
    public const string DateFormat = "dd/MM/yyyy";

    /// <summary>Writes the header over columns 1..<paramref name="columns"/>; returns the first free row (9, or 10 with a subtitle).</summary>
    /// <param name="subtitle">An optional italic line under the period (the report's period name and scope).</param>
    /// <param name="issuingUnit">The issuing unit under the province, in capitals: the Office, or an officer's own agency.</param>
    public static int WriteHeader(IXLWorksheet sheet, int columns, DateOnly signedOn, string title, DateOnly from, DateOnly to,
        string? subtitle = null, string issuingUnit = Unit)
    {
        columns = Math.Max(columns, 4);
        var split = Split(sheet, columns);

        Block(sheet, 1, 1, split, Province, bold: false);
        Block(sheet, 2, 1, split, issuingUnit, bold: true).Style.Font.Underline = XLFontUnderlineValues.Single;
        Block(sheet, 1, split + 1, columns, Country, bold: true);
        // Decree 30 rules a line under the motto as long as the motto: an underline is exactly that, whatever the
        // widths of the columns below it.
        Block(sheet, 2, split + 1, columns, Motto, bold: true).Style.Font.Underline = XLFontUnderlineValues.Single;
        sheet.Row(3).Height = 6;

        var date = sheet.Range(4, split + 1, 4, columns).Merge();
        date.FirstCell().SetValue(PlaceAndDate(signedOn));
        date.Style.Font.Italic = true;
        date.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;

        var heading = sheet.Range(6, 1, 6, columns).Merge();
        heading.FirstCell().SetValue(title);
        heading.Style.Font.Bold = true;
        heading.Style.Font.FontSize = 13;
        heading.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        heading.Style.Alignment.Vertical = XLAlignmentVerticalValues.Center;
        heading.Style.Alignment.WrapText = true;
        sheet.Row(6).Height = 36;

        var period = sheet.Range(7, 1, 7, columns).Merge();
        period.FirstCell().SetValue($"(Từ ngày {from.ToOfficialString()} đến ngày {to.ToOfficialString()})");
        period.Style.Font.Italic = true;
        period.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;

        if (subtitle is null) return 9;
        var line = sheet.Range(8, 1, 8, columns).Merge();
        line.FirstCell().SetValue(subtitle);
        line.Style.Font.Italic = true;
        line.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        return 10;
    }

    /// <summary>
    /// "Thái Nguyên, ngày 05 tháng 3 năm 2021": Decree 30 puts a leading zero only on days below 10 and on
    /// months 1 and 2.
    /// </summary>
    public static string PlaceAndDate(DateOnly date) =>
        $"Thái Nguyên, ngày {date.Day.ToString(date.Day < 10 ? "00" : "0", CultureInfo.InvariantCulture)} "
        + $"tháng {OfficialDate.Month(date.Month)} năm {date.Year.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>A4 landscape, fitted to the page width, the table's header rows repeated on every page.</summary>
    public static void SetupPage(IXLWorksheet sheet, int headerFirstRow, int headerLastRow)
    {
        sheet.PageSetup.PaperSize = XLPaperSize.A4Paper;
        sheet.PageSetup.PageOrientation = XLPageOrientation.Landscape;
        sheet.PageSetup.FitToPages(1, 0);
        sheet.PageSetup.SetRowsToRepeatAtTop(headerFirstRow, headerLastRow);
        sheet.PageSetup.Margins.Left = 0.5;
        sheet.PageSetup.Margins.Right = 0.4;
        sheet.PageSetup.Margins.Top = 0.6;
        sheet.PageSetup.Margins.Bottom = 0.6;
        sheet.SheetView.FreezeRows(headerLastRow);
    }

    /// <summary>Bold, centred, wrapped, bordered column headers.</summary>
    public static void StyleTableHeader(IXLRange header)
    {
        header.Style.Font.Bold = true;
        header.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        header.Style.Alignment.Vertical = XLAlignmentVerticalValues.Center;
        header.Style.Alignment.WrapText = true;
        header.Style.Fill.BackgroundColor = XLColor.FromHtml("#E8EEF5");
        Border(header);
    }

    public static void Border(IXLRange range)
    {
        range.Style.Border.OutsideBorder = XLBorderStyleValues.Thin;
        range.Style.Border.InsideBorder = XLBorderStyleValues.Thin;
    }

    private static IXLRange Block(IXLWorksheet sheet, int row, int firstColumn, int lastColumn, string text, bool bold)
    {
        var range = sheet.Range(row, firstColumn, row, lastColumn).Merge();
        range.FirstCell().SetValue(text);
        range.Style.Font.Bold = bold;
        range.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        return range;
    }

    /// <summary>
    /// The last column of the left block: the fewest columns that are at least 30 characters wide (the issuing
    /// body's lines) and a third of the sheet, leaving the motto at least 40.
    /// </summary>
    private static int Split(IXLWorksheet sheet, int columns)
    {
        var widths = Enumerable.Range(1, columns).Select(c => sheet.Column(c).Width).ToArray();
        var total = widths.Sum();
        var wanted = Math.Max(30, total / 3);
        var split = 1;
        var sum = widths[0];
        while (split < columns - 1 && sum < wanted) sum += widths[split++];
        while (split > 1 && widths.Skip(split).Sum() < 40) split--;
        return split;
    }
}
