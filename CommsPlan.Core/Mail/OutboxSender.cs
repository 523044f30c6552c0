using System.Globalization;
using System.Net.Sockets;
using CommsPlan.Core.Data;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CommsPlan.Core.Mail;

/// <summary>
/// Sends the outbox's due mail through SMTP (docs/decisions/0017-mail-outbox.md). Each mail is first claimed with a
/// conditional update (pending, due, unclaimed or its claim expired), so of two senders — two threads or two app
/// instances on one database — exactly one gets it; a sender that dies mid-batch loses its claims when they expire.
/// A failure to reach the server leaves the mail pending and tries again later (1, 2, 4 … minutes, at most
/// <see cref="MaxBackoff"/>); a recipient the server refuses for good is marked failed and not tried again.
/// </summary>
public sealed class OutboxSender(IDbContextFactory<CommsPlanDbContext> factory, IOptions<MailOptions> options, TimeProvider time,
    ILogger<OutboxSender> logger)
{
    public const int BatchSize = 20;
    public static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(6);

    // A host name is at most 63 characters: the claim's owner fits its 100.
    private readonly string _instance = $"{Environment.MachineName}:{Guid.NewGuid():N}";

    public bool IsConfigured => options.Value.IsConfigured;

    /// <summary>The wait before the next try after <paramref name="attempts"/> failed ones.</summary>
    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromMinutes(Math.Min(MaxBackoff.TotalMinutes, Math.Pow(2, Math.Max(0, attempts - 1))));

    /// <summary>Sends what is due now; returns how many were sent. Without settings it sends nothing and the mail waits.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct = default)
    {
        var settings = options.Value;
        if (!settings.IsConfigured) return 0;
        var claimed = await ClaimAsync(ct);
        if (claimed.Count == 0) return 0;

        using var client = new SmtpClient();
        try
        {
            await ConnectAsync(client, settings, ct);
        }
        catch (Exception ex) when (ex is SocketException or IOException or SmtpProtocolException or SmtpCommandException
            or AuthenticationException or SslHandshakeException or ServiceNotConnectedException or TimeoutException)
        {
            logger.LogWarning("Mail server {Host}:{Port} unreachable, {Count} mail(s) wait: {Reason}", settings.Host, settings.Port, claimed.Count, ex.Message);
            foreach (var mail in claimed) await RetryLaterAsync(mail, ex.Message, ct);
            return 0;
        }

        var sent = 0;
        var done = 0;
        foreach (var mail in claimed)
        {
            done++;
            try
            {
                await client.SendAsync(Message(mail, settings), ct);
                await FinishAsync(mail.Id, MailStatus.Sent, null, ct);
                sent++;
            }
            catch (SmtpCommandException ex) when (ex.ErrorCode == SmtpErrorCode.RecipientNotAccepted && (int)ex.StatusCode >= 500)
            {
                logger.LogWarning("Mail {Id} to {Address} refused for good: {Reason}", mail.Id, mail.ToAddress, ex.Message);
                await FinishAsync(mail.Id, MailStatus.Failed, ex.Message, ct);
            }
            catch (Exception ex) when (ex is SocketException or IOException or SmtpProtocolException or SmtpCommandException
                or ServiceNotConnectedException or TimeoutException)
            {
                logger.LogWarning("Mail {Id} to {Address} not sent, will try again: {Reason}", mail.Id, mail.ToAddress, ex.Message);
                await RetryLaterAsync(mail, ex.Message, ct);
                if (!client.IsConnected) break;
            }
        }
        // Claims of mail not reached after a dropped connection would expire on their own; release them now instead.
        foreach (var mail in claimed.Skip(done)) await ReleaseAsync(mail.Id, ct);
        if (client.IsConnected) await client.DisconnectAsync(true, ct);
        return sent;
    }

    private async Task<List<OutboxMail>> ClaimAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(ct);
        var candidates = await db.OutboxMails.AsNoTracking()
            .Where(m => m.Status == MailStatus.Pending && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Select(m => m.Id).Take(BatchSize).ToListAsync(ct);
        var until = now + ClaimFor;
        var claimed = new List<long>();
        foreach (var id in candidates)
        {
            // The condition is re-checked by the database in the update: of two senders only one changes the row.
            var changed = await db.OutboxMails
                .Where(m => m.Id == id && m.Status == MailStatus.Pending && (m.LockedUntil == null || m.LockedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedBy, _instance).SetProperty(m => m.LockedUntil, until), ct);
            if (changed == 1) claimed.Add(id);
        }
        return claimed.Count == 0 ? [] : await db.OutboxMails.AsNoTracking().Where(m => claimed.Contains(m.Id)).OrderBy(m => m.Id).ToListAsync(ct);
    }

    private async Task FinishAsync(long id, MailStatus status, string? error, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(ct);
        // Not cancellable: a mail that went out must be marked sent even when the app is stopping.
        await db.OutboxMails.Where(m => m.Id == id && m.LockedBy == _instance).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, status).SetProperty(m => m.SentAt, status == MailStatus.Sent ? now : null)
            .SetProperty(m => m.Attempts, m => m.Attempts + 1).SetProperty(m => m.LastError, Truncate(error))
            .SetProperty(m => m.LockedBy, (string?)null).SetProperty(m => m.LockedUntil, (DateTime?)null), CancellationToken.None);
    }

    private async Task RetryLaterAsync(OutboxMail mail, string error, CancellationToken ct)
    {
        var next = time.GetUtcNow().UtcDateTime + Backoff(mail.Attempts + 1);
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.OutboxMails.Where(m => m.Id == mail.Id && m.LockedBy == _instance).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Attempts, m => m.Attempts + 1).SetProperty(m => m.NextAttemptAt, next)
            .SetProperty(m => m.LastError, Truncate(error))
            .SetProperty(m => m.LockedBy, (string?)null).SetProperty(m => m.LockedUntil, (DateTime?)null), CancellationToken.None);
        mail.Status = MailStatus.Pending;
    }

    private async Task ReleaseAsync(long id, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.OutboxMails.Where(m => m.Id == id && m.LockedBy == _instance).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.LockedBy, (string?)null).SetProperty(m => m.LockedUntil, (DateTime?)null), CancellationToken.None);
    }

    private static async Task ConnectAsync(SmtpClient client, MailOptions settings, CancellationToken ct)
    {
        client.Timeout = 30_000;
        var security = !settings.UseTls ? SecureSocketOptions.None
            : settings.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
        await client.ConnectAsync(settings.Host!, settings.Port, security, ct);
        if (!string.IsNullOrEmpty(settings.User)) await client.AuthenticateAsync(settings.User, settings.Password ?? "", ct);
    }

    /// <summary>The MIME message: plain UTF-8 text, the attachment if any, and a Message-Id fixed by the outbox row.</summary>
    public static MimeMessage Message(OutboxMail mail, MailOptions settings)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentNullException.ThrowIfNull(settings);
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(settings.FromName, settings.From ?? throw new InvalidOperationException("Mail:From is not set.")));
        message.To.Add(new MailboxAddress(mail.ToName, mail.ToAddress));
        message.Subject = mail.Subject;
        // The same id on a repeated delivery (a sender that died after sending, before marking) lets clients drop the copy.
        message.MessageId = string.Create(CultureInfo.InvariantCulture, $"outbox-{mail.Id}-{mail.CreatedAt:yyyyMMddHHmmss}@commsplan");
        var body = new BodyBuilder { TextBody = mail.Body };
        if (mail.Attachment is { } bytes && mail.AttachmentName is { } name)
            body.Attachments.Add(name, bytes, ContentType.Parse(name.EndsWith(".docx", StringComparison.OrdinalIgnoreCase)
                ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document" : "application/octet-stream"));
        message.Body = body.ToMessageBody();
        return message;
    }

    private static string? Truncate(string? error) => error is null ? null : error.Length <= 1000 ? error : error[..1000];
}
