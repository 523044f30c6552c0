using ClosedXML.Excel;

namespace CommsPlan.Core.Activities.Import;

/// <summary>
/// Writes the empty activity workbook an officer fills in: the sheet "Hoạt động" with its headers, and "Danh mục"
/// listing the codes the cells take (channels with units, objectives, themes, districts).
/// </summary>
public static class ActivityTemplate
{
    private static readonly XLColor HeaderFill = XLColor.FromHtml("#DCE6F1");
    private static readonly System.Globalization.CultureInfo Vi = System.Globalization.CultureInfo.GetCultureInfo("vi-VN");

    public static byte[] Create(ActivityCatalogue catalogue)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet(ActivitySheet.SheetName);
        var reference = workbook.AddWorksheet(ActivitySheet.ReferenceSheetName);
        var channelCodes = WriteReference(reference, catalogue);
        WriteActivitySheet(sheet, channelCodes);

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private static void WriteActivitySheet(IXLWorksheet sheet, IXLRange? channelCodes)
    {
        // Widths are set by hand: ClosedXML's AdjustToContents needs GDI+ and is very slow.
        var widths = new Dictionary<string, double>
        {
            [ActivitySheet.Channel] = 14, [ActivitySheet.Title] = 48, [ActivitySheet.StartDate] = 15, [ActivitySheet.EndDate] = 15,
            [ActivitySheet.Quantity] = 11, [ActivitySheet.SecondMeasure] = 12, [ActivitySheet.Objectives] = 14,
            [ActivitySheet.Themes] = 14, [ActivitySheet.District] = 18, [ActivitySheet.Evidence] = 36,
            [ActivitySheet.Cost] = 16, [ActivitySheet.Notes] = 36, [ActivitySheet.Description] = 36, [ActivitySheet.FundingSource] = 20,
        };
        var lastRow = ActivityImporter.MaxRows + 1;
        for (var i = 0; i < ActivitySheet.TemplateColumns.Count; i++)
        {
            var header = ActivitySheet.TemplateColumns[i];
            var column = i + 1;
            // Column styles, not range styles: a range style would create 10,000 empty cells per column.
            var style = sheet.Column(column).Style;
            switch (header)
            {
                case ActivitySheet.StartDate or ActivitySheet.EndDate:
                    style.DateFormat.Format = "dd/mm/yyyy";
                    break;
                case ActivitySheet.Quantity or ActivitySheet.SecondMeasure or ActivitySheet.Cost:
                    style.NumberFormat.Format = "#,##0";
                    break;
                default:
                    // Text, so Excel keeps "MĐ1;MĐ3" and codes exactly as typed.
                    style.NumberFormat.Format = "@";
                    break;
            }
            sheet.Column(column).Width = widths[header];
            var cell = sheet.Cell(1, column);
            cell.Value = header;
            cell.DataType = XLDataType.Text;
            cell.Style.NumberFormat.Format = "@";
            cell.Style.Font.Bold = true;
            cell.Style.Fill.BackgroundColor = HeaderFill;
            cell.Style.Alignment.WrapText = true;
            cell.Style.Alignment.Vertical = XLAlignmentVerticalValues.Center;
        }
        sheet.Row(1).Height = 30;
        sheet.SheetView.FreezeRows(1);

        if (channelCodes is not null)
        {
            // A drop-down of channel codes; a name typed instead is still accepted, so Excel must not refuse it.
            var validation = sheet.Range(2, 1, lastRow, 1).SetDataValidation();
            validation.List(channelCodes, true);
            validation.IgnoreBlanks = true;
            validation.ShowErrorMessage = false;
            validation.ShowInputMessage = true;
            validation.InputTitle = ActivitySheet.Channel;
            validation.InputMessage = "Chọn mã hoặc ghi tên hình thức (xem trang Danh mục).";
        }
    }

