using CommsPlan.Core.Access;
using CommsPlan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Mail;

/// <summary>Where a mail to an agency goes: an officer's account or the agency's own mailbox.</summary>
public sealed record MailRecipient(string Address, string Name, string? UserId);

/// <summary>
/// Who receives a mail of a kind, decided once for every writer (events, reminders, the digest, urging): an agency's
/// officers with an address and an unlocked account, then its contact mailbox; a monitor with an address. A user who
/// turned the kind off on /account/notifications is left out; urging cannot be turned off, and an agency's mailbox has
/// no account to turn anything off.
/// </summary>
public static class MailRecipients
{
    /// <summary>Each of <paramref name="agencyIds"/> with its recipients for <paramref name="kind"/> (an empty list: "chưa có email").</summary>
    public static async Task<IReadOnlyDictionary<int, IReadOnlyList<MailRecipient>>> ForAgenciesAsync(CommsPlanDbContext db,
        IReadOnlyCollection<int> agencyIds, MailKind kind, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(agencyIds);
        var ids = agencyIds.Distinct().ToList();
        var officers = await db.Users.AsNoTracking()
            .Where(u => u.AgencyId != null && ids.Contains(u.AgencyId.Value) && u.Email != null && u.Email != "")
            .OrderBy(u => u.UserName)
            .Select(u => new { u.Id, AgencyId = u.AgencyId!.Value, u.Email, u.FullName, u.LockoutEnd, u.MailOptOut }).ToListAsync(ct);
        var mailboxes = await db.Agencies.AsNoTracking().Where(a => ids.Contains(a.Id) && a.ContactEmail != "")
            .Select(a => new { a.Id, a.ContactEmail, a.Name }).ToListAsync(ct);
        // Locks and opt-outs are compared here: SQLite cannot compare offsets, and the flags are stored as text.
        var wanted = officers.Where(u => IsOpen(u.LockoutEnd, now) && Wants(u.MailOptOut, kind)).ToList();
        return ids.ToDictionary(id => id, id => (IReadOnlyList<MailRecipient>)[.. wanted.Where(u => u.AgencyId == id)
            .Select(u => new MailRecipient(u.Email!.Trim(), u.FullName, u.Id))
            .Concat(mailboxes.Where(m => m.Id == id).Select(m => new MailRecipient(m.ContactEmail.Trim(), m.Name, null)))
            .DistinctBy(r => r.Address.ToUpperInvariant())]);
    }

    /// <summary>The monitors (the Office's officers) with an address who want <paramref name="kind"/>.</summary>
    public static async Task<IReadOnlyList<MailRecipient>> MonitorsAsync(CommsPlanDbContext db, MailKind kind, DateTimeOffset now,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var monitors = await (from u in db.Users.AsNoTracking()
                              join ur in db.UserRoles on u.Id equals ur.UserId
                              join r in db.Roles on ur.RoleId equals r.Id
                              where r.Name == Roles.Monitor && u.Email != null && u.Email != ""
                              orderby u.UserName
                              select new { u.Id, u.Email, u.FullName, u.LockoutEnd, u.MailOptOut }).ToListAsync(ct);
        return [.. monitors.Where(u => IsOpen(u.LockoutEnd, now) && Wants(u.MailOptOut, kind))
            .Select(u => new MailRecipient(u.Email!.Trim(), u.FullName, u.Id)).DistinctBy(r => r.Address.ToUpperInvariant())];
    }

    /// <summary>Whether a user with <paramref name="optOut"/> receives <paramref name="kind"/>; urging always.</summary>
    public static bool Wants(MailKinds optOut, MailKind kind) => !kind.CanOptOut() || (optOut & kind.AsFlag()) == 0;

    // A locked account (a person who left) gets no mail.
    private static bool IsOpen(DateTimeOffset? lockoutEnd, DateTimeOffset now) => lockoutEnd is null || lockoutEnd < now;
}
