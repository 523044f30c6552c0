using System.Text.Json.Nodes;
using CommsPlan.Core.Access;
using CommsPlan.Core.Administration;
using CommsPlan.Core.Audit;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Tests.Support;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommsPlan.Tests.Core.Administration;

public abstract class UserAdminServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    private AccessTestServices _app = null!;
    private UserAdminService _users = null!;
    private CurrentUser _admin = null!;

    public async Task InitializeAsync()
    {
        _app = await AccessTestServices.CreateAsync(provider);
        _users = _app.Get<UserAdminService>();
        _admin = await _app.UserAsync("admin");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task CreatesAnOfficerBoundToItsAgencyWhoCanSignInWithTheInitialPassword()
    {
        var stp = await _app.AgencyIdAsync("STP");

        var id = await _users.CreateAsync(_admin, NewUser("canbo.moi", Roles.AgencyOfficer, stp, "Hoa-sen#Tim42"));

        var row = await _users.GetAsync(_admin, id);
        Assert.Equal("canbo.moi", row.UserName);
        Assert.Equal(Roles.AgencyOfficer, row.Role);
        Assert.Equal("STP", row.AgencyCode);
        Assert.Equal(UserStatus.Active, row.Status);
        await using var scope = _app.Services.CreateAsyncScope();
        var identity = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await identity.FindByNameAsync("canbo.moi");
        Assert.True(await identity.CheckPasswordAsync(user!, "Hoa-sen#Tim42"));
        Assert.True(await identity.IsInRoleAsync(user!, Roles.AgencyOfficer));
    }

    [Fact]
    public async Task AnOfficerNeedsAnAgencyAndNoOtherRoleMayHaveOne()
    {
        var stp = await _app.AgencyIdAsync("STP");

        var noAgency = await Assert.ThrowsAsync<ValidationException>(() => _users.CreateAsync(_admin, NewUser("khongdonvi", Roles.AgencyOfficer, null)));
        var monitorWithAgency = await Assert.ThrowsAsync<ValidationException>(() => _users.CreateAsync(_admin, NewUser("giamsat2", Roles.Monitor, stp)));

        Assert.Contains(noAgency.Errors, e => e.PropertyName == nameof(NewUserInput.AgencyId) && e.ErrorMessage.Contains("phải thuộc một đơn vị"));
        Assert.Contains(monitorWithAgency.Errors, e => e.PropertyName == nameof(NewUserInput.AgencyId));
    }

    [Fact]
    public async Task RefusesATakenUserNameAndAWeakPasswordInVietnamese()
    {
        var taken = await Assert.ThrowsAsync<ValidationException>(() => _users.CreateAsync(_admin, NewUser("TuPhap", Roles.Viewer, null)));
        var weak = await Assert.ThrowsAsync<ValidationException>(() => _users.CreateAsync(_admin, NewUser("yeu", Roles.Viewer, null, "1234567")));

        Assert.Contains("đã được dùng", Assert.Single(taken.Errors).ErrorMessage);
        Assert.Contains(weak.Errors, e => e.ErrorMessage == "Mật khẩu phải có ít nhất 10 ký tự.");
    }

    [Fact]
    public async Task OnlyAdministratorsManageAccounts()
    {
        var monitor = await _app.UserAsync("giamsat");
        var officer = await _app.UserAsync("tuphap");
        var target = await _users.GetAsync(_admin, (await _app.UserAsync("lanhdao")).UserId);

        await Assert.ThrowsAsync<AccessDeniedException>(() => _users.ListAsync(monitor, new UserQuery()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _users.CreateAsync(officer, NewUser("lenlut", Roles.Admin, null)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _users.LockAsync(monitor, target.Id, target.ConcurrencyStamp));
        Assert.Equal(UserStatus.Active, (await _users.GetAsync(_admin, target.Id)).Status);
    }

    [Fact]
    public async Task TheLastActiveAdministratorCannotBeLockedDemotedOrRemoved()
    {
        var admin = await _users.GetAsync(_admin, _admin.UserId);
        var demote = new UserEditInput { FullName = admin.FullName, Role = Roles.Viewer, ConcurrencyStamp = admin.ConcurrencyStamp };

        // The system identity acts so the self-protection rules do not hide the last-administrator rule.
        var locked = await Assert.ThrowsAsync<BusinessRuleException>(() => _users.LockAsync(CurrentUser.System, admin.Id, admin.ConcurrencyStamp));
        var demoted = await Assert.ThrowsAsync<BusinessRuleException>(() => _users.UpdateAsync(CurrentUser.System, admin.Id, demote));
        var removed = await Assert.ThrowsAsync<BusinessRuleException>(() => _users.DeleteAsync(CurrentUser.System, admin.Id, admin.ConcurrencyStamp));

        Assert.All([locked, demoted, removed], e => Assert.Contains("quản trị viên cuối cùng", e.Message));
        var after = await _users.GetAsync(_admin, admin.Id);
        Assert.Equal((Roles.Admin, UserStatus.Active), (after.Role, after.Status));
    }

    [Fact]
    public async Task AnAdministratorMayBeLockedWhileAnotherOneRemainsActiveButALockedOneDoesNotCount()
    {
        var secondId = await _users.CreateAsync(_admin, NewUser("quantri2", Roles.Admin, null));
        var first = await _users.GetAsync(_admin, _admin.UserId);

        await _users.LockAsync(CurrentUser.System, first.Id, first.ConcurrencyStamp);
        var second = await _users.GetAsync(_admin, secondId);
        await Assert.ThrowsAsync<BusinessRuleException>(() => _users.LockAsync(CurrentUser.System, second.Id, second.ConcurrencyStamp));

        Assert.Equal(UserStatus.LockedByAdministrator, (await _users.GetAsync(_admin, first.Id)).Status);
    }

    [Fact]
    public async Task NobodyLocksOrDeletesTheAccountTheyAreUsing()
    {
        // Another administrator exists: the refusal is about using one's own account, not about the last one.
        await _users.CreateAsync(_admin, NewUser("quantri3", Roles.Admin, null));
        var me = await _users.GetAsync(_admin, _admin.UserId);

        var ex = await Assert.ThrowsAsync<BusinessRuleException>(() => _users.LockAsync(_admin, me.Id, me.ConcurrencyStamp));
        await Assert.ThrowsAsync<BusinessRuleException>(() => _users.DeleteAsync(_admin, me.Id, me.ConcurrencyStamp));

        Assert.Contains("tự khóa", ex.Message);
        Assert.Equal(UserStatus.Active, (await _users.GetAsync(_admin, me.Id)).Status);
    }

    [Fact]
    public async Task LockIsTheAdministratorsLockAndUnlockEndsIt()
    {
        var lanhdao = await _users.GetAsync(_admin, (await _app.UserAsync("lanhdao")).UserId);

        await _users.LockAsync(_admin, lanhdao.Id, lanhdao.ConcurrencyStamp);
        var locked = await _users.GetAsync(_admin, lanhdao.Id);
        await using (var db = await _app.ContextAsync())
            Assert.Equal(DateTimeOffset.MaxValue, (await db.Users.SingleAsync(u => u.Id == lanhdao.Id)).LockoutEnd);
        await _users.UnlockAsync(_admin, locked.Id, locked.ConcurrencyStamp);

        Assert.Equal(UserStatus.LockedByAdministrator, locked.Status);
        Assert.Equal(UserStatus.Active, (await _users.GetAsync(_admin, lanhdao.Id)).Status);
    }

    [Fact]
    public async Task ChangingRoleAndAgencyEndsTheUsersSessionsAndIsInTheHistory()
    {
        var daitu = await _app.AgencyIdAsync("DAITU");
        var tuphap = await _users.GetAsync(_admin, (await _app.UserAsync("tuphap")).UserId);
        string stampBefore;
        await using (var db = await _app.ContextAsync())
            stampBefore = (await db.Users.SingleAsync(u => u.Id == tuphap.Id)).SecurityStamp!;

        await _users.UpdateAsync(_admin, tuphap.Id, new UserEditInput
        {
            FullName = "Lê Thị Tư Pháp", Role = Roles.AgencyOfficer, AgencyId = daitu, ConcurrencyStamp = tuphap.ConcurrencyStamp,
        });
        var monitorNow = await _users.GetAsync(_admin, tuphap.Id);
        await _users.UpdateAsync(_admin, tuphap.Id, new UserEditInput
        {
            FullName = "Lê Thị Tư Pháp", Role = Roles.Monitor, ConcurrencyStamp = monitorNow.ConcurrencyStamp,
        });

        await using var check = await _app.ContextAsync();
        Assert.NotEqual(stampBefore, (await check.Users.SingleAsync(u => u.Id == tuphap.Id)).SecurityStamp);
        var history = await check.AuditEntries.Where(a => a.EntityType == "AppUser" && a.EntityId == tuphap.Id && a.Action == AuditAction.Updated)
            .OrderBy(a => a.Id).ToListAsync();
        // The seeder's role assignment is in the history too, in the system's name; these two are the administrator's.
        history = [.. history.Where(h => h.UserName == "admin")];
        Assert.Equal(2, history.Count);
        var moved = JsonNode.Parse(history[0].Changes)!["Agency"]!;
        Assert.Equal(("STP", "DAITU"), ((string?)moved["before"], (string?)moved["after"]));
        var roles = JsonNode.Parse(history[1].Changes)!["Roles"]!;
        Assert.Equal(Roles.AgencyOfficer, (string?)roles["before"]![0]);
        Assert.Equal(Roles.Monitor, (string?)roles["after"]![0]);
    }

    [Fact]
    public async Task AChangeSinceTheAdministratorLoadedTheAccountIsReportedNotOverwritten()
    {
        var stale = await _users.GetAsync(_admin, (await _app.UserAsync("baotn")).UserId);
        await _users.UpdateAsync(_admin, stale.Id, new UserEditInput
        {
            FullName = "Phạm Thị Báo (đã sửa)", Role = Roles.AgencyOfficer, AgencyId = stale.AgencyId, ConcurrencyStamp = stale.ConcurrencyStamp,
        });

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => _users.UpdateAsync(_admin, stale.Id, new UserEditInput
        {
            FullName = "Ghi đè", Role = Roles.AgencyOfficer, AgencyId = stale.AgencyId, ConcurrencyStamp = stale.ConcurrencyStamp,
        }));

        // Named as people know them: the full name, not the login name.
        Assert.Equal("Quản trị hệ thống", conflict.ChangedBy);
        Assert.Equal("Phạm Thị Báo (đã sửa)", (await _users.GetAsync(_admin, stale.Id)).FullName);
    }

    [Fact]
    public async Task ResetPasswordReplacesTheOldOneAndTheHistoryNeverHoldsSecrets()
    {
        var lanhdao = await _users.GetAsync(_admin, (await _app.UserAsync("lanhdao")).UserId);

        await _users.ResetPasswordAsync(_admin, lanhdao.Id, new PasswordResetInput
        {
            NewPassword = "Song-Cau#Xanh8", ConfirmPassword = "Song-Cau#Xanh8", ConcurrencyStamp = lanhdao.ConcurrencyStamp,
        });

        await using var scope = _app.Services.CreateAsyncScope();
        var identity = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await identity.FindByIdAsync(lanhdao.Id))!;
        Assert.True(await identity.CheckPasswordAsync(user, "Song-Cau#Xanh8"));
        Assert.False(await identity.CheckPasswordAsync(user, AccountSeeder.DemoPassword));
        await using var db = await _app.ContextAsync();
        var history = await db.AuditEntries.Where(a => a.EntityType == "AppUser").Select(a => a.Changes).ToListAsync();
        var secrets = await db.Users.Select(u => new[] { u.PasswordHash!, u.SecurityStamp!, u.ConcurrencyStamp! }).ToListAsync();
        Assert.All(secrets.SelectMany(s => s), secret => Assert.DoesNotContain(history, h => h.Contains(secret, StringComparison.Ordinal)));
        Assert.DoesNotContain(history, h => h.Contains("SecurityStamp") || h.Contains("ConcurrencyStamp"));
        var reset = await db.AuditEntries.Where(a => a.EntityId == lanhdao.Id).OrderBy(a => a.Id).LastAsync();
        Assert.Equal("***", (string?)JsonNode.Parse(reset.Changes)!["PasswordHash"]!["after"]);
    }

    [Fact]
    public async Task DeletingAnAccountKeepsItsHistory()
    {
        var id = await _users.CreateAsync(_admin, NewUser("taonham", Roles.Viewer, null));
        var row = await _users.GetAsync(_admin, id);

        await _users.DeleteAsync(_admin, id, row.ConcurrencyStamp);

        await Assert.ThrowsAsync<NotFoundException>(() => _users.GetAsync(_admin, id));
        await using var db = await _app.ContextAsync();
        var deleted = await db.AuditEntries.SingleAsync(a => a.EntityId == id && a.Action == AuditAction.Deleted);
        Assert.Equal("taonham", (string?)JsonNode.Parse(deleted.Changes)!["UserName"]!["before"]);
    }

    [Fact]
    public async Task AnAddressIsKeptOnCreationChangedOnEditAndCheckedByTheOneMailboxRule()
    {
        var stp = await _app.AgencyIdAsync("STP");
        var input = NewUser("canbo.email", Roles.AgencyOfficer, stp);
        input.Email = "  canbo@stp.thainguyen.gov.vn ";

        var id = await _users.CreateAsync(_admin, input);
        var created = await _users.GetAsync(_admin, id);
        Assert.Equal("canbo@stp.thainguyen.gov.vn", created.Email);

        var bad = new UserEditInput
        {
            FullName = created.FullName, Email = "Cán bộ <canbo@stp>", Role = Roles.AgencyOfficer, AgencyId = stp, ConcurrencyStamp = created.ConcurrencyStamp,
        };
        var refused = await Assert.ThrowsAsync<ValidationException>(() => _users.UpdateAsync(_admin, id, bad));
        Assert.Equal("Địa chỉ email không hợp lệ (ví dụ canbo@stp.thainguyen.gov.vn).",
            Assert.Single(refused.Errors, e => e.PropertyName == nameof(UserEditInput.Email)).ErrorMessage);

        bad.Email = "vanthu.canbo@stp.thainguyen.gov.vn";
        await _users.UpdateAsync(_admin, id, bad);
        var edited = await _users.GetAsync(_admin, id);
        Assert.Equal("vanthu.canbo@stp.thainguyen.gov.vn", edited.Email);

        // Emptied: no mail goes to the account.
        await _users.UpdateAsync(_admin, id, new UserEditInput
        {
            FullName = edited.FullName, Email = " ", Role = Roles.AgencyOfficer, AgencyId = stp, ConcurrencyStamp = edited.ConcurrencyStamp,
        });
        Assert.Null((await _users.GetAsync(_admin, id)).Email);
    }

    private static NewUserInput NewUser(string userName, string role, int? agencyId, string password = "Hoa-sen#Tim42") => new()
    {
        UserName = userName, FullName = $"Người dùng {userName}", Role = role, AgencyId = agencyId, Password = password,
    };

    public sealed class OnSqlite() : UserAdminServiceTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : UserAdminServiceTests(DatabaseProvider.PostgreSQL), IOnPostgreSql;
}
