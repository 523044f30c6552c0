using CommsPlan.Core.Changes;
using Microsoft.AspNetCore.Components;

namespace CommsPlan.Dashboard.Components.Shared;

/// <summary>
/// A page that stays current: it subscribes to <see cref="IDataChangeNotifier"/> when it starts, reloads its
/// figures on the circuit's dispatcher when data changes, and unsubscribes when the circuit closes.
/// </summary>
public abstract class LiveComponentBase : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private IDisposable? _subscription;

    [Inject] private IDataChangeNotifier Notifier { get; set; } = default!;

    /// <summary>Cancelled when the component goes away: pass it to loads so an abandoned page stops querying.</summary>
    protected CancellationToken ComponentToken => _disposed.Token;

    protected override void OnInitialized()
    {
        base.OnInitialized();
        _subscription = Notifier.Subscribe(OnNotifiedAsync);
    }

    /// <summary>Reload what the page shows; called on the component's dispatcher, followed by a render.</summary>
    protected abstract Task OnDataChangedAsync(DataChange change);

    private async Task OnNotifiedAsync(DataChange change)
    {
        if (_disposed.IsCancellationRequested) return;
        try
        {
            await InvokeAsync(async () =>
            {
                if (_disposed.IsCancellationRequested) return;
                await OnDataChangedAsync(change);
                StateHasChanged();
            });
        }
        catch (Exception ex) when (_disposed.IsCancellationRequested && ex is ObjectDisposedException or OperationCanceledException)
        {
            // The circuit closed while a refresh was on its way: nothing left to update.
        }
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _disposed.Cancel();
        _disposed.Dispose();
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing) { }
}
