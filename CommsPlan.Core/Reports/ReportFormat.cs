using System.Globalization;

namespace CommsPlan.Core.Reports;

/// <summary>
/// Numbers as Vietnamese documents write them ("1.234.567"), independent of the machine's culture data:
/// a server in invariant-globalization mode must still write a report the way officials read it.
/// </summary>
public static class ReportFormat
{
    private static readonly NumberFormatInfo Vietnamese = new()
    {
        NumberGroupSeparator = ".",
        NumberDecimalSeparator = ",",
        NegativeSign = "-",
    };

    /// <summary>"1.234".</summary>
    public static string Number(long value) => value.ToString("#,##0", Vietnamese);
}
