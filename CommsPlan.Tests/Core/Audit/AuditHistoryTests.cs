using System.Text.Json.Nodes;
using CommsPlan.Core.Access;
using CommsPlan.Core.Audit;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Core.UnitPlans;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using CommsActivity = CommsPlan.Core.Activities.Activity;

namespace CommsPlan.Tests.Core.Audit;

/// <summary>The history the write path keeps of every audited record (docs/decisions/0004-audit-history-interceptor.md).</summary>
public abstract class AuditHistoryTests(DatabaseProvider provider) : IAsyncLifetime
{
    private const string ActivityType = "Activity";
    private static readonly TimeProvider Clock = new ShiftedTimeProvider(new DateOnly(2021, 10, 20));
    private static readonly CurrentUser Officer = new("user-tuphap", "tuphap", [Roles.AgencyOfficer], null);
    private static readonly CurrentUser OtherOfficer = new("user-tuphap2", "tuphap2", [Roles.AgencyOfficer], null);
    private TestDatabase _database = null!;
    private int _stp;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        await using var db = _database.CreateContext();
        _stp = await db.Agencies.Where(a => a.Code == "STP").Select(a => a.Id).SingleAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task AnUpdateRecordsTheValuesBeforeAndAfterTheUserAndTheTime()
    {
        var id = await AddActivityAsync("Hội nghị tập huấn một cửa");

        await using (var db = await _database.Factory.CreateForAsync(OtherOfficer, Clock))
        {
            var activity = await db.Activities.SingleAsync(a => a.Id == id);
            activity.Title = "Hội nghị tập huấn một cửa liên thông";
            activity.Quantity = 3;
            await db.SaveChangesAsync();
        }

        var entry = await SingleEntryAsync(ActivityType, id, AuditAction.Updated);
        Assert.Equal("tuphap2", entry.UserName);
        Assert.Equal("user-tuphap2", entry.UserId);
        Assert.Equal(Clock.Today(), DateOnly.FromDateTime(entry.At.ToVietnamTime()));
        var changes = JsonNode.Parse(entry.Changes)!.AsObject();
        Assert.Equal("Hội nghị tập huấn một cửa", (string?)changes["Title"]!["before"]);
        Assert.Equal("Hội nghị tập huấn một cửa liên thông", (string?)changes["Title"]!["after"]);
        Assert.Equal(2, (long?)changes["Quantity"]!["before"]);
        Assert.Equal(3, (long?)changes["Quantity"]!["after"]);
        // Only what changed: no untouched fields, no version or who/when stamps (the entry itself says who and when).
        Assert.Equal(["Quantity", "Title"], changes.Select(c => c.Key).Order());
    }

    [Fact]
    public async Task ACreateIsRecordedUnderTheIdTheDatabaseGaveTheNewRecord()
    {
        var id = await AddActivityAsync("Phát tờ rơi tại bộ phận một cửa");

        var entry = await SingleEntryAsync(ActivityType, id, AuditAction.Created);
        Assert.Equal("tuphap", entry.UserName);
        var changes = JsonNode.Parse(entry.Changes)!.AsObject();
        Assert.Null(changes["Title"]!["before"]);
        Assert.Equal("Phát tờ rơi tại bộ phận một cửa", (string?)changes["Title"]!["after"]);
        // References are named as people know them, not by internal ids.
        Assert.Equal("STP", (string?)changes["Agency"]!["after"]);
        Assert.Equal("BAO", (string?)changes["Channel"]!["after"]);
        Assert.Equal("MD1", (string?)changes["Objectives"]!["after"]![0]);
        Assert.Equal("2021-05-01", (string?)changes["StartDate"]!["after"]);
    }

    [Fact]
    public async Task ADeleteIsRecordedWithTheValuesTheRecordHad()
    {
        var id = await AddActivityAsync("Bài viết sẽ bị xóa");

        await using (var db = await _database.Factory.CreateForAsync(Officer, Clock))
        {
            db.Activities.Remove(await db.Activities.SingleAsync(a => a.Id == id));
            await db.SaveChangesAsync();
        }

        var entry = await SingleEntryAsync(ActivityType, id, AuditAction.Deleted);
        var changes = JsonNode.Parse(entry.Changes)!.AsObject();
        Assert.Equal("Bài viết sẽ bị xóa", (string?)changes["Title"]!["before"]);
        Assert.Null(changes["Title"]!["after"]);
        Assert.Equal("MD1", (string?)changes["Objectives"]!["before"]![0]);
        Assert.Empty(changes["Objectives"]!["after"]!.AsArray());
    }

    [Fact]
    public async Task ChangedObjectivesAppearAsTheCodesBeforeAndAfter()
    {
        var id = await AddActivityAsync("Tọa đàm về dịch vụ công trực tuyến");

        await using (var db = await _database.Factory.CreateForAsync(Officer, Clock))
        {
            // Loaded without its objectives: the history still knows which ones it had.
            var activity = await db.Activities.SingleAsync(a => a.Id == id);
            db.Entry(activity).Collection(a => a.Objectives).Load();
            activity.Objectives.Clear();
            activity.Objectives.AddRange(await db.Objectives.Where(o => o.Code == "MD2" || o.Code == "MD3").ToListAsync());
            await db.SaveChangesAsync();
        }

        var entry = await SingleEntryAsync(ActivityType, id, AuditAction.Updated);
        var objectives = JsonNode.Parse(entry.Changes)!["Objectives"]!;
        Assert.Equal(["MD1"], objectives["before"]!.AsArray().Select(n => (string)n!));
        Assert.Equal(["MD2", "MD3"], objectives["after"]!.AsArray().Select(n => (string)n!));
    }

