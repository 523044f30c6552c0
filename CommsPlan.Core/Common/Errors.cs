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

/// <summary>Why the database refused a save for now; each has its own advice.</summary>
public enum DatabaseUnavailableReason
{
    /// <summary>Another connection holds the write lock longer than the busy wait (many agencies saving at once).</summary>
    Busy,

    /// <summary>The database cannot be written at all: a read-only file or server, a full disk.</summary>
    ReadOnly,

    /// <summary>The database cannot be reached or opened.</summary>
    Unreachable,
}

/// <summary>
/// The database cannot take the operation right now, through nobody's fault in the input: the operation changed
/// nothing, and the same operation may succeed when tried again. Provider errors become this type in one place,
/// <see cref="Data.DatabaseFailures"/>; editors show the message with a "Thử lại" that repeats the same save.
/// </summary>
public sealed class DatabaseUnavailableException(DatabaseUnavailableReason reason, Exception? inner = null)
    : Exception(MessageFor(reason), inner)
{
    public DatabaseUnavailableReason Reason { get; } = reason;

    private static string MessageFor(DatabaseUnavailableReason reason) => reason switch
    {
        DatabaseUnavailableReason.Busy =>
            "Cơ sở dữ liệu đang bận vì nhiều người cùng lưu một lúc, nên thao tác chưa được thực hiện. Vui lòng thử lại sau ít giây.",
        DatabaseUnavailableReason.ReadOnly =>
            "Cơ sở dữ liệu tạm thời không ghi được (đang ở chế độ chỉ đọc hoặc hết dung lượng), nên thao tác chưa được thực hiện. Vui lòng thử lại sau ít phút; nếu vẫn không được, hãy báo quản trị hệ thống.",
        _ =>
            "Không kết nối được cơ sở dữ liệu, nên thao tác chưa được thực hiện. Vui lòng thử lại sau ít phút; nếu vẫn không được, hãy báo quản trị hệ thống.",
    };
}
