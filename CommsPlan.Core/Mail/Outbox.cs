using CommsPlan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Mail;

/// <summary>A mail to queue: one recipient, plain Vietnamese text, at most one attachment.</summary>
public sealed record OutgoingMail(MailKind Kind, string DedupKey, string ToAddress, string ToName, string Subject, string Body)
{
    public string? AttachmentName { get; init; }
    public byte[]? Attachment { get; init; }
    public int? AgencyId { get; init; }
    public string? UserId { get; init; }
}

/// <summary>
/// Writes mail into the outbox on the caller's context, so it is saved in the same transaction as the event it tells
/// about (the event and its mail are both kept or both lost); <see cref="OutboxSender"/> sends it later.
/// </summary>
public static class Outbox
{
    /// <summary>
    /// Adds <paramref name="mail"/> unless a mail with the same dedup key is already queued or sent (a second scheduler
    /// run, a second instance); returns whether it was added. The unique index on the key stops a race between two.
    /// </summary>
    public static async Task<bool> EnqueueAsync(CommsPlanDbContext db, OutgoingMail mail, DateTime nowUtc, string createdBy, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(mail);
        if (db.OutboxMails.Local.Any(m => m.DedupKey == mail.DedupKey)
            || await db.OutboxMails.AnyAsync(m => m.DedupKey == mail.DedupKey, ct)) return false;
        db.OutboxMails.Add(new OutboxMail
        {
            Kind = mail.Kind,
            DedupKey = mail.DedupKey,
            ToAddress = mail.ToAddress.Trim(),
            ToName = mail.ToName,
            Subject = mail.Subject,
            Body = mail.Body,
            AttachmentName = mail.AttachmentName,
            Attachment = mail.Attachment,
            AgencyId = mail.AgencyId,
            UserId = mail.UserId,
            Status = MailStatus.Pending,
            NextAttemptAt = nowUtc,
            CreatedAt = nowUtc,
            CreatedBy = createdBy,
        });
        return true;
    }
}
