using CommsPlan.Core.Changes;
using CommsPlan.Core.Data;
using CommsPlan.Tests.Support;

namespace CommsPlan.Tests.Core.Changes;

/// <summary>
/// Two notifiers on one real PostgreSQL database stand for two app instances behind one load balancer.
/// </summary>
public sealed class PostgresDataChangeNotifierTests : IAsyncLifetime, IOnPostgreSql
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private TestDatabase _database = null!;
    private PostgresDataChangeNotifier _a = null!;
    private PostgresDataChangeNotifier _b = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateEmptyAsync(DatabaseProvider.PostgreSQL);
        _a = await StartAsync();
        _b = await StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task AChangeOnOneInstanceReachesThePagesOfTheOther()
    {
        var onB = new ChangeRecorder(Patience);
        _b.Subscribe(onB.OnChanged);
        var versionBefore = _b.Current;

        _a.NotifyChanged(new DataChange("Activity", 4));

        await onB.WaitForAsync(c => c == new DataChange("Activity", 4));
        Assert.True(_b.Current > versionBefore, "The other instance's data version must move, so it recomputes its figures.");
    }

    [Fact]
    public async Task AnInstanceTellsItsOwnPagesOnceNotAgainWhenItsNotificationComesBack()
    {
        var onA = new ChangeRecorder(Patience);
        var onB = new ChangeRecorder(Patience);
        _a.Subscribe(onA.OnChanged);
        _b.Subscribe(onB.OnChanged);

        _a.NotifyChanged(new DataChange("Activity", 4));
        await onB.WaitForAsync(c => c.AgencyId == 4);
        // B answers after it heard A; notifications arrive in commit order, so once A hears B, A's own echo came first.
        _b.NotifyChanged(new DataChange("UnitPlan", 5));
        await onA.WaitForAsync(c => c.AgencyId == 5);

        Assert.Equal(2, _a.Current);
        Assert.Equal([new DataChange("Activity", 4), new DataChange("UnitPlan", 5)], onA.Calls);
    }

    [Fact]
    public async Task AfterTheDatabaseIsUnreachableTheListenerReconnectsRefreshesItsPagesAndHearsLaterChanges()
    {
        var onB = new ChangeRecorder(Patience);
        _b.Subscribe(onB.OnChanged);
        // A publishes once before, so its pool holds a connection the restart will cut: its next publish must retry.
        _a.NotifyChanged(new DataChange("Activity", 8));
        await onB.WaitForAsync(c => c == new DataChange("Activity", 8));

        // As in a server restart: every session of the database is cut and new ones are refused for a while.
        await TestDatabase.AdminAsync($"""ALTER DATABASE "{_database.DatabaseName}" ALLOW_CONNECTIONS false""");
        await TestDatabase.AdminAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{_database.DatabaseName}'");
        // The listener's attempts fail while the database refuses connections; it keeps trying.
        var deadline = DateTime.UtcNow + Patience;
        while (_b.ConnectionFailures < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "The listener did not notice that its connection was cut.");
            await Task.Delay(50);
        }
        await TestDatabase.AdminAsync($"""ALTER DATABASE "{_database.DatabaseName}" ALLOW_CONNECTIONS true""");

        // Changes published while B was away are lost to it: it tells its pages to refresh everything instead.
        await onB.WaitForAsync(c => c.Kind == InProcessDataChangeNotifier.MixedKind && c.AgencyId is null);
        Assert.Equal(1, _b.Reconnects);

        _a.NotifyChanged(new DataChange("Activity", 9));
        await onB.WaitForAsync(c => c == new DataChange("Activity", 9));
    }

    [Fact]
    public void APayloadFromThisInstanceOrUnreadableIsIgnored()
    {
        var self = Guid.NewGuid();
        var other = Guid.NewGuid();
        var change = new DataChange("Difficulty", null);

        Assert.Equal(change, PostgresDataChangeNotifier.Payload.Read(PostgresDataChangeNotifier.Payload.Write(change, other), self));
        Assert.Null(PostgresDataChangeNotifier.Payload.Read(PostgresDataChangeNotifier.Payload.Write(change, self), self));
        Assert.Null(PostgresDataChangeNotifier.Payload.Read("not json", self));
        Assert.Null(PostgresDataChangeNotifier.Payload.Read("{}", self));
    }

    private async Task<PostgresDataChangeNotifier> StartAsync()
    {
        var notifier = new PostgresDataChangeNotifier(_database.ConnectionString, TimeProvider.System);
        await notifier.StartAsync(CancellationToken.None);
        await notifier.Listening.WaitAsync(Patience);
        return notifier;
    }
}
