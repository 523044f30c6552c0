// Shared by the probe programs (compiled into each): Core's own service registration on a SQLite file, initialised as
// the app initialises it, so a probe exercises exactly the app's save and import paths in a process of its own.
using CommsPlan.Core;
using CommsPlan.Core.Access;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommsPlan.Tools;

internal static class ProbeHost
{
    /// <summary>Core's services on <paramref name="databaseFile"/>, the database created and seeded if new.</summary>
    public static async Task<ServiceProvider> StartAsync(string databaseFile)
    {
        // The plan's activities are dated within the plan's year: run on the demo's day, as the demo does.
        var time = new ShiftedTimeProvider(new DateOnly(2021, 10, 20));
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(time);
        services.AddCommsPlanCore($"Data Source={databaseFile};Pooling=True");
        var provider = services.BuildServiceProvider();
        await DatabaseInitializer.InitializeAsync(provider.GetRequiredService<IDbContextFactory<CommsPlanDbContext>>(), time);
        return provider;
    }

    /// <summary>The id of the agency with <paramref name="code"/>.</summary>
    public static async Task<int> AgencyIdAsync(ServiceProvider provider, string code)
    {
        await using var db = await provider.GetRequiredService<IDbContextFactory<CommsPlanDbContext>>().CreateDbContextAsync();
        return await db.Agencies.Where(a => a.Code == code).Select(a => a.Id).SingleAsync();
    }
}
