using System.Runtime.CompilerServices;
using ClosedXML.Excel;
using CommsPlan.Core.Access;
using CommsPlan.Core.Common;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Data;
using CommsPlan.Core.Monitoring;
using CommsPlan.Core.Reports;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Tests.Core.Activities;

/// <summary>
/// The activity list's totals and export against independent readings of the same random activities: the totals
/// against sums computed here over every stored activity, the export against the list's own pages, on both engines.
/// </summary>
public abstract class ActivityListToolTests(DatabaseProvider provider) : IAsyncLifetime
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
    [InlineData(7)]
    [InlineData(2021)]
    public async Task TheTotalsEqualAnIndependentSumOfTheFilteredActivities(int seed)
    {
        var random = new Random(seed);
        await WriteRandomActivitiesAsync(random, 60);
        var all = await AllActivitiesAsync();
        var service = _kit.Service();

        var nonEmpty = 0;
        for (var i = 0; i < 40; i++)
        {
            var query = RandomQuery(random);
            var user = random.Next(3) == 0 ? _kit.Officer(AgencyCodes[random.Next(AgencyCodes.Length)]) : ActivityTestKit.Monitor;
            var expected = all.Where(a => Matches(a, query, user)).ToList();

            var totals = await service.TotalsAsync(user, query);

            var context = $"{user.UserName}, {query}";
            Assert.True(expected.Count == totals.Activities, $"{context}: {expected.Count} expected, {totals.Activities} summed.");
            Assert.Equal(expected.Sum(a => a.Cost ?? 0), totals.Cost);
            Assert.Equal(
                expected.GroupBy(a => a.Channel!.Unit).ToDictionary(g => g.Key, g => g.Sum(a => (long)a.Quantity)),
                totals.Quantities.ToDictionary(q => q.Unit, q => q.Value));
            Assert.Equal(
                expected.Where(a => a.Channel!.SecondMeasureLabel is not null)
                    .GroupBy(a => a.Channel!.SecondMeasureLabel!).ToDictionary(g => g.Key, g => g.Sum(a => a.SecondMeasure ?? 0)),
                totals.SecondMeasures.ToDictionary(m => m.Label, m => m.Value));
            if (expected.Count > 0) nonEmpty++;
        }
        Assert.True(nonEmpty >= 15, $"Only {nonEmpty} queries matched anything.");
    }

    [Fact]
    public async Task TheExportListsTheScreensFilteredRowsInTheScreensOrderWithTheChiTietColumns()
    {
        var random = new Random(3);
        await WriteRandomActivitiesAsync(random, 50);
        var query = new ActivityQuery { ChannelId = _kit.Channel("HOINGHI"), SortBy = ActivitySort.Cost, Descending = true };
        query = (await _kit.Service().ListAsync(ActivityTestKit.Monitor, query)).TotalCount >= 3 ? query : query with { ChannelId = null };
        var screen = await ScreenRowsAsync(ActivityTestKit.Monitor, query);
        Assert.True(screen.Count >= 3);
        // Evidence files on the first two rows: the export's last column counts them, as Chi tiết's does.
        var files = new Dictionary<int, int> { [screen[0].Id] = 2, [screen[1].Id] = 1 };
        await using (var db = _kit.Context())
        {
            foreach (var (activityId, count) in files)
            {
                for (var n = 0; n < count; n++)
                {
                    db.EvidenceFiles.Add(new CommsPlan.Core.Evidence.EvidenceFile
                    {
                        ActivityId = activityId, FileName = $"{n}.pdf", Kind = CommsPlan.Core.Evidence.EvidenceKind.Pdf, Length = 5,
                        Content = new CommsPlan.Core.Evidence.EvidenceContent { Bytes = "%PDF-"u8.ToArray() },
                    });
                }
            }
            await db.SaveChangesAsync();
        }

        using var workbook = await ExportAsync(ActivityTestKit.Monitor, query);

        var sheet = workbook.Worksheet(ConsolidatedReportBuilder.DetailSheet);
        Assert.Equal(ConsolidatedWorkbook.DetailTitle, sheet.Cell(6, 1).GetString());
        var rows = ExportedRows(sheet);
        Assert.Equal(screen.Count, rows.Count);
        for (var i = 0; i < screen.Count; i++)
        {
            var (s, r) = (screen[i], rows[i]);
            Assert.Equal(i + 1, r.Cell(1).GetValue<int>());
            Assert.Equal(s.StartDate.ToDateTime(TimeOnly.MinValue), r.Cell(2).GetDateTime());
            Assert.Equal(s.AgencyName, r.Cell(4).GetString());
            Assert.Equal(s.FormGroupCode, r.Cell(5).GetString());
            Assert.Equal(s.ChannelName, r.Cell(6).GetString());
            Assert.Equal(s.Title, r.Cell(7).GetString());
            Assert.Equal(s.Quantity, r.Cell(8).GetValue<int>());
            Assert.Equal(s.Unit, r.Cell(9).GetString());
            Assert.Equal(s.SecondMeasure?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "", r.Cell(10).GetString());
            Assert.Equal(string.Join(", ", s.Objectives), r.Cell(12).GetString());
            Assert.Equal(string.Join(", ", s.Themes), r.Cell(13).GetString());
            Assert.Equal(s.Cost?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "", r.Cell(15).GetString());
            Assert.Equal(files.GetValueOrDefault(s.Id), r.Cell(17).GetValue<int>());
        }
        Assert.Equal("Số tệp minh chứng", sheet.Cell(ConsolidatedWorkbook.DetailHeaderRow, 17).GetString());
    }

    [Fact]
    public async Task AnOfficerExportsOnlyItsOwnAgencyWhateverTheQueryAsksUnderItsOwnHeader()
    {
        await WriteRandomActivitiesAsync(new Random(11), 40);
        var officer = _kit.Officer("STP");
        var own = (await AllActivitiesAsync()).Count(a => a.AgencyId == _kit.Agencies["STP"]);
        Assert.True(own > 0);

        using var workbook = await ExportAsync(officer, new ActivityQuery { AgencyId = _kit.Agencies["SYT"] });

        var sheet = workbook.Worksheet(ConsolidatedReportBuilder.DetailSheet);
        var rows = ExportedRows(sheet);
        Assert.Equal(own, rows.Count);
        Assert.Equal(["Sở Tư pháp"], rows.Select(r => r.Cell(4).GetString()).Distinct());
        Assert.Equal("SỞ TƯ PHÁP", sheet.Cell(2, 1).GetString());
        Assert.StartsWith("Phạm vi: Sở Tư pháp", sheet.Cell(8, 1).GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AViewerWithoutAnAgencyReadsEverythingAndAUserWithoutARoleCannotExport()
    {
        await WriteRandomActivitiesAsync(new Random(5), 10);
        using var workbook = await ExportAsync(ActivityTestKit.Viewer, new ActivityQuery());
        Assert.Equal(await _kit.CountActivitiesAsync(), ExportedRows(workbook.Worksheet(ConsolidatedReportBuilder.DetailSheet)).Count);

        var nobody = new CurrentUser("id-x", "x", [], null);
        await Assert.ThrowsAsync<CommsPlan.Core.Common.AccessDeniedException>(() => ExportAsync(nobody, new ActivityQuery()));
    }

    [Fact]
    public async Task TheExportIsFedRowByRowFromTheDatabaseNotFromAMaterialisedList()
    {
        // Structural: the rows reach the streaming writer as an async sequence the service reads lazily (an async
        // iterator over one forward query), never as a list of the whole result.
        var stream = typeof(ActivityService).GetMethod(nameof(ActivityService.StreamAsync))!;
        Assert.Equal(typeof(IAsyncEnumerable<ActivityRow>), stream.ReturnType);
        Assert.NotNull(stream.GetCustomAttributes(typeof(AsyncIteratorStateMachineAttribute), false).SingleOrDefault());
        Assert.Equal(typeof(IAsyncEnumerable<>),
            typeof(CommsPlan.Core.Reports.Excel.StreamedSheet<int>).GetProperty("Rows")!.PropertyType.GetGenericTypeDefinition());

        // Behavioural: the export's sheet pulls each row from the service's sequence as the writer asks for it.
        await WriteRandomActivitiesAsync(new Random(2), 3);
        var read = 0;
        var sheet = ActivityListExport.Sheet(Counting(_kit.Service().StreamAsync(ActivityTestKit.Monitor, new ActivityQuery()), () => read++), default);
        var seen = 0;
        await foreach (var row in sheet.Rows)
        {
            seen++;
            Assert.Equal(seen, read);
        }
        Assert.Equal(3, seen);
    }

    private static async IAsyncEnumerable<T> Counting<T>(IAsyncEnumerable<T> source, Action onRead)
    {
        await foreach (var item in source)
        {
            onRead();
            yield return item;
        }
    }

    private async Task<List<ActivityListRow>> ScreenRowsAsync(CurrentUser user, ActivityQuery query)
    {
        var rows = new List<ActivityListRow>();
        for (var page = 0; ; page++)
        {
            var shown = await _kit.Service().ListAsync(user, query with { Page = page, PageSize = 7 });
            rows.AddRange(shown.Rows);
            if (rows.Count >= shown.TotalCount || shown.Rows.Count == 0) return rows;
        }
    }

    private async Task<XLWorkbook> ExportAsync(CurrentUser user, ActivityQuery query)
    {
        var export = new ActivityListExport(_database.Factory, _kit.Service(), _kit.Clock);
        var output = new MemoryStream();
        await export.WriteAsync(user, query, output);
        output.Position = 0;
        return new XLWorkbook(output);
    }

    private static List<IXLRow> ExportedRows(IXLWorksheet sheet) =>
        [.. sheet.RowsUsed().Where(r => r.RowNumber() >= ConsolidatedWorkbook.DetailFirstDataRow && !r.Cell(7).IsEmpty())];

    private async Task<List<Activity>> AllActivitiesAsync()
    {
        await using var db = _kit.Context();
        return await db.Activities.AsNoTracking().Include(a => a.Channel).Include(a => a.Objectives).Include(a => a.Themes)
            .AsSplitQuery().ToListAsync();
    }

    /// <summary>The list's rules, restated over objects: the caller's scope, then every filter.</summary>
    private bool Matches(Activity a, ActivityQuery q, CurrentUser user) =>
        (user.IsOfficer ? a.AgencyId == user.AgencyId : q.AgencyId is null || a.AgencyId == q.AgencyId)
        && (q.ChannelId is null || a.ChannelId == q.ChannelId)
        && (q.FormGroupId is null || a.Channel!.FormGroupId == q.FormGroupId)
        && (q.ObjectiveId is null || a.Objectives.Any(o => o.Id == q.ObjectiveId))
        && (q.ThemeId is null || a.Themes.Any(t => t.Id == q.ThemeId))
        && (q.From is null || a.StartDate >= q.From)
        && (q.To is null || a.StartDate <= q.To);

    private ActivityQuery RandomQuery(Random random)
    {
        var catalogue = _kit.Catalogue;
        var query = new ActivityQuery { AgencyId = random.Next(3) == 0 ? null : _kit.Agencies[AgencyCodes[random.Next(AgencyCodes.Length)]] };
        if (random.Next(3) == 0) query = query with { ChannelId = _kit.Channel(FewChannels[random.Next(FewChannels.Length)]) };
        if (random.Next(4) == 0) query = query with { FormGroupId = catalogue.FormGroups[random.Next(catalogue.FormGroups.Count)].Id };
        if (random.Next(4) == 0) query = query with { ObjectiveId = catalogue.Objectives[random.Next(catalogue.Objectives.Count)].Id };
        if (random.Next(4) == 0) query = query with { ThemeId = catalogue.Themes[random.Next(catalogue.Themes.Count)].Id };
        var start = catalogue.PeriodStart;
        var span = Math.Max(1, _kit.Clock.Today().DayNumber - start.DayNumber);
        if (random.Next(2) == 0) query = query with { From = start.AddDays(random.Next(span)) };
        if (random.Next(2) == 0) query = query with { To = start.AddDays(random.Next(span)) };
        return query;
    }

    private static readonly string[] FewChannels = ["HOINGHI", "BAO", "TOROI"];

    private async Task WriteRandomActivitiesAsync(Random random, int count)
    {
        var service = _kit.Service();
        for (var i = 0; i < count; i++)
        {
            var agency = AgencyCodes[random.Next(AgencyCodes.Length)];
            var channel = random.Next(3) == 0 ? (int?)null : _kit.Channel(FewChannels[random.Next(FewChannels.Length)]);
            await service.CreateAsync(_kit.Officer(agency), _kit.RandomInput(random, agency, channel));
        }
    }

    public sealed class OnSqlite() : ActivityListToolTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : ActivityListToolTests(DatabaseProvider.PostgreSQL), IOnPostgreSql;
}
