using System.Collections.Concurrent;
using CommsPlan.Core.Changes;
using CommsPlan.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace CommsPlan.Tests.Core.Changes;

public sealed class InProcessDataChangeNotifierTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2021, 10, 20, 2, 0, 0, TimeSpan.Zero));
    private readonly InProcessDataChangeNotifier _notifier;

    public InProcessDataChangeNotifierTests() => _notifier = new InProcessDataChangeNotifier(_time);

    public void Dispose() => _notifier.Dispose();

    [Fact]
    public async Task EverySubscriberIsCalledOnceForABurstOfFiveThousandChanges()
    {
        var subscribers = Enumerable.Range(0, 8).Select(_ => new ChangeRecorder(Patience)).ToList();
        foreach (var s in subscribers) _notifier.Subscribe(s.OnChanged);

        for (var i = 0; i < 5000; i++) _notifier.NotifyChanged(new DataChange("Activity", 4));
        _time.Advance(InProcessDataChangeNotifier.QuietPeriod);

        await Task.WhenAll(subscribers.Select(s => s.WaitForCallsAsync(1)));
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.All(subscribers, s => Assert.Equal([new DataChange("Activity", 4)], s.Calls));

        // The next burst is a second call, not a replay of the first.
        _notifier.NotifyChanged(new DataChange("Activity", 4));
        _time.Advance(InProcessDataChangeNotifier.QuietPeriod);
        await Task.WhenAll(subscribers.Select(s => s.WaitForCallsAsync(2)));
        Assert.All(subscribers, s => Assert.Equal(2, s.Calls.Count));
    }

    [Fact]
    public async Task AContinuousStreamOfChangesIsStillDeliveredWithinTheMaximumDelay()
    {
        var recorder = new ChangeRecorder(Patience);
        _notifier.Subscribe(recorder.OnChanged);
        var step = TimeSpan.FromMilliseconds(50);

        // A change every 50 ms never leaves a quiet period; the call comes at the maximum delay all the same.
        var elapsed = TimeSpan.Zero;
        while (elapsed < InProcessDataChangeNotifier.MaxDelay)
        {
            Assert.Empty(recorder.Calls);
            _notifier.NotifyChanged(new DataChange("Activity", 1));
            _time.Advance(step);
            elapsed += step;
        }

        await recorder.WaitForCallsAsync(1);
        Assert.Single(recorder.Calls);
    }

    [Fact]
    public async Task ADisposedSubscriptionIsDroppedAndNeverCalled()
    {
        var kept = new ChangeRecorder(Patience);
        var dropped = new ChangeRecorder(Patience);
        _notifier.Subscribe(kept.OnChanged);
        var subscription = _notifier.Subscribe(dropped.OnChanged);
        Assert.Equal(2, _notifier.SubscriberCount);

        subscription.Dispose();
        subscription.Dispose();
        _notifier.NotifyChanged(new DataChange("Activity", 2));
        _time.Advance(InProcessDataChangeNotifier.QuietPeriod);

        await kept.WaitForCallsAsync(1);
        Assert.Equal(1, _notifier.SubscriberCount);
        Assert.Empty(dropped.Calls);
    }

    [Fact]
    public async Task AFailingSubscriberDoesNotKeepOthersFromBeingCalled()
    {
        var healthy = new ChangeRecorder(Patience);
        var failures = 0;
        _notifier.Subscribe(_ => { Interlocked.Increment(ref failures); throw new InvalidOperationException("broken page"); });
        _notifier.Subscribe(async _ => { await Task.Yield(); throw new InvalidOperationException("broken after await"); });
        _notifier.Subscribe(healthy.OnChanged);

        _notifier.NotifyChanged(new DataChange("Activity", 3));
        _time.Advance(InProcessDataChangeNotifier.QuietPeriod);
        await healthy.WaitForCallsAsync(1);

        // The failing subscriber stays subscribed and is called again on the next change.
        _notifier.NotifyChanged(new DataChange("Activity", 3));
        _time.Advance(InProcessDataChangeNotifier.QuietPeriod);
        await healthy.WaitForCallsAsync(2);
        Assert.Equal(3, _notifier.SubscriberCount);
    }

    [Fact]
    public async Task ASlowSubscriberGetsOneMoreCallForEverythingThatHappenedMeanwhile()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = new ConcurrentQueue<DataChange>();
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _notifier.Subscribe(async change =>
        {
            calls.Enqueue(change);
            if (calls.Count == 1)
            {
                started.SetResult();
                await release.Task;
            }
            else second.TrySetResult();
        });

        _notifier.NotifyChanged(new DataChange("Activity", 1));
        _time.Advance(InProcessDataChangeNotifier.QuietPeriod);
        await started.Task.WaitAsync(Patience);
        // Three more bursts while the first call is still running.
        for (var burst = 0; burst < 3; burst++)
        {
            _notifier.NotifyChanged(new DataChange("Activity", burst + 10));
            _time.Advance(InProcessDataChangeNotifier.QuietPeriod);
        }
        release.SetResult();

        await second.Task.WaitAsync(Patience);
        Assert.Equal([new DataChange("Activity", 1), new DataChange("Activity", null)], calls);
    }

    [Fact]
    public void ACoalescedChangeKeepsWhatTheBurstHadInCommon()
    {
        var same = InProcessDataChangeNotifier.Merge(new DataChange("Activity", 4), new DataChange("Activity", 4));
        var otherAgency = InProcessDataChangeNotifier.Merge(new DataChange("Activity", 4), new DataChange("Activity", 5));
        var mixed = InProcessDataChangeNotifier.Merge(new DataChange("Activity", 4), new DataChange("UnitPlan", 4));

        Assert.Equal(new DataChange("Activity", 4), same);
        Assert.Equal(new DataChange("Activity", null), otherAgency);
        Assert.Equal(new DataChange(InProcessDataChangeNotifier.MixedKind, 4), mixed);
    }
}
