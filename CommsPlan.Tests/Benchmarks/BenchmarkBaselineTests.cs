using System.Data.Common;
using ClosedXML.Excel;
using CommsPlan.Benchmarks;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Data;
using CommsPlan.Core.Monitoring;
using CommsPlan.Core.Reports;
using CommsPlan.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

using CommsPlan.Core.Access;
namespace CommsPlan.Tests.Benchmarks;

/// <summary>A generated database, shared by the class: generating it once keeps the tests fast.</summary>
public abstract class GeneratedData : IAsyncLifetime
{
    public const int Activities = 3_000;

    public abstract DatabaseProvider Provider { get; }

    /// <summary>The generated database.</summary>
    public BenchDatabase Database { get; protected set; } = null!;

    /// <summary>A second database generated with the same arguments (a new one on each call; removed on dispose).</summary>
    public abstract Task<BenchDatabase> GenerateAgainAsync();

    /// <summary>The engine's SQL for the 'yyyy-MM' month of <c>"StartDate"</c>.</summary>
    public abstract string MonthOfStartDate { get; }

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();
}

public sealed class GeneratedSqliteFile : GeneratedData
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "commsplan-tests", "bench-" + Guid.NewGuid().ToString("N"));

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override string MonthOfStartDate => """substr("StartDate", 1, 7)""";

    public override async Task InitializeAsync()
    {
        var file = Path.Combine(_folder, "generated.db");
        await DataGenerator.GenerateAsync(file, Activities);
        Database = BenchDatabase.Sqlite(file);
    }

    public override async Task<BenchDatabase> GenerateAgainAsync()
    {
        var other = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".db");
        await DataGenerator.GenerateAsync(other, Activities);
        return BenchDatabase.Sqlite(other);
    }

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}

public sealed class GeneratedPostgreSqlDatabase : GeneratedData
{
    private readonly List<TestDatabase> _databases = [];

    public override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;

    public override string MonthOfStartDate => """to_char("StartDate", 'YYYY-MM')""";

    public override async Task InitializeAsync()
    {
        // Skipped PostgreSQL tests (COMMSPLAN_TEST_POSTGRES=off) still get their class fixture: it must not need a server.
        if (PostgreSqlTests.Off) return;
        Database = await GenerateAgainAsync();
    }

    public override async Task<BenchDatabase> GenerateAgainAsync()
    {
        var database = await TestDatabase.CreateEmptyAsync(DatabaseProvider.PostgreSQL);
        _databases.Add(database);
        await DataGenerator.GeneratePostgreSqlAsync(database.ConnectionString, Activities);
        return BenchDatabase.PostgreSql(database.ConnectionString);
    }

    public override async Task DisposeAsync()
    {
        foreach (var database in _databases) await database.DisposeAsync();
    }
}

/// <summary>
/// The benchmark compares the query service with hand-written SQL; a fast wrong answer must not pass, so both must
/// give the same figures on the generator's data, on each engine.
/// </summary>
public abstract class BenchmarkBaselineTests(GeneratedData data)
{
    private static readonly FixedTime Time = new(DataGenerator.Today);

    [Fact]
    public async Task GeneratorSpreadsActivitiesOverEveryAgencyChannelMonthObjectiveAndTheme()
    {
        await using var connection = data.Database.Open();
        Assert.Equal(GeneratedData.Activities, await ScalarAsync(connection, """SELECT COUNT(*) FROM "Activities" """));
        Assert.Equal(await ScalarAsync(connection, """SELECT COUNT(*) FROM "Agencies" """), await ScalarAsync(connection, """SELECT COUNT(DISTINCT "AgencyId") FROM "Activities" """));
        Assert.Equal(33, await ScalarAsync(connection, """SELECT COUNT(DISTINCT "AgencyId") FROM "Activities" """));
        Assert.Equal(14, await ScalarAsync(connection, """SELECT COUNT(DISTINCT "ChannelId") FROM "Activities" """));
        Assert.Equal(12, await ScalarAsync(connection, $"""SELECT COUNT(DISTINCT {data.MonthOfStartDate}) FROM "Activities" """));
        Assert.Equal(4, await ScalarAsync(connection, """SELECT COUNT(DISTINCT "ObjectivesId") FROM "ActivityObjectives" """));
        Assert.Equal(4, await ScalarAsync(connection, """SELECT COUNT(DISTINCT "ThemesId") FROM "ActivityThemes" """));
        Assert.True(await ScalarAsync(connection, """SELECT COUNT(*) FROM "UnitPlanTargets" """) > 0);
    }

