using CommsPlan.Core.Access;
using CommsPlan.Core.Administration;
using CommsPlan.Core.Data;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CommsPlan.Tests.Core.Access;

/// <summary>Sign-in checks: failures per user name and client address, the same for known and unknown names.</summary>
public abstract class SignInGuardTests(DatabaseProvider provider) : IAsyncLifetime
{
    private const string Office = "203.0.113.10";
    private const string Elsewhere = "198.51.100.66";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
    private AccessTestServices _app = null!;

    public async Task InitializeAsync() => _app = await AccessTestServices.CreateAsync(provider, _clock);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AnUnknownNameIsAnsweredAndLockedExactlyLikeAnExistingOne()
    {
        var existing = new List<SignInOutcome>();
        var unknown = new List<SignInOutcome>();
        for (var attempt = 0; attempt < 6; attempt++)
        {
            existing.Add((await CheckAsync("giamsat", "Sai#mat-khau1", Office)).Outcome);
            unknown.Add((await CheckAsync("khong.ai.ca", "Sai#mat-khau1", Office)).Outcome);
        }
        // The right password changes nothing while the name is locked for this address.
        existing.Add((await CheckAsync("giamsat", AccountSeeder.DemoPassword, Office)).Outcome);
        unknown.Add((await CheckAsync("khong.ai.ca", AccountSeeder.DemoPassword, Office)).Outcome);

        SignInOutcome[] expected = [.. Enumerable.Repeat(SignInOutcome.Failed, 4), .. Enumerable.Repeat(SignInOutcome.LockedOut, 3)];
        Assert.Equal(expected, existing);
        Assert.Equal(expected, unknown);
    }

    [Fact]
    public async Task ALockoutFromOneAddressLeavesTheUserFreeToSignInFromAnother()
    {
        for (var attempt = 0; attempt < 5; attempt++) await CheckAsync("admin", "Sai#mat-khau1", Elsewhere);

        var attacker = await CheckAsync("admin", AccountSeeder.DemoPassword, Elsewhere);
        var owner = await CheckAsync("admin", AccountSeeder.DemoPassword, Office);

        Assert.Equal(SignInOutcome.LockedOut, attacker.Outcome);
        Assert.Equal(SignInOutcome.Succeeded, owner.Outcome);
        Assert.Equal("admin", owner.User!.UserName);
        // Identity's own counter on the account is never touched, so it cannot lock the account either.
        await using var db = await _app.ContextAsync();
        var account = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "admin");
        Assert.Equal((0, (DateTimeOffset?)null), (account.AccessFailedCount, account.LockoutEnd));
    }

    [Fact]
    public async Task TheLockoutEndsAfterFifteenMinutesAndOldFailuresAreForgotten()
    {
        for (var attempt = 0; attempt < 5; attempt++) await CheckAsync("lanhdao", "Sai#mat-khau1", Office);
        _clock.Advance(TimeSpan.FromMinutes(14));
        var stillLocked = await CheckAsync("lanhdao", AccountSeeder.DemoPassword, Office);
        _clock.Advance(TimeSpan.FromMinutes(2));
        var after = await CheckAsync("lanhdao", AccountSeeder.DemoPassword, Office);

        // Four failures, then a pause longer than the span: the count starts again.
        for (var attempt = 0; attempt < 4; attempt++) await CheckAsync("tuphap", "Sai#mat-khau1", Office);
        _clock.Advance(TimeSpan.FromMinutes(16));
        var fifthAfterAPause = await CheckAsync("tuphap", "Sai#mat-khau1", Office);

        Assert.Equal(SignInOutcome.LockedOut, stillLocked.Outcome);
        Assert.Equal(SignInOutcome.Succeeded, after.Outcome);
        Assert.Equal(SignInOutcome.Failed, fifthAfterAPause.Outcome);
    }

    [Fact]
    public async Task ASuccessfulSignInForgetsTheFailuresBeforeIt()
    {
        for (var attempt = 0; attempt < 4; attempt++) await CheckAsync("daitu", "Sai#mat-khau1", Office);
        await CheckAsync("daitu", AccountSeeder.DemoPassword, Office);
        for (var attempt = 0; attempt < 4; attempt++) await CheckAsync("daitu", "Sai#mat-khau1", Office);

        Assert.Equal(SignInOutcome.Succeeded, (await CheckAsync("daitu", AccountSeeder.DemoPassword, Office)).Outcome);
    }

    [Fact]
    public async Task TheAdministratorsLockIsToldOnlyToSomeoneWithTheRightPassword()
    {
        var service = _app.Get<UserAdminService>();
        var admin = await _app.UserAsync("admin");
        var baotn = await service.GetAsync(admin, (await _app.UserAsync("baotn")).UserId);
        await service.LockAsync(admin, baotn.Id, baotn.ConcurrencyStamp);

        var guess = await CheckAsync("baotn", "Sai#mat-khau1", Office);
        var owner = await CheckAsync("baotn", AccountSeeder.DemoPassword, Office);

        Assert.Equal(SignInOutcome.Failed, guess.Outcome);
        Assert.Equal(SignInOutcome.LockedByAdministrator, owner.Outcome);
        Assert.Null(owner.User);
    }

    [Fact]
    public async Task ParallelFailuresAreAllCounted()
    {
        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => CheckAsync("giamsat", "Sai#mat-khau1", Office)));

        Assert.Equal(SignInOutcome.LockedOut, (await CheckAsync("giamsat", AccountSeeder.DemoPassword, Office)).Outcome);
    }

    [Fact]
    public async Task AnAdministratorsUnlockEndsTheLockoutsFromEveryAddressAndTheListShowsThem()
    {
        for (var attempt = 0; attempt < 5; attempt++) await CheckAsync("tuphap", "Sai#mat-khau1", Elsewhere);
        var service = _app.Get<UserAdminService>();
        var admin = await _app.UserAsync("admin");
        var locked = await service.GetAsync(admin, (await _app.UserAsync("tuphap")).UserId);

        await service.UnlockAsync(admin, locked.Id, locked.ConcurrencyStamp);

        Assert.Equal(UserStatus.TemporarilyLocked, locked.Status);
        Assert.Equal(UserStatus.Active, (await service.GetAsync(admin, locked.Id)).Status);
        Assert.Equal(SignInOutcome.Succeeded, (await CheckAsync("tuphap", AccountSeeder.DemoPassword, Elsewhere)).Outcome);
    }

    private async Task<SignInCheck> CheckAsync(string userName, string password, string address)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SignInGuard>().CheckAsync(userName, password, address);
    }

    public sealed class OnSqlite() : SignInGuardTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : SignInGuardTests(DatabaseProvider.PostgreSQL), IOnPostgreSql;
}
