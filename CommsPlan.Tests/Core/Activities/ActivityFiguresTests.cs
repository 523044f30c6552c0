using CommsPlan.Core.Activities.Figures;
using CommsPlan.Core.Activities.Import;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using S = CommsPlan.Core.Activities.Import.ActivitySheet;

using CommsPlan.Core.ReportingCycle;
namespace CommsPlan.Tests.Core.Activities;

/// <summary>
/// The pre-aggregated figures against the activities they summarise: after any mix of writes through the real
/// services (and a context of its own), they equal a GROUP BY over the raw tables, and a rebuild gives the same.
/// </summary>
public abstract class ActivityFiguresTests(DatabaseProvider provider) : IAsyncLifetime
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
    [InlineData(7)]
    public async Task ARandomMixOfCreatesEditsMovesDeletesAndAnImportKeepsTheFiguresEqualToTheActivities(int seed)
    {
        var random = new Random(seed);
        var service = _kit.Service();
        var live = new List<(int Id, string Agency)>();
        for (var step = 0; step < 60; step++)
        {
            var roll = random.Next(100);
            if (roll < 40 || live.Count < 3)
            {
                var agency = AgencyCodes[random.Next(AgencyCodes.Length)];
                var created = await service.CreateAsync(_kit.Officer(agency), _kit.RandomInput(random, agency));
                live.Add((created.Id, agency));
            }
            else if (roll < 70)
            {
                var (id, agency) = live[random.Next(live.Count)];
                var officer = _kit.Officer(agency);
                var current = await service.GetAsync(officer, id);
                var input = _kit.RandomInput(random, agency);
                input.Version = current.Version;
                // Now and then only the tags or only the title change: the other figures must not move.
                if (random.Next(3) == 0)
                {
                    input.ChannelId = current.ChannelId;
                    input.StartDate = current.StartDate;
                    input.Quantity = current.Quantity;
                    input.SecondMeasure = current.SecondMeasure;
                    input.Cost = current.Cost;
                }
                await service.UpdateAsync(officer, id, input);
            }
            else if (roll < 85)
            {
                var index = random.Next(live.Count);
                var (id, agency) = live[index];
                var officer = _kit.Officer(agency);
                await service.DeleteAsync(officer, id, (await service.GetAsync(officer, id)).Version);
                live.RemoveAt(index);
            }
            else if (roll < 95)
            {
                // Another agency and other tags, saved by a context of its own (an administrator's correction).
                var index = random.Next(live.Count);
                var (id, _) = live[index];
                var agency = AgencyCodes[random.Next(AgencyCodes.Length)];
                await using var db = _database.CreateContext();
                var entity = await db.Activities.Include(a => a.Themes).SingleAsync(a => a.Id == id);
                entity.AgencyId = _kit.Agencies[agency];
                entity.Themes.Clear();
                var themeId = _kit.Catalogue.Themes[random.Next(_kit.Catalogue.Themes.Count)].Id;
                entity.Themes.Add(await db.Themes.SingleAsync(t => t.Id == themeId));
                await db.SaveChangesAsync();
                live[index] = (id, agency);
            }
            else
            {
                var importer = new ActivityImporter(_database.Factory, _kit.Clock, _kit.Notifier, new PeriodLock());
                var rows = Enumerable.Range(0, random.Next(3, 12))
                    .Select(i => ActivityWorkbook.GoodRow($"Hội nghị nhập {step}-{i}", new DateTime(2021, random.Next(1, 10), random.Next(1, 29)))
                        .With(S.Quantity, random.Next(1, 40)).With(S.SecondMeasure, random.Next(0, 500)))
                    .ToArray();
                var preview = await importer.PreviewAsync(_kit.Officer("STP"), new MemoryStream(ActivityWorkbook.Fill(await importer.CreateTemplateAsync(), rows)));
                Assert.True(preview.CanImport);
                Assert.Equal(rows.Length, await importer.CommitAsync(_kit.Officer("STP"), preview));
            }
        }

        await AssertFiguresEqualActivitiesAsync(zeroRowsAllowed: true);
        await using (var db = _database.CreateContext()) await ActivityFigures.RebuildAsync(db);
        await AssertFiguresEqualActivitiesAsync(zeroRowsAllowed: false);
    }

    [Fact]
    public async Task ASaveThatFailsOnAConflictLeavesTheFiguresAsTheyWere()
    {
        var service = _kit.Service();
        var officer = _kit.Officer("STP");
        var created = await service.CreateAsync(officer, _kit.Input());
        var stale = created.ToInput();
        var edit = created.ToInput();
        edit.Quantity = 7;
        await service.UpdateAsync(officer, created.Id, edit);

        stale.Quantity = 99;
        stale.StartDate = new DateOnly(2021, 3, 2);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => service.UpdateAsync(officer, created.Id, stale));

        await AssertFiguresEqualActivitiesAsync(zeroRowsAllowed: true);
        await using var db = _database.CreateContext();
        Assert.Equal(7, await db.ActivityFigures.Where(f => f.Grain == FigureGrain.Day).SumAsync(f => f.Quantity));
    }

    [Fact]
    public async Task StartingADatabaseWhoseActivitiesHaveNoFiguresComputesThem()
    {
        var service = _kit.Service();
        await service.CreateAsync(_kit.Officer("STP"), _kit.Input());
        await service.CreateAsync(_kit.Officer("SYT"), _kit.Input("SYT", "Tọa đàm", "HOINGHI"));
        await using (var db = _database.CreateContext())
        {
            // As a database of the version before the figures: activities, empty figure tables.
            await db.ActivityFigures.ExecuteDeleteAsync();
            await db.ActivityObjectiveFigures.ExecuteDeleteAsync();
            await db.ActivityThemeFigures.ExecuteDeleteAsync();
        }

        await DatabaseInitializer.InitializeAsync(_database.Factory);

        await AssertFiguresEqualActivitiesAsync(zeroRowsAllowed: false);
        await using var check = _database.CreateContext();
        Assert.Equal(2, await check.ActivityFigures.Where(f => f.Grain == FigureGrain.Month).SumAsync(f => f.Activities));
    }

    /// <summary>
    /// Every figure row at both grains equals a GROUP BY over the activities. Rows whose activities all moved away
    /// may remain as zeros when <paramref name="zeroRowsAllowed"/> (a rebuild leaves none).
    /// </summary>
    private async Task AssertFiguresEqualActivitiesAsync(bool zeroRowsAllowed)
    {
        await using var db = _database.CreateContext();
        var activities = db.Activities.AsNoTracking();
        var days = await activities.GroupBy(a => new { a.AgencyId, a.ChannelId, a.StartDate })
            .Select(g => new { g.Key.AgencyId, g.Key.ChannelId, g.Key.StartDate, N = g.Count(), Q = g.Sum(a => (long)a.Quantity),
                S = g.Sum(a => a.SecondMeasure ?? 0), C = g.Sum(a => a.Cost ?? 0) })
            .ToListAsync();
        var months = await activities.GroupBy(a => new { a.AgencyId, a.ChannelId, a.StartDate.Year, a.StartDate.Month })
            .Select(g => new { g.Key.AgencyId, g.Key.ChannelId, g.Key.Year, g.Key.Month, N = g.Count(), Q = g.Sum(a => (long)a.Quantity),
                S = g.Sum(a => a.SecondMeasure ?? 0), C = g.Sum(a => a.Cost ?? 0) })
            .ToListAsync();
        var expectedFigures = days.Select(d => $"D {d.StartDate:yyyy-MM-dd} {d.AgencyId} {d.ChannelId}: {d.N} {d.Q} {d.S} {d.C}")
            .Concat(months.Select(m => $"M {m.Year:0000}-{m.Month:00}-01 {m.AgencyId} {m.ChannelId}: {m.N} {m.Q} {m.S} {m.C}"));
        var figures = await db.ActivityFigures.AsNoTracking().ToListAsync();
        AssertRows(expectedFigures,
            figures.Select(f => (f.Activities, $"{Grain(f.Grain)} {f.Day:yyyy-MM-dd} {f.AgencyId} {f.ChannelId}: {f.Activities} {f.Quantity} {f.SecondMeasure} {f.Cost}")),
            zeroRowsAllowed, figures.Where(f => f.Activities == 0).All(f => f.Quantity == 0 && f.SecondMeasure == 0 && f.Cost == 0));

        var objectiveDays = await activities.SelectMany(a => a.Objectives, (a, o) => new { a.AgencyId, a.StartDate, ObjectiveId = o.Id })
            .GroupBy(x => new { x.AgencyId, x.StartDate, x.ObjectiveId })
            .Select(g => new { g.Key.AgencyId, g.Key.StartDate, g.Key.ObjectiveId, N = g.Count() }).ToListAsync();
        var objectiveMonths = await activities.SelectMany(a => a.Objectives, (a, o) => new { a.AgencyId, a.StartDate.Year, a.StartDate.Month, ObjectiveId = o.Id })
            .GroupBy(x => new { x.AgencyId, x.Year, x.Month, x.ObjectiveId })
            .Select(g => new { g.Key.AgencyId, g.Key.Year, g.Key.Month, g.Key.ObjectiveId, N = g.Count() }).ToListAsync();
        AssertRows(
            objectiveDays.Select(d => $"D {d.StartDate:yyyy-MM-dd} {d.AgencyId} {d.ObjectiveId}: {d.N}")
                .Concat(objectiveMonths.Select(m => $"M {m.Year:0000}-{m.Month:00}-01 {m.AgencyId} {m.ObjectiveId}: {m.N}")),
            (await db.ActivityObjectiveFigures.AsNoTracking().ToListAsync())
                .Select(f => (f.Activities, $"{Grain(f.Grain)} {f.Day:yyyy-MM-dd} {f.AgencyId} {f.ObjectiveId}: {f.Activities}")),
            zeroRowsAllowed, zerosAreClean: true);

        var themeDays = await activities.SelectMany(a => a.Themes, (a, t) => new { a.AgencyId, a.ChannelId, a.StartDate, ThemeId = t.Id })
            .GroupBy(x => new { x.AgencyId, x.ChannelId, x.StartDate, x.ThemeId })
            .Select(g => new { g.Key.AgencyId, g.Key.ChannelId, g.Key.StartDate, g.Key.ThemeId, N = g.Count() }).ToListAsync();
        var themeMonths = await activities.SelectMany(a => a.Themes, (a, t) => new { a.AgencyId, a.ChannelId, a.StartDate.Year, a.StartDate.Month, ThemeId = t.Id })
            .GroupBy(x => new { x.AgencyId, x.ChannelId, x.Year, x.Month, x.ThemeId })
            .Select(g => new { g.Key.AgencyId, g.Key.ChannelId, g.Key.Year, g.Key.Month, g.Key.ThemeId, N = g.Count() }).ToListAsync();
        AssertRows(
            themeDays.Select(d => $"D {d.StartDate:yyyy-MM-dd} {d.AgencyId} {d.ChannelId} {d.ThemeId}: {d.N}")
                .Concat(themeMonths.Select(m => $"M {m.Year:0000}-{m.Month:00}-01 {m.AgencyId} {m.ChannelId} {m.ThemeId}: {m.N}")),
            (await db.ActivityThemeFigures.AsNoTracking().ToListAsync())
                .Select(f => (f.Activities, $"{Grain(f.Grain)} {f.Day:yyyy-MM-dd} {f.AgencyId} {f.ChannelId} {f.ThemeId}: {f.Activities}")),
            zeroRowsAllowed, zerosAreClean: true);
    }

    private static void AssertRows(IEnumerable<string> expected, IEnumerable<(int Activities, string Row)> actual, bool zeroRowsAllowed, bool zerosAreClean)
    {
        var rows = actual.ToList();
        Assert.DoesNotContain(rows, r => r.Activities < 0);
        if (!zeroRowsAllowed) Assert.DoesNotContain(rows, r => r.Activities == 0);
        Assert.True(zerosAreClean, "A figure row with no activities still holds a measure.");
        var expectedRows = expected.Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expectedRows);
        Assert.Equal(expectedRows, rows.Where(r => r.Activities != 0).Select(r => r.Row).Order(StringComparer.Ordinal).ToList());
    }

    private static string Grain(FigureGrain grain) => grain == FigureGrain.Day ? "D" : "M";

    public sealed class OnSqlite() : ActivityFiguresTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : ActivityFiguresTests(DatabaseProvider.PostgreSQL), IOnPostgreSql;
}