    [Fact]
    public async Task GeneratorGivesTheSameRowsForTheSameArguments()
    {
        var other = await data.GenerateAgainAsync();
        await using var first = data.Database.Open();
        await using var second = other.Open();
        Assert.Equal(await ScalarAsync(first, Fingerprint), await ScalarAsync(second, Fingerprint));
    }

    /// <summary>The same rows on both engines (the catalogues are seeded in the same order, so even the ids agree).</summary>
    [Fact]
    public async Task GeneratorGivesTheSameRowsOnEitherEngine()
    {
        await using var ours = data.Database.Open();
        await using var sqlite = (await SqliteReference.Value).Open();
        Assert.Equal(await ScalarAsync(sqlite, Fingerprint), await ScalarAsync(ours, Fingerprint));
        Assert.Equal(await ScalarAsync(sqlite, TagFingerprint), await ScalarAsync(ours, TagFingerprint));
    }

    /// <summary>The generator writes its rows by hand, past the write path: their search keys must be the ones it would write.</summary>
    [Fact]
    public async Task GeneratedActivitiesCarryTheSearchKeysTheWritePathWouldWrite()
    {
        await using var db = await data.Database.Factory().CreateDbContextAsync();
        var activities = await db.Activities.AsNoTracking().ToListAsync();

        Assert.Equal(GeneratedData.Activities, activities.Count);
        Assert.All(activities, a => Assert.Equal(TextSearch.KeyOf(a), a.SearchKey));
        Assert.All(activities, a => Assert.NotEqual("", a.SearchKey));
    }

    [Fact]
    public async Task ServicesCanSaveAfterTheGeneratedRows()
    {
        // The generator writes explicit ids; the engine must hand out the next ones past them.
        var factory = data.Database.Factory();
        await using var db = await factory.CreateDbContextAsync();
        var agency = await db.Agencies.Select(a => a.Id).FirstAsync();
        var channel = await db.Channels.Select(c => c.Id).FirstAsync();
        var activity = new CommsPlan.Core.Activities.Activity
        {
            AgencyId = agency,
            ChannelId = channel,
            Title = "Hoạt động thêm sau dữ liệu sinh",
            StartDate = DataGenerator.Today,
            Quantity = 1,
            CreatedBy = "test",
            UpdatedBy = "test",
            CreatedAt = DateTime.UtcNow,
            UpdatedAt = DateTime.UtcNow,
            Version = 1,
        };
        db.Activities.Add(activity);
        await db.SaveChangesAsync();
        Assert.True(activity.Id > GeneratedData.Activities);
        db.Activities.Remove(activity);
        await db.SaveChangesAsync();
    }

    public static TheoryData<string> Periods => ["year", "quarter"];