    /// <summary>Writes the reference tables one below another; returns the range of active channel codes.</summary>
    private static IXLRange? WriteReference(IXLWorksheet sheet, ActivityCatalogue catalogue)
    {
        sheet.Column(1).Width = 14;
        sheet.Column(2).Width = 52;
        sheet.Column(3).Width = 22;
        sheet.Column(4).Width = 22;
        sheet.Column(5).Width = 28;

        var row = 1;
        sheet.Cell(row, 1).Value = $"DANH MỤC DÙNG KHI NHẬP HOẠT ĐỘNG - KẾ HOẠCH SỐ {catalogue.PlanNumber}";
        sheet.Cell(row, 1).Style.Font.Bold = true;
        sheet.Cell(row, 1).Style.Font.FontSize = 13;
        row += 1;
        foreach (var line in Guidance(catalogue))
        {
            sheet.Cell(row, 1).Value = line;
            row++;
        }

        row++;
        row = Section(sheet, row, "Hình thức (cột Hình thức: ghi mã hoặc tên)",
            ["Mã", "Tên hình thức", "Nhóm", "Đơn vị tính (Số lượng)", "Chỉ số phụ (đơn vị)"]);
        var firstChannelRow = row;
        foreach (var channel in catalogue.Channels.Where(c => c.IsActive))
        {
            var group = catalogue.FormGroups.FirstOrDefault(g => g.Id == channel.FormGroupId);
            SetText(sheet.Cell(row, 1), channel.Code);
            SetText(sheet.Cell(row, 2), channel.Name);
            SetText(sheet.Cell(row, 3), group is null ? "" : $"{group.DisplayCode} - {group.ShortName}");
            SetText(sheet.Cell(row, 4), channel.Unit);
            SetText(sheet.Cell(row, 5), channel.HasSecondMeasure ? SecondMeasureText(channel) : "Không có");
            row++;
        }
        var channelCodes = row > firstChannelRow ? sheet.Range(firstChannelRow, 1, row - 1, 1) : null;

        row++;
        row = CodeList(sheet, row, "Mục đích (cột Mục đích: ghi mã, cách nhau bằng dấu ;)", "Mục đích",
            catalogue.Objectives.Select(o => (o.DisplayCode, o.ShortName)));

        row++;
        row = CodeList(sheet, row, "Nội dung tuyên truyền (cột Nội dung: ghi mã, cách nhau bằng dấu ;)", "Nội dung tuyên truyền",
            catalogue.Themes.Select(t => (t.DisplayCode, t.ShortName)));

        row++;
        CodeList(sheet, row, "Địa bàn (cột Địa bàn: ghi mã hoặc tên, có thể để trống)", "Địa bàn",
            catalogue.Districts.Select(d => (d.Code, d.Name)));
        return channelCodes;
    }

    private static IEnumerable<string> Guidance(ActivityCatalogue catalogue) =>
    [
        $"Mỗi dòng của trang «{ActivitySheet.SheetName}» là một hoạt động; không đổi tên trang và tên cột; tối đa {ActivityImporter.MaxRows.ToString("N0", Vi)} dòng.",
        $"Ngày ghi theo dạng dd/mm/yyyy, trong thời gian thực hiện kế hoạch ({catalogue.PeriodStart:dd/MM/yyyy} - {catalogue.PeriodEnd:dd/MM/yyyy}) và không sau ngày nhập.",
        "Số lượng là số nguyên từ 1; Chỉ số phụ chỉ ghi khi hình thức có chỉ số phụ; Kinh phí ghi số đồng (ví dụ 1.500.000).",
        "Mục đích và Nội dung: ghi ít nhất một mã, nhiều mã cách nhau bằng dấu chấm phẩy, ví dụ: MĐ1; MĐ3 (viết MD1 cũng được).",
        "Minh chứng là đường dẫn bắt đầu bằng http:// hoặc https://.",
        $"Các cột {ActivitySheet.Description}, {ActivitySheet.EndDate}, {ActivitySheet.SecondMeasure}, {ActivitySheet.District}, {ActivitySheet.Evidence}, {ActivitySheet.Cost}, {ActivitySheet.FundingSource} và {ActivitySheet.Notes} có thể để trống.",
    ];

    /// <summary>
    /// "Số người tham dự (lượt người)"; a label that already names its unit, as "Thời lượng (phút)" does, is not given it twice.
    /// </summary>
    internal static string SecondMeasureText(ChannelOption channel)
    {
        var label = channel.SecondMeasureLabel ?? "";
        var unit = channel.SecondMeasureUnit;
        return string.IsNullOrWhiteSpace(unit) || label.EndsWith($"({unit})", StringComparison.OrdinalIgnoreCase) ? label : $"{label} ({unit})";
    }

    /// <summary>A section of codes and their names, one a row; returns the row after it.</summary>
    private static int CodeList(IXLWorksheet sheet, int row, string title, string nameHeader, IEnumerable<(string Code, string Name)> items)
    {
        row = Section(sheet, row, title, ["Mã", nameHeader]);
        foreach (var (code, name) in items)
        {
            SetText(sheet.Cell(row, 1), code);
            SetText(sheet.Cell(row, 2), name);
            row++;
        }
        return row;
    }

    private static int Section(IXLWorksheet sheet, int row, string title, string[] headers)
    {
        sheet.Cell(row, 1).Value = title;
        sheet.Cell(row, 1).Style.Font.Bold = true;
        row++;
        for (var i = 0; i < headers.Length; i++)
        {
            var cell = sheet.Cell(row, i + 1);
            cell.Value = headers[i];
            cell.Style.Font.Bold = true;
            cell.Style.Fill.BackgroundColor = HeaderFill;
        }
        return row + 1;
    }

    /// <summary>Sets a string as text, so codes like "MĐ1" or names with digits are never read as numbers or dates.</summary>
    private static void SetText(IXLCell cell, string text)
    {
        cell.Value = text;
        cell.DataType = XLDataType.Text;
    }
}
