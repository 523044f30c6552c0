using System.Security.Cryptography;
using System.Text;
using CommsPlan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Api;

/// <summary>
/// <c>Idempotency-Key</c> on a create: the first request with a key reserves it (a row under the unique index
/// (TokenId, Key), inserted before the work starts, so two concurrent duplicates cannot both start), and its answer is
/// kept for <see cref="Lifetime"/>; a repeat with the same key and request gets that answer again, a repeat with
/// another request is refused. A request that fails gives its key back, so the client may retry with the same key.
/// </summary>
public sealed class IdempotencyService(IDbContextFactory<CommsPlanDbContext> factory, TimeProvider time)
{
    /// <summary>How long an answer is kept for a retry (a client retrying for longer gets a new create).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>
    /// A reservation without an answer for this long belongs to a request that died (the app stopped mid-request): a
    /// retry takes it over rather than being told "in progress" for a day.
    /// </summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(2);

    /// <summary>The status of a reservation whose answer is not known yet.</summary>
    private const int Pending = 0;

    /// <summary>SHA-256 (lower-case hex) of the method, path and body: what must match for a repeat to be the same request.</summary>
    public static string RequestHash(string method, string path, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{method.ToUpperInvariant()}\n{path}\n"));
        hash.AppendData(body);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// Reserves <paramref name="key"/> for a first request, or says what an earlier one with that key left: its answer, a
    /// different request, or work still under way. Expired records of every token are removed on the way.
    /// </summary>
    public async Task<IdempotencyStart> BeginAsync(int tokenId, string key, string requestHash, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.IdempotencyRecords.Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(ct);
        // Each pass either decides or sees the other request's row vanish (failed, expired) and tries again.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var record = new IdempotencyRecord
            {
                TokenId = tokenId,
                Key = key,
                RequestHash = requestHash,
                StatusCode = Pending,
                CreatedAt = now,
                ExpiresAt = now + Lifetime,
            };
            db.IdempotencyRecords.Add(record);
            try
            {
                await db.SaveChangesAsync(ct);
                return IdempotencyStart.Reserved(record.Id);
            }
            catch (DbUpdateException ex) when (DatabaseFailures.IsUniqueViolation(ex))
            {
                db.ChangeTracker.Clear();
            }

            var existing = await db.IdempotencyRecords.AsNoTracking()
                .SingleOrDefaultAsync(r => r.TokenId == tokenId && r.Key == key, ct);
            if (existing is null) continue;
            if (existing.ExpiresAt <= now)
            {
                await db.IdempotencyRecords.Where(r => r.Id == existing.Id).ExecuteDeleteAsync(ct);
                continue;
            }
            if (existing.RequestHash != requestHash) return IdempotencyStart.KeyReused;
            if (existing.StatusCode != Pending) return IdempotencyStart.Replay(existing);
            if (existing.CreatedAt > now - AbandonedAfter) return IdempotencyStart.InProgress;
            // Taken over only if nobody else took it over first: the row still holds the stamp read above.
            var taken = await db.IdempotencyRecords
                .Where(r => r.Id == existing.Id && r.StatusCode == Pending && r.CreatedAt == existing.CreatedAt)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.CreatedAt, now).SetProperty(r => r.ExpiresAt, now + Lifetime), ct);
            if (taken == 1) return IdempotencyStart.Reserved(existing.Id);
        }
        return IdempotencyStart.InProgress;
    }

    /// <summary>Keeps the first answer of a reservation for the repeats.</summary>
    public async Task CompleteAsync(long reservationId, int statusCode, string? location, string responseBody, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.IdempotencyRecords.Where(r => r.Id == reservationId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.StatusCode, statusCode)
                .SetProperty(r => r.Location, location)
                .SetProperty(r => r.ResponseBody, responseBody), ct);
    }

    /// <summary>Gives a reservation's key back after its request failed: nothing was created, a retry runs again.</summary>
    public async Task ReleaseAsync(long reservationId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.IdempotencyRecords.Where(r => r.Id == reservationId && r.StatusCode == Pending).ExecuteDeleteAsync(ct);
    }
}

/// <summary>What <see cref="IdempotencyService.BeginAsync"/> found for a key.</summary>
public sealed record IdempotencyStart
{
    public enum Outcome
    {
        /// <summary>The key is this request's: do the work, then complete or release the reservation.</summary>
        Reserved,
        /// <summary>A request with the same key and body was answered: send <see cref="Answer"/> again.</summary>
        Replay,
        /// <summary>The key was used for a different request.</summary>
        KeyReused,
        /// <summary>A request with the same key is still being answered.</summary>
        InProgress,
    }

    public required Outcome Kind { get; init; }
    public long ReservationId { get; init; }
    public IdempotencyRecord? Answer { get; init; }

    public static IdempotencyStart Reserved(long id) => new() { Kind = Outcome.Reserved, ReservationId = id };
    public static IdempotencyStart Replay(IdempotencyRecord answer) => new() { Kind = Outcome.Replay, Answer = answer };
    public static IdempotencyStart KeyReused { get; } = new() { Kind = Outcome.KeyReused };
    public static IdempotencyStart InProgress { get; } = new() { Kind = Outcome.InProgress };
}