    [Theory]
    [MemberData(nameof(Periods))]
    public async Task QueryServiceAndBaselineSqlGiveTheSameFigures(string which)
    {
        var period = which == "year" ? Scenarios.Year : Scenarios.Quarter;
        var service = new OverviewService(data.Database.Factory(), Time);
        var overview = await service.GetOverviewAsync(Scenarios.Monitor, period);
        await using var connection = data.Database.Open();
        var baseline = await BaselineQueries.OverviewAsync(connection, period.From, period.To,
            overview.Progress.PlanStart, overview.Progress.AsOf, DataGenerator.Today);

        Assert.True(overview.Kpis.Activities > 0);
        Assert.Equal(baseline.Period.Sum(c => c.Activities), overview.Kpis.Activities);
        Assert.Equal(baseline.Period.Sum(c => c.Cost), overview.Kpis.TotalCost);

        foreach (var channel in overview.ByChannel)
        {
            var cells = baseline.Period.Where(c => c.Channel == channel.Code).ToList();
            Assert.Equal((cells.Sum(c => c.Activities), cells.Sum(c => c.Quantity), cells.Sum(c => c.SecondMeasure), cells.Sum(c => c.Cost)),
                (channel.Activities, channel.Quantity, channel.SecondMeasure, channel.Cost));
        }
        Assert.Equal(baseline.Period.Select(c => c.Channel).Distinct().Order(), overview.ByChannel.Where(c => c.Activities > 0).Select(c => c.Code).Order());

        foreach (var agency in overview.Agencies)
        {
            var code = agency.Agency.Code;
            Assert.Equal(baseline.Period.Where(c => c.Agency == code).Sum(c => c.Activities), agency.Activities);
            Assert.Equal(baseline.Period.Where(c => c.Agency == code).Sum(c => c.Cost), agency.Cost);
            Assert.Equal(baseline.LastActivity.TryGetValue(code, out var last) ? last : null, agency.LastActivityOn);
            foreach (var channel in agency.Channels)
            {
                var cell = baseline.Period.SingleOrDefault(c => c.Agency == code && c.Channel == channel.ChannelCode);
                var year = baseline.YearToDate.SingleOrDefault(c => c.Agency == code && c.Channel == channel.ChannelCode);
                Assert.Equal(cell?.Activities ?? 0, channel.PeriodActivities);
                Assert.Equal(cell?.Quantity ?? 0, channel.PeriodQuantity);
                Assert.Equal(year?.Quantity ?? 0, channel.YearToDateQuantity);
                Assert.Equal(baseline.Targets.TryGetValue((code, channel.ChannelCode), out var target) ? target : null, channel.Target);
            }
        }
        Assert.Equal(baseline.Period.Select(c => c.Agency).Distinct().Order(), overview.Agencies.Where(a => a.Activities > 0).Select(a => a.Agency.Code).Order());

        foreach (var month in overview.ByMonth)
        {
            var key = $"{month.Year:D4}-{month.Month:D2}";
            var expected = baseline.ByMonth.TryGetValue(key, out var m) ? m : (0, 0L);
            Assert.Equal(expected, (month.Activities, month.Cost));
        }
        Assert.Equal(baseline.ByMonth.Values.Sum(m => m.Activities), overview.ByMonth.Sum(m => m.Activities));

        foreach (var objective in overview.ByObjective)
            Assert.Equal(baseline.ByAgencyObjective.Where(x => x.Key.Objective == objective.Code).Sum(x => x.Value), objective.Activities);
        foreach (var theme in overview.ByTheme)
            Assert.Equal(baseline.ByChannelTheme.Where(x => x.Key.Theme == theme.Code).Sum(x => x.Value), theme.Activities);
        AssertMatrix(overview.ObjectivesByAgency, (row, column) => baseline.ByAgencyObjective.GetValueOrDefault((column, row)));
        AssertMatrix(overview.ThemesByChannel, (row, column) => baseline.ByChannelTheme.GetValueOrDefault((column, row)));

        Assert.Equal(baseline.StaleDifficultyIds, overview.Alerts.StaleDifficulties.Select(d => d.DifficultyId));
        foreach (var plan in overview.UnitPlans)
            Assert.Equal(baseline.UnitPlanIssuedOn.TryGetValue(plan.Agency.Code, out var issued) ? issued : null, plan.IssuedOn?.ToString("yyyy-MM-dd"));
    }

    /// <summary>The workbook's floor must read the rows the report writes, or it measures a cheaper question.</summary>
    [Theory]
    [MemberData(nameof(Periods))]
    public async Task WorkbookBaselineSqlGivesTheReportsDetailRows(string which)
    {
        var period = which == "year" ? Scenarios.Year : Scenarios.Quarter;
        var service = new ConsolidatedReportBuilder(data.Database.Factory(), new OverviewService(data.Database.Factory(), Time), Time);
        var ours = new List<ActivityRow>();
        await foreach (var row in service.StreamActivitiesAsync(Scenarios.Monitor, period)) ours.Add(row);
        await using var connection = data.Database.Open();
        var baseline = new List<ActivityRow>();
        await foreach (var row in BaselineQueries.DetailRowsAsync(connection, period.From, period.To)) baseline.Add(row);

        Assert.True(ours.Count > 100);
        Assert.Contains(ours, r => r.DistrictName is not null && r.EvidenceUrl is not null && r.Objectives.Contains(','));
        Assert.Equal(baseline, ours);
    }

