using System.Collections.Concurrent;
using CommsPlan.Core.Changes;

namespace CommsPlan.Tests.Support;

/// <summary>A subscriber to a data-change notifier that remembers every call and lets a test wait for one.</summary>
public sealed class ChangeRecorder(TimeSpan patience)
{
    private readonly ConcurrentQueue<DataChange> _calls = new();
    private readonly SemaphoreSlim _signal = new(0);

    public IReadOnlyList<DataChange> Calls => [.. _calls];

    public Task OnChanged(DataChange change)
    {
        _calls.Enqueue(change);
        _signal.Release();
        return Task.CompletedTask;
    }

    public async Task WaitForCallsAsync(int count)
    {
        while (_calls.Count < count)
            Assert.True(await _signal.WaitAsync(patience), $"Expected {count} call(s), got {_calls.Count}.");
    }

    public async Task WaitForAsync(Func<DataChange, bool> expected)
    {
        while (!_calls.Any(expected))
            Assert.True(await _signal.WaitAsync(patience), $"Expected change not delivered; got: {string.Join(", ", _calls)}");
    }
}
