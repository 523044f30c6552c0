using CommsPlan.Core.Access;
using CommsPlan.Core.Data;
using CommsPlan.Core.Data.Seeding;
using Microsoft.EntityFrameworkCore;

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
        if (DemoMode.IsOn(app.Configuration))
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
            await seeder.EnsureBootstrapAdminAsync(app.Configuration["Bootstrap:AdminUser"], app.Configuration["Bootstrap:AdminPassword"]);
        }
    }
}

/// <summary>The demo: accounts with a known password and a clock set to a day in the middle of the plan's year.</summary>
internal static class DemoMode
{
    public static readonly DateOnly DefaultToday = new(2021, 10, 20);

    public static bool IsOn(IConfiguration configuration) => configuration.GetValue("Seed:DemoData", false);

    public static DateOnly Today(IConfiguration configuration) =>
        DateOnly.TryParse(configuration["Seed:DemoToday"], System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : DefaultToday;
}
