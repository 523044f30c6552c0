using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.Json.Nodes;
using CommsPlan.Core.Access;
using CommsPlan.Core.Administration;
using CommsPlan.Core.Audit;
using CommsPlan.Core.Data;
using CommsPlan.Tests.Support;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommsPlan.Tests.Core.Administration;

/// <summary>A user's own password change, and the forced change after an administrator set the password.</summary>
public abstract class PasswordChangeServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    private const string Initial = "Hoa-sen#Tim42";
    private const string Chosen = "Đồi-chè#Tân53";

    private readonly ConcurrentQueue<string?> _told = new();
    private AccessTestServices _app = null!;
    private PasswordChangeService _passwords = null!;
    private UserAdminService _users = null!;
    private UserSessions _sessions = null!;
    private CurrentUser _admin = null!;
    private IDisposable _subscription = null!;

    public async Task InitializeAsync()
    {
        _app = await AccessTestServices.CreateAsync(provider);
        _passwords = _app.Get<PasswordChangeService>();
        _users = _app.Get<UserAdminService>();
        _sessions = _app.Get<UserSessions>();
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
    public async Task AnAccountAnAdministratorCreatedOrResetMustChangeItsPasswordUntilTheUserDoesButTheDemoAccountsNeedNot()
    {
        var id = await CreateViewerAsync("moi.tao");
        var created = await MustChangeAsync(id);
        var createdClaim = await HasClaimAsync(id);

        await _passwords.ChangeAsync(await _app.UserAsync("moi.tao"), Change(Initial, Chosen), sessionKey: null);
        var changed = await MustChangeAsync(id);
        var changedClaim = await HasClaimAsync(id);

        var row = await _users.GetAsync(_admin, id);
        await _users.ResetPasswordAsync(_admin, id, new PasswordResetInput { NewPassword = Initial, ConfirmPassword = Initial, ConcurrencyStamp = row.ConcurrencyStamp });
        var reset = await MustChangeAsync(id);

        await using var db = await _app.ContextAsync();
        var demo = await db.Users.Where(u => u.UserName == "admin" || u.UserName == "tuphap").Select(u => u.MustChangePassword).ToListAsync();
        Assert.Equal((true, true, false, false, true), (created, createdClaim, changed, changedClaim, reset));
        Assert.Equal([false, false], demo);
    }

    [Fact]
    public async Task TheNewPasswordSignsInTheOldDoesNotAndTheHistorySaysItChangedWithoutShowingIt()
    {
        var id = await CreateViewerAsync("doi.matkhau");

        await _passwords.ChangeAsync(await _app.UserAsync("doi.matkhau"), Change(Initial, Chosen), sessionKey: null);

        await using var scope = _app.Services.CreateAsyncScope();
        var identity = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await identity.FindByIdAsync(id);
        Assert.True(await identity.CheckPasswordAsync(user!, Chosen));
        Assert.False(await identity.CheckPasswordAsync(user!, Initial));
        await using var db = await _app.ContextAsync();
        var entry = await db.AuditEntries.Where(a => a.EntityId == id && a.Action == AuditAction.Updated).OrderBy(a => a.Id).LastAsync();
        Assert.Equal("doi.matkhau", entry.UserName);
        var changes = JsonNode.Parse(entry.Changes)!;
        Assert.Equal(AuditRecorder.Redacted, (string?)changes["PasswordHash"]!["after"]);
        Assert.False((bool)changes["MustChangePassword"]!["after"]!);
    }

    [Fact]
    public async Task TheChangeKeepsTheSessionThatMadeItAndEndsTheUsersOtherSessionsAndTellsTheirPages()
    {
        var id = await CreateViewerAsync("hai.phien");
        var here = UserSessions.NewKey();
        var elsewhere = UserSessions.NewKey();
        await _sessions.AddAsync(here, id, [1], TimeSpan.FromHours(8));
        await _sessions.AddAsync(elsewhere, id, [2], TimeSpan.FromHours(8));
        var other = await _app.UserAsync("giamsat");
        var othersKey = UserSessions.NewKey();
        await _sessions.AddAsync(othersKey, other.UserId, [3], TimeSpan.FromHours(8));

        await _passwords.ChangeAsync(await _app.UserAsync("hai.phien"), Change(Initial, Chosen), here);

        Assert.NotNull(await _sessions.FindAsync(here));
        Assert.Null(await _sessions.FindAsync(elsewhere));
        Assert.NotNull(await _sessions.FindAsync(othersKey));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!_told.Contains(id))
        {
            Assert.True(DateTime.UtcNow < deadline, "Open pages were not told that the user's other sessions ended.");
            await Task.Delay(20);
        }
    }

    [Theory]
    [InlineData("sai-mat-khau", Chosen, Chosen, nameof(PasswordChangeInput.CurrentPassword), PasswordChangeService.WrongCurrentPasswordMessage)]
    [InlineData("", Chosen, Chosen, nameof(PasswordChangeInput.CurrentPassword), "Vui lòng nhập mật khẩu hiện tại.")]
    [InlineData(Initial, Chosen, "Đồi-chè#Tân54", nameof(PasswordChangeInput.ConfirmPassword), "Mật khẩu nhập lại không khớp.")]
    [InlineData(Initial, Initial, Initial, nameof(PasswordChangeInput.NewPassword), "Mật khẩu mới phải khác mật khẩu hiện tại.")]
    [InlineData(Initial, "Ngan#1a", "Ngan#1a", nameof(PasswordChangeInput.NewPassword), "Mật khẩu phải có ít nhất 10 ký tự.")]
    [InlineData(Initial, "Thainguyen@2021", "Thainguyen@2021", nameof(PasswordChangeInput.NewPassword), PasswordRules.CommonMessage)]
    [InlineData(Initial, "Xem#sai.sot.77", "Xem#sai.sot.77", nameof(PasswordChangeInput.NewPassword), PasswordRules.ContainsUserNameMessage)]
    public async Task ARefusedChangeSaysWhyInVietnameseAndChangesNothing(string current, string newPassword, string repeat, string property, string message)
    {
        var id = await CreateViewerAsync("sai.sot");
        var actor = await _app.UserAsync("sai.sot");

        var ex = await Assert.ThrowsAsync<ValidationException>(() =>
            _passwords.ChangeAsync(actor, new PasswordChangeInput { CurrentPassword = current, NewPassword = newPassword, ConfirmPassword = repeat }, null));

        Assert.Contains(ex.Errors, e => e.PropertyName == property && e.ErrorMessage == message);
        await using var scope = _app.Services.CreateAsyncScope();
        var identity = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.True(await identity.CheckPasswordAsync((await identity.FindByIdAsync(id))!, Initial));
        Assert.True(await MustChangeAsync(id));
    }

    private static PasswordChangeInput Change(string current, string newPassword) =>
        new() { CurrentPassword = current, NewPassword = newPassword, ConfirmPassword = newPassword };

    private Task<string> CreateViewerAsync(string userName) =>
        _users.CreateAsync(_admin, new NewUserInput { UserName = userName, FullName = $"Người dùng {userName}", Role = Roles.Viewer, Password = Initial });

    private async Task<bool> MustChangeAsync(string id)
    {
        await using var db = await _app.ContextAsync();
        return await db.Users.Where(u => u.Id == id).Select(u => u.MustChangePassword).SingleAsync();
    }

    /// <summary>Whether the principal a sign-in would put in the cookie carries the forced change.</summary>
    private async Task<bool> HasClaimAsync(string id)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var identity = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var factory = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>();
        ClaimsPrincipal principal = await factory.CreateAsync((await identity.FindByIdAsync(id))!);
        return principal.MustChangePasswordNow();
    }

    public sealed class OnSqlite() : PasswordChangeServiceTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : PasswordChangeServiceTests(DatabaseProvider.PostgreSQL), IOnPostgreSql;
}
