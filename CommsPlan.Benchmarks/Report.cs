using System.Globalization;

namespace CommsPlan.Benchmarks;

/// <summary>The one table the benchmark prints, as Markdown so it goes into docs/performance.md as is.</summary>
public static class Report
{
    public static void Print(TextWriter output, IReadOnlyList<Result> results)
    {
        output.WriteLine("| measure | scale | CommsPlan (median) | CommsPlan memory | baseline (median) | baseline memory | ratio | goal | met |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---|---|");
        foreach (var r in results)
        {
            var ratio = r.Ratio is { } x ? string.Create(CultureInfo.InvariantCulture, $"{x:F2}×") : "—";
            var met = r.Met switch { true => "yes", false => "**no**", null => "—" };
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Measure} | {(r.Scale > 0 ? r.Scale.ToString("N0", CultureInfo.InvariantCulture) : "—")} | {r.CommsPlan.Time} | {r.CommsPlan.Memory} | {r.Baseline?.Time ?? "—"} | {r.Baseline?.Memory ?? "—"} | {ratio} | {r.Goal} | {met} |"));
        }
        var notes = results.Where(r => r.Note is not null).Select(r => $"{r.Measure}: {r.Note}").Distinct().ToList();
        if (notes.Count == 0) return;
        output.WriteLine();
        foreach (var note in notes) output.WriteLine($"- {note}");
    }
}
