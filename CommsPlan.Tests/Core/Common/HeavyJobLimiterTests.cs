using CommsPlan.Core.Common.HeavyJobs;
using Microsoft.Extensions.Options;

namespace CommsPlan.Tests.Core.Common;

/// <summary>
/// The limiter's order, limits, positions and refusals, made deterministic: each job's work waits on a gate the test
/// opens, and a job's slot is free once its task has completed.
/// </summary>
public sealed class HeavyJobLimiterTests : IDisposable
{
    private readonly List<HeavyJobLimiter> _limiters = [];

    private HeavyJobLimiter Limiter(int jobs = 2, int perUser = 1, int queue = 20, int queuePerUser = 5)
    {
        var limiter = new HeavyJobLimiter(Options.Create(new HeavyJobLimits
        {
            HeavyJobs = jobs, HeavyJobsPerUser = perUser, HeavyQueue = queue, HeavyQueuePerUser = queuePerUser,
        }));
        _limiters.Add(limiter);
        return limiter;
    }

    /// <summary>A job of <paramref name="owner"/> that runs until <see cref="Gated.Open"/>.</summary>
    private static Gated Submit(HeavyJobLimiter limiter, string owner, CancellationToken ct = default)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var request = new HeavyJobRequest(owner, "test");
        var task = limiter.RunAsync(request, async token => await gate.Task.WaitAsync(token), ct);
        return new Gated(request.Ticket, gate, task);
    }

    private sealed record Gated(Guid Ticket, TaskCompletionSource Gate, Task Task)
    {
        /// <summary>Lets the work finish and waits until its slot is free again.</summary>
        public async Task FinishAsync()
        {
            Gate.SetResult();
            await Task;
        }
    }

    private static HeavyJobStatus Waiting(int position, bool afterOwnJob = false) => new(HeavyJobState.Waiting, position, afterOwnJob);

    [Fact]
    public async Task JobsBeyondTheServerLimitWaitAndStartInArrivalOrder()
    {
        var limiter = Limiter(jobs: 2);
        var a = Submit(limiter, "a");
        var b = Submit(limiter, "b");
        var c = Submit(limiter, "c");
        var d = Submit(limiter, "d");
        var e = Submit(limiter, "e");

        Assert.Equal(HeavyJobStatus.Running, limiter.StatusOf(a.Ticket));
        Assert.Equal(HeavyJobStatus.Running, limiter.StatusOf(b.Ticket));
        Assert.Equal([Waiting(1), Waiting(2), Waiting(3)], new[] { c, d, e }.Select(j => limiter.StatusOf(j.Ticket)));
        Assert.Equal(new HeavyJobSnapshot(2, 3), limiter.Snapshot());

        await b.FinishAsync();

        Assert.Equal(HeavyJobStatus.None, limiter.StatusOf(b.Ticket));
        Assert.Equal(HeavyJobStatus.Running, limiter.StatusOf(c.Ticket));
        Assert.Equal([Waiting(1), Waiting(2)], new[] { d, e }.Select(j => limiter.StatusOf(j.Ticket)));

        await a.FinishAsync();
        await c.FinishAsync();

        Assert.Equal(HeavyJobStatus.Running, limiter.StatusOf(d.Ticket));
        Assert.Equal(HeavyJobStatus.Running, limiter.StatusOf(e.Ticket));
        await d.FinishAsync();
        await e.FinishAsync();
        Assert.Equal(new HeavyJobSnapshot(0, 0), limiter.Snapshot());
    }

    [Fact]
    public async Task AUsersSecondJobWaitsForItsFirstWhileOtherUsersGoAhead()
    {
        var limiter = Limiter(jobs: 2, perUser: 1);
        var first = Submit(limiter, "officer");
        var second = Submit(limiter, "officer");
        var other = Submit(limiter, "viewer");

        Assert.Equal(HeavyJobStatus.Running, limiter.StatusOf(first.Ticket));
        Assert.Equal(Waiting(1, afterOwnJob: true), limiter.StatusOf(second.Ticket));
        Assert.Equal(HeavyJobStatus.Running, limiter.StatusOf(other.Ticket));

        await other.FinishAsync();
        // A slot is free, but the officer's own first job still runs.
        Assert.Equal(Waiting(1, afterOwnJob: true), limiter.StatusOf(second.Ticket));
        Assert.Equal(new HeavyJobSnapshot(1, 1), limiter.Snapshot());

        await first.FinishAsync();
        Assert.Equal(HeavyJobStatus.Running, limiter.StatusOf(second.Ticket));
        await second.FinishAsync();
    }

    [Fact]
    public async Task AJobHeldBackByItsUsersLimitDoesNotBlockTheOnesBehindIt()
    {
        var limiter = Limiter(jobs: 2, perUser: 1);
        var officer = Submit(limiter, "officer");
        var viewer = Submit(limiter, "viewer");
        var officerAgain = Submit(limiter, "officer");
        var monitor = Submit(limiter, "monitor");

        Assert.Equal(Waiting(1, afterOwnJob: true), limiter.StatusOf(officerAgain.Ticket));
        Assert.Equal(Waiting(2), limiter.StatusOf(monitor.Ticket));

        await viewer.FinishAsync();

        Assert.Equal(HeavyJobStatus.Running, limiter.StatusOf(monitor.Ticket));
        Assert.Equal(Waiting(1, afterOwnJob: true), limiter.StatusOf(officerAgain.Ticket));
        await officer.FinishAsync();
        Assert.Equal(HeavyJobStatus.Running, limiter.StatusOf(officerAgain.Ticket));
        await monitor.FinishAsync();
        await officerAgain.FinishAsync();
    }

    [Fact]
    public async Task AFullQueueRefusesAtOnceWithARetryAfterAndChangesNothing()
    {
        var limiter = Limiter(jobs: 1, queue: 2);
        var running = Submit(limiter, "a");
        var waiting = new[] { Submit(limiter, "b"), Submit(limiter, "c") };

        var refused = await Assert.ThrowsAsync<HeavyQueueFullException>(() => Submit(limiter, "d").Task);

        Assert.False(refused.OwnQueueFull);
        Assert.True(refused.RetryAfter > TimeSpan.Zero);
        Assert.Contains("Máy chủ đang bận", refused.Message);
        Assert.Equal(new HeavyJobSnapshot(1, 2), limiter.Snapshot());
        await running.FinishAsync();
        foreach (var job in waiting) await job.FinishAsync();
    }

    [Fact]
    public async Task OneUserCannotFillTheQueueForEveryoneElse()
    {
        var limiter = Limiter(jobs: 1, queue: 20, queuePerUser: 2);
        var running = Submit(limiter, "other");
        var own = new[] { Submit(limiter, "viewer"), Submit(limiter, "viewer") };

        var refused = await Assert.ThrowsAsync<HeavyQueueFullException>(() => Submit(limiter, "viewer").Task);
        var someoneElse = Submit(limiter, "monitor");

        Assert.True(refused.OwnQueueFull);
        Assert.Contains("Bạn đang có nhiều yêu cầu", refused.Message);
        Assert.Equal(Waiting(3), limiter.StatusOf(someoneElse.Ticket));
        await running.FinishAsync();
        foreach (var job in own.Append(someoneElse)) await job.FinishAsync();
    }

    [Fact]
    public async Task ACancelledWaitLeavesTheQueueAndTheJobsBehindItMoveUp()
    {
        var limiter = Limiter(jobs: 1);
        var running = Submit(limiter, "a");
        using var closed = new CancellationTokenSource();
        var leaving = Submit(limiter, "b", closed.Token);
        var behind = Submit(limiter, "c");
        Assert.Equal(Waiting(2), limiter.StatusOf(behind.Ticket));

        await closed.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leaving.Task);
        Assert.Equal(HeavyJobStatus.None, limiter.StatusOf(leaving.Ticket));
        Assert.Equal(Waiting(1), limiter.StatusOf(behind.Ticket));
        await running.FinishAsync();
        Assert.Equal(HeavyJobStatus.Running, limiter.StatusOf(behind.Ticket));
        await behind.FinishAsync();
        Assert.False(leaving.Gate.Task.IsCompleted, "the cancelled job's work never ran");
    }

    [Fact]
    public async Task AWatcherIsToldEachTimeItsJobMovesAndSeesEachPosition()
    {
        var limiter = Limiter(jobs: 1);
        var running = Submit(limiter, "a");
        var ahead = Submit(limiter, "b");
        var request = new HeavyJobRequest("c", "test");
        var seen = new List<HeavyJobStatus>();
        using var watch = limiter.Watch(request.Ticket, () =>
        {
            lock (seen) seen.Add(limiter.StatusOf(request.Ticket));
        });
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var watched = limiter.RunAsync(request, token => gate.Task.WaitAsync(token));
        await running.FinishAsync();
        await ahead.FinishAsync();
        gate.SetResult();
        await watched;

        lock (seen) Assert.Equal([Waiting(2), Waiting(1), HeavyJobStatus.Running, HeavyJobStatus.None], seen);
    }

    [Fact]
    public async Task AFailedJobFreesItsSlot()
    {
        var limiter = Limiter(jobs: 1);
        var failing = limiter.RunAsync(new HeavyJobRequest("a", "test"), async _ =>
        {
            await Task.Yield();
            throw new InvalidOperationException("broken workbook");
        });
        var next = Submit(limiter, "b");

        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);

        Assert.Equal(HeavyJobStatus.Running, limiter.StatusOf(next.Ticket));
        await next.FinishAsync();
    }

    [Fact]
    public async Task TheWorkRunsOffTheThreadPoolBeforeAndAfterItsAwaits()
    {
        var limiter = Limiter();

        var (before, after) = await limiter.RunAsync(new HeavyJobRequest("a", "test"), async _ =>
        {
            var first = Thread.CurrentThread.IsThreadPoolThread;
            await Task.Delay(1);
            return (first, Thread.CurrentThread.IsThreadPoolThread);
        });

        Assert.False(before);
        Assert.False(after);
    }

    [Fact]
    public async Task ATicketAlreadyInUseIsServedUnderAFreshOne()
    {
        var limiter = Limiter(jobs: 1);
        var running = Submit(limiter, "a");
        var reused = new HeavyJobRequest("b", "test") { Ticket = running.Ticket };
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var second = limiter.RunAsync(reused, token => gate.Task.WaitAsync(token));

        Assert.Equal(HeavyJobStatus.Running, limiter.StatusOf(running.Ticket));
        Assert.Equal(new HeavyJobSnapshot(1, 1), limiter.Snapshot());
        await running.FinishAsync();
        gate.SetResult();
        await second;
    }

    public void Dispose()
    {
        foreach (var limiter in _limiters) limiter.Dispose();
    }
}
