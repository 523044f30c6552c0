using CommsPlan.Core.Activities;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Tests.Support;

using CommsPlan.Core.ReportingCycle;
namespace CommsPlan.Tests.Core.Activities;

/// <summary>
/// The activity list's total summed from the pre-aggregated figures against a COUNT over the raw rows: for any mix
/// of filters the figures carry, for monitors and officers, after creates, edits (moves across channels, dates,
/// agencies and tags) and deletes, the two give the same number; filters the figures do not carry are counted.
/// </summary>
public abstract class ActivityListTotalTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly string[] AgencyCodes = ["STP", "SYT", "DAITU"];

    private TestDatabase _database = null!;
    private ActivityTestKit _kit = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _kit = await ActivityTestKit.CreateAsync(_database);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Theory]
    [InlineData(2021)]
    [InlineData(11)]
    public async Task TheTotalFromTheFiguresEqualsTheCountOfTheRowsForEveryFilterTheyCarry(int seed)
    {
        var random = new Random(seed);
        await WriteRandomActivitiesAsync(random);
        // Exact: every total here is far below the limit, so it is counted. Figures: any non-empty total is summed.
        var counted = _kit.Service();
        var summed = new ActivityService(_database.Factory, _kit.Clock, _kit.Notifier, new PeriodLock()) { ExactCountLimit = 0 };

        var checkedNonZero = 0;
        for (var i = 0; i < 80; i++)
        {
            var query = RandomQuery(random);
            Assert.True(ActivityListTotal.CanSumFigures(query), $"{query} should be carried by the figures.");
            var user = random.Next(3) == 0 ? _kit.Officer(AgencyCodes[random.Next(AgencyCodes.Length)]) : ActivityTestKit.Monitor;
            var exact = await counted.ListAsync(user, query);
            var fromFigures = await summed.ListAsync(user, query);
            Assert.True(exact.TotalCount == fromFigures.TotalCount,
                $"{user.UserName}, {query}: counted {exact.TotalCount}, from the figures {fromFigures.TotalCount}.");
            Assert.Equal(exact.Rows.Select(r => r.Id), fromFigures.Rows.Select(r => r.Id));
            if (exact.TotalCount > 0) checkedNonZero++;
        }
        // The random queries must really exercise the figures, not only agree on empty results.
        Assert.True(checkedNonZero >= 25, $"Only {checkedNonZero} queries matched anything.");
    }

    [Fact]
    public async Task FiltersTheFiguresDoNotCarryAreCountedFromTheRows()
    {
        await WriteRandomActivitiesAsync(new Random(5));
        var counted = _kit.Service();
        var summed = new ActivityService(_database.Factory, _kit.Clock, _kit.Notifier, new PeriodLock()) { ExactCountLimit = 0 };
        var objective = _kit.Objective("MD2");
        var queries = new[]
        {
            new ActivityQuery { Text = "hoạt" },
            new ActivityQuery { ObjectiveId = objective, ChannelId = _kit.Channel("HOINGHI") },
            new ActivityQuery { ObjectiveId = objective, FormGroupId = _kit.Catalogue.FormGroups[0].Id },
            new ActivityQuery { ObjectiveId = objective, ThemeId = _kit.Theme("ND2") },
        };
        foreach (var query in queries)
        {
            Assert.False(ActivityListTotal.CanSumFigures(query));
            Assert.Equal((await counted.ListAsync(ActivityTestKit.Monitor, query)).TotalCount,
                (await summed.ListAsync(ActivityTestKit.Monitor, query)).TotalCount);
        }
        Assert.True(ActivityListTotal.CanSumFigures(new ActivityQuery { ThemeId = _kit.Theme("ND2"), ChannelId = _kit.Channel("HOINGHI") }));
        Assert.False(ActivityListTotal.CanSumFigures(new ActivityQuery { To = new DateOnly(9999, 12, 31) }));
    }

    [Fact]
    public async Task ATotalAboveTheLimitIsTheFiguresSumAndOneAtOrBelowItIsCounted()
    {
        var service = _kit.Service();
        for (var i = 0; i < 3; i++) await service.CreateAsync(_kit.Officer("STP"), _kit.Input());
        var query = new ActivityQuery { ChannelId = _kit.Channel("HOINGHI") };
        Assert.Equal(3, (await new ActivityService(_database.Factory, _kit.Clock, _kit.Notifier, new PeriodLock()) { ExactCountLimit = 2 }.ListAsync(ActivityTestKit.Monitor, query)).TotalCount);
        Assert.Equal(3, (await new ActivityService(_database.Factory, _kit.Clock, _kit.Notifier, new PeriodLock()) { ExactCountLimit = 3 }.ListAsync(ActivityTestKit.Monitor, query)).TotalCount);
        Assert.Equal(0, (await new ActivityService(_database.Factory, _kit.Clock, _kit.Notifier, new PeriodLock()) { ExactCountLimit = 0 }
            .ListAsync(ActivityTestKit.Monitor, query with { ChannelId = _kit.Channel("BAO") })).TotalCount);
    }

    private ActivityQuery RandomQuery(Random random)
    {
        var query = new ActivityQuery { AgencyId = random.Next(3) == 0 ? null : _kit.Agencies[AgencyCodes[random.Next(AgencyCodes.Length)]] };
        switch (random.Next(6))
        {
            case 0: break;
            case 1: query = query with { ChannelId = PickChannel(random) }; break;
            case 2: query = query with { FormGroupId = _kit.Catalogue.FormGroups[random.Next(_kit.Catalogue.FormGroups.Count)].Id }; break;
            case 3: query = query with { ObjectiveId = _kit.Catalogue.Objectives[random.Next(_kit.Catalogue.Objectives.Count)].Id }; break;
            case 4: query = query with { ThemeId = _kit.Catalogue.Themes[random.Next(_kit.Catalogue.Themes.Count)].Id }; break;
            default:
                query = query with { ThemeId = _kit.Catalogue.Themes[random.Next(_kit.Catalogue.Themes.Count)].Id };
                query = random.Next(2) == 0
                    ? query with { ChannelId = PickChannel(random) }
                    : query with { FormGroupId = _kit.Catalogue.FormGroups[random.Next(_kit.Catalogue.FormGroups.Count)].Id };
                break;
        }
        return query with { From = RandomDay(random), To = RandomDay(random) };
    }

    /// <summary>Most activities are on a few channels: pick among those mostly, so totals are rarely zero.</summary>
    private int PickChannel(Random random) =>
        random.Next(4) == 0 ? _kit.Catalogue.Channels[random.Next(_kit.Catalogue.Channels.Count)].Id : _kit.Channel(FewChannels[random.Next(FewChannels.Length)]);

    private static readonly string[] FewChannels = ["HOINGHI", "BAO", "TOROI"];

    /// <summary>No bound, a month's first or last day, or any day: partial months, whole months, one day, an empty range.</summary>
    private DateOnly? RandomDay(Random random)
    {
        var start = _kit.Catalogue.PeriodStart;
        var day = start.AddDays(random.Next(Math.Max(1, _kit.Clock.Today().DayNumber - start.DayNumber)));
        return random.Next(5) switch
        {
            0 or 1 => null,
            2 => new DateOnly(day.Year, day.Month, 1),
            3 => new DateOnly(day.Year, day.Month, DateTime.DaysInMonth(day.Year, day.Month)),
            _ => day,
        };
    }

    private async Task WriteRandomActivitiesAsync(Random random)
    {
        var service = _kit.Service();
        var live = new List<(int Id, string Agency)>();
        for (var step = 0; step < 70; step++)
        {
            var roll = random.Next(100);
            if (roll < 60 || live.Count < 3)
            {
                var agency = AgencyCodes[random.Next(AgencyCodes.Length)];
                live.Add(((await service.CreateAsync(_kit.Officer(agency), RandomInput(random, agency))).Id, agency));
            }
            else if (roll < 85)
            {
                var (id, agency) = live[random.Next(live.Count)];
                var officer = _kit.Officer(agency);
                var input = RandomInput(random, agency);
                input.Version = (await service.GetAsync(officer, id)).Version;
                await service.UpdateAsync(officer, id, input);
            }
            else
            {
                var index = random.Next(live.Count);
                var (id, agency) = live[index];
                var officer = _kit.Officer(agency);
                await service.DeleteAsync(officer, id, (await service.GetAsync(officer, id)).Version);
                live.RemoveAt(index);
            }
        }
    }

    /// <summary>Mostly on a few channels, so that totals are rarely zero.</summary>
    private ActivityInput RandomInput(Random random, string agency)
    {
        var channels = _kit.Catalogue.Channels.Where(c => c.IsActive).ToList();
        var channel = random.Next(3) == 0 ? channels[random.Next(channels.Count)].Id : _kit.Channel(FewChannels[random.Next(FewChannels.Length)]);
        return _kit.RandomInput(random, agency, channel);
    }

    public sealed class OnSqlite() : ActivityListTotalTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : ActivityListTotalTests(DatabaseProvider.PostgreSQL), IOnPostgreSql;
}
