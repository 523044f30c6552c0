using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using ClosedXML.Excel;
using CommsPlan.Core.Access;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Activities.Import;
using CommsPlan.Core.Changes;
using CommsPlan.Core.Data;
using CommsPlan.Core.Monitoring;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Core.Reports;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Benchmarks;

/// <summary>
/// The measures of one generated database (SQLite file or PostgreSQL database), each against its baseline where the
/// issue names one. <paramref name="folder"/> keeps the import's filled template.
/// </summary>
public sealed class Scenarios(BenchDatabase database, string folder, int scale, int runs, Action<string> log, int importRuns = 1, int workbookRuns = 1)
{
    public static readonly CurrentUser Monitor = new("bench-monitor", "giamsat", [Roles.Monitor], null);

    /// <summary>The plan year: every generated activity is in it, so this is the overview's heaviest period.</summary>
    public static readonly ReportingPeriod Year = ReportingPeriods.Custom(new DateOnly(DataGenerator.Year, 1, 1), new DateOnly(DataGenerator.Year, 12, 31));

    /// <summary>The quarter the overview opens on by default on the benchmark's today.</summary>
    public static readonly ReportingPeriod Quarter = ReportingPeriods.DecreeQuarterContaining(DataGenerator.Today);

    private readonly FixedTime _time = new(DataGenerator.Today);
    private readonly IDbContextFactory<CommsPlanDbContext> _factory = database.Factory();

    public async Task<Result> OverviewAsync(ReportingPeriod period, string label)
    {
        var queries = new OverviewService(_factory, _time);
        MonitoringOverview? overview = null;
        var ours = await Timing.MedianAsync(runs, async () => overview = await queries.GetOverviewAsync(Monitor, period));
        var baseline = await Timing.MedianAsync(runs, async () =>
        {
            await using var connection = Open();
            _ = await BaselineQueries.OverviewAsync(connection, period.From, period.To,
                overview!.Progress.PlanStart, overview.Progress.AsOf, DataGenerator.Today);
        });
        var limit = scale >= 1_000_000 ? " and < 150 ms" : "";
        var met = ours.Seconds <= 1.5 * baseline.Seconds && (scale < 1_000_000 || ours.Seconds < 0.150);
        return new Result($"overview, {label} ({overview!.Kpis.Activities:N0} activities)", scale, ours, baseline, $"≤ 1.5× baseline{limit}", met);
    }

    public async Task<Result> ActivityListAsync()
    {
        var service = new ActivityService(_factory, _time, new NoNotifier(), new PeriodLock());
        int channelId;
        await using (var db = await _factory.CreateDbContextAsync()) channelId = await db.Channels.Where(c => c.Code == "HOINGHI").Select(c => c.Id).FirstAsync();
        var query = new ActivityQuery { ChannelId = channelId, SortBy = ActivitySort.StartDate, Descending = true, Page = 0, PageSize = 25 };
        var ours = await Timing.MedianAsync(runs, async () => _ = await service.ListAsync(Monitor, query));
        var baseline = await Timing.MedianAsync(runs, async () =>
        {
            await using var connection = Open();
            _ = await BaselineQueries.ActivityPageAsync(connection, channelId, 25);
        });
        var met = ours.Seconds <= 1.5 * baseline.Seconds && (scale < 1_000_000 || ours.Seconds < 0.050);
        return new Result("activity list: page 1, one channel, by date", scale, ours, baseline,
            scale >= 1_000_000 ? "≤ 1.5× baseline and < 50 ms" : "≤ 1.5× baseline", met);
    }

    /// <summary>
    /// The consolidated workbook against its floor (<see cref="BaselineWorkbook"/>: hand-written SQL into a streaming
    /// library, the same detail rows as a plain sheet), each in a process of its own so each peak memory is its own.
    /// </summary>
    public async Task<Result> WorkbookAsync()
    {
        var (ours, oursFirst, oursUntimed) = await ChildAsync("workbook", "commsplan");
        var (baseline, baselineFirst, baselineUntimed) = await ChildAsync("workbook", "baseline");
        var met = ours.Seconds <= 1.5 * baseline.Seconds && ours.MemoryMb < 300;
        return new Result($"consolidated workbook ({scale:N0} detail rows)", scale, ours, baseline, "≤ 1.5× baseline; peak < 300 MB", met,
            string.Create(CultureInfo.InvariantCulture,
                $"median of {workbookRuns} once the JIT settled ({oursUntimed} and {baselineUntimed} runs before, untimed); the first report after a start, JIT included, took {oursFirst:F2} s against {baselineFirst:F2} s ({oursFirst / baselineFirst:F2}×); peak = resident peak of the whole child process, runtime and EF model included"));
    }

