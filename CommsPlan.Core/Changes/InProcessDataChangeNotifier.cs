using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CommsPlan.Core.Changes;

/// <summary>
/// The notifier for one app instance. A burst — an import publishing thousands of changes, many saves close
/// together — reaches each subscriber as one call: delivery waits until <see cref="QuietPeriod"/> passes without a
/// new change, but never longer than <see cref="MaxDelay"/> after the first one, so open pages stay within a second
/// of the data. Subscribers are called on the thread pool, one call at a time each; one that throws or is slow
/// does not hold up the others; a disposed subscription is never called again.
/// </summary>
public sealed class InProcessDataChangeNotifier : IDataChangeNotifier, IDataVersion, IDisposable
{
    /// <remarks>
    /// Short: the bursts this waits out are saves landing together, since an import publishes one change for its whole
    /// file; once the overviews share their figures by data version, the quiet period is most of the delay before open
    /// overviews show a save (docs/performance.md, notify).
    /// </remarks>
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(750);

    /// <summary>The kind a coalesced change carries when the burst mixed kinds.</summary>
    public const string MixedKind = "*";

    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly ITimer _timer;
    private Subscription[] _subscriptions = [];
    private DataChange? _pending;
    private DateTimeOffset _burstStartedAt;
    private bool _disposed;
    private long _version;

    public InProcessDataChangeNotifier(TimeProvider time, ILogger<InProcessDataChangeNotifier>? logger = null)
    {
        _time = time;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _timer = time.CreateTimer(_ => Flush(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public int SubscriberCount => Volatile.Read(ref _subscriptions).Length;

    /// <summary>Grows at once with every change published, before any subscriber is told.</summary>
    public long Current => Interlocked.Read(ref _version);

    public void NotifyChanged(DataChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        Interlocked.Increment(ref _version);
        lock (_gate)
        {
            if (_disposed) return;
            var now = _time.GetUtcNow();
            if (_pending is null) _burstStartedAt = now;
            _pending = Merge(_pending, change);
            var due = Min(now + QuietPeriod, _burstStartedAt + MaxDelay);
            _timer.Change(Max(due - now, TimeSpan.Zero), Timeout.InfiniteTimeSpan);
        }
    }

    public IDisposable Subscribe(Func<DataChange, Task> onChanged)
    {
        ArgumentNullException.ThrowIfNull(onChanged);
        var subscription = new Subscription(this, onChanged);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _subscriptions = [.. _subscriptions, subscription];
        }
        return subscription;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _pending = null;
            _subscriptions = [];
        }
        _timer.Dispose();
    }

    /// <summary>One change standing for many: their common kind and agency, or "*" and null where they differ.</summary>
    public static DataChange Merge(DataChange? earlier, DataChange later) =>
        earlier is null ? later
        : new DataChange(earlier.Kind == later.Kind ? later.Kind : MixedKind, earlier.AgencyId == later.AgencyId ? later.AgencyId : null);

    private void Flush()
    {
        DataChange? change;
        Subscription[] subscriptions;
        lock (_gate)
        {
            change = _pending;
            _pending = null;
            subscriptions = _subscriptions;
        }
        if (change is null) return;
        foreach (var subscription in subscriptions) subscription.Deliver(change);
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate) _subscriptions = [.. _subscriptions.Where(s => s != subscription)];
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private sealed class Subscription(InProcessDataChangeNotifier owner, Func<DataChange, Task> onChanged) : IDisposable
    {
        private readonly Lock _gate = new();
        private bool _running;
        private bool _disposed;
        private DataChange? _next;

        /// <summary>Calls the subscriber, or, while a call is still running, queues one more call after it.</summary>
        public void Deliver(DataChange change)
        {
            lock (_gate)
            {
                if (_disposed) return;
                if (_running)
                {
                    _next = Merge(_next, change);
                    return;
                }
                _running = true;
            }
            _ = Task.Run(() => RunAsync(change));
        }

        private async Task RunAsync(DataChange change)
        {
            while (true)
            {
                try
                {
                    await onChanged(change);
                }
                catch (Exception ex)
                {
                    // A page that failed to refresh must not stop the others from refreshing.
                    owner._logger.LogWarning(ex, "A data-change subscriber failed on {Kind}", change.Kind);
                }
                lock (_gate)
                {
                    if (_disposed || _next is null)
                    {
                        _running = false;
                        _next = null;
                        return;
                    }
                    change = _next;
                    _next = null;
                }
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                if (_disposed) return;
                _disposed = true;
                _next = null;
            }
            owner.Remove(this);
        }
    }
}
