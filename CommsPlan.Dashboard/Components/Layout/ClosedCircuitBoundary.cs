using System.Runtime.ExceptionServices;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.JSInterop;

namespace CommsPlan.Dashboard.Components.Layout;

/// <summary>
/// Around the whole layout: a component calling JavaScript after its page was closed (MudBlazor's charts do it from
/// OnAfterRenderAsync when the tab closes while they render) gets <see cref="JSDisconnectedException"/>. That is the
/// normal end of a circuit, not a fault: it is logged at Debug and the closing page renders nothing more. Every other
/// exception is thrown on, so the circuit fails and logs it at Error exactly as without this boundary.
/// </summary>
/// <remarks>
/// A logging filter cannot tell this exception from a real one (filters see the category and level, not the
/// exception), and the calls are MudBlazor's, so the renderer's error boundary is the one place it can be told apart.
/// </remarks>
public sealed class ClosedCircuitBoundary : ErrorBoundaryBase
{
    [Inject] private ILogger<ClosedCircuitBoundary> Logger { get; set; } = null!;

    protected override Task OnErrorAsync(Exception exception)
    {
        if (!IsClosedCircuit(exception)) ExceptionDispatchInfo.Throw(exception);
        Logger.LogDebug("A component called JavaScript after its page was closed: {Message}", exception.Message);
        return Task.CompletedTask;
    }

    /// <summary>The renderer passes a synchronously faulted task's exception still wrapped.</summary>
    private static bool IsClosedCircuit(Exception exception) =>
        exception is JSDisconnectedException
        || exception is AggregateException { InnerExceptions.Count: > 0 } aggregate && aggregate.InnerExceptions.All(e => e is JSDisconnectedException);

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        // After the circuit's end was reported the page is gone from the browser: nothing to draw.
        if (CurrentException is null) builder.AddContent(0, ChildContent);
    }
}