    /// <summary>Cell by cell, the floor's plain sheet holds the values of the report's Chi tiết sheet.</summary>
    [Fact]
    public async Task WorkbookBaselineWritesTheValuesOfTheReportsDetailSheet()
    {
        var period = Scenarios.Quarter;
        var builder = new ConsolidatedReportBuilder(data.Database.Factory(), new OverviewService(data.Database.Factory(), Time), Time);
        using var report = new MemoryStream();
        var result = await builder.WriteAsync(Scenarios.Monitor, period, MonitoringScope.Province, report);
        using var plain = new MemoryStream();
        int written;
        await using (var connection = data.Database.Open()) written = await BaselineWorkbook.WriteAsync(connection, period.From, period.To, plain);

        Assert.True(written > 100);
        Assert.Equal(result.DetailRows, written);
        report.Position = 0;
        plain.Position = 0;
        using var ours = new XLWorkbook(report);
        using var theirs = new XLWorkbook(plain);
        var detail = ours.Worksheet(ConsolidatedReportBuilder.DetailSheet);
        var sheet = theirs.Worksheet(1);
        Assert.Equal(written + 1, sheet.LastRowUsed().RowNumber());
        for (var r = 0; r < written; r++)
        {
            for (var c = 1; c <= BaselineWorkbook.Headers.Length; c++)
                Assert.Equal(Shown(detail.Cell(ConsolidatedWorkbook.DetailFirstDataRow + r, c)), Shown(sheet.Cell(2 + r, c)));
        }
    }

    /// <summary>A cell's value whatever its format: a date as a date, a number as a number, otherwise its text.</summary>
    private static string Shown(IXLCell cell) => cell.DataType switch
    {
        XLDataType.DateTime => cell.GetDateTime().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        XLDataType.Number => cell.GetDouble().ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => cell.GetString(),
    };

    private static void AssertMatrix(CoverageMatrix matrix, Func<string, string, int> expected)
    {
        for (var r = 0; r < matrix.Rows.Count; r++)
        {
            for (var c = 0; c < matrix.Columns.Count; c++)
                Assert.Equal(expected(matrix.Rows[r].Code, matrix.Columns[c].Code), matrix.Counts[r][c]);
        }
    }

    private const string Fingerprint =
        """SELECT SUM("Id" * "Quantity" + "AgencyId" * 7 + "ChannelId" * 13 + COALESCE("Cost", 0) % 1000003 + COALESCE("SecondMeasure", 0)) FROM "Activities" """;

    private const string TagFingerprint =
        """SELECT (SELECT SUM("ActivityId" * "ObjectivesId") FROM "ActivityObjectives") + (SELECT SUM("ActivityId" * "ThemesId") FROM "ActivityThemes") """;

    /// <summary>A SQLite file of the same arguments, for comparing the engines (generated once per test run).</summary>
    private static readonly Lazy<Task<BenchDatabase>> SqliteReference = new(async () =>
    {
        var file = Path.Combine(Path.GetTempPath(), "commsplan-tests", $"bench-reference-{Environment.ProcessId}-{Guid.NewGuid():N}.db");
        await DataGenerator.GenerateAsync(file, GeneratedData.Activities);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            SqliteConnection.ClearAllPools();
            try { File.Delete(file); } catch (IOException) { }
        };
        return BenchDatabase.Sqlite(file);
    });

    private static async Task<long> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public sealed class OnSqlite(GeneratedSqliteFile data) : BenchmarkBaselineTests(data), IClassFixture<GeneratedSqliteFile>;

    public sealed class OnPostgreSql(GeneratedPostgreSqlDatabase data) : BenchmarkBaselineTests(data), IClassFixture<GeneratedPostgreSqlDatabase>, IOnPostgreSql;
}
