using CommsPlan.Core.Changes;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Dashboard.Components.Shared;

namespace CommsPlan.Tests.Dashboard.Shared;

/// <summary>The live pages' one load helper: what it shows, when it reloads, and what a failure leaves on screen.</summary>
public sealed class LiveLoadTests
{
    /// <summary>A notifier the test drives by hand, delivering each change to every subscriber and waiting for them.</summary>
    private sealed class HandNotifier : IDataChangeNotifier
    {
        private readonly List<Func<DataChange, Task>> _subscribers = [];

        public int Subscribers => _subscribers.Count;

        public void NotifyChanged(DataChange change) => throw new NotSupportedException("Use PublishAsync.");

        public Task PublishAsync(DataChange change) => Task.WhenAll(_subscribers.ToList().Select(s => s(change)));

        public IDisposable Subscribe(Func<DataChange, Task> onChanged)
        {
            _subscribers.Add(onChanged);
            return new Subscription(() => _subscribers.Remove(onChanged));
        }

        private sealed class Subscription(Action dispose) : IDisposable
        {
            public void Dispose() => dispose();
        }
    }

    private readonly HandNotifier _notifier = new();
    private int _renders;

    private LiveLoad<string> Live(Func<CancellationToken, Task<string>> load, Func<DataChange, bool>? follows = null) =>
        new(_notifier, work => work(), () => _renders++, load, follows);

    [Fact]
    public async Task ItLoadsWhenThePageAsksAndSaysItIsLoadingUntilThen()
    {
        using var live = Live(_ => Task.FromResult("số liệu"));
        Assert.True(live.Loading);
        Assert.Null(live.Value);

        await live.LoadAsync();

        Assert.False(live.Loading);
        Assert.Equal("số liệu", live.Value);
        Assert.NotNull(live.LoadedAt);
    }

    [Fact]
    public async Task AChangeItFollowsReloadsAndRendersOnlyOnceThePageHasAsked()
    {
        var loads = 0;
        using var live = Live(_ => Task.FromResult($"lần {++loads}"), LiveLoad.Kinds("Activity"));

        await _notifier.PublishAsync(new DataChange("Activity", 1));
        Assert.Equal(0, loads);

        await live.LoadAsync();
        await _notifier.PublishAsync(new DataChange("UnitPlan", 1));
        Assert.Equal("lần 1", live.Value);

        await _notifier.PublishAsync(new DataChange("Activity", 1));
        Assert.Equal("lần 2", live.Value);
        Assert.Equal(1, _renders);

        await _notifier.PublishAsync(new DataChange(InProcessDataChangeNotifier.MixedKind, null));
        Assert.Equal("lần 3", live.Value);
    }

    [Fact]
    public async Task AnOlderLoadThatEndsLastDoesNotOverwriteTheNewerOne()
    {
        var first = new TaskCompletionSource<string>();
        var calls = 0;
        using var live = Live(_ => ++calls == 1 ? first.Task : Task.FromResult("mới"));

        var older = live.LoadAsync();
        await live.LoadAsync();
        first.SetResult("cũ");
        await older;

        Assert.Equal("mới", live.Value);
        Assert.False(live.Loading);
    }

    [Fact]
    public async Task ARefusalShowsItsMessageInsteadOfTheValue()
    {
        var refuse = false;
        using var live = Live(_ => refuse ? throw new NotFoundException() : Task.FromResult("đơn vị"));
        await live.LoadAsync();

        refuse = true;
        await live.LoadAsync();

        Assert.Null(live.Value);
        Assert.True(live.NotFound);
        Assert.Equal(new NotFoundException().Message, live.Error);
    }

    [Fact]
    public async Task ABusyDatabaseKeepsWhatIsShownAndSaysWhy()
    {
        var busy = false;
        using var live = Live(_ => busy
            ? throw new DatabaseUnavailableException(DatabaseUnavailableReason.Busy, new TimeoutException())
            : Task.FromResult("số liệu cũ"));
        await live.LoadAsync();

        busy = true;
        await live.LoadAsync();

        Assert.Equal("số liệu cũ", live.Value);
        Assert.Contains("đang bận", live.Error);
        Assert.False(live.NotFound);
    }

    [Fact]
    public async Task WhenThePageGoesAwayItStopsFollowingAndCancelsTheLoadInFlight()
    {
        var started = new TaskCompletionSource();
        using var live = Live(async ct =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return "không bao giờ";
        });
        var load = live.LoadAsync();
        await started.Task;

        live.Dispose();
        await load;

        Assert.True(live.Token.IsCancellationRequested);
        Assert.Null(live.Value);
        Assert.Equal(0, _notifier.Subscribers);
    }
}
