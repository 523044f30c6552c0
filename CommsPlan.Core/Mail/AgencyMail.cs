using CommsPlan.Core.Data;

namespace CommsPlan.Core.Mail;

/// <summary>Writes one mail to each recipient of an agency (or of the monitors) on the caller's context, keyed per recipient.</summary>
public static class AgencyMail
{
    /// <summary>The footer of every mail a recipient can turn off, telling where.</summary>
    public const string OptOutFooter = "(Thư gửi tự động từ phần mềm CommsPlan. Có thể tắt loại thư này tại mục «Thông báo qua email» trong tài khoản của mình.)";

    /// <summary>
    /// Queues <paramref name="subject"/> and <paramref name="body"/> to each of <paramref name="recipients"/> under
    /// "<paramref name="key"/>:address" (so a second run adds nothing); returns how many were added.
    /// </summary>
    public static async Task<int> EnqueueAsync(CommsPlanDbContext db, MailKind kind, string key, IEnumerable<MailRecipient> recipients,
        int? agencyId, string subject, string body, DateTime nowUtc, string createdBy, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        var added = 0;
        foreach (var to in recipients)
        {
            var mail = new OutgoingMail(kind, $"{key}:{to.Address.ToLowerInvariant()}", to.Address, to.Name, subject, body)
            {
                AgencyId = agencyId, UserId = to.UserId,
            };
            if (await Outbox.EnqueueAsync(db, mail, nowUtc, createdBy, ct)) added++;
        }
        return added;
    }
}
