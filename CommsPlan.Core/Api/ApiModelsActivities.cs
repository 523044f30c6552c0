using System.ComponentModel;

namespace CommsPlan.Core.Api;

/// <summary>
/// An activity as an API client sends it: the form's fields, the catalogue named by the codes the Excel import accepts
/// ("BAO", "MĐ1" or "MD1", "ND1"), numbers as sent so the form's messages name a fractional quantity.
/// </summary>
public sealed record ActivityApiInput
{
    [Description("Năm kế hoạch (không bắt buộc): mặc định là kế hoạch có thời gian thực hiện chứa startDate.")]
    public int? Plan { get; init; }

    [Description("Mã hình thức tuyên truyền của kế hoạch, ví dụ \"BAO\".")]
    public string? Channel { get; init; }

    [Description("Tên hoạt động (bắt buộc, tối đa 300 ký tự).")]
    public string? Title { get; init; }

    public string? Description { get; init; }

    [Description("Ngày thực hiện, dạng yyyy-MM-dd, trong thời gian thực hiện kế hoạch và không sau hôm nay.")]
    public DateOnly? StartDate { get; init; }

    public DateOnly? EndDate { get; init; }

    [Description("Số lượng theo đơn vị tính của hình thức (số nguyên từ 1).")]
    public decimal? Quantity { get; init; }

    [Description("Chỉ số phụ của hình thức (phút, lượt người, bản…) khi hình thức có.")]
    public decimal? SecondMeasure { get; init; }

    [Description("Mã mục đích, ví dụ [\"MĐ1\"] (ít nhất một).")]
    public IReadOnlyList<string>? Objectives { get; init; }

    [Description("Mã nội dung tuyên truyền, ví dụ [\"ND1\"] (ít nhất một).")]
    public IReadOnlyList<string>? Themes { get; init; }

    [Description("Mã hoặc tên địa bàn (huyện, thành phố).")]
    public string? District { get; init; }

    [Description("Đường dẫn minh chứng (http:// hoặc https://), ví dụ bài đã đăng.")]
    public string? EvidenceUrl { get; init; }

    [Description("Kinh phí (đồng, số nguyên).")]
    public decimal? Cost { get; init; }

    public string? FundingSource { get; init; }

    public string? Notes { get; init; }

    [Description("Mã của hoạt động ở hệ thống nguồn (CMS), duy nhất trong đơn vị; dùng để cập nhật qua /by-external-id/{externalId}.")]
    public string? ExternalId { get; init; }
}

/// <summary>One activity as the API answers it: the catalogue by its codes, with its version (also sent as the ETag).</summary>
public sealed record ActivityApiModel
{
    public required int Id { get; init; }
    [Description("Phiên bản của bản ghi; gửi lại trong If-Match khi sửa hoặc xóa.")]
    public required long Version { get; init; }
    public string? ExternalId { get; init; }
    [Description("Năm kế hoạch của hoạt động.")]
    public required int Plan { get; init; }
    [Description("Mã đơn vị, ví dụ \"BAOTN\".")]
    public required string Agency { get; init; }
    public required string AgencyName { get; init; }
    public required string Channel { get; init; }
    public required string ChannelName { get; init; }
    public required string Title { get; init; }
    public string? Description { get; init; }
    public required DateOnly StartDate { get; init; }
    public DateOnly? EndDate { get; init; }
    public required int Quantity { get; init; }
    public long? SecondMeasure { get; init; }
    public required IReadOnlyList<string> Objectives { get; init; }
    public required IReadOnlyList<string> Themes { get; init; }
    public string? District { get; init; }
    public string? EvidenceUrl { get; init; }
    public long? Cost { get; init; }
    public string? FundingSource { get; init; }
    public string? Notes { get; init; }
    public required string CreatedBy { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required string UpdatedBy { get; init; }
    public required DateTime UpdatedAt { get; init; }
    [Description("Lý do hoạt động không sửa, xóa được (kỳ báo cáo đã nộp); null khi còn sửa được.")]
    public string? LockReason { get; init; }
}

/// <summary>One line of the activity list, as the list page shows it.</summary>
public sealed record ActivityApiListItem
{
    public required int Id { get; init; }
    public string? ExternalId { get; init; }
    public required string Agency { get; init; }
    public required string AgencyName { get; init; }
    public required string Channel { get; init; }
    public required string ChannelName { get; init; }
    public required string Unit { get; init; }
    public required string Title { get; init; }
    public required DateOnly StartDate { get; init; }
    public DateOnly? EndDate { get; init; }
    public required int Quantity { get; init; }
    public long? SecondMeasure { get; init; }
    public string? SecondMeasureUnit { get; init; }
    public required IReadOnlyList<string> Objectives { get; init; }
    public required IReadOnlyList<string> Themes { get; init; }
    public string? DistrictName { get; init; }
    public long? Cost { get; init; }
    public required string UpdatedBy { get; init; }
    public required DateTime UpdatedAt { get; init; }
}

/// <summary>A page of the filtered list, with how many activities match in all.</summary>
public sealed record ActivityApiPage
{
    [Description("Năm kế hoạch của danh sách.")]
    public required int Plan { get; init; }
    [Description("Trang (bắt đầu từ 1).")]
    public required int Page { get; init; }
    public required int PageSize { get; init; }
    [Description("Tổng số hoạt động khớp bộ lọc (mọi trang).")]
    public required int TotalCount { get; init; }
    public required IReadOnlyList<ActivityApiListItem> Items { get; init; }
}

/// <summary>The list's filters as a query string carries them (the list page's, by codes); checked by <see cref="ActivityApiService"/>.</summary>
public sealed record ActivityApiQuery
{
    public string? Plan { get; init; }
    public string? Agency { get; init; }
    public string? Group { get; init; }
    public string? Channel { get; init; }
    public string? Objective { get; init; }
    public string? Theme { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    public string? Q { get; init; }
    public string? Sort { get; init; }
    public string? Page { get; init; }
    public string? PageSize { get; init; }
}
