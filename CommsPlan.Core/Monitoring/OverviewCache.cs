using System.Collections.Concurrent;
using CommsPlan.Core.Access;
using CommsPlan.Core.ReportingCycle;

namespace CommsPlan.Core.Monitoring;

/// <summary>
/// Open overviews refresh together when data changes (100 pages, one save): identical overview requests at the same
/// data version share one computation — those arriving while it runs wait for it, those arriving up to
/// <see cref="Lifetime"/> after it finished get its result: the pages' calls reach the thread pool spread out in
/// time, so sharing only while running recomputed the figures for most of the late ones, one after another.
/// </summary>
internal sealed class OverviewCache(TimeProvider time)
{
    /// <summary>
    /// How long a finished overview keeps answering identical requests at the same data version. The version alone
    /// would do for every change that is published; the lifetime bounds what a write that publishes nothing (an
    /// agency edited by an administrator, a seed) can leave stale, to what a page opened a moment earlier shows anyway.
    /// </summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<OverviewKey, SharedOverview> _overviews = new();

    /// <summary>The overview of <paramref name="key"/>: a shared computation when one is usable, else a new one.</summary>
    public async Task<MonitoringOverview> GetAsync(OverviewKey key, Func<Task<MonitoringOverview>> compute, CancellationToken ct)
    {
        while (true)
        {
            if (_overviews.TryGetValue(key, out var existing) && existing.IsUsable(time))
                return await existing.Computation.WaitAsync(ct);

            // Computed without the caller's token: other callers may be waiting on it; each caller stops waiting on its own.
            var mine = new SharedOverview(compute);
            var added = existing is null ? _overviews.TryAdd(key, mine) : _overviews.TryUpdate(key, mine, existing);
            if (!added) continue; // Another caller got there first: use its computation.
            ForgetOutdated(key);
            _ = mine.Computation.ContinueWith(task =>
                {
                    // A failure is not shared beyond the callers already waiting: the next request tries again.
                    if (task.IsCompletedSuccessfully) mine.MarkFinished(time);
                    else _overviews.TryRemove(new KeyValuePair<OverviewKey, SharedOverview>(key, mine));
                },
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return await mine.Computation.WaitAsync(ct);
        }
    }

    /// <summary>Drops overviews of an earlier version or day, or past their lifetime: no request can use them again.</summary>
    private void ForgetOutdated(OverviewKey current)
    {
        foreach (var (key, shared) in _overviews)
        {
            if (key.Version < current.Version || key.Today != current.Today || !shared.IsUsable(time))
                _overviews.TryRemove(new KeyValuePair<OverviewKey, SharedOverview>(key, shared));
        }
    }

    /// <summary>One computation of an overview, shared by identical requests while it runs and for a while after.</summary>
    private sealed class SharedOverview(Func<Task<MonitoringOverview>> compute)
    {
        private readonly Lazy<Task<MonitoringOverview>> _computation = new(compute);
        private long _finishedAt;
        private volatile bool _finished;

        public Task<MonitoringOverview> Computation => _computation.Value;

        public void MarkFinished(TimeProvider time)
        {
            _finishedAt = time.GetTimestamp();
            _finished = true;
        }

        public bool IsUsable(TimeProvider time)
        {
            if (!_computation.IsValueCreated) return true;
            var task = _computation.Value;
            if (!task.IsCompleted) return true;
            if (!task.IsCompletedSuccessfully) return false;
            // Finished a moment ago, its continuation not yet run: as fresh as can be.
            return !_finished || time.GetElapsedTime(_finishedAt) < Lifetime;
        }
    }

    public sealed record OverviewKey(
        int PlanId, ReportingPeriod Period, DateOnly Today, long Version, int? OwnAgencyId, string? AgencyCode, AgencyGroup? Group);
}
