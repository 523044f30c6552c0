using System.Globalization;
using CommsPlan.Core.Compare;
using CommsPlan.Dashboard.Components.Shared;

namespace CommsPlan.Dashboard.Components.Pages.Compare;

/// <summary>How the comparison's cells read: vi-VN numbers, signed changes, "mới" where a percentage has no base.</summary>
public static class CompareText
{
    /// <summary>A year's figure; empty when the code does not exist that year (or the figure does not apply).</summary>
    public static string Value(long? value) => value is { } v ? Vn.Number(v) : "";

    /// <summary>"+12", "−5", "0"; empty when neither year has the figure.</summary>
    public static string Delta(Change change) => change.Delta switch
    {
        null => "",
        > 0 and var d => "+" + Vn.Number(d),
        < 0 and var d => "−" + Vn.Number(-d),
        _ => "0",
    };

    /// <summary>"+25%", "−3,5%"; "mới" from nothing; "—" when there is nothing to compare.</summary>
    public static string Percent(Change change)
    {
        if (change.Percent is { } p)
        {
            var rounded = Math.Round(p * 100, Math.Abs(p) < 0.1 ? 1 : 0, MidpointRounding.AwayFromZero);
            var text = Math.Abs(rounded).ToString(Math.Abs(p) < 0.1 ? "0.#" : "N0", Vn.Culture);
            return rounded > 0 ? $"+{text}%" : rounded < 0 ? $"−{text}%" : "0%";
        }
        return change.IsNew ? "mới" : change.Delta is null ? "" : "—";
    }

    /// <summary>The CSS class of a change: up, down or none.</summary>
    public static string? Tone(long? delta) => delta switch { > 0 => "up", < 0 => "down", _ => null };

    /// <summary>"3/33 (9%)"; "—" when nothing was due.</summary>
    public static string Share(int part, int whole) =>
        whole == 0 ? "—" : $"{Vn.Number(part)}/{Vn.Number(whole)} ({Vn.Percent((double)part / whole)})";

    /// <summary>"15/12/2020 – 14/12/2021".</summary>
    public static string Days(ComparedYear year) => $"{Vn.Date(year.From)} – {Vn.Date(year.To)}";

    /// <summary>A month on the chart's axis: "T3".</summary>
    public static string Month(DateOnly month) => "T" + month.Month.ToString(CultureInfo.InvariantCulture);
}
