using CommsPlan.Core.Access;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Core.Mail;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Notifications;

/// <summary>One kind of mail the user may receive, whether it is on, and whether it may be turned off.</summary>
public sealed record MailPreference(MailKind Kind, bool On)
{
    public bool CanTurnOff => Kind.CanOptOut();
    public string Name => Kind.DisplayName();
}

/// <summary>The user's address and the kinds of mail their role receives.</summary>
public sealed record MailPreferences(string? Email, IReadOnlyList<MailPreference> Kinds);

/// <summary>
/// /account/notifications: each signed-in user turns each kind of mail they receive off or on for themselves; the
/// Office's urging notices stay on (an agency cannot say it was not told). Every writer of mail honours it through
/// <see cref="MailRecipients"/>.
/// </summary>
public sealed class MailPreferenceService(IDbContextFactory<CommsPlanDbContext> factory, TimeProvider time)
{
    /// <summary>The kinds a user receives: an agency's officer its reminders, notices and urging; a monitor the digest.</summary>
    public static IReadOnlyList<MailKind> KindsFor(CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var kinds = new List<MailKind>();
        if (user.IsOfficer) kinds.AddRange([MailKind.UnitPlanDue, MailKind.ReportDue, MailKind.ReportSentBack, MailKind.DifficultyAnswered, MailKind.Urging]);
        if (user.IsMonitor) kinds.Add(MailKind.WeeklyDigest);
        return kinds;
    }

    /// <exception cref="NotFoundException">The account no longer exists.</exception>
    public async Task<MailPreferences> GetAsync(CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await factory.CreateDbContextAsync(ct);
        var account = await db.Users.AsNoTracking().Where(u => u.Id == user.UserId).Select(u => new { u.Email, u.MailOptOut })
            .SingleOrDefaultAsync(ct) ?? throw new NotFoundException();
        return new MailPreferences(string.IsNullOrWhiteSpace(account.Email) ? null : account.Email,
            [.. KindsFor(user).Select(k => new MailPreference(k, MailRecipients.Wants(account.MailOptOut, k)))]);
    }

    /// <summary>Stores which of the user's kinds are off; urging and kinds the role does not receive are left as they are.</summary>
    /// <exception cref="NotFoundException">The account no longer exists.</exception>
    public async Task<MailPreferences> SaveAsync(CurrentUser user, IReadOnlyCollection<MailKind> turnedOff, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(turnedOff);
        await using (var db = await factory.CreateForAsync(user, time, ct))
        {
            var account = await db.Users.SingleOrDefaultAsync(u => u.Id == user.UserId, ct) ?? throw new NotFoundException();
            var optOut = account.MailOptOut;
            foreach (var kind in KindsFor(user).Where(k => k.CanOptOut()))
                optOut = turnedOff.Contains(kind) ? optOut | kind.AsFlag() : optOut & ~kind.AsFlag();
            account.MailOptOut = optOut;
            await db.SaveChangesAsync(ct);
        }
        return await GetAsync(user, ct);
    }
}
