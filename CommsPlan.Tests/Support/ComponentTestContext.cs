using Bunit;
using CommsPlan.Dashboard.Components.Shared;
using Microsoft.Extensions.DependencyInjection;
using CommsPlan.Dashboard.Hosting;

namespace CommsPlan.Tests.Support;

/// <summary>bUnit with MudBlazor's services, for a component given its data directly (no database).</summary>
public abstract class ComponentTestContext : BunitContext, IAsyncLifetime
{
    protected ComponentTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose; // MudBlazor calls JS
        // WaitFor* returns as soon as the condition holds; the bound only matters on a loaded 2-core CI machine.
        DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        // As the app does: MudBlazor with its own messages in Vietnamese.
        VietnameseMudLocalizer.AddTo(Services);
        // Every editor counts the circuit's connection drops (SaveGuard); bUnit's "circuit" never drops unless a test says so.
        Services.AddScoped<CircuitConnection>();
        // Pages read the plan year from their address through it (it needs Core's PlanService, which data tests add).
        Services.AddScoped<PlanSelection>();
    }

    Task IAsyncLifetime.InitializeAsync() => InitializeAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync(); // MudBlazor services are IAsyncDisposable only
        await DisposeResourcesAsync();
    }

    /// <summary>Before the first test: what a subclass sets up beyond MudBlazor.</summary>
    protected virtual Task InitializeAsync() => Task.CompletedTask;

    /// <summary>After the renderer and its services are disposed: what a subclass set up.</summary>
    protected virtual ValueTask DisposeResourcesAsync() => ValueTask.CompletedTask;
}
