using Microsoft.AspNetCore.Components;
using CommsPlan.Core;
using Microsoft.Extensions.DependencyInjection;

namespace CommsPlan.Tests.Support;

/// <summary>bUnit with MudBlazor and the Core services on a real, seeded SQLite file.</summary>
public abstract class DashboardTestContext : ComponentTestContext
{
    protected TestDatabase Database { get; private set; } = null!;

    protected override async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Services.AddCommsPlanCore(Database.ConnectionString);
        Services.AddSingleton(TimeProvider.System);
        ConfigureServices(Services);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    /// <summary>Register what a test needs beyond the defaults (a fixed clock, a user…).</summary>
    protected virtual void ConfigureServices(IServiceCollection services) { }

    protected override ValueTask DisposeResourcesAsync() => Database.DisposeAsync();
}
