using CommsPlan.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CommsPlan.Core.Access;

/// <summary>Creates the four roles, the demo accounts in demo mode, and the first administrator from configuration.</summary>
public sealed class AccountSeeder(
    UserManager<AppUser> users,
    RoleManager<IdentityRole> roles,
    IDbContextFactory<CommsPlanDbContext> factory,
    ILogger<AccountSeeder> logger)
{
    public const string DemoPassword = "Demo@2021";

    /// <summary>The demo accounts the README lists: user name, full name, role, agency code.</summary>
    public static readonly IReadOnlyList<(string UserName, string FullName, string Role, string? AgencyCode)> DemoAccounts =
    [
        ("admin", "Quản trị hệ thống", Roles.Admin, null),
        ("giamsat", "Nguyễn Thị Giám Sát", Roles.Monitor, null),
        ("lanhdao", "Trần Văn Lãnh Đạo", Roles.Viewer, null),
        ("tuphap", "Lê Thị Tư Pháp", Roles.AgencyOfficer, "STP"),
        ("daitu", "Hoàng Văn Đại Từ", Roles.AgencyOfficer, "DAITU"),
        ("baotn", "Phạm Thị Báo", Roles.AgencyOfficer, "BAOTN"),
    ];

    /// <summary>The demo accounts' mailboxes, in the reserved .example domain: demo mail reaches no one.</summary>
    public static readonly IReadOnlyDictionary<string, string> DemoEmails = new Dictionary<string, string>
    {
        ["giamsat"] = "giamsat@vpubnd.thainguyen.example",
        ["lanhdao"] = "lanhdao@vpubnd.thainguyen.example",
        ["tuphap"] = "tuphap@stp.thainguyen.example",
        ["daitu"] = "daitu@daitu.thainguyen.example",
        ["baotn"] = "baotn@baothainguyen.example",
    };

    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role)) Check(await roles.CreateAsync(new IdentityRole(role)), role);
        }
    }

    /// <summary>
    /// Creates any demo account that is missing; existing accounts (and their passwords) are left alone. The demo's
    /// published password is set without the password rules (it is shorter than they allow): demo mode only.
    /// </summary>
    public async Task EnsureDemoAccountsAsync()
    {
        await using var db = await factory.CreateDbContextAsync();
        var agencies = await db.Agencies.ToDictionaryAsync(a => a.Code, a => a.Id);
        foreach (var (userName, fullName, role, agencyCode) in DemoAccounts)
        {
            if (await users.FindByNameAsync(userName) is not null) continue;
            var user = new AppUser
            {
                UserName = userName, FullName = fullName, Email = DemoEmails.GetValueOrDefault(userName),
                AgencyId = agencyCode is null ? null : agencies.GetValueOrDefault(agencyCode),
            };
            user.PasswordHash = users.PasswordHasher.HashPassword(user, DemoPassword);
            Check(await users.CreateAsync(user), userName);
            Check(await users.AddToRoleAsync(user, role), userName);
        }
    }

    /// <summary>
    /// Outside demo mode no default password exists: when there are no users, the first administrator comes
    /// from `Bootstrap:AdminUser` / `Bootstrap:AdminPassword`; without them the log says how to get one.
    /// </summary>
    public async Task EnsureBootstrapAdminAsync(string? userName, string? password)
    {
        if (await users.Users.AnyAsync()) return;
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
        {
            logger.LogWarning("No user exists and no bootstrap administrator is configured: set Bootstrap:AdminUser and "
                + "Bootstrap:AdminPassword (or Seed:DemoData=true for the demo accounts) and restart.");
            return;
        }
        var admin = new AppUser { UserName = userName, FullName = "Quản trị hệ thống" };
        var created = await users.CreateAsync(admin, password);
        // A refused password stops the start-up with the rules it broke, like a database that cannot be opened.
        if (!created.Succeeded)
            throw new BootstrapException("Bootstrap:AdminPassword is refused: " + string.Join(" ", created.Errors.Select(e => e.Description)));
        Check(await users.AddToRoleAsync(admin, Roles.Admin), userName);
        logger.LogInformation("Created the first administrator {UserName} from the Bootstrap settings.", userName);
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Cannot create {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }
}

/// <summary>The Bootstrap settings cannot create the first administrator; the message says why.</summary>
public sealed class BootstrapException(string message) : Exception(message);
