using System.Globalization;

namespace CommsPlan.Core.Reporting;

/// <summary>
/// Numbers as Vietnamese documents write them ("1.234.567", "12,5%"), independent of the machine's culture data:
/// a server in invariant-globalization mode must still write a report the way officials read it.
/// </summary>
public static class ReportFormat
{
    private static readonly NumberFormatInfo Vietnamese = new()
    {
        NumberGroupSeparator = ".",
        NumberDecimalSeparator = ",",
        PercentGroupSeparator = ".",
        PercentDecimalSeparator = ",",
        NegativeSign = "-",
    };

    /// <summary>"1.234".</summary>
    public static string Number(long value) => value.ToString("#,##0", Vietnamese);

    /// <summary>A share (0.125) as "12,5%"; whole percentages without decimals ("100%").</summary>
    public static string Percent(double share)
    {
        var percent = Math.Round(share * 100, 1, MidpointRounding.AwayFromZero);
        return percent.ToString(percent == Math.Floor(percent) ? "0" : "0.0", Vietnamese) + "%";
    }
}
