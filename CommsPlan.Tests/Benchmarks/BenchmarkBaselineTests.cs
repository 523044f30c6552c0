using CommsPlan.Benchmarks;
using CommsPlan.Core.Monitoring;
using Microsoft.Data.Sqlite;

namespace CommsPlan.Tests.Benchmarks;

/// <summary>A generated file, shared by the class: generating it once keeps the tests fast.</summary>
public sealed class GeneratedFile : IAsyncLifetime
{
    public const int Activities = 3_000;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "commsplan-tests", "bench-" + Guid.NewGuid().ToString("N"));

    public string FilePath => Path.Combine(_folder, "generated.db");

    public Task InitializeAsync() => DataGenerator.GenerateAsync(FilePath, Activities);

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}

/// <summary>
/// The benchmark compares the query service with hand-written SQL; a fast wrong answer must not pass, so both must
/// give the same figures on the generator's data.
/// </summary>
public sealed class BenchmarkBaselineTests(GeneratedFile data) : IClassFixture<GeneratedFile>
{
    private static readonly FixedTime Time = new(DataGenerator.Today);

    [Fact]
    public async Task GeneratorSpreadsActivitiesOverEveryAgencyChannelMonthObjectiveAndTheme()
    {
        await using var connection = Open();
        Assert.Equal(GeneratedFile.Activities, await ScalarAsync(connection, "SELECT COUNT(*) FROM Activities"));
        Assert.Equal(await ScalarAsync(connection, "SELECT COUNT(*) FROM Agencies"), await ScalarAsync(connection, "SELECT COUNT(DISTINCT AgencyId) FROM Activities"));
        Assert.Equal(33, await ScalarAsync(connection, "SELECT COUNT(DISTINCT AgencyId) FROM Activities"));
        Assert.Equal(14, await ScalarAsync(connection, "SELECT COUNT(DISTINCT ChannelId) FROM Activities"));
        Assert.Equal(12, await ScalarAsync(connection, "SELECT COUNT(DISTINCT substr(StartDate, 1, 7)) FROM Activities"));
        Assert.Equal(4, await ScalarAsync(connection, "SELECT COUNT(DISTINCT ObjectivesId) FROM ActivityObjectives"));
        Assert.Equal(4, await ScalarAsync(connection, "SELECT COUNT(DISTINCT ThemesId) FROM ActivityThemes"));
        Assert.True(await ScalarAsync(connection, "SELECT COUNT(*) FROM UnitPlanTargets") > 0);
    }

    [Fact]
    public async Task GeneratorGivesTheSameRowsForTheSameArguments()
    {
        var other = Path.Combine(Path.GetDirectoryName(data.FilePath)!, "again.db");
        await DataGenerator.GenerateAsync(other, GeneratedFile.Activities);
        const string fingerprint = "SELECT SUM(Id * Quantity + AgencyId * 7 + ChannelId * 13 + COALESCE(Cost, 0) % 1000003) FROM Activities";
        await using var first = Open();
        await using var second = new SqliteConnection($"Data Source={other};Pooling=False");
        await second.OpenAsync();
        Assert.Equal(await ScalarAsync(first, fingerprint), await ScalarAsync(second, fingerprint));
    }

    public static TheoryData<string> Periods => ["year", "quarter"];

    [Theory]
    [MemberData(nameof(Periods))]
    public async Task QueryServiceAndBaselineSqlGiveTheSameFigures(string which)
    {
        var period = which == "year" ? Scenarios.Year : Scenarios.Quarter;
        var service = new MonitoringQueryService(DataGenerator.Factory(data.FilePath), Time);
        var overview = await service.GetOverviewAsync(Scenarios.Monitor, period);
        await using var connection = Open();
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

    private static void AssertMatrix(CoverageMatrix matrix, Func<string, string, int> expected)
    {
        for (var r = 0; r < matrix.Rows.Count; r++)
        {
            for (var c = 0; c < matrix.Columns.Count; c++)
                Assert.Equal(expected(matrix.Rows[r].Code, matrix.Columns[c].Code), matrix.Counts[r][c]);
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={data.FilePath};Pooling=False");
        connection.Open();
        return connection;
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
