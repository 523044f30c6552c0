using CommsPlan.Core.Access;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Changes;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;

using CommsPlan.Core.ReportingCycle;
namespace CommsPlan.Tests.Core.Activities;

/// <summary>A clock stopped at one instant, so "today" is the same for the test and the code under test.</summary>
public sealed class StoppedClock(DateTimeOffset now) : TimeProvider
{
    /// <summary>10:00 in Thái Nguyên on the demo's "today", 20/10/2021.</summary>
    public static StoppedClock DemoToday() => new(new DateTimeOffset(2021, 10, 20, 10, 0, 0, TimeSpan.FromHours(7)));

    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
}

/// <summary>Remembers what services published, so a test can assert a save was announced (or not).</summary>
public sealed class RecordingNotifier : IDataChangeNotifier
{
    private readonly List<DataChange> _changes = [];

    public IReadOnlyList<DataChange> Changes
    {
        get { lock (_changes) return [.. _changes]; }
    }

    public void NotifyChanged(DataChange change)
    {
        lock (_changes) _changes.Add(change);
    }

    public IDisposable Subscribe(Func<DataChange, Task> onChanged) => throw new NotSupportedException("Tests only record.");
}

/// <summary>Users, ids and valid inputs on a seeded test database.</summary>
public sealed class ActivityTestKit
{
    private ActivityTestKit(TestDatabase database, IReadOnlyDictionary<string, int> agencies, ActivityCatalogue catalogue)
    {
        Database = database;
        Agencies = agencies;
        Catalogue = catalogue;
    }

    public TestDatabase Database { get; }
    public IReadOnlyDictionary<string, int> Agencies { get; }
    public ActivityCatalogue Catalogue { get; }
    public StoppedClock Clock { get; } = StoppedClock.DemoToday();
    public RecordingNotifier Notifier { get; } = new();

    public static async Task<ActivityTestKit> CreateAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var agencies = await db.Agencies.ToDictionaryAsync(a => a.Code, a => a.Id);
        var service = new ActivityService(database.Factory, TimeProvider.System, new RecordingNotifier(), new PeriodLock());
        return new ActivityTestKit(database, agencies, await service.GetCatalogueAsync());
    }

    public ActivityService Service() => new(Database.Factory, Clock, Notifier, new PeriodLock());

    public CurrentUser Officer(string agencyCode, string userName = "tuphap") =>
        new($"id-{userName}", userName, [Roles.AgencyOfficer], Agencies[agencyCode]);

    public static CurrentUser Monitor { get; } = new("id-giamsat", "giamsat", [Roles.Monitor], null);
    public static CurrentUser Viewer { get; } = new("id-lanhdao", "lanhdao", [Roles.Viewer], null);
    public static CurrentUser Admin { get; } = new("id-admin", "admin", [Roles.Admin], null);

    public int Channel(string code) => Catalogue.Channels.Single(c => c.Code == code).Id;
    public int Objective(string code) => Catalogue.Objectives.Single(o => o.Code == code).Id;
    public int Theme(string code) => Catalogue.Themes.Single(t => t.Code == code).Id;
    public int District(string code) => Catalogue.Districts.Single(d => d.Code == code).Id;

    /// <summary>
    /// A valid input of <paramref name="agency"/> drawn from <paramref name="random"/>: a channel (the one given, or
    /// any active one), a day of the plan up to today, a quantity, a second measure where the channel has one, a cost
    /// on two in three, and one or more objectives and themes. The same seed gives the same inputs.
    /// </summary>
    public ActivityInput RandomInput(Random random, string agency, int? channelId = null)
    {
        var channels = Catalogue.Channels.Where(c => c.IsActive).ToList();
        var channel = channelId is { } id ? channels.Single(c => c.Id == id) : channels[random.Next(channels.Count)];
        var start = Catalogue.PeriodStart;
        var days = Math.Max(1, Clock.Today().DayNumber - start.DayNumber);
        return new ActivityInput
        {
            AgencyId = Agencies[agency],
            ChannelId = channel.Id,
            Title = $"Hoạt động {random.Next(1000)}",
            StartDate = start.AddDays(random.Next(days)),
            Quantity = random.Next(1, 100),
            SecondMeasure = channel.SecondMeasureUnit is not null && random.Next(2) == 0 ? random.Next(0, 5000) : null,
            Cost = random.Next(3) == 0 ? null : random.Next(0, 50_000_000),
            ObjectiveIds = Subset(random, Catalogue.Objectives.Select(o => o.Id).ToList()),
            ThemeIds = Subset(random, Catalogue.Themes.Select(t => t.Id).ToList()),
        };
    }

    private static int[] Subset(Random random, List<int> ids)
    {
        var picked = ids.Where(_ => random.Next(3) == 0).ToArray();
        return picked.Length > 0 ? picked : [ids[random.Next(ids.Count)]];
    }

    /// <summary>A valid input with only the required fields, for the given agency.</summary>
    public ActivityInput Input(string agencyCode = "STP", string title = "Hội nghị phổ biến TTHC", string channel = "HOINGHI") => new()
    {
        AgencyId = Agencies[agencyCode],
        ChannelId = Channel(channel),
        Title = title,
        StartDate = new DateOnly(2021, 5, 12),
        Quantity = 1,
        ObjectiveIds = [Objective("MD2")],
        ThemeIds = [Theme("ND2")],
    };

    public async Task<int> CountActivitiesAsync()
    {
        await using var db = Database.CreateContext();
        return await db.Activities.CountAsync();
    }

    public CommsPlanDbContext Context() => Database.CreateContext();
}
