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
    /// <summary>Optional: in the template, but a file without the column (made from an older template) still imports.</summary>
    public const string Description = "Mô tả";
    /// <summary>Optional, as <see cref="Description"/>.</summary>
    public const string FundingSource = "Nguồn kinh phí";

    /// <summary>The columns a file must have, in the template's order.</summary>
    public static IReadOnlyList<string> Headers { get; } =
        [Channel, Title, StartDate, EndDate, Quantity, SecondMeasure, Objectives, Themes, District, Evidence, Cost, Notes];

    public static IReadOnlyList<string> OptionalHeaders { get; } = [Description, FundingSource];

    /// <summary>The template's columns in order: the required ones, with the optional ones beside the form's neighbours.</summary>
    public static IReadOnlyList<string> TemplateColumns { get; } =
        [Channel, Title, Description, StartDate, EndDate, Quantity, SecondMeasure, Objectives, Themes, District, Evidence, Cost, FundingSource, Notes];
}
