using ClosedXML.Excel;
using CommsPlan.Core.Access;
using CommsPlan.Core.Common;

namespace CommsPlan.Core.Reports.Excel;

/// <summary>
/// The layout of an official document (Decree 30/2020/NĐ-CP; the Party's for a Party body) applied to a worksheet:
/// Times New Roman, the two-column header (issuing body left, national motto right, each underlined), the place and
/// date in italics, the title and the period, Decree 30's margins, page numbers in the footer and the table's header
/// rows printed on every page. Set the columns' widths before the header: the two blocks are divided by width.
/// </summary>
public static class Decree30Layout
{
    public const string FontName = "Times New Roman";
    public const string NumberFormat = "#,##0";
    public const string DateFormat = "dd/MM/yyyy";

    /// <summary>The row of "Biểu số 01 (kèm theo Báo cáo số …)": free between the date (row 4) and the title (row 6).</summary>
    public const int NumberLineRow = 5;

    /// <summary>"Trang 1/34" centred at the foot of every page.</summary>
    public const string FooterText = "Trang &P/&N";

    // Decree 30, appendix I: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm. ClosedXML takes inches.
    public const double MarginTop = 20 / 25.4;
    public const double MarginBottom = 20 / 25.4;
    public const double MarginLeft = 30 / 25.4;
    public const double MarginRight = 15 / 25.4;

    /// <summary>Writes the header over columns 1..<paramref name="columns"/>; returns the first free row (9, or 10 with a subtitle).</summary>
    /// <param name="issuer">Who issues the workbook: the Office for the province's, an officer's agency for its own.</param>
    /// <param name="numberLine">"Biểu số 01 (kèm theo Báo cáo số …)" when the report has a number; null leaves row 5 empty.</param>
    /// <param name="subtitle">An optional italic line under the period (the report's period name and scope).</param>
    public static int WriteHeader(IXLWorksheet sheet, int columns, IssuingBody issuer, DateOnly signedOn, string title, DateOnly from, DateOnly to,
        string? numberLine = null, string? subtitle = null)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        columns = Math.Max(columns, 4);
        var split = Split(sheet, columns, issuer);

        // Left: the superior (regular) over the body's own name (bold), or a body without superior on both rows (bold);
        // the last line underlined, or a star under it for the Party's format.
        var superior = string.Join(" ", issuer.SuperiorLines);
        var name = issuer.NameLines;
        var (first, second, firstBold) = superior.Length > 0
            ? (superior, string.Join("\n", name), false)
            : (name.Count > 1 ? name[0] : "", string.Join("\n", name.Skip(name.Count > 1 ? 1 : 0)), true);
        Block(sheet, 1, 1, split, first, bold: firstBold);
        var own = Block(sheet, 2, 1, split, second, bold: true);
        if (second.Contains('\n'))
        {
            own.Style.Alignment.WrapText = true;
            sheet.Row(2).Height = RowHeights.LineHeight(12) * second.Split('\n').Length + 2;
        }
        if (issuer.Style == DocumentStyle.Party)
        {
            Block(sheet, 3, 1, split, "*", bold: false);
        }
        else
        {
            own.Style.Font.Underline = XLFontUnderlineValues.Single;
            sheet.Row(3).Height = 6;
        }

        // Right: the national motto (or the Party's title), underlined as long as itself.
        var titles = issuer.TitleLines;
        var right = Block(sheet, 1, split + 1, columns, titles[0], bold: true);
        if (titles.Count > 1)
            Block(sheet, 2, split + 1, columns, titles[1], bold: true).Style.Font.Underline = XLFontUnderlineValues.Single;
        else
            right.Style.Font.Underline = XLFontUnderlineValues.Single;

        var date = sheet.Range(4, split + 1, 4, columns).Merge();
        date.FirstCell().SetValue(issuer.PlaceAndDate(signedOn));
        date.Style.Font.Italic = true;
        date.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;

