using System.Security.Cryptography;
using CommsPlan.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommsPlan.Core.Access;

/// <summary>What a sign-in attempt comes to.</summary>
public enum SignInOutcome
{
    Succeeded,
    /// <summary>Wrong user name or password: the same answer whether the name exists or not.</summary>
    Failed,
    /// <summary>Too many failures for this user name from this client address: refused for a while, known name or not.</summary>
    LockedOut,
    /// <summary>The right password for an account an administrator locked: said only to someone who knows the password.</summary>
    LockedByAdministrator,
}

public sealed record SignInCheck(SignInOutcome Outcome, AppUser? User);

/// <summary>
/// Checks a user name and password the way the sign-in form needs. Failures are counted per user name and client
/// address (<see cref="SignInFailure"/>), never on the account, so guessing from one address locks that name for that
/// address only and nobody can lock another user out from elsewhere. A name that does not exist is answered exactly
/// like one that does: its failures count and lock the same way, and a password is hashed for it too, so neither the
/// answer nor its time tells which names exist. An administrator's lock is told only after the right password.
/// </summary>
public sealed class SignInGuard(
    UserManager<AppUser> users,
    IDbContextFactory<CommsPlanDbContext> factory,
    AccessClock clock,
    IOptions<IdentityOptions> identity)
{
    public const int MaxUserNameLength = 256;
    public const int MaxClientAddressLength = 64;

    private static readonly AppUser Decoy = new() { UserName = "decoy" };
    private static string? _decoyHash;

    /// <summary>Failures from one address before its attempts at that name are refused.</summary>
    public int MaxFailures => identity.Value.Lockout.MaxFailedAccessAttempts;

    /// <summary>How long those attempts are refused, and how long a failure is remembered.</summary>
    public TimeSpan LockoutSpan => identity.Value.Lockout.DefaultLockoutTimeSpan;

    public async Task<SignInCheck> CheckAsync(string userName, string password, string clientAddress, CancellationToken ct = default)
    {
        var typed = userName.Trim();
        var name = Key(users.NormalizeName(typed) ?? "", MaxUserNameLength);
        var address = Key(clientAddress, MaxClientAddressLength);
        var now = clock.UtcNow;
        if (await IsLockedOutAsync(name, address, now, ct)) return new(SignInOutcome.LockedOut, null);

        var user = typed.Length == 0 ? null : await users.FindByNameAsync(typed);
        if (user is null)
        {
            // The cost of a real check, so the time of the answer does not tell the name is unknown.
            users.PasswordHasher.VerifyHashedPassword(Decoy, _decoyHash ??= users.PasswordHasher.HashPassword(Decoy, Convert.ToHexString(RandomNumberGenerator.GetBytes(16))), password);
        }
        if (user is null || !await users.CheckPasswordAsync(user, password))
        {
            // Counted even when the client has gone: dropping the connection must not make a guess free.
            var locked = await RecordFailureAsync(name, address, now, CancellationToken.None);
            return new(locked ? SignInOutcome.LockedOut : SignInOutcome.Failed, null);
        }

        await ForgetFailuresAsync(name, address, ct);
        if (await users.IsLockedOutAsync(user))
            return new(user.LockoutEnd == AppUser.AdministratorLock ? SignInOutcome.LockedByAdministrator : SignInOutcome.LockedOut, null);
        return new(SignInOutcome.Succeeded, user);
    }

    /// <summary>Ends the temporary locks of a user name from every address (an administrator's unlock).</summary>
    internal static Task ForgetAllAsync(CommsPlanDbContext db, string normalizedUserName, CancellationToken ct) =>
        db.SignInFailures.Where(f => f.UserName == normalizedUserName).ExecuteDeleteAsync(ct);

    private async Task<bool> IsLockedOutAsync(string name, string address, DateTime now, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.SignInFailures.AnyAsync(f => f.UserName == name && f.ClientAddress == address && f.LockedUntil > now, ct);
    }

    /// <summary>
    /// Counts one failure (a failure older than the lockout span starts the count again); the failure that reaches
    /// <see cref="MaxFailures"/> locks the name for this address and starts the count again. Returns whether it locked.
    /// The count is raised in SQL, so parallel attempts are all counted.
    /// </summary>
    private async Task<bool> RecordFailureAsync(string name, string address, DateTime now, CancellationToken ct)
    {
        var span = LockoutSpan;
        var staleBefore = now - span;
        var lockedUntil = now + span;
        await using var db = await factory.CreateDbContextAsync(ct);
        for (var attempt = 0; ; attempt++)
        {
            var counted = await db.SignInFailures.Where(f => f.UserName == name && f.ClientAddress == address)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(f => f.FailedCount, f => f.LastFailureAt < staleBefore ? 1 : f.FailedCount + 1)
                    .SetProperty(f => f.LastFailureAt, now), ct);
            if (counted > 0) break;
            db.SignInFailures.Add(new SignInFailure { UserName = name, ClientAddress = address, FailedCount = 1, LastFailureAt = now });
            try
            {
                await db.SaveChangesAsync(ct);
                break;
            }
            catch (DbUpdateException) when (attempt < 2)
            {
                // A parallel attempt inserted the row first: count on it.
                db.ChangeTracker.Clear();
            }
        }
        var max = MaxFailures;
        var locked = await db.SignInFailures.Where(f => f.UserName == name && f.ClientAddress == address && f.FailedCount >= max)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.LockedUntil, lockedUntil).SetProperty(f => f.FailedCount, 0), ct);
        // Whatever an attacker sprays is gone once it can no longer lock anything.
        await db.SignInFailures.Where(f => f.LastFailureAt < staleBefore && (f.LockedUntil == null || f.LockedUntil < now)).ExecuteDeleteAsync(ct);
        return locked > 0;
    }

    private async Task ForgetFailuresAsync(string name, string address, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.SignInFailures.Where(f => f.UserName == name && f.ClientAddress == address).ExecuteDeleteAsync(ct);
    }

    private static string Key(string value, int maxLength) => value.Length > maxLength ? value[..maxLength] : value;
}
