using CommsPlan.Core;
using CommsPlan.Core.Access;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommsPlan.Tests.Support;

/// <summary>
/// Core's services as the app registers them, with Identity, on a real seeded SQLite file holding the four roles
/// and the six demo accounts; the clock is the demo's day (20/10/2021).
/// </summary>
public sealed class AccessTestServices : IAsyncDisposable
{
    public static readonly DateOnly Today = new(2021, 10, 20);

    private AccessTestServices(TestDatabase database, ServiceProvider services)
    {
        Database = database;
        Services = services;
    }

    public TestDatabase Database { get; }
    public ServiceProvider Services { get; }
    public TimeProvider Time => Services.GetRequiredService<TimeProvider>();

    /// <summary>The services on <paramref name="provider"/>; sign-ins and sessions on <paramref name="accessClock"/> when given.</summary>
    public static async Task<AccessTestServices> CreateAsync(DatabaseProvider provider = DatabaseProvider.Sqlite, TimeProvider? accessClock = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection();
        services.AddSingleton<TimeProvider>(new ShiftedTimeProvider(Today));
        if (accessClock is not null) services.AddSingleton(new AccessClock(accessClock));
        services.AddCommsPlanCore(database.ConnectionString, database.Provider);
        services.AddCommsPlanIdentity();
        var built = services.BuildServiceProvider();
        await using (var scope = built.CreateAsyncScope())
        {
            var seeder = scope.ServiceProvider.GetRequiredService<AccountSeeder>();
            await seeder.EnsureRolesAsync();
            await seeder.EnsureDemoAccountsAsync();
        }
        return new AccessTestServices(database, built);
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public Task<CommsPlanDbContext> ContextAsync() => Get<IDbContextFactory<CommsPlanDbContext>>().CreateDbContextAsync();

    /// <summary>The signed-in user <paramref name="userName"/> as the Dashboard would pass it to Core.</summary>
    public async Task<CurrentUser> UserAsync(string userName)
    {
        await using var db = await ContextAsync();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName);
        var roles = await db.UserRoles.Where(ur => ur.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToListAsync();
        return new CurrentUser(user.Id, userName, roles, user.AgencyId);
    }

    public async Task<int> AgencyIdAsync(string code)
    {
        await using var db = await ContextAsync();
        return await db.Agencies.Where(a => a.Code == code).Select(a => a.Id).SingleAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
    }
}
