using CommsPlan.Core.Access;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Data;

public static class DbContextFactoryExtensions
{
    /// <summary>
    /// A context for one operation of <paramref name="actor"/>: saves are stamped (CreatedBy/UpdatedBy, times
    /// from <paramref name="time"/>) and audited in that user's name.
    /// </summary>
    public static async Task<CommsPlanDbContext> CreateForAsync(
        this IDbContextFactory<CommsPlanDbContext> factory, CurrentUser actor, TimeProvider time, CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct);
        db.Actor = actor;
        db.Time = time;
        return db;
    }
}
