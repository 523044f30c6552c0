namespace CommsPlan.Core.Mail;

/// <summary>
/// One mail to one recipient, written in the same transaction as the event it tells about and sent later by
/// <see cref="OutboxSender"/>: a restart, a mail server that is down, or a second app instance loses or doubles nothing
/// (docs/decisions/0017-mail-outbox.md).
/// </summary>
public sealed class OutboxMail
{
    public long Id { get; set; }
    public MailKind Kind { get; set; }

    /// <summary>
    /// What makes this mail the only one of its kind ("report-due:2021-Q3:d7:STP:tuphap@…"): a second scheduler run or a
    /// second instance adds no second row. Unique.
    /// </summary>
    public required string DedupKey { get; set; }

    public required string ToAddress { get; set; }
    public string ToName { get; set; } = "";
    public required string Subject { get; set; }
    /// <summary>Plain text, in Vietnamese; the only body (plain text is what every office mail client shows alike).</summary>
    public required string Body { get; set; }
    public string? AttachmentName { get; set; }
    public byte[]? Attachment { get; set; }

    /// <summary>The agency the mail is about (reminders, urging), for the outbox page's filter.</summary>
    public int? AgencyId { get; set; }
    /// <summary>The account it goes to; null for an agency's own mailbox.</summary>
    public string? UserId { get; set; }

    public MailStatus Status { get; set; } = MailStatus.Pending;
    public int Attempts { get; set; }
    /// <summary>Not before this instant (UTC): now for a new mail, later after a failure (backoff).</summary>
    public DateTime NextAttemptAt { get; set; }
    /// <summary>The instance sending it, and until when its claim holds (a crashed sender's claim runs out).</summary>
    public string? LockedBy { get; set; }
    public DateTime? LockedUntil { get; set; }
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }
}

public enum MailStatus
{
    /// <summary>Waiting to be sent (or to be tried again).</summary>
    Pending,
    Sent,
    /// <summary>The server refused it for good (an address that does not exist): never tried again.</summary>
    Failed,
}

/// <summary>What a mail is about; each kind except urging can be turned off by its recipient (<c>/account/notifications</c>).</summary>
public enum MailKind
{
    /// <summary>The NV1 unit plan is due in 7 days or today and is not recorded.</summary>
    UnitPlanDue,
    /// <summary>A quarter's period report is due in 7 days or today and is not in.</summary>
    ReportDue,
    /// <summary>The Office sent the agency's period report back, with its comment.</summary>
    ReportSentBack,
    /// <summary>The Office answered a difficulty the agency raised.</summary>
    DifficultyAnswered,
    /// <summary>Monday's digest for monitors: overdue agencies, reports to review, old difficulties.</summary>
    WeeklyDigest,
    /// <summary>The Office's formal urging notice (Công văn đôn đốc); cannot be turned off.</summary>
    Urging,
}

/// <summary>Which kinds a user turned off (stored on the account).</summary>
[Flags]
public enum MailKinds
{
    None = 0,
    UnitPlanDue = 1,
    ReportDue = 2,
    ReportSentBack = 4,
    DifficultyAnswered = 8,
    WeeklyDigest = 16,
}

public static class MailKindExtensions
{
    /// <summary>The flag a user turns off; None for urging, which cannot be turned off.</summary>
    public static MailKinds AsFlag(this MailKind kind) => kind switch
    {
        MailKind.UnitPlanDue => MailKinds.UnitPlanDue,
        MailKind.ReportDue => MailKinds.ReportDue,
        MailKind.ReportSentBack => MailKinds.ReportSentBack,
        MailKind.DifficultyAnswered => MailKinds.DifficultyAnswered,
        MailKind.WeeklyDigest => MailKinds.WeeklyDigest,
        _ => MailKinds.None,
    };

    public static bool CanOptOut(this MailKind kind) => kind.AsFlag() != MailKinds.None;

    public static string DisplayName(this MailKind kind) => kind switch
    {
        MailKind.UnitPlanDue => "Nhắc hạn ban hành kế hoạch của đơn vị (NV1)",
        MailKind.ReportDue => "Nhắc hạn gửi báo cáo định kỳ",
        MailKind.ReportSentBack => "Báo cáo định kỳ bị trả lại",
        MailKind.DifficultyAnswered => "Khó khăn, vướng mắc đã được trả lời",
        MailKind.WeeklyDigest => "Tổng hợp hằng tuần cho cán bộ giám sát",
        MailKind.Urging => "Công văn đôn đốc",
        _ => kind.ToString(),
    };

    public static string DisplayName(this MailStatus status) => status switch
    {
        MailStatus.Pending => "Chờ gửi",
        MailStatus.Sent => "Đã gửi",
        MailStatus.Failed => "Không gửi được",
        _ => status.ToString(),
    };
}
