namespace CommsPlan.Core.Activities.Import;

/// <summary>The layout of the activity workbook: one source for the template and the importer.</summary>
public static class ActivitySheet
{
    public const string SheetName = "Hoạt động";
    public const string ReferenceSheetName = "Danh mục";

    public const string Channel = "Hình thức";
    public const string Title = "Tên hoạt động";
    public const string StartDate = "Ngày thực hiện";
    public const string EndDate = "Ngày kết thúc";
    public const string Quantity = "Số lượng";
    public const string SecondMeasure = "Chỉ số phụ";
    public const string Objectives = "Mục đích";
    public const string Themes = "Nội dung";
    public const string District = "Địa bàn";
    public const string Evidence = "Minh chứng";
    public const string Cost = "Kinh phí (đồng)";
    public const string Notes = "Ghi chú";
    /// <summary>Accepted when present (a sheet someone extended), not in the template.</summary>
    public const string Description = "Mô tả";
    /// <summary>Accepted when present, not in the template.</summary>
    public const string FundingSource = "Nguồn kinh phí";

    /// <summary>The template's columns, in order; a file must have each of them.</summary>
    public static IReadOnlyList<string> Headers { get; } =
        [Channel, Title, StartDate, EndDate, Quantity, SecondMeasure, Objectives, Themes, District, Evidence, Cost, Notes];

    public static IReadOnlyList<string> OptionalHeaders { get; } = [Description, FundingSource];
}
