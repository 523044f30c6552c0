using CommsPlan.Core.Access;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Mail;

/// <summary>A mail as administrators see it in the outbox.</summary>
public sealed record OutboxRow(long Id, MailKind Kind, string ToAddress, string ToName, string Subject, MailStatus Status, int Attempts,
    DateTime CreatedAt, DateTime? SentAt, DateTime NextAttemptAt, string? LastError);

/// <summary>An active agency that no reminder or urging notice can reach: "chưa có email".</summary>
public sealed record UnreachableAgency(int Id, string Code, string Name);

/// <summary>
/// Whether mail is on, the outbox's counts by status, its newest mail, and the agencies mail cannot reach
/// (no officer with an address and an open account, and no contact mailbox).
/// </summary>
public sealed record OutboxSummary(bool MailOn, string? Server, int Pending, int Sent, int Failed, IReadOnlyList<OutboxRow> Latest,
    IReadOnlyList<UnreachableAgency> Unreachable);

/// <summary>The outbox for administrators (/admin): what waits, what went, what failed and why.</summary>
public sealed class OutboxStatus(IDbContextFactory<CommsPlanDbContext> factory, Microsoft.Extensions.Options.IOptions<MailOptions> options,
    TimeProvider time)
{
    public const int LatestCount = 10;

    /// <exception cref="AccessDeniedException">The user is not an administrator.</exception>
    public async Task<OutboxSummary> LoadAsync(CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsAdmin) throw new AccessDeniedException();
        await using var db = await factory.CreateDbContextAsync(ct);
        var counts = await db.OutboxMails.AsNoTracking().GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        int Count(MailStatus status) => counts.SingleOrDefault(c => c.Key == status)?.Count ?? 0;
        var latest = await db.OutboxMails.AsNoTracking().OrderByDescending(m => m.Id).Take(LatestCount)
            .Select(m => new OutboxRow(m.Id, m.Kind, m.ToAddress, m.ToName, m.Subject, m.Status, m.Attempts, m.CreatedAt, m.SentAt,
                m.NextAttemptAt, m.LastError))
            .ToListAsync(ct);
        // The same rule the writers use (MailRecipients), for urging: a kind nobody can turn off, so an empty list means no address at all.
        var active = await db.Agencies.AsNoTracking().Where(a => a.IsActive).OrderBy(a => a.SortOrder).ThenBy(a => a.Code)
            .Select(a => new UnreachableAgency(a.Id, a.Code, a.Name)).ToListAsync(ct);
        var recipients = await MailRecipients.ForAgenciesAsync(db, [.. active.Select(a => a.Id)], MailKind.Urging, time.GetUtcNow(), ct);
        var settings = options.Value;
        return new OutboxSummary(settings.IsConfigured, settings.IsConfigured ? $"{settings.Host}:{settings.Port}" : null,
            Count(MailStatus.Pending), Count(MailStatus.Sent), Count(MailStatus.Failed), latest,
            [.. active.Where(a => recipients[a.Id].Count == 0)]);
    }
}