    [Fact]
    public async Task UnitPlanTargetsAreRecordedInTheHistoryOfTheirUnitPlan()
    {
        int planId;
        await using (var db = await _database.Factory.CreateForAsync(Officer, Clock))
        {
            var bao = await db.Channels.SingleAsync(c => c.Code == "BAO");
            var unitPlan = new UnitPlan
            {
                PlanId = await db.Plans.Select(p => p.Id).FirstAsync(), AgencyId = _stp, DocumentNumber = "15/KH-STP", IssuedOn = new(2021, 3, 1),
                Targets = [new UnitPlanTarget { ChannelId = bao.Id, Quantity = 12 }],
            };
            db.UnitPlans.Add(unitPlan);
            await db.SaveChangesAsync();
            planId = unitPlan.Id;
        }
        await using (var db = await _database.Factory.CreateForAsync(Officer, Clock))
        {
            var target = await db.UnitPlanTargets.SingleAsync(t => t.UnitPlanId == planId);
            target.Quantity = 20;
            await db.SaveChangesAsync();
        }

        var created = await SingleEntryAsync(nameof(UnitPlan), planId, AuditAction.Created);
        Assert.Equal(12, (long?)JsonNode.Parse(created.Changes)!["Targets[BAO].Quantity"]!["after"]);
        var updated = await SingleEntryAsync(nameof(UnitPlan), planId, AuditAction.Updated);
        var quantity = JsonNode.Parse(updated.Changes)!["Targets[BAO].Quantity"]!;
        Assert.Equal(12, (long?)quantity["before"]);
        Assert.Equal(20, (long?)quantity["after"]);
        Assert.Equal("Chỉ tiêu BAO · Số lượng", AuditLabels.Property("Targets[BAO].Quantity"));
    }

    [Fact]
    public async Task ASaveThatChangesNothingMeaningfulWritesNoEntry()
    {
        var id = await AddActivityAsync("Không đổi gì");
        await using (var db = await _database.Factory.CreateForAsync(Officer, Clock))
        {
            var activity = await db.Activities.SingleAsync(a => a.Id == id);
            activity.Title = "Không đổi gì"; // same value
            db.Update(activity); // marks every column modified
            await db.SaveChangesAsync();
        }

        Assert.Equal(1, await CountEntriesAsync(ActivityType, id));
    }

    [Fact]
    public async Task AFailedSaveWritesNoEntryAndLeavesTheDatabaseFreeForOthers()
    {
        var id = await AddActivityAsync("Xung đột");
        await using (var stale = await _database.Factory.CreateForAsync(Officer, Clock))
        {
            var mine = await stale.Activities.SingleAsync(a => a.Id == id);
            await using (var other = await _database.Factory.CreateForAsync(OtherOfficer, Clock))
            {
                (await other.Activities.SingleAsync(a => a.Id == id)).Quantity = 9;
                await other.SaveChangesAsync();
            }
            mine.Quantity = 5;
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => stale.SaveChangesAsync());

            // While the failed context is still open, another writer is not blocked by a transaction left behind.
            await using var third = await _database.Factory.CreateForAsync(OtherOfficer, Clock);
            (await third.Activities.SingleAsync(a => a.Id == id)).Quantity = 11;
            await third.SaveChangesAsync();
        }

        var updates = await EntriesAsync(ActivityType, id, AuditAction.Updated);
        Assert.Equal(2, updates.Count);
        Assert.All(updates, e => Assert.Equal("tuphap2", e.UserName));
    }

    [Fact]
    public async Task EntriesBelongToTheCallersTransactionAndRollBackWithIt()
    {
        var id = await AddActivityAsync("Giao dịch bị hủy");
        await using (var db = await _database.Factory.CreateForAsync(Officer, Clock))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            (await db.Activities.SingleAsync(a => a.Id == id)).Quantity = 7;
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        Assert.Empty(await EntriesAsync(ActivityType, id, AuditAction.Updated));
        await using var check = _database.CreateContext();
        Assert.Equal(2, await check.Activities.Where(a => a.Id == id).Select(a => a.Quantity).SingleAsync());
    }

    private async Task<int> AddActivityAsync(string title)
    {
        await using var db = await _database.Factory.CreateForAsync(Officer, Clock);
        var activity = new CommsActivity
        {
            AgencyId = _stp,
            ChannelId = await db.Channels.Where(c => c.Code == "BAO").Select(c => c.Id).SingleAsync(),
            Title = title,
            StartDate = new DateOnly(2021, 5, 1),
            Quantity = 2,
            Objectives = [await db.Objectives.SingleAsync(o => o.Code == "MD1")],
        };
        db.Activities.Add(activity);
        await db.SaveChangesAsync();
        return activity.Id;
    }

    private async Task<AuditEntry> SingleEntryAsync(string type, int id, AuditAction action) =>
        Assert.Single(await EntriesAsync(type, id, action));

    private async Task<List<AuditEntry>> EntriesAsync(string type, int id, AuditAction action)
    {
        await using var db = _database.CreateContext();
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await db.AuditEntries.Where(e => e.EntityType == type && e.EntityId == key && e.Action == action).ToListAsync();
    }

    private async Task<int> CountEntriesAsync(string type, int id)
    {
        await using var db = _database.CreateContext();
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await db.AuditEntries.CountAsync(e => e.EntityType == type && e.EntityId == key);
    }

    public sealed class OnSqlite() : AuditHistoryTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : AuditHistoryTests(DatabaseProvider.PostgreSQL), IOnPostgreSql;
}
