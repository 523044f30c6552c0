using System.Diagnostics;
using System.Globalization;

namespace CommsPlan.Benchmarks;

/// <summary>One line of the printed table.</summary>
public sealed record Result(
    string Measure, int Scale, Sample CommsPlan, Sample? Baseline, string Goal, bool? Met, string? Note = null)
{
    public double? Ratio => Baseline is { Seconds: > 0 } b ? CommsPlan.Seconds / b.Seconds : null;
}

/// <summary>A median time and a memory figure with what it means (allocated, peak resident, per circuit…).</summary>
public sealed record Sample(double Seconds, double? MemoryMb, string MemoryKind = "alloc")
{
    public string Time => Seconds switch
    {
        < 1 => string.Create(CultureInfo.InvariantCulture, $"{Seconds * 1000:F1} ms"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Seconds:F2} s"),
    };

    public string Memory => MemoryMb is { } mb ? string.Create(CultureInfo.InvariantCulture, $"{mb:F1} MB {MemoryKind}") : "—";
}

public static class Timing
{
    /// <summary>
    /// Runs <paramref name="action"/> once to warm up (JIT, SQLite page cache) unless told not to, then
    /// <paramref name="runs"/> times; returns the median wall time and the median managed bytes allocated per run.
    /// </summary>
    /// <param name="after">Run after each timed run, untimed (undoing what the action wrote).</param>
    public static async Task<Sample> MedianAsync(int runs, Func<Task> action, bool warmUp = true, Func<Task>? after = null)
    {
        if (warmUp)
        {
            await action();
            if (after is not null) await after();
        }
        var times = new List<double>(runs);
        var allocated = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            await action();
            watch.Stop();
            times.Add(watch.Elapsed.TotalSeconds);
            allocated.Add((GC.GetTotalAllocatedBytes(precise: true) - before) / 1024.0 / 1024.0);
            if (after is not null) await after();
        }
        return new Sample(Median(times), Median(allocated));
    }

    public static double Median(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}

/// <summary>Resident memory from /proc (VmRSS, VmHWM): what the machine actually gives a process.</summary>
public static class ProcessMemory
{
    public static double ResidentMb(int pid) => Field(pid, "VmRSS:");

    public static double PeakMb(int pid) => Field(pid, "VmHWM:");

    private static double Field(int pid, string name)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (!line.StartsWith(name, StringComparison.Ordinal)) continue;
            var kb = long.Parse(line[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            return kb / 1024.0;
        }
        return double.NaN;
    }
}

/// <summary>"Now" fixed on the benchmark's today (the plan's last day), so every run sees the same figures.</summary>
public sealed class FixedTime : TimeProvider
{
    private readonly DateTimeOffset _now;

    public FixedTime(DateOnly today) =>
        _now = new DateTimeOffset(today.ToDateTime(new TimeOnly(3, 0)), TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;
}
