using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Audit;

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
        return new ConcurrencyConflictException(last?.UserName, last?.At);
    }
}
