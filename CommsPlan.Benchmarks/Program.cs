using System.Diagnostics;
using System.Globalization;
using CommsPlan.Core.Data;

// Whole-scenario timing (median of several runs after a warm-up), not BenchmarkDotNet: each measure is a whole use
// case over a generated file, and BenchmarkDotNet's pilot and process-per-benchmark stages would not fit the
// "--quick in a few minutes" budget on this 2-core machine. See docs/performance.md.
//
//   dotnet run -c Release --project CommsPlan.Benchmarks -- --quick     10,000 and 100,000 activities
//   dotnet run -c Release --project CommsPlan.Benchmarks -- --full      adds 1,000,000
// Options: --data DIR (generated files, default /tmp/commsplan-bench), --runs N (queries, default 7), --scales 10000,50000,
//          --import-runs N (default 1: each is seconds long), --workbook-runs N (default 3, once the JIT has settled),
//          --no-browser (skip the Chromium circuit measure), --gcdump DIR (heap dumps of the app in the circuit measure),
//          --only overview,list,workbook,import,notify,circuits,
//          --provider sqlite|postgresql (default sqlite), --pg "Host=…;Username=…" (PostgreSQL admin connection string;
//          default $COMMSPLAN_BENCH_POSTGRES; tools/test-postgres.sh start DIR gives one). On PostgreSQL each scale is a
//          database commsplan_bench_<scale>_v<Version>_<schema>, generated once and reused; the circuits stay SQLite-only.
//   dotnet run -c Release --project CommsPlan.Benchmarks -- --plans FILE   the SQL of the overview and list, with plans

namespace CommsPlan.Benchmarks;

/// <summary>The benchmark's entry point (a named class: the Dashboard's top-level Program is public).</summary>
public static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--child")
        {
            return args[1] switch
            {
                "workbook" => await Scenarios.RunWorkbookChildAsync(new BenchDatabase(DatabaseProviders.Parse(args[2]), args[3]), args[4],
                    int.Parse(args[5], CultureInfo.InvariantCulture)),
                _ => 2,
            };
        }

        if (args.Length > 1 && args[0] == "--plans")
        {
            return await QueryPlans.PrintAsync(args[1], Console.Out);
        }

        Options? options;
        try
        {
            options = Options.Parse(args);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }
        if (options is null)
        {
            Console.Error.WriteLine("usage: --quick | --full | --scales N[,N…]  [--data DIR] [--runs N] [--no-browser] [--gcdump DIR] [--provider sqlite|postgresql] [--pg CONNECTION]");
            return 2;
        }
        string? admin = null;
        if (options.Provider == DatabaseProvider.PostgreSQL)
        {
            admin = options.PostgreSql ?? Environment.GetEnvironmentVariable(PostgreSqlVariable);
            if (string.IsNullOrWhiteSpace(admin))
            {
                Console.Error.WriteLine(
                    $"--provider postgresql needs a server: pass --pg \"Host=…;Username=…\" (an admin connection string) or set {PostgreSqlVariable}. "
                    + "A throw-away one: `tools/test-postgres.sh start /tmp/commsplan-bench-pg` prints its connection string "
                    + "(`tools/test-postgres.sh stop /tmp/commsplan-bench-pg` when done).");
                return 2;
            }
        }

        Log(string.Create(CultureInfo.InvariantCulture,
            $"{options.Provider}; scales {string.Join(", ", options.Scales.Select(s => s.ToString("N0", CultureInfo.InvariantCulture)))}; {options.RunCount} runs; {Environment.ProcessorCount} cores; load {LoadAverage()}"));
        var total = Stopwatch.StartNew();
        var results = new List<Result>();
        foreach (var scale in options.Scales)
        {
            var database = options.Provider == DatabaseProvider.PostgreSQL
                ? BenchDatabase.PostgreSql(await DataGenerator.EnsurePostgreSqlAsync(admin!, scale, Log))
                : BenchDatabase.Sqlite(await DataGenerator.EnsureAsync(options.Data, scale, Log));
            var scenarios = new Scenarios(database, options.Data, scale, options.RunCount, Log, options.ImportRuns, options.WorkbookRuns);
            if (options.Runs("overview"))
            {
                Log($"{scale:N0}: overview");
                results.Add(await scenarios.OverviewAsync(Scenarios.Year, "year"));
                results.Add(await scenarios.OverviewAsync(Scenarios.Quarter, "quarter"));
            }
            if (options.Runs("list"))
            {
                Log($"{scale:N0}: activity list");
                results.Add(await scenarios.ActivityListAsync());
            }
            // The goal is set at 100,000 detail rows; a million-row workbook is past what a person opens in Excel.
            if (options.Runs("workbook") && (scale == 100_000 || !options.Scales.Contains(100_000)))
            {
                Log($"{scale:N0}: workbook");
                results.Add(await scenarios.WorkbookAsync());
            }
            // Importing one file is the same use case at every scale, independent of the activities already stored.
            if (options.Runs("import") && scale == options.Scales[0])
            {
                Log($"{scale:N0}: import");
                results.Add(await scenarios.ImportAsync());
            }
            if (options.Runs("notify"))
            {
                Log($"{scale:N0}: notify");
                results.Add(await scenarios.NotifyAsync());
            }
        }
        // The circuit measure starts the app on its own generated SQLite file: it stays SQLite-only.
        if (options.Runs("circuits") && options.Provider == DatabaseProvider.Sqlite)
        {
            Log("circuits: 50 overview pages in Chromium");
            results.Add(await Circuits.MeasureAsync(options.Data, Log, gcdumps: options.GcDumps));
        }

        Report.Print(Console.Out, results);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{options.Provider}, {Environment.ProcessorCount} cores, load average at the end {LoadAverage()}, total {total.Elapsed.TotalMinutes:F1} min, .NET {Environment.Version}"));
        return 0;
    }

    /// <summary>The PostgreSQL admin connection string when --pg is not given.</summary>
    public const string PostgreSqlVariable = "COMMSPLAN_BENCH_POSTGRES";

    private static void Log(string line) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {line}");

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}

internal sealed record Options(int[] Scales, string Data, int RunCount, bool Browser, string[]? Only, int ImportRuns, int WorkbookRuns,
    DatabaseProvider Provider, string? PostgreSql, string? GcDumps)
{
    /// <summary>Whether a measure is part of this run (all of them unless --only names some).</summary>
    public bool Runs(string measure) =>
        (Only is null || Only.Contains(measure)) && (measure != "circuits" || Browser);

    public static Options? Parse(string[] args)
    {
        string? Value(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        int[]? scales = args.Contains("--full") ? [10_000, 100_000, 1_000_000]
            : args.Contains("--quick") ? [10_000, 100_000]
            : Value("--scales")?.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        if (scales is null) return null;
        return new Options(scales,
            Path.GetFullPath(Value("--data") ?? Path.Combine(Path.GetTempPath(), "commsplan-bench")),
            int.Parse(Value("--runs") ?? "7", CultureInfo.InvariantCulture),
            !args.Contains("--no-browser"),
            Value("--only")?.Split(','),
            int.Parse(Value("--import-runs") ?? "1", CultureInfo.InvariantCulture),
            int.Parse(Value("--workbook-runs") ?? "3", CultureInfo.InvariantCulture),
            DatabaseProviders.Parse(Value("--provider")),
            Value("--pg"),
            Value("--gcdump") is { } dumps ? Path.GetFullPath(dumps) : null);
    }
}
