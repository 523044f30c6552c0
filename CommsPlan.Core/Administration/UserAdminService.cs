using CommsPlan.Core.Access;
using CommsPlan.Core.Audit;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CommsPlan.Core.Administration;

/// <summary>
/// Accounts, for administrators only: create, change role and agency, reset the password, lock, unlock, delete.
/// A created account and a reset password must be changed by the user at the next sign-in (<see cref="AppUser.MustChangePassword"/>).
/// Each operation is one SaveChanges on its own context in the administrator's name, so the audit history
/// records it (roles included) and nothing is half done. Identity supplies the password rules and hashing.
/// A lock, a new role or agency, a password reset or a deletion ends all of the user's sessions in the same
/// transaction and then tells every instance's open pages of that user to re-check (<see cref="SessionRevocations"/>).
/// </summary>
public sealed class UserAdminService(
    IDbContextFactory<CommsPlanDbContext> factory,
    IServiceScopeFactory scopes,
    IValidator<NewUserInput> newUserValidator,
    IValidator<UserEditInput> editValidator,
    IValidator<PasswordResetInput> resetValidator,
    TimeProvider time,
    SessionRevocations revocations,
    AccessClock clock)
{
    public async Task<UserListResult> ListAsync(CurrentUser actor, UserQuery query, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = Rows(db, clock.UtcNow);
        rows = rows.WhereMatches(r => r.SearchKey, query.Search);
        if (!string.IsNullOrEmpty(query.Role)) rows = rows.Where(r => r.Role == query.Role);
        if (query.AgencyId is { } agencyId) rows = rows.Where(r => r.AgencyId == agencyId);

        var total = await rows.CountAsync(ct);
        rows = (query.SortBy, query.SortDescending) switch
        {
            (UserSort.FullName, false) => rows.OrderBy(r => r.FullName).ThenBy(r => r.UserName),
            (UserSort.FullName, true) => rows.OrderByDescending(r => r.FullName).ThenBy(r => r.UserName),
            (UserSort.Role, false) => rows.OrderBy(r => r.Role).ThenBy(r => r.UserName),
            (UserSort.Role, true) => rows.OrderByDescending(r => r.Role).ThenBy(r => r.UserName),
            (UserSort.Agency, false) => rows.OrderBy(r => r.AgencyCode).ThenBy(r => r.UserName),
            (UserSort.Agency, true) => rows.OrderByDescending(r => r.AgencyCode).ThenBy(r => r.UserName),
            (_, true) => rows.OrderByDescending(r => r.UserName),
            _ => rows.OrderBy(r => r.UserName),
        };
        var page = await rows.Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, 200)).ToListAsync(ct);
        return new UserListResult([.. page.Select(ToRow)], total);
    }

    public async Task<UserRow> GetAsync(CurrentUser actor, string userId, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await Rows(db, clock.UtcNow).SingleOrDefaultAsync(r => r.Id == userId, ct) ?? throw new NotFoundException();
        return ToRow(row);
    }

    /// <summary>Creates the account with its role (and agency for an officer); returns its id.</summary>
    public async Task<string> CreateAsync(CurrentUser actor, NewUserInput input, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        await newUserValidator.ValidateAndThrowAsync(input, ct);
        await using var db = await factory.CreateForAsync(actor, time, ct);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();

        var userName = input.UserName.Trim();
        var normalized = users.NormalizeName(userName);
        if (await db.Users.AnyAsync(u => u.NormalizedUserName == normalized, ct))
            throw Invalid(nameof(NewUserInput.UserName), $"Tên đăng nhập '{userName}' đã được dùng.");
        await CheckAgencyAsync(db, input, ct);

        var user = new AppUser
        {
            UserName = userName,
            NormalizedUserName = normalized,
            FullName = input.FullName.Trim(),
            Email = EmailOf(input.Email),
            NormalizedEmail = users.NormalizeEmail(EmailOf(input.Email)),
            AgencyId = input.AgencyId,
            LockoutEnabled = users.Options.Lockout.AllowedForNewUsers,
            SecurityStamp = NewStamp(),
            // The administrator knows this password: the user replaces it at the first sign-in.
            MustChangePassword = true,
        };
        await CheckPasswordAsync(users, user, input.Password, nameof(NewUserInput.Password));
        user.PasswordHash = users.PasswordHasher.HashPassword(user, input.Password);
        db.Users.Add(user);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = await RoleIdAsync(db, input.Role, ct) });
        await db.SaveChangesAsync(ct);
        return user.Id;
    }

    /// <summary>
    /// Full name, role and agency. A new role or agency also renews the security stamp: the user's open sessions
    /// end and the next sign-in carries the new rights.
    /// </summary>
    public async Task UpdateAsync(CurrentUser actor, string userId, UserEditInput input, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        await editValidator.ValidateAndThrowAsync(input, ct);
        await using var db = await factory.CreateForAsync(actor, time, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = await LoadAsync(db, userId, input.ConcurrencyStamp, ct);
        var currentRole = await RoleOfAsync(db, user.Id, ct);
        if (currentRole == Roles.Admin && input.Role != Roles.Admin)
            await EnsureAnotherActiveAdministratorAsync(db, user.Id, "đổi vai trò của", ct);
        await CheckAgencyAsync(db, input, ct, keepAgencyId: user.AgencyId);

        var rightsChanged = currentRole != input.Role || user.AgencyId != input.AgencyId;
        user.FullName = input.FullName.Trim();
        user.Email = EmailOf(input.Email);
        user.NormalizedEmail = user.Email?.ToUpperInvariant();
        user.AgencyId = input.AgencyId;
        if (currentRole != input.Role)
        {
            db.UserRoles.RemoveRange(await db.UserRoles.Where(ur => ur.UserId == user.Id).ToListAsync(ct));
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = await RoleIdAsync(db, input.Role, ct) });
        }
        await SaveAsync(db, transaction, user, endSessions: rightsChanged, ct);
    }

    public async Task ResetPasswordAsync(CurrentUser actor, string userId, PasswordResetInput input, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        await resetValidator.ValidateAndThrowAsync(input, ct);
        await using var db = await factory.CreateForAsync(actor, time, ct);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await LoadAsync(db, userId, input.ConcurrencyStamp, ct);
        await CheckPasswordAsync(users, user, input.NewPassword, nameof(PasswordResetInput.NewPassword));
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        user.PasswordHash = users.PasswordHasher.HashPassword(user, input.NewPassword);
        user.MustChangePassword = true; // the administrator knows this one
        // Sessions signed in with the old password end.
        await SaveAsync(db, transaction, user, endSessions: true, ct);
    }

    /// <summary>Locks the account until an administrator unlocks it; its open sessions end.</summary>
    public async Task LockAsync(CurrentUser actor, string userId, string concurrencyStamp, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        if (userId == actor.UserId) throw new BusinessRuleException("Bạn không thể tự khóa tài khoản đang dùng.");
        await using var db = await factory.CreateForAsync(actor, time, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = await LoadAsync(db, userId, concurrencyStamp, ct);
        if (await RoleOfAsync(db, user.Id, ct) == Roles.Admin)
            await EnsureAnotherActiveAdministratorAsync(db, user.Id, "khóa", ct);
        user.LockoutEnabled = true;
        user.LockoutEnd = AppUser.AdministratorLock;
        await SaveAsync(db, transaction, user, endSessions: true, ct);
    }

    /// <summary>Ends an administrator's lock, or the lockouts after failed attempts from any address.</summary>
    public async Task UnlockAsync(CurrentUser actor, string userId, string concurrencyStamp, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        await using var db = await factory.CreateForAsync(actor, time, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = await LoadAsync(db, userId, concurrencyStamp, ct);
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        await SaveAsync(db, user, ct);
        if (user.NormalizedUserName is { } name) await SignInGuard.ForgetAllAsync(db, name, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Removes an account made by mistake. The history keeps its user name; records it wrote keep theirs.</summary>
    public async Task DeleteAsync(CurrentUser actor, string userId, string concurrencyStamp, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        if (userId == actor.UserId) throw new BusinessRuleException("Bạn không thể tự xóa tài khoản đang dùng.");
        await using var db = await factory.CreateForAsync(actor, time, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = await LoadAsync(db, userId, concurrencyStamp, ct);
        if (await RoleOfAsync(db, user.Id, ct) == Roles.Admin)
            await EnsureAnotherActiveAdministratorAsync(db, user.Id, "xóa", ct);
        await UserSessions.EndAllAsync(db, user.Id, ct);
        db.Users.Remove(user);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw await AuditLog.ConflictAsync(db, nameof(AppUser), userId, ct);
        }
        await transaction.CommitAsync(ct);
        revocations.Publish(userId);
    }

    /// <summary>
    /// Nobody can remove, lock or demote the last administrator who can still sign in: the system would be
    /// left without anyone able to manage accounts.
    /// </summary>
    private static async Task EnsureAnotherActiveAdministratorAsync(CommsPlanDbContext db, string userId, string verb, CancellationToken ct)
    {
        var adminRoleId = await RoleIdAsync(db, Roles.Admin, ct);
        // Lock ends of the other administrators (a handful): SQLite cannot compare DateTimeOffset in SQL.
        var others = await db.UserRoles
            .Where(ur => ur.RoleId == adminRoleId && ur.UserId != userId)
            .Join(db.Users, ur => ur.UserId, u => u.Id, (ur, u) => u.LockoutEnd)
            .ToListAsync(ct);
        if (!others.Any(end => end != AppUser.AdministratorLock))
            throw new BusinessRuleException(
                $"Không thể {verb} quản trị viên cuối cùng còn hoạt động. Hãy tạo hoặc mở khóa một quản trị viên khác trước.");
    }

    private static async Task<AppUser> LoadAsync(CommsPlanDbContext db, string userId, string expectedStamp, CancellationToken ct)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct) ?? throw new NotFoundException();
        if (user.ConcurrencyStamp != expectedStamp) throw await AuditLog.ConflictAsync(db, nameof(AppUser), userId, ct);
        // The stamp the administrator saw is the one the UPDATE checks: a change in between fails the save.
        db.Entry(user).Property(u => u.ConcurrencyStamp).OriginalValue = expectedStamp;
        return user;
    }

    internal static async Task SaveAsync(CommsPlanDbContext db, AppUser user, CancellationToken ct)
    {
        user.ConcurrencyStamp = NewStamp();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw await AuditLog.ConflictAsync(db, nameof(AppUser), user.Id, ct);
        }
    }

    /// <summary>An officer's agency must exist and still be active (a merged agency's officers work for its successor).</summary>
    private static async Task CheckAgencyAsync(CommsPlanDbContext db, IRoleAndAgency input, CancellationToken ct, int? keepAgencyId = null)
    {
        if (input.AgencyId is not { } agencyId || agencyId == keepAgencyId) return;
        var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == agencyId).Select(a => new { a.Name, a.IsActive }).SingleOrDefaultAsync(ct)
            ?? throw Invalid(nameof(IRoleAndAgency.AgencyId), "Đơn vị không tồn tại.");
        if (!agency.IsActive) throw Invalid(nameof(IRoleAndAgency.AgencyId), $"{agency.Name} đã ngừng hoạt động: hãy chọn đơn vị đang hoạt động.");
    }

    internal static async Task CheckPasswordAsync(UserManager<AppUser> users, AppUser user, string password, string property)
    {
        var failures = new List<ValidationFailure>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            failures.AddRange(result.Errors.Select(e => new ValidationFailure(property, e.Description)));
        }
        if (failures.Count > 0) throw new ValidationException(failures);
    }

    private static async Task<string> RoleIdAsync(CommsPlanDbContext db, string role, CancellationToken ct) =>
        await db.Roles.Where(r => r.Name == role).Select(r => r.Id).SingleOrDefaultAsync(ct)
        ?? throw new InvalidOperationException($"Role {role} is missing: AccountSeeder.EnsureRolesAsync has not run.");

    private static Task<string?> RoleOfAsync(CommsPlanDbContext db, string userId, CancellationToken ct) =>
        db.UserRoles.Where(ur => ur.UserId == userId).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name).FirstOrDefaultAsync(ct);

    /// <summary>The accounts as the list shows them; a name locked after failed sign-ins from some address counts as locked.</summary>
    private static IQueryable<RawRow> Rows(CommsPlanDbContext db, DateTime now) =>
        db.Users.AsNoTracking().Select(u => new RawRow
        {
            FailureLockedUntil = db.SignInFailures.Where(f => f.UserName == u.NormalizedUserName && f.LockedUntil > now).Max(f => f.LockedUntil),
            Id = u.Id,
            UserName = u.UserName ?? "",
            FullName = u.FullName,
            Email = u.Email,
            SearchKey = u.SearchKey,
            Role = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name).FirstOrDefault(),
            AgencyId = u.AgencyId,
            AgencyCode = u.Agency == null ? null : u.Agency.Code,
            AgencyName = u.Agency == null ? null : u.Agency.Name,
            LockoutEnd = u.LockoutEnd,
            ConcurrencyStamp = u.ConcurrencyStamp ?? "",
        });

    private static UserRow ToRow(RawRow r)
    {
        // Lockouts run on the real clock (not the demo's), so the status does too.
        DateTimeOffset? failureLock = r.FailureLockedUntil is { } until ? new DateTimeOffset(DateTime.SpecifyKind(until, DateTimeKind.Utc)) : null;
        DateTimeOffset? identityLock = r.LockoutEnd > DateTimeOffset.UtcNow ? r.LockoutEnd : null;
        var lockedUntil = failureLock > identityLock || identityLock is null ? failureLock : identityLock;
        var status = r.LockoutEnd == AppUser.AdministratorLock ? UserStatus.LockedByAdministrator
            : lockedUntil is not null ? UserStatus.TemporarilyLocked
            : UserStatus.Active;
        return new UserRow(r.Id, r.UserName, r.FullName, r.Role, r.AgencyId, r.AgencyCode, r.AgencyName, status,
            status == UserStatus.TemporarilyLocked ? lockedUntil : null, r.ConcurrencyStamp) { Email = r.Email };
    }

    private static void RequireAdmin(CurrentUser actor)
    {
        if (!actor.IsAdmin) throw new AccessDeniedException();
    }

    internal static ValidationException Invalid(string property, string message) => new([new ValidationFailure(property, message)]);

    private static string? EmailOf(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    internal static string NewStamp() => Guid.NewGuid().ToString();

    /// <summary>
    /// Saves the user and commits; with <paramref name="endSessions"/> a new security stamp ends the user's open
    /// sessions here and, once committed, on every instance.
    /// </summary>
    private async Task SaveAsync(CommsPlanDbContext db, IDbContextTransaction transaction, AppUser user, bool endSessions, CancellationToken ct)
    {
        if (endSessions) user.SecurityStamp = NewStamp();
        await SaveAsync(db, user, ct);
        if (endSessions) await UserSessions.EndAllAsync(db, user.Id, ct);
        await transaction.CommitAsync(ct);
        if (endSessions) revocations.Publish(user.Id);
    }

    private sealed class RawRow
    {
        public required string Id { get; init; }
        public required string UserName { get; init; }
        public required string FullName { get; init; }
        public string? Email { get; init; }
        /// <summary>The account's search key (user name and full name, folded), for the list's search.</summary>
        public required string SearchKey { get; init; }
        public string? Role { get; init; }
        public int? AgencyId { get; init; }
        public string? AgencyCode { get; init; }
        public string? AgencyName { get; init; }
        public DateTimeOffset? LockoutEnd { get; init; }
        public DateTime? FailureLockedUntil { get; init; }
        public required string ConcurrencyStamp { get; init; }
    }
}

public enum UserSort
{
    UserName,
    FullName,
    Role,
    Agency,
}

public sealed record UserQuery(
    string? Search = null, string? Role = null, int? AgencyId = null,
    UserSort SortBy = UserSort.UserName, bool SortDescending = false, int Skip = 0, int Take = 25);

public enum UserStatus
{
    Active,
    TemporarilyLocked,
    LockedByAdministrator,
}

public sealed record UserRow(
    string Id, string UserName, string FullName, string? Role, int? AgencyId, string? AgencyCode, string? AgencyName,
    UserStatus Status, DateTimeOffset? LockedUntil, string ConcurrencyStamp)
{
    /// <summary>Where the user's mail goes; null: none.</summary>
    public string? Email { get; init; }

    public string RoleName => Role is null ? "—" : Roles.DisplayName(Role);

    public string StatusName => Status switch
    {
        UserStatus.LockedByAdministrator => "Bị khóa",
        UserStatus.TemporarilyLocked => "Tạm khóa (nhập sai mật khẩu)",
        _ => "Hoạt động",
    };
}

public sealed record UserListResult(IReadOnlyList<UserRow> Items, int TotalCount);
