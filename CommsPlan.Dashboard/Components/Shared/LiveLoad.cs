using CommsPlan.Core.Changes;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;

namespace CommsPlan.Dashboard.Components.Shared;

/// <summary>
/// What a live page shows, kept current: <see cref="LoadAsync"/> loads it when the page asks, and again whenever a
/// save anywhere publishes a change the page follows (on the circuit's dispatcher, then the page renders). The newest
/// of overlapping loads wins, <see cref="Loading"/> says one is running, Core's refusal or a database that cannot
/// answer becomes <see cref="Error"/>, and every query stops when the page goes away (<see cref="Token"/>).
/// A page whose data a grid loads itself follows changes with <see cref="LiveLoad.Follow"/>.
/// </summary>
/// <typeparam name="T">What the page shows.</typeparam>
public sealed class LiveLoad<T> : IDisposable where T : class
{
    private readonly LiveLoad _changes;
    private readonly Func<CancellationToken, Task<T>> _load;
    private readonly TimeProvider _time;
    private int _version;

    /// <param name="notifier">The app's change notifier.</param>
    /// <param name="dispatch">The page's <c>InvokeAsync</c>: a change arrives on another thread.</param>
    /// <param name="render">The page's <c>StateHasChanged</c>.</param>
    /// <param name="load">The query; given <see cref="Token"/>.</param>
    /// <param name="follows">Which changes reload it; every change when null.</param>
    /// <param name="afterChange">More to refresh after a change reloaded the value (a grid on the same page).</param>
    /// <param name="time">The app's clock, for <see cref="LoadedAt"/>.</param>
    public LiveLoad(IDataChangeNotifier notifier, Func<Func<Task>, Task> dispatch, Action render, Func<CancellationToken, Task<T>> load,
        Func<DataChange, bool>? follows = null, Func<Task>? afterChange = null, TimeProvider? time = null)
    {
        _load = load;
        _time = time ?? TimeProvider.System;
        _changes = LiveLoad.Follow(notifier, dispatch, render, async () =>
        {
            await LoadAsync();
            if (afterChange is not null) await afterChange();
        },
        // A change reloads what the page has loaded, never before it asked (the prerendered pass asks nothing).
        change => _version > 0 && (follows is null || follows(change)));
    }

    /// <summary>The last value loaded; null before the first load and after a refusal.</summary>
    public T? Value { get; private set; }

    /// <summary>A load is running, or none has finished yet.</summary>
    public bool Loading { get; private set; } = true;

    /// <summary>Why the last load showed nothing new: Core's refusal, or a database that could not answer (the value stays).</summary>
    public string? Error { get; private set; }

    /// <summary>The last load was refused because what the page asks for does not exist (or is not the user's to see).</summary>
    public bool NotFound { get; private set; }

    /// <summary>When the value was last loaded, in Vietnam's time whatever the server's zone (the pages print it).</summary>
    public DateTimeOffset? LoadedAt { get; private set; }

    /// <summary>Cancelled when the page goes away: give it to anything else the page starts.</summary>
    public CancellationToken Token => _changes.Token;

    public async Task LoadAsync()
    {
        var version = ++_version;
        Loading = true;
        try
        {
            var value = await _load(Token);
            // A slower, older load must not overwrite a newer one (a change arriving while the user picks another period).
            if (version != _version) return;
            (Value, Error, NotFound, LoadedAt) = (value, null, false, _time.VietnamNow());
        }
        catch (Exception ex) when (ex is NotFoundException or AccessDeniedException or BusinessRuleException)
        {
            if (version == _version) (Value, Error, NotFound) = (null, ex.Message, ex is NotFoundException);
        }
        catch (Exception ex) when (DatabaseFailures.Unavailable(ex) is { } unavailable)
        {
            // What is shown is older, not wrong: it stays, with the reason it could not be refreshed.
            if (version == _version) Error = unavailable.Message;
        }
        catch (OperationCanceledException) when (Token.IsCancellationRequested)
        {
            // The page went away while it loaded.
        }
        finally
        {
            if (version == _version) Loading = false;
        }
    }

    public void Dispose() => _changes.Dispose();
}

/// <summary>
/// Follows the app's changes for a page: runs a refresh on the page's dispatcher when a change it follows arrives, then
/// renders; stops when disposed. <see cref="LiveLoad{T}"/> is built on it.
/// </summary>
public sealed class LiveLoad : IDisposable
{
    // Cancelled, never disposed: its token stays readable by loads that end after the page went away.
    private readonly CancellationTokenSource _disposed = new();
    private readonly IDisposable _subscription;
    private readonly Func<Func<Task>, Task> _dispatch;
    private readonly Action _render;
    private readonly Func<Task> _refresh;
    private readonly Func<DataChange, bool> _follows;

    private LiveLoad(IDataChangeNotifier notifier, Func<Func<Task>, Task> dispatch, Action render, Func<Task> refresh, Func<DataChange, bool>? follows)
    {
        (_dispatch, _render, _refresh, _follows) = (dispatch, render, refresh, follows ?? (_ => true));
        _subscription = notifier.Subscribe(OnChangedAsync);
    }

    /// <summary>Runs <paramref name="refresh"/> (a grid's reload) whenever a change <paramref name="follows"/> selects arrives.</summary>
    public static LiveLoad Follow(IDataChangeNotifier notifier, Func<Func<Task>, Task> dispatch, Action render, Func<Task> refresh,
        Func<DataChange, bool>? follows = null) => new(notifier, dispatch, render, refresh, follows);

    /// <summary>The changes of <paramref name="kinds"/>, and the "several things changed" notice that may hide one of them.</summary>
    public static Func<DataChange, bool> Kinds(params string[] kinds) =>
        change => change.Kind == InProcessDataChangeNotifier.MixedKind || kinds.Contains(change.Kind);

    /// <summary>Cancelled when the page goes away.</summary>
    public CancellationToken Token => _disposed.Token;

    private async Task OnChangedAsync(DataChange change)
    {
        if (_disposed.IsCancellationRequested || !_follows(change)) return;
        try
        {
            await _dispatch(async () =>
            {
                if (_disposed.IsCancellationRequested) return;
                await _refresh();
                _render();
            });
        }
        catch (Exception ex) when (_disposed.IsCancellationRequested && ex is ObjectDisposedException or OperationCanceledException)
        {
            // The circuit closed while a refresh was on its way: nothing left to update.
        }
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _disposed.Cancel();
    }
}
