using CommsPlan.Core.Access;
using CommsPlan.Core.Data;
using CommsPlan.Core.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommsPlan.Dashboard.Hosting;

internal static class StartupSeeding
{
    /// <summary>
    /// Roles always; in demo mode (`Seed:DemoData`) the demo accounts and the demo year; otherwise the first
    /// administrator from `Bootstrap:AdminUser` / `Bootstrap:AdminPassword` when no user exists.
    /// </summary>
    public static async Task SeedAccountsAndDemoAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<AccountSeeder>();
        await seeder.EnsureRolesAsync();
        if (app.Services.GetRequiredService<IOptions<DemoOptions>>().Value.DemoData)
        {
            await seeder.EnsureDemoAccountsAsync();
            // The demo year, once: a new user of the demo sees a province at work on the demo's "today".
            await DemoDataSeeder.SeedAsync(
                scope.ServiceProvider.GetRequiredService<IDbContextFactory<CommsPlanDbContext>>(),
                scope.ServiceProvider.GetRequiredService<TimeProvider>(),
                app.Lifetime.ApplicationStopping);
        }
        else
        {
            var bootstrap = app.Services.GetRequiredService<IOptions<BootstrapOptions>>().Value;
            await seeder.EnsureBootstrapAdminAsync(bootstrap.AdminUser, bootstrap.AdminPassword);
        }
    }
}
