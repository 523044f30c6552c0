using System.Diagnostics;
using System.Globalization;
using CommsPlan.Core.Access;
using Activity = CommsPlan.Core.Activities.Activity;
using CommsPlan.Core.Data;
using CommsPlan.Core.Monitoring;
using CommsPlan.Core.Reporting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

// Measurements recorded in docs/performance.md; run in Release, one command per process so that the peak memory
// of an export is not the peak of the seeding that preceded it:
//   dotnet run -c Release --project tools/CommsPlan.Measurements -- seed   --db /tmp/perf.db --activities 100000
//   dotnet run -c Release --project tools/CommsPlan.Measurements -- export --db /tmp/perf.db --runs 3

var options = Options.Parse(args);
return options.Command switch
{
    "seed" => await SeedAsync(options),
    "export" => await ExportAsync(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: seed --db FILE [--activities N] | export --db FILE [--runs N] [--period 2021-Y] [--out FILE.xlsx]");
    return 2;
}

static async Task<int> SeedAsync(Options options)
{
    if (File.Exists(options.Database)) File.Delete(options.Database);
    var factory = Factory(options.Database);
    await DatabaseInitializer.InitializeAsync(factory);
    var watch = Stopwatch.StartNew();
    int[] agencies, channels, objectives, themes, districts;
    await using (var db = await factory.CreateDbContextAsync())
    {
        agencies = await db.Agencies.Select(a => a.Id).ToArrayAsync();
        channels = await db.Channels.Select(c => c.Id).ToArrayAsync();
        objectives = await db.Objectives.Select(o => o.Id).ToArrayAsync();
        themes = await db.Themes.Select(t => t.Id).ToArrayAsync();
        districts = await db.Districts.Select(d => d.Id).ToArrayAsync();
    }

    // A large province's year: every agency, every channel, titles of realistic length, tags and costs on most rows.
    var random = new Random(100_000);
    var year = ReportingPeriods.DecreeYear(2021);
    const int batch = 5_000;
    for (var done = 0; done < options.Activities; done += batch)
    {
        await using var db = await factory.CreateDbContextAsync();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var objectiveStubs = objectives.Select(id => db.Objectives.Attach(new() { Id = id }).Entity).ToArray();
        var themeStubs = themes.Select(id => db.Themes.Attach(new() { Id = id }).Entity).ToArray();
        for (var i = done; i < Math.Min(done + batch, options.Activities); i++)
        {
            db.Activities.Add(new Activity
            {
                AgencyId = agencies[random.Next(agencies.Length)],
                ChannelId = channels[random.Next(channels.Length)],
                Title = $"Tuyên truyền về kiểm soát thủ tục hành chính và cơ chế một cửa, một cửa liên thông – hoạt động số {i}",
                StartDate = year.From.AddDays(random.Next(year.DayCount)),
                Quantity = random.Next(1, 500),
                SecondMeasure = random.Next(3) == 0 ? random.Next(10, 2_000) : null,
                Cost = random.Next(4) == 0 ? null : random.Next(1, 200) * 100_000L,
                Objectives = [.. objectiveStubs.Where(_ => random.Next(3) == 0)],
                Themes = [.. themeStubs.Where(_ => random.Next(3) == 0)],
                DistrictId = random.Next(2) == 0 ? districts[random.Next(districts.Length)] : null,
                EvidenceUrl = random.Next(2) == 0 ? $"https://thainguyen.gov.vn/tin-tuc/{i}" : null,
            });
        }
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync();
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"seeded {options.Activities:N0} activities into {options.Database} in {watch.Elapsed.TotalSeconds:F1} s"));
    return 0;
}

static async Task<int> ExportAsync(Options options)
{
    var factory = Factory(options.Database);
    var time = TimeProvider.System;
    var queries = new MonitoringQueryService(factory, time);
    var builder = new ConsolidatedReportBuilder(queries, time);
    var monitor = new CurrentUser("measure", "measure", [Roles.Monitor], null);
    var period = ReportingPeriods.Parse(options.Period);
    if (options.Output is { } output)
    {
        // One workbook kept for a look at its layout, no measurement.
        await using var kept = File.Create(output);
        var written = await builder.WriteAsync(monitor, period, MonitoringScope.Province, kept);
        Console.WriteLine($"wrote {written.DetailRows} activities to {output}");
        return 0;
    }

    // The process before the first export: runtime, EF model, one query.
    await using (var db = await factory.CreateDbContextAsync()) _ = await db.Agencies.CountAsync();
    var baseline = Memory.Current();
    Console.WriteLine($"baseline: working set {Memory.Mb(baseline.WorkingSet)} MB, peak {Memory.Mb(baseline.Peak)} MB");

    for (var run = 1; run <= options.Runs; run++)
    {
        // The query alone, to tell reading the rows from writing them.
        var readWatch = Stopwatch.StartNew();
        var read = 0;
        await foreach (var _ in queries.StreamActivitiesAsync(monitor, period, MonitoringScope.Province)) read++;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {run}: reading {read:N0} rows alone {readWatch.Elapsed.TotalSeconds:F2} s"));

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        // As the endpoint does: into a temporary file deleted on close.
        await using var file = new FileStream(Path.Combine(Path.GetTempPath(), $"commsplan-measure-{Guid.NewGuid():N}.xlsx"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81_920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        var result = await builder.WriteAsync(monitor, period, MonitoringScope.Province, file);
        watch.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var after = Memory.Current();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"run {run}: {result.DetailRows:N0} rows, {file.Length / 1024.0 / 1024.0:F1} MB file, {watch.Elapsed.TotalSeconds:F2} s (CPU {cpu.TotalSeconds:F2} s), "
            + $"peak working set {Memory.Mb(after.Peak)} MB (+{Memory.Mb(after.Peak - baseline.Peak)} MB over baseline), "
            + $"allocated {Memory.Mb(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore)} MB, "
            + $"GC heap after {Memory.Mb(GC.GetGCMemoryInfo().HeapSizeBytes)} MB"));
    }
    return 0;
}

static IDbContextFactory<CommsPlanDbContext> Factory(string file) =>
    new PlainFactory(new DbContextOptionsBuilder<CommsPlanDbContext>()
        .UseSqlite(new SqliteConnectionStringBuilder { DataSource = file }.ToString()).Options);

internal sealed class PlainFactory(DbContextOptions<CommsPlanDbContext> options) : IDbContextFactory<CommsPlanDbContext>
{
    public CommsPlanDbContext CreateDbContext() => new(options);
}

internal sealed record Options(string Command, string Database, int Activities, int Runs, string Period, string? Output)
{
    public static Options Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        return new Options(
            args.Length > 0 ? args[0] : "",
            Path.GetFullPath(Value("--db", Path.Combine(Path.GetTempPath(), "commsplan-perf.db"))),
            int.Parse(Value("--activities", "100000"), CultureInfo.InvariantCulture),
            int.Parse(Value("--runs", "3"), CultureInfo.InvariantCulture),
            Value("--period", "2021-Y"),
            Array.IndexOf(args, "--out") >= 0 ? Path.GetFullPath(Value("--out", "report.xlsx")) : null);
    }
}

/// <summary>Resident memory from /proc (VmRSS, VmHWM), which is what the machine actually gives the process.</summary>
internal static class Memory
{
    public static (long WorkingSet, long Peak) Current()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return (process.WorkingSet64, process.PeakWorkingSet64);
    }

    public static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("F0", CultureInfo.InvariantCulture);
}
