using Bunit;
using Microsoft.AspNetCore.Components;
using CommsPlan.Core;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace CommsPlan.Tests.Support;

/// <summary>bUnit with MudBlazor and the Core services on a real, seeded SQLite file.</summary>
public abstract class DashboardTestContext : BunitContext, IAsyncLifetime
{
    protected TestDatabase Database { get; private set; } = null!;

    protected DashboardTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose; // MudBlazor calls JS
        // WaitFor* returns as soon as the condition holds; the bound only matters on a loaded 2-core CI machine.
        DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        Services.AddMudServices();
    }

    async Task IAsyncLifetime.InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Services.AddCommsPlanCore(Database.ConnectionString);
        Services.AddSingleton(TimeProvider.System);
        ConfigureServices(Services);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    /// <summary>Register what a test needs beyond the defaults (a fixed clock, a user…).</summary>
    protected virtual void ConfigureServices(IServiceCollection services) { }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync(); // MudBlazor services are IAsyncDisposable
        await Database.DisposeAsync();
    }
}
