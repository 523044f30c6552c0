using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Audit;

/// <summary>What the history and the stamps tell about who changed a record last.</summary>
internal static class AuditLog
{
    /// <summary>
    /// The conflict to report when a record changed since the caller loaded it: who changed it last and when,
    /// from the audit history (records without their own UpdatedBy/UpdatedAt, such as agencies and users).
    /// </summary>
    public static async Task<ConcurrencyConflictException> ConflictAsync(
        CommsPlanDbContext db, string entityType, string entityId, CancellationToken ct)
    {
        var last = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == entityType && a.EntityId == entityId)
            .OrderByDescending(a => a.Id)
            .Select(a => new { a.UserName, a.At })
            .FirstOrDefaultAsync(ct);
        return await ConflictAsync(db, last?.UserName, last?.At, ct);
    }

    /// <summary>
    /// The conflict to report when a record changed since the caller loaded it, from its own stamps: who changed it
    /// (by full name, the login name when the account is gone) and when.
    /// </summary>
    public static async Task<ConcurrencyConflictException> ConflictAsync(
        CommsPlanDbContext db, string? changedBy, DateTime? changedAt, CancellationToken ct)
    {
        if (changedBy is null) return new ConcurrencyConflictException(null, null);
        var fullName = await db.Users.AsNoTracking().Where(u => u.UserName == changedBy)
            .Select(u => u.FullName).FirstOrDefaultAsync(ct);
        return new ConcurrencyConflictException(string.IsNullOrWhiteSpace(fullName) ? changedBy : fullName, changedAt);
    }
}
