using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CommsPlan.Core.Common.HeavyJobs;

/// <summary>
/// The one gate for heavy work on this server (docs/decisions/0011-heavy-job-limiter.md): at most
/// <see cref="HeavyJobLimits.HeavyJobs"/> jobs run at once and at most <see cref="HeavyJobLimits.HeavyJobsPerUser"/> of
/// one user; the others wait in arrival order, a waiting job starting as soon as a slot is free and its user is below
/// the per-user limit. A full queue refuses at once (<see cref="HeavyQueueFullException"/>); a cancelled wait leaves
/// the queue. The work itself runs on the limiter's own threads, never the thread pool's, so requests such as the
/// health check always find a free thread however heavy the jobs are.
/// </summary>
/// <remarks>
/// Anything heavy joins through <see cref="RunAsync{T}"/>: the consolidated workbook, the activity import's preview
/// and commit today; list exports, Word documents and account imports when they come.
/// </remarks>
public sealed class HeavyJobLimiter : IDisposable
{
    /// <summary>What a refused request is told to wait before trying again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    private readonly HeavyJobLimits _limits;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly DedicatedThreadScheduler _threads;
    private readonly Lock _gate = new();
    private readonly LinkedList<Job> _queue = new();
    private readonly Dictionary<Guid, Job> _jobs = [];
    private readonly Dictionary<string, int> _runningByOwner = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _waitingByOwner = new(StringComparer.Ordinal);
    private readonly List<Watcher> _watchers = [];
    private int _running;

    public HeavyJobLimiter(IOptions<HeavyJobLimits> limits, TimeProvider? time = null, ILogger<HeavyJobLimiter>? logger = null)
    {
        _limits = limits.Value;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _threads = new DedicatedThreadScheduler(_limits.HeavyJobs, "CommsPlan heavy job");
    }

    public HeavyJobLimits Limits => _limits;

    /// <summary>True on a thread of a limiter, where heavy work already runs away from the thread pool.</summary>
    public static bool OnItsThreads => TaskScheduler.Current is DedicatedThreadScheduler;

    /// <summary>
    /// Waits for a slot (in order), runs <paramref name="work"/> on the limiter's threads, and frees the slot when the
    /// work ends, however it ends. <paramref name="ct"/> (the request's or the page's) ends the wait and is passed on.
    /// </summary>
    /// <exception cref="HeavyQueueFullException">Too many jobs wait already; nothing was run.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled while waiting.</exception>
    public async Task<T> RunAsync<T>(HeavyJobRequest request, Func<CancellationToken, Task<T>> work, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var lease = await EnterAsync(request, ct);
        return await Task.Factory.StartNew(() => work(ct), ct, TaskCreationOptions.DenyChildAttach, _threads).Unwrap();
    }

    /// <inheritdoc cref="RunAsync{T}"/>
    public Task RunAsync(HeavyJobRequest request, Func<CancellationToken, Task> work, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return RunAsync(request, async token =>
        {
            await work(token);
            return true;
        }, ct);
    }

    /// <summary>
    /// Takes a slot for work the caller runs itself, waiting in order; dispose the lease to free it. Prefer
    /// <see cref="RunAsync{T}"/>, which also keeps the work off the thread pool.
    /// </summary>
    /// <exception cref="HeavyQueueFullException">Too many jobs wait already.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled while waiting.</exception>
    public async Task<IDisposable> EnterAsync(HeavyJobRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ct.ThrowIfCancellationRequested();
        Job job;
        List<Action> notify;
        lock (_gate)
        {
            // A ticket already in use (a page's retry racing its first request, a crafted URL) gets a fresh one: the
            // request is still served, only nobody watches it.
            var ticket = _jobs.ContainsKey(request.Ticket) ? Guid.NewGuid() : request.Ticket;
            job = new Job(ticket, request.Owner, request.Name, _time.GetTimestamp());
            // Whenever a slot is free every waiting job is held back by its own user's limit, so a newcomer that
            // is not may start at once without overtaking anyone who could start.
            if (_running < _limits.HeavyJobs && RunningOf(job.Owner) < _limits.HeavyJobsPerUser)
            {
                Start(job);
                notify = Changes();
            }
            else
            {
                var ownQueueFull = Count(_waitingByOwner, job.Owner) >= _limits.HeavyQueuePerUser;
                if (ownQueueFull || _queue.Count >= _limits.HeavyQueue)
                {
                    _logger.LogWarning("Heavy job {Name} of {Owner} refused: {Waiting} waiting ({OwnWaiting} of this user), {Running} running.",
                        job.Name, job.Owner, _queue.Count, Count(_waitingByOwner, job.Owner), _running);
                    throw new HeavyQueueFullException(ownQueueFull, RetryAfter);
                }
                job.Node = _queue.AddLast(job);
                _jobs[job.Ticket] = job;
                Add(_waitingByOwner, job.Owner, 1);
                notify = Changes();
            }
        }
        Notify(notify);

        if (!job.Started.Task.IsCompleted)
        {
            await using var registration = ct.Register(() => Abandon(job, ct));
            await job.Started.Task;
            var waited = _time.GetElapsedTime(job.ArrivedAt);
            _logger.LogInformation("Heavy job {Name} of {Owner} started after waiting {Waited} ms.", job.Name, job.Owner, (long)waited.TotalMilliseconds);
        }
        return new Lease(this, job);
    }