    /// <summary>Preview (read and validate every row) and commit of a 10,000-row file by an officer.</summary>
    public async Task<Result> ImportAsync(int rows = 10_000)
    {
        var importer = new ActivityImporter(_factory, _time, new NoNotifier(), new PeriodLock());
        int agencyId;
        int maxId;
        await using (var db = await _factory.CreateDbContextAsync())
        {
            agencyId = await db.Agencies.Where(a => a.Code == "STP").Select(a => a.Id).FirstAsync();
            maxId = await db.Activities.MaxAsync(a => (int?)a.Id) ?? 0;
        }
        var officer = new CurrentUser("bench-officer", "tuphap", [Roles.AgencyOfficer], agencyId);
        // The filled template, built once and kept beside the generated files (ClosedXML takes a while to fill it).
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"import-{rows}-v{DataGenerator.Version}.xlsx"));
        if (!File.Exists(path))
        {
            await File.WriteAllBytesAsync(path + ".building", ImportFile(await importer.CreateTemplateAsync(), rows));
            File.Move(path + ".building", path);
        }
        var bytes = await File.ReadAllBytesAsync(path);
        var imported = 0;
        // No warm-up: what is timed is the process's first import, JIT included, the import a user waits for after a
        // start. One run unless asked for more (--import-runs), which then adds warm ones.
        var sample = await Timing.MedianAsync(importRuns, warmUp: false, action: async () =>
        {
            using var stream = new MemoryStream(bytes, writable: false);
            // CPU time beside wall time: on this shared machine the wall clock mostly measures the queue.
            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var preview = await importer.PreviewAsync(officer, stream);
            var read = watch.Elapsed.TotalSeconds;
            process.Refresh();
            var cpuRead = process.TotalProcessorTime;
            imported = await importer.CommitAsync(officer, preview);
            var total = watch.Elapsed.TotalSeconds;
            process.Refresh();
            log(string.Create(CultureInfo.InvariantCulture,
                $"  import: preview {read:F1} s (CPU {(cpuRead - cpuBefore).TotalSeconds:F1} s), commit {total - read:F1} s (CPU {(process.TotalProcessorTime - cpuRead).TotalSeconds:F1} s)"));
        }, after: () => RemoveAfterAsync(maxId));
        if (imported != rows) throw new InvalidOperationException($"The import saved {imported} rows, not {rows}.");
        return new Result(string.Create(CultureInfo.InvariantCulture, $"import of a {rows:N0}-row file, validated"), scale, sample, null, "< 5 s", sample.Seconds < 5,
            string.Create(CultureInfo.InvariantCulture, $"file {bytes.Length / 1024.0 / 1024.0:F1} MB"));
    }

    /// <summary>
    /// 100 overviews subscribed to the app's notifier, each re-reading its figures when told, as the overview page
    /// does; an officer saves an activity; the time from the save publishing its change (just after its commit) to each
    /// overview holding fresh figures.
    /// </summary>
    public async Task<Result> NotifyAsync(int subscribers = 100, int saves = 3)
    {
        using var notifier = new InProcessDataChangeNotifier(_time);
        // Wired as the app's DI wires it: the notifier counts the data versions the overviews share computations by.
        var queries = new OverviewService(_factory, _time, versions: notifier);
        var clock = Stopwatch.StartNew();
        long savedAt = 0;
        // Timed from the moment the save publishes its change (right after its commit), not from the benchmark's
        // continuation after CreateAsync: that one queues behind the 100 refreshes on the thread pool and came back
        // anywhere from before the notifier's flush to after the figures, so the figure measured the scheduling.
        var service = new ActivityService(_factory, _time, new Published(notifier, () => Interlocked.Exchange(ref savedAt, clock.Elapsed.Ticks)), new PeriodLock());
        int agencyId, channelId, objectiveId, themeId;
        int maxId;
        await using (var db = await _factory.CreateDbContextAsync())
        {
            agencyId = await db.Agencies.Where(a => a.Code == "STP").Select(a => a.Id).FirstAsync();
            channelId = await db.Channels.Where(c => c.Code == "BAO").Select(c => c.Id).FirstAsync();
            objectiveId = await db.Objectives.OrderBy(o => o.SortOrder).Select(o => o.Id).FirstAsync();
            themeId = await db.Themes.OrderBy(o => o.SortOrder).Select(o => o.Id).FirstAsync();
            maxId = await db.Activities.MaxAsync(a => (int?)a.Id) ?? 0;
        }
        var officer = new CurrentUser("bench-officer", "tuphap", [Roles.AgencyOfficer], agencyId);
        _ = await queries.GetOverviewAsync(Monitor, Quarter);

        var latencies = new ConcurrentBag<double>();
        CountdownEvent? pending = null;
        var subscriptions = Enumerable.Range(0, subscribers).Select(_ => notifier.Subscribe(async change =>
        {
            var overview = await queries.GetOverviewAsync(Monitor, Quarter);
            GC.KeepAlive(overview);
            latencies.Add((clock.Elapsed.Ticks - Interlocked.Read(ref savedAt)) / (double)TimeSpan.TicksPerSecond);
            pending!.Signal();
        })).ToList();
        try
        {
            for (var i = 0; i < saves; i++)
            {
                pending = new CountdownEvent(subscribers);
                await service.CreateAsync(officer, new ActivityInput
                {
                    ChannelId = channelId,
                    Title = $"Tin bài đo thời gian thông báo {i}",
                    StartDate = DataGenerator.Today.AddDays(-1),
                    Quantity = 1,
                    ObjectiveIds = [objectiveId],
                    ThemeIds = [themeId],
                });
                if (!await Task.Run(() => pending.Wait(TimeSpan.FromMinutes(2))))
                    throw new TimeoutException("Not every subscriber refreshed within two minutes.");
            }
        }
        finally
        {
            foreach (var subscription in subscriptions) subscription.Dispose();
            await RemoveAfterAsync(maxId);
        }
        var values = latencies.ToList();
        var p95 = Timing.Percentile(values, 0.95);
        return new Result($"notify: a save reaches {subscribers} overviews (p95; median {Timing.Median(values) * 1000:F0} ms)", scale,
            new Sample(p95, null), null, "p95 < 500 ms", p95 < 0.5,
            $"includes the notifier's {InProcessDataChangeNotifier.QuietPeriod.TotalMilliseconds:F0} ms quiet period; {saves} saves × {subscribers} overviews (quarter)");
    }

    /// <summary>Untimed runs before the measured ones, at most (each child usually settles within a few).</summary>
    private const int MaxWarmRuns = 8;

    /// <summary>Run inside a child process: one workbook writer, prints its median time and the process's peak memory.</summary>
    public static async Task<int> RunWorkbookChildAsync(BenchDatabase database, string writer, int runs)
    {
        var time = new FixedTime(DataGenerator.Today);
        var queries = new OverviewService(database.Factory(), time);
        var builder = new ConsolidatedReportBuilder(database.Factory(), queries, time);
        var rows = 0;
        async Task Once()
        {
            await using var output = new FileStream(Path.Combine(Path.GetTempPath(), $"commsplan-bench-{Guid.NewGuid():N}.xlsx"),
                FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81_920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            if (writer == "commsplan")
            {
                rows = (await builder.WriteAsync(Monitor, Year, MonitoringScope.Province, output)).DetailRows;
                return;
            }
            await using var connection = database.Open();
            rows = await BaselineWorkbook.WriteAsync(connection, Year.From, Year.To, output);
        }
        // As after a start: the app has built its EF model and queried the database, the baseline opened its driver.
        if (writer == "commsplan")
        {
            await using var db = await database.Factory().CreateDbContextAsync();
            _ = await db.Plans.AnyAsync();
        }
        else
        {
            await using var connection = database.Open();
        }
        // The first run pays the JIT of everything it touches (the app: its overview queries, ClosedXML, the stream; the
        // baseline: its query and writer): what the first report after a start costs, timed apart. The tiered JIT then
        // goes on recompiling the hot part of that code in the background for a few more runs (far more code for the
        // app than for the baseline), so runs go on untimed until one spends under a tenth of its time compiling; the
        // measure is the median of the runs after that, what a report costs a running server.
        var first = Stopwatch.StartNew();
        await Once();
        first.Stop();
        var warm = 1;
        for (; warm < MaxWarmRuns; warm++)
        {
            var compiling = System.Runtime.JitInfo.GetCompilationTime();
            var run = Stopwatch.StartNew();
            await Once();
            if ((System.Runtime.JitInfo.GetCompilationTime() - compiling).TotalSeconds < 0.1 * run.Elapsed.TotalSeconds) break;
        }
        var sample = await Timing.MedianAsync(runs, Once, warmUp: false);
        using var self = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT {sample.Seconds} {ProcessMemory.PeakMb(self.Id)} {rows} {first.Elapsed.TotalSeconds} {warm + 1}"));
        return 0;
    }

    private async Task<(Sample Median, double FirstSeconds, int UntimedRuns)> ChildAsync(string command, string writer)
    {
        var (executable, prefix) = Self();
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in prefix) start.ArgumentList.Add(a);
        foreach (var a in new[] { "--child", command, database.Provider.ToString(), database.ConnectionString, writer, workbookRuns.ToString(CultureInfo.InvariantCulture) }) start.ArgumentList.Add(a);
        using var child = Process.Start(start) ?? throw new InvalidOperationException("Could not start the child process.");
        var output = await child.StandardOutput.ReadToEndAsync();
        var error = await child.StandardError.ReadToEndAsync();
        await child.WaitForExitAsync();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The {writer} child failed: {output}{error}");
        var parts = line.Split(' ');
        log(string.Create(CultureInfo.InvariantCulture, $"  {writer}: {parts[3]} rows"));
        return (new Sample(double.Parse(parts[1], CultureInfo.InvariantCulture), double.Parse(parts[2], CultureInfo.InvariantCulture), "peak RSS"),
            double.Parse(parts[4], CultureInfo.InvariantCulture), int.Parse(parts[5], CultureInfo.InvariantCulture));
    }

    /// <summary>How to start this program again: its apphost, or dotnet with its dll.</summary>
    internal static (string Executable, string[] Prefix) Self()
    {
        var path = Environment.ProcessPath!;
        return Path.GetFileNameWithoutExtension(path) == "dotnet"
            ? (path, [typeof(Scenarios).Assembly.Location])
            : (path, []);
    }

    private static byte[] ImportFile(byte[] template, int count)
    {
        using var workbook = new XLWorkbook(new MemoryStream(template));
        var sheet = workbook.Worksheet(ActivitySheet.SheetName);
        var columns = new Dictionary<string, int>();
        var lastColumn = sheet.Row(1).LastCellUsed().Address.ColumnNumber;
        for (var c = 1; c <= lastColumn; c++) columns[sheet.Cell(1, c).GetString()] = c;
        var random = new Random(10_000);
        string[] channels = ["BAO", "HOINGHI", "TOROI", "PANO", "TAPHUAN"];
        for (var i = 0; i < count; i++)
        {
            var row = i + 2;
            var channel = channels[i % channels.Length];
            sheet.Cell(row, columns[ActivitySheet.Channel]).SetValue(channel);
            sheet.Cell(row, columns[ActivitySheet.Title]).SetValue($"Hoạt động nhập từ tệp số {i + 1} về cải cách thủ tục hành chính");
            sheet.Cell(row, columns[ActivitySheet.StartDate]).Value = new DateTime(DataGenerator.Year, 1, 1).AddDays(random.Next(360));
            sheet.Cell(row, columns[ActivitySheet.Quantity]).Value = random.Next(1, 5);
            if (channel is "HOINGHI" or "TAPHUAN") sheet.Cell(row, columns[ActivitySheet.SecondMeasure]).Value = random.Next(20, 300);
            sheet.Cell(row, columns[ActivitySheet.Objectives]).SetValue(random.Next(2) == 0 ? "MĐ1" : "MĐ2, MĐ3");
            sheet.Cell(row, columns[ActivitySheet.Themes]).SetValue(random.Next(2) == 0 ? "ND2" : "ND1, ND4");
            sheet.Cell(row, columns[ActivitySheet.Cost]).Value = random.Next(1, 50) * 100_000;
        }
        using var output = new MemoryStream();
        workbook.SaveAs(output);
        return output.ToArray();
    }

    private async Task RemoveAfterAsync(int maxId)
    {
        await using var db = await _factory.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        // Deleted without the change tracker, so the monitoring figures are moved back first, in the same transaction.
        var ids = await db.Activities.Where(a => a.Id > maxId).Select(a => a.Id).ToListAsync();
        await CommsPlan.Core.Activities.Figures.ActivityFigures.SubtractAsync(db, ids);
        // One text for both engines; the CASE keeps PostgreSQL from casting other entities' keys, whatever order it filters in.
        await db.Database.ExecuteSqlAsync($"""
            DELETE FROM "ActivityObjectives" WHERE "ActivityId" > {maxId};
            DELETE FROM "ActivityThemes" WHERE "ActivityId" > {maxId};
            DELETE FROM "AuditEntries" WHERE CASE WHEN "EntityType" = 'Activity' THEN CAST("EntityId" AS INTEGER) END > {maxId};
            DELETE FROM "Activities" WHERE "Id" > {maxId};
            """);
        await transaction.CommitAsync();
    }

    private DbConnection Open() => database.Open();

    /// <summary>The app's notifier, telling the benchmark when a change is published.</summary>
    private sealed class Published(IDataChangeNotifier inner, Action onPublished) : IDataChangeNotifier
    {
        public void NotifyChanged(DataChange change)
        {
            onPublished();
            inner.NotifyChanged(change);
        }

        public IDisposable Subscribe(Func<DataChange, Task> onChanged) => inner.Subscribe(onChanged);
    }

    private sealed class NoNotifier : IDataChangeNotifier
    {
        public void NotifyChanged(DataChange change) { }

        public IDisposable Subscribe(Func<DataChange, Task> onChanged) => new Empty();

        private sealed class Empty : IDisposable
        {
            public void Dispose() { }
        }
    }
}
