using CommsPlan.Core.Changes;

namespace CommsPlan.Tests.Core.Changes;

/// <summary>
/// How the notifier stops, which needs no database: the host stops it more than once and disposes it while the first
/// stop may still be draining (an app run through <c>RunAsync</c> under the test host does exactly that).
/// </summary>
public sealed class PostgresDataChangeNotifierShutdownTests
{
    // Nothing listens on port 1: every publish fails and is kept for a retry, so the first stop waits out its drain.
    private const string Unreachable = "Host=127.0.0.1;Port=1;Username=nobody;Timeout=1";

    [Fact]
    public async Task StoppingAndDisposingWhileTheFirstStopStillDrainsAllFinishWithoutError()
    {
        var notifier = new PostgresDataChangeNotifier(Unreachable, TimeProvider.System);
        await notifier.StartAsync(CancellationToken.None);
        notifier.NotifyChanged(new DataChange("Activity", 1));

        var firstStop = notifier.StopAsync(CancellationToken.None);
        var secondStop = notifier.StopAsync(CancellationToken.None);
        var dispose = notifier.DisposeAsync().AsTask();

        Assert.False(firstStop.IsCompleted, "The first stop should still be draining the unpublished change.");
        await Task.WhenAll(firstStop, secondStop, dispose).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(notifier.ConnectionFailures > 0, "The listener never tried the unreachable server.");
    }
}