        if (numberLine is not null)
        {
            var line = sheet.Range(NumberLineRow, 1, NumberLineRow, columns).Merge();
            line.FirstCell().SetValue(numberLine);
            line.Style.Font.Italic = true;
            line.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Right;
        }

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
        var sub = sheet.Range(8, 1, 8, columns).Merge();
        sub.FirstCell().SetValue(subtitle);
        sub.Style.Font.Italic = true;
        sub.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        return 10;
    }

    /// <summary>
    /// "Biểu số 01 (kèm theo Báo cáo số 125/BC-VPUBND ngày 20/10/2021 của Văn phòng UBND tỉnh)"; the Party's numbering
    /// for a Party body ("Báo cáo số 12-BC/BTN").
    /// </summary>
    public static string NumberLine(int sheetNumber, IssuingBody issuer, string number, DateOnly signedOn)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        var reference = issuer.Number(number, "BC")[(issuer.Style == DocumentStyle.Party ? "Số ".Length : "Số: ".Length)..];
        return $"Biểu số {sheetNumber:00} (kèm theo Báo cáo số {reference} ngày {signedOn.ToOfficialString()} của {issuer.SentenceName})";
    }

    /// <summary>"Thái Nguyên, ngày 05 tháng 3 năm 2021" for the Office.</summary>
    public static string PlaceAndDate(DateOnly date) => OfficialDate.PlaceAndDate(IssuingBodyDefaults.ProvincePlace, date);

    /// <summary>
    /// A4, fitted to the page width, Decree 30's margins, "Trang 1/34" at the foot, and the rows
    /// <paramref name="headerFirstRow"/>..<paramref name="headerLastRow"/> printed at the top of every page (written as
    /// absolute references by <see cref="PrintTitles"/>). Wide tables print landscape, text portrait.
    /// </summary>
    public static void SetupPage(IXLWorksheet sheet, int? headerFirstRow, int? headerLastRow, bool landscape = true)
    {
        var page = sheet.PageSetup;
        page.PaperSize = XLPaperSize.A4Paper;
        page.PageOrientation = landscape ? XLPageOrientation.Landscape : XLPageOrientation.Portrait;
        page.FitToPages(1, 0);
        page.Margins.Top = MarginTop;
        page.Margins.Bottom = MarginBottom;
        page.Margins.Left = MarginLeft;
        page.Margins.Right = MarginRight;
        page.Margins.Header = 0.3;
        page.Margins.Footer = 0.3;
        page.Footer.Center.Clear();
        page.Footer.Center.AddText(FooterText);
        page.CenterHorizontally = true;
        if (headerFirstRow is { } firstRow && headerLastRow is { } lastRow)
        {
            page.SetRowsToRepeatAtTop(firstRow, lastRow);
            sheet.SheetView.FreezeRows(lastRow);
        }
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
        if (text.Length > 0) range.FirstCell().SetValue(text);
        range.Style.Font.Bold = bold;
        range.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        range.Style.Alignment.Vertical = XLAlignmentVerticalValues.Center;
        return range;
    }

    /// <summary>
    /// The last column of the left block: the fewest columns as wide as the issuing body's longest line (at least 30,
    /// "UBND TỈNH THÁI NGUYÊN") and a third of the sheet, leaving the motto at least 40.
    /// </summary>
    private static int Split(IXLWorksheet sheet, int columns, IssuingBody issuer)
    {
        var widths = Enumerable.Range(1, columns).Select(c => sheet.Column(c).Width).ToArray();
        var total = widths.Sum();
        var longest = issuer.SuperiorLines.Concat(issuer.NameLines).Select(l => l.Length).DefaultIfEmpty(0).Max();
        var wanted = Math.Max(Math.Max(30, longest * 1.45), total / 3);
        var split = 1;
        var sum = widths[0];
        while (split < columns - 1 && sum < wanted) sum += widths[split++];
        while (split > 1 && widths.Skip(split).Sum() < 40) split--;
        return split;
    }
}
