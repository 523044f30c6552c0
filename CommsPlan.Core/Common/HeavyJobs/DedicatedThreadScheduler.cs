using System.Collections.Concurrent;

namespace CommsPlan.Core.Common.HeavyJobs;

/// <summary>
/// Runs tasks on a fixed set of threads of its own. Heavy jobs run here: their synchronous stretches (ClosedXML laying
/// out a workbook, a sheet being parsed) and the continuations of their own awaits stay on these threads, so the thread
/// pool that serves requests is never taken by them, however long they run. Work queued after disposal (a job still
/// finishing at shutdown) falls back to the thread pool.
/// </summary>
internal sealed class DedicatedThreadScheduler : TaskScheduler, IDisposable
{
    private readonly BlockingCollection<Task> _tasks = new();
    private readonly Thread[] _threads;

    public DedicatedThreadScheduler(int threads, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        _threads = new Thread[threads];
        for (var i = 0; i < threads; i++)
        {
            _threads[i] = new Thread(Work) { IsBackground = true, Name = $"{name} {i + 1}" };
            _threads[i].Start();
        }
    }

    public override int MaximumConcurrencyLevel => _threads.Length;

    protected override void QueueTask(Task task)
    {
        try
        {
            if (_tasks.TryAdd(task)) return;
        }
        catch (InvalidOperationException)
        {
            // Completed for adding: disposed (ObjectDisposedException is one of these too).
        }
        ThreadPool.UnsafeQueueUserWorkItem(_ => TryExecuteTask(task), null);
    }

    /// <summary>Inline only on one of its own threads, so a job's code never moves onto a caller's thread.</summary>
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        Array.IndexOf(_threads, Thread.CurrentThread) >= 0 && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => _tasks.ToArray();

    private void Work()
    {
        foreach (var task in _tasks.GetConsumingEnumerable()) TryExecuteTask(task);
    }

    public void Dispose() => _tasks.CompleteAdding();
}
