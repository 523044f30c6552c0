using System.ComponentModel.DataAnnotations;

namespace CommsPlan.Core.Mail;

/// <summary>
/// The SMTP server the outbox sends through (`Mail:*`). The password comes from the environment (`Mail__Password`),
/// never from a file. Without a host or a sender address mail is off: the outbox keeps every mail until it is set.
/// </summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    public string? Host { get; set; }
    [Range(1, 65535)] public int Port { get; set; } = 25;
    /// <summary>TLS: on connect for port 465, STARTTLS on any other port; off sends in the clear (a relay on the same network).</summary>
    public bool UseTls { get; set; } = true;
    public string? User { get; set; }
    public string? Password { get; set; }
    /// <summary>The sender's address ("kstt@thainguyen.gov.vn"), optionally with a display name in <see cref="FromName"/>.</summary>
    public string? From { get; set; }
    public string FromName { get; set; } = "CommsPlan - Văn phòng UBND tỉnh Thái Nguyên";
    /// <summary>How often the sender looks for mail that is due.</summary>
    [Range(1, 3600)] public int PollSeconds { get; set; } = 30;

    /// <summary>
    /// The hour of Vietnam's day (0–23) from which the day's reminders and Monday's digest are written; each is written
    /// once, whenever the app first runs after that hour.
    /// </summary>
    [Range(0, 23)] public int ReminderHour { get; set; } = 7;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(From);
}