    /// <summary>Where the job with <paramref name="ticket"/> stands now.</summary>
    public HeavyJobStatus StatusOf(Guid ticket)
    {
        lock (_gate) return StatusLocked(ticket);
    }

    public HeavyJobSnapshot Snapshot()
    {
        lock (_gate) return new HeavyJobSnapshot(_running, _queue.Count);
    }

    /// <summary>
    /// Calls <paramref name="changed"/> (on whatever thread moved the queue, never under the limiter's lock) each time
    /// the status of the job with <paramref name="ticket"/> changes: it arrives, moves up, starts, ends. Read the status
    /// with <see cref="StatusOf"/>. Dispose to stop.
    /// </summary>
    public IDisposable Watch(Guid ticket, Action changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        var watcher = new Watcher(this, ticket, changed);
        lock (_gate)
        {
            watcher.Last = StatusLocked(ticket);
            _watchers.Add(watcher);
        }
        return watcher;
    }

    public void Dispose() => _threads.Dispose();

    private void Start(Job job)
    {
        _jobs[job.Ticket] = job;
        _running++;
        Add(_runningByOwner, job.Owner, 1);
        job.Started.TrySetResult();
    }

    private void Release(Job job)
    {
        List<Action> notify;
        lock (_gate)
        {
            if (!_jobs.Remove(job.Ticket)) return;
            _running--;
            Add(_runningByOwner, job.Owner, -1);
            StartWaiting();
            notify = Changes();
        }
        Notify(notify);
    }

    /// <summary>Starts waiting jobs in order while there are slots, skipping those whose user is at the per-user limit.</summary>
    private void StartWaiting()
    {
        for (var node = _queue.First; node is not null && _running < _limits.HeavyJobs;)
        {
            var next = node.Next;
            var job = node.Value;
            if (RunningOf(job.Owner) < _limits.HeavyJobsPerUser)
            {
                _queue.Remove(node);
                job.Node = null;
                Add(_waitingByOwner, job.Owner, -1);
                Start(job);
            }
            node = next;
        }
    }

    /// <summary>The wait was cancelled (the request closed, the page went away): the job leaves the queue.</summary>
    private void Abandon(Job job, CancellationToken ct)
    {
        List<Action> notify;
        lock (_gate)
        {
            if (job.Node is null) return; // already started: the caller gets its lease and frees it itself
            _queue.Remove(job.Node);
            job.Node = null;
            _jobs.Remove(job.Ticket);
            Add(_waitingByOwner, job.Owner, -1);
            notify = Changes();
        }
        job.Started.TrySetCanceled(ct);
        Notify(notify);
    }

    private HeavyJobStatus StatusLocked(Guid ticket)
    {
        if (!_jobs.TryGetValue(ticket, out var job)) return HeavyJobStatus.None;
        if (job.Node is null) return HeavyJobStatus.Running;
        var position = 1;
        for (var node = _queue.First; node != job.Node; node = node!.Next) position++;
        return new HeavyJobStatus(HeavyJobState.Waiting, position, RunningOf(job.Owner) >= _limits.HeavyJobsPerUser);
    }

    /// <summary>The watchers whose job's status changed since they were last told; called under the lock.</summary>
    private List<Action> Changes()
    {
        var changed = new List<Action>();
        foreach (var watcher in _watchers)
        {
            var status = StatusLocked(watcher.Ticket);
            if (status == watcher.Last) continue;
            watcher.Last = status;
            changed.Add(watcher.Changed);
        }
        return changed;
    }

    private void Notify(List<Action> changed)
    {
        foreach (var callback in changed)
        {
            try
            {
                callback();
            }
            catch (Exception ex)
            {
                // A watcher's failure (a page gone mid-update) must not stop the queue.
                _logger.LogWarning(ex, "A heavy job watcher failed.");
            }
        }
    }

    private int RunningOf(string owner) => Count(_runningByOwner, owner);

    private static int Count(Dictionary<string, int> counts, string owner) => counts.GetValueOrDefault(owner);

    private static void Add(Dictionary<string, int> counts, string owner, int delta)
    {
        var value = counts.GetValueOrDefault(owner) + delta;
        if (value == 0) counts.Remove(owner);
        else counts[owner] = value;
    }

    private sealed class Job(Guid ticket, string owner, string name, long arrivedAt)
    {
        public Guid Ticket { get; } = ticket;
        public string Owner { get; } = owner;
        public string Name { get; } = name;
        public long ArrivedAt { get; } = arrivedAt;
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The job's place in the queue while it waits; null once it runs (or left).</summary>
        public LinkedListNode<Job>? Node { get; set; }
    }

    private sealed class Lease(HeavyJobLimiter limiter, Job job) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) limiter.Release(job);
        }
    }

    private sealed class Watcher(HeavyJobLimiter limiter, Guid ticket, Action changed) : IDisposable
    {
        public Guid Ticket { get; } = ticket;
        public Action Changed { get; } = changed;
        public HeavyJobStatus Last { get; set; }

        public void Dispose()
        {
            lock (limiter._gate) limiter._watchers.Remove(this);
        }
    }
}
