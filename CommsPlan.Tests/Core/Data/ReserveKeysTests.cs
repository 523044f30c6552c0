using CommsPlan.Core.Activities;
using CommsPlan.Core.Data;
using CommsPlan.Tests.Core.Activities;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Tests.Core.Data;

/// <summary>Keys reserved for rows inserted with explicit keys (the import's multi-row inserts and COPY).</summary>
public abstract class ReserveKeysTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private ActivityTestKit _kit = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _kit = await ActivityTestKit.CreateAsync(_database);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task<IReadOnlyList<long>> ReserveAsync(int count)
    {
        await using var db = _kit.Context();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var keys = await DatabaseProviders.ReserveKeysAsync(db, db.Model.FindEntityType(typeof(Activity))!, count);
        await transaction.CommitAsync();
        return keys;
    }

    [Fact]
    public async Task ReservedKeysAreDistinctAscendingAndNeverGivenToARowSavedAfterwards()
    {
        // On a table nothing was ever inserted into (SQLite then has no counter row yet), then after a saved row.
        var first = await ReserveAsync(5);
        var saved = await _kit.Service().CreateAsync(_kit.Officer("STP"), _kit.Input());
        var second = await ReserveAsync(3);
        var after = await _kit.Service().CreateAsync(_kit.Officer("STP"), _kit.Input(title: "Hội nghị sau"));

        Assert.Equal(5, first.Distinct().Count());
        Assert.Equal(first.Order(), first);
        Assert.True(first[0] >= 1);
        Assert.True(saved.Id > first[^1], $"saved {saved.Id} after reserved {string.Join(", ", first)}");
        Assert.Equal(3, second.Distinct().Count());
        Assert.True(second[0] > saved.Id);
        Assert.True(after.Id > second[^1], $"saved {after.Id} after reserved {string.Join(", ", second)}");
    }

    [Fact]
    public async Task ReservingNeedsATransaction()
    {
        await using var db = _kit.Context();
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            DatabaseProviders.ReserveKeysAsync(db, db.Model.FindEntityType(typeof(Activity))!, 1));
        Assert.Equal(0, await db.Activities.CountAsync());
    }

    public sealed class OnSqlite() : ReserveKeysTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : ReserveKeysTests(DatabaseProvider.PostgreSQL), IOnPostgreSql;
}
