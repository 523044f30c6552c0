using System.Globalization;

namespace CommsPlan.Core.Common;

/// <summary>
/// Numbers and amounts as Vietnamese documents write them ("1.234.567", "3.427.425.000 đồng"), independent of the
/// machine's culture data: a server in invariant-globalization mode must still write what officials read.
/// </summary>
public static class OfficialNumber
{
    private static readonly NumberFormatInfo Vietnamese = new()
    {
        NumberGroupSeparator = ".",
        NumberDecimalSeparator = ",",
        NegativeSign = "-",
    };

    /// <summary>"1.234".</summary>
    public static string Number(long value) => value.ToString("#,##0", Vietnamese);

    /// <summary>"3.427.425.000 đồng".</summary>
    public static string Amount(long dong) => $"{Number(dong)} đồng";

    /// <summary>"85,5" — one decimal where one is wanted, the comma as the decimal separator.</summary>
    public static string Decimal(double value, int decimals = 1) =>
        value.ToString("#,##0." + new string('#', Math.Max(decimals, 1)), Vietnamese);
}
