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

    /// <summary>
    /// A context for a read made of several queries, its connection opened once and held until the context is
    /// disposed. Left to itself EF opens and closes the connection around every query; on SQLite each open registers
    /// EF's functions again (which costs more than querying a page of the activity list), and on
    /// PostgreSQL each reuse of a pooled connection resets it first.
    /// </summary>
    public static async Task<CommsPlanDbContext> CreateOpenAsync(this IDbContextFactory<CommsPlanDbContext> factory, CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct);
        try
        {
            await db.Database.OpenConnectionAsync(ct);
            return db;
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }
}
