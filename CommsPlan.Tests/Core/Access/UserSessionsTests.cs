using System.Collections.Concurrent;
using CommsPlan.Core.Access;
using CommsPlan.Core.Administration;
using CommsPlan.Core.Data;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace CommsPlan.Tests.Core.Access;

/// <summary>Server-side sessions: what ends them, what they survive, and that open pages are told.</summary>
public abstract class UserSessionsTests(DatabaseProvider provider) : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
    private readonly ConcurrentQueue<string?> _told = new();
    private AccessTestServices _app = null!;
    private UserSessions _sessions = null!;
    private UserAdminService _users = null!;
    private CurrentUser _admin = null!;
    private IDisposable _subscription = null!;

    public async Task InitializeAsync()
    {
        _app = await AccessTestServices.CreateAsync(provider, _clock);
        _sessions = _app.Get<UserSessions>();
        _users = _app.Get<UserAdminService>();
        _admin = await _app.UserAsync("admin");
        _subscription = _app.Get<SessionRevocations>().Subscribe(userId =>
        {
            _told.Enqueue(userId);
            return Task.CompletedTask;
        });
    }

    public async Task DisposeAsync()
    {
        _subscription.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task ASessionHoldsUntilItIsRemovedAndARenewalDoesNotBringItBack()
    {
        var userId = (await _app.UserAsync("giamsat")).UserId;
        var key = await OpenAsync(userId);
        var other = await OpenAsync(userId);

        Assert.NotNull(await _sessions.FindAsync(key));
        Assert.True(await _sessions.IsActiveAsync(key, userId, await StampAsync(userId)));
        await _sessions.RemoveAsync(key);
        await _sessions.RenewAsync(key, [1, 2, 3], TimeSpan.FromHours(8));

        Assert.Null(await _sessions.FindAsync(key));
        Assert.False(await _sessions.IsActiveAsync(key, userId, null));
        // Signing out ends that session only.
        Assert.True(await _sessions.IsActiveAsync(other, userId, null));
    }

    [Fact]
    public async Task ASessionExpiresAfterItsLifetimeOnTheRealClockAndTheTableHoldsNoKey()
    {
        var userId = (await _app.UserAsync("lanhdao")).UserId;
        var key = await OpenAsync(userId);
        await using (var db = await _app.ContextAsync())
            Assert.DoesNotContain(key, await db.UserSessions.Select(s => s.Id).ToListAsync());

        _clock.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1));

        Assert.Null(await _sessions.FindAsync(key));
        Assert.False(await _sessions.IsActiveAsync(key, userId, null));
    }

    [Fact]
    public async Task AnOpenPageWhoseSecurityStampChangedIsNoLongerSignedIn()
    {
        var userId = (await _app.UserAsync("baotn")).UserId;
        var key = await OpenAsync(userId);

        Assert.False(await _sessions.IsActiveAsync(key, userId, "a stamp from before"));
        Assert.False(await _sessions.IsActiveAsync(key, (await _app.UserAsync("daitu")).UserId, null));
    }

    [Fact]
    public async Task ALockEndsEverySessionOfTheUserOnlyAndTellsTheOpenPages()
    {
        var target = await _users.GetAsync(_admin, (await _app.UserAsync("tuphap")).UserId);
        var bystander = (await _app.UserAsync("daitu")).UserId;
        string[] keys = [await OpenAsync(target.Id), await OpenAsync(target.Id)];
        var bystanderKey = await OpenAsync(bystander);

        await _users.LockAsync(_admin, target.Id, target.ConcurrencyStamp);

        Assert.Equal(0, await _sessions.CountAsync(target.Id));
        foreach (var key in keys) Assert.False(await _sessions.IsActiveAsync(key, target.Id, null));
        Assert.True(await _sessions.IsActiveAsync(bystanderKey, bystander, null));
        await ToldAsync(target.Id);
    }

    [Fact]
    public async Task ARoleOrAgencyChangeAndAPasswordResetEndTheSessionsButARenameDoesNot()
    {
        var userId = (await _app.UserAsync("daitu")).UserId;
        var stp = await _app.AgencyIdAsync("STP");

        await OpenAsync(userId);
        var row = await _users.GetAsync(_admin, userId);
        await _users.UpdateAsync(_admin, userId, new UserEditInput { FullName = "Hoàng Văn Đại Từ (sửa)", Role = Roles.AgencyOfficer, AgencyId = row.AgencyId, ConcurrencyStamp = row.ConcurrencyStamp });
        var afterRename = await _sessions.CountAsync(userId);

        row = await _users.GetAsync(_admin, userId);
        await _users.UpdateAsync(_admin, userId, new UserEditInput { FullName = row.FullName, Role = Roles.AgencyOfficer, AgencyId = stp, ConcurrencyStamp = row.ConcurrencyStamp });
        var afterAgency = await _sessions.CountAsync(userId);
        await ToldAsync(userId);

        await OpenAsync(userId);
        row = await _users.GetAsync(_admin, userId);
        await _users.UpdateAsync(_admin, userId, new UserEditInput { FullName = row.FullName, Role = Roles.Viewer, ConcurrencyStamp = row.ConcurrencyStamp });
        var afterRole = await _sessions.CountAsync(userId);

        await OpenAsync(userId);
        row = await _users.GetAsync(_admin, userId);
        await _users.ResetPasswordAsync(_admin, userId, new PasswordResetInput { NewPassword = "Hoa-sen#Tim42", ConfirmPassword = "Hoa-sen#Tim42", ConcurrencyStamp = row.ConcurrencyStamp });
        var afterReset = await _sessions.CountAsync(userId);

        Assert.Equal((1, 0, 0, 0), (afterRename, afterAgency, afterRole, afterReset));
    }

    [Fact]
    public async Task DeletingAnAccountEndsItsSessions()
    {
        var id = await _users.CreateAsync(_admin, new NewUserInput { UserName = "tam.thoi", FullName = "Tạm thời", Role = Roles.Viewer, Password = "Hoa-sen#Tim42" });
        await OpenAsync(id);

        await _users.DeleteAsync(_admin, id, (await _users.GetAsync(_admin, id)).ConcurrencyStamp);

        await using var db = await _app.ContextAsync();
        Assert.False(await db.UserSessions.AnyAsync(s => s.UserId == id));
        await ToldAsync(id);
    }

    private async Task<string> OpenAsync(string userId)
    {
        var key = UserSessions.NewKey();
        await _sessions.AddAsync(key, userId, [42], TimeSpan.FromHours(8));
        return key;
    }

    private async Task<string> StampAsync(string userId)
    {
        await using var db = await _app.ContextAsync();
        return await db.Users.Where(u => u.Id == userId).Select(u => u.SecurityStamp!).SingleAsync();
    }

    /// <summary>Waits for the notice (delivered after the notifier's short quiet period), never sleeping a fixed time.</summary>
    private async Task ToldAsync(string userId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!_told.Contains(userId))
        {
            Assert.True(DateTime.UtcNow < deadline, $"Open pages were not told that {userId}'s sessions ended.");
            await Task.Delay(20);
        }
    }

    public sealed class OnSqlite() : UserSessionsTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : UserSessionsTests(DatabaseProvider.PostgreSQL), IOnPostgreSql;
}
