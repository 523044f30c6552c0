using System.Security.Cryptography;
using System.Text;
using CommsPlan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Access;

/// <summary>
/// The server side of every signed-in browser (see <see cref="UserSession"/>): the sign-in cookie carries a random key,
/// and a request, or an open page re-checking itself, is signed in only while the key's row exists, has not expired
/// and its user is neither locked nor changed since. Several instances on one database share the rows, so a sign-out
/// or an administrator's change on one instance holds on all.
/// </summary>
public sealed class UserSessions(IDbContextFactory<CommsPlanDbContext> factory, AccessClock clock)
{
    /// <summary>The claim carrying the session key in the ticket (and so in an open page's user), for re-checks.</summary>
    public const string SessionClaim = "commsplan:session";

    /// <summary>A new key: 256 random bits, URL-safe.</summary>
    public static string NewKey() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>Stores a new session; sessions that expired (of anyone) are removed on the way.</summary>
    public async Task AddAsync(string key, string userId, byte[] ticket, TimeSpan? lifetime, CancellationToken ct = default)
    {
        var now = clock.UtcNow;
        await using var db = await factory.CreateDbContextAsync(ct);
        db.UserSessions.Add(new UserSession { Id = IdOf(key), UserId = userId, Ticket = ticket, CreatedAt = now, ExpiresAt = now + lifetime });
        await db.SaveChangesAsync(ct);
        await db.UserSessions.Where(s => s.ExpiresAt < now).ExecuteDeleteAsync(ct);
    }

    /// <summary>The session's ticket, or null when it was ended or has expired.</summary>
    public async Task<byte[]?> FindAsync(string key, CancellationToken ct = default)
    {
        var id = IdOf(key);
        var now = clock.UtcNow;
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.UserSessions.AsNoTracking()
            .Where(s => s.Id == id && (s.ExpiresAt == null || s.ExpiresAt > now))
            .Select(s => s.Ticket)
            .SingleOrDefaultAsync(ct);
    }

    /// <summary>Replaces the ticket (a sliding renewal, refreshed claims). A session that was ended stays ended.</summary>
    public async Task RenewAsync(string key, byte[] ticket, TimeSpan? lifetime, CancellationToken ct = default)
    {
        var id = IdOf(key);
        DateTime? expiresAt = clock.UtcNow + lifetime;
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.UserSessions.Where(s => s.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Ticket, ticket).SetProperty(x => x.ExpiresAt, expiresAt), ct);
    }

    /// <summary>Ends one session (a sign-out).</summary>
    public async Task RemoveAsync(string key, CancellationToken ct = default)
    {
        var id = IdOf(key);
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.UserSessions.Where(s => s.Id == id).ExecuteDeleteAsync(ct);
    }

    /// <summary>
    /// Whether an open page's user is still signed in: the session exists and has not expired, the account is not
    /// locked, and its security stamp is the one the page signed in with (when the page carries one).
    /// </summary>
    public async Task<bool> IsActiveAsync(string key, string userId, string? securityStamp, CancellationToken ct = default)
    {
        var id = IdOf(key);
        var now = clock.UtcNow;
        await using var db = await factory.CreateDbContextAsync(ct);
        var session = await db.UserSessions.AsNoTracking()
            .Where(s => s.Id == id && s.UserId == userId)
            .Select(s => new { s.ExpiresAt, s.User!.LockoutEnd, s.User.SecurityStamp })
            .SingleOrDefaultAsync(ct);
        // Lock ends compared here: SQLite cannot compare DateTimeOffset in SQL.
        return session is not null
            && (session.ExpiresAt is null || session.ExpiresAt > now)
            && !(session.LockoutEnd > new DateTimeOffset(now, TimeSpan.Zero))
            && (securityStamp is null || session.SecurityStamp == securityStamp);
    }

    /// <summary>How many sessions <paramref name="userId"/> has open (for the administrator's view and the tests).</summary>
    public async Task<int> CountAsync(string userId, CancellationToken ct = default)
    {
        var now = clock.UtcNow;
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.UserSessions.CountAsync(s => s.UserId == userId && (s.ExpiresAt == null || s.ExpiresAt > now), ct);
    }

    /// <summary>Ends every session of <paramref name="userId"/>, inside the caller's transaction when it has one.</summary>
    internal static Task<int> EndAllAsync(CommsPlanDbContext db, string userId, CancellationToken ct) =>
        db.UserSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(ct);

    /// <summary>
    /// Ends every session of <paramref name="userId"/> but the one of <paramref name="keepKey"/> (the browser that made
    /// the change, which the caller signs in again), inside the caller's transaction when it has one.
    /// </summary>
    internal static Task<int> EndOthersAsync(CommsPlanDbContext db, string userId, string? keepKey, CancellationToken ct)
    {
        if (keepKey is null) return EndAllAsync(db, userId, ct);
        var keep = IdOf(keepKey);
        return db.UserSessions.Where(s => s.UserId == userId && s.Id != keep).ExecuteDeleteAsync(ct);
    }

    /// <summary>The row id of a key: its SHA-256, so the table alone (a backup) holds no usable key.</summary>
    internal static string IdOf(string key) => Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
