namespace CommsPlan.Core.Common;

/// <summary>
/// The record does not exist or the caller may not see it: both answer the same, so a crafted id
/// learns nothing about another agency's data.
/// </summary>
public sealed class NotFoundException(string message = "Không tìm thấy bản ghi hoặc bạn không có quyền xem bản ghi này.")
    : Exception(message);

/// <summary>The caller may see the record but not do this to it (a viewer saving, an officer answering a difficulty…).</summary>
public sealed class AccessDeniedException(string message = "Bạn không có quyền thực hiện thao tác này.") : Exception(message);

/// <summary>Someone else saved the record first; nothing was overwritten.</summary>
public sealed class ConcurrencyConflictException(string? changedBy, DateTime? changedAtUtc)
    : Exception(changedBy is null
        ? "Bản ghi đã bị xóa hoặc thay đổi bởi người khác. Vui lòng tải lại để xem dữ liệu mới nhất."
        : $"Bản ghi đã được {changedBy} sửa lúc {FormatLocal(changedAtUtc)} sau khi bạn mở. Vui lòng tải lại để xem dữ liệu mới nhất; thay đổi của bạn chưa được lưu.")
{
    public string? ChangedBy { get; } = changedBy;
    public DateTime? ChangedAtUtc { get; } = changedAtUtc;

    private static string FormatLocal(DateTime? utc) =>
        utc is null ? "" : VietnameseFormat.Time(utc.Value);
}

/// <summary>A rule of the plan refuses the operation (a locked period, the last administrator…); the message says why.</summary>
public sealed class BusinessRuleException(string message) : Exception(message);
