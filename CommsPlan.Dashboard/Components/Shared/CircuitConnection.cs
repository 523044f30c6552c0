using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CommsPlan.Dashboard.Components.Shared;

/// <summary>
/// Counts the times this circuit's connection to the browser dropped (one per circuit). A drop loses whatever the
/// browser sent meanwhile, and a message the hub refuses as too large drops the connection on purpose, so after a drop
/// a form may hold on screen what the server never received: <see cref="SaveGuard"/> checks this count before saving.
/// </summary>
public sealed class CircuitConnection : CircuitHandler
{
    private int _interruptions;

    public int Interruptions => Volatile.Read(ref _interruptions);

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _interruptions);
        return Task.CompletedTask;
    }
}
