using System.Globalization;

namespace CommsPlan.Dashboard.Components.Shared;

/// <summary>Numbers, money, shares and dates as Vietnamese users read them, whatever the thread's culture.</summary>
public static class Vn
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>1.234.567</summary>
    public static string Number(long value) => value.ToString("N0", Culture);

    /// <summary>1.234,5</summary>
    public static string Decimal(double value, int digits = 1) => value.ToString("N" + digits, Culture);

    /// <summary>12.500.000 đồng</summary>
    public static string Money(long dong) => $"{Number(dong)} đồng";

    /// <summary>
    /// 85%, or a dash when there is nothing to divide by. Rounded down, so 69,6% never reads "70%" beside a
    /// "Rất chậm" chip, nor 99,6% "100%" beside "Chậm".
    /// </summary>
    public static string Percent(double? share) =>
        share is null ? "—" : $"{Math.Floor(share.Value * 100 + 1e-9).ToString("N0", Culture)}%";

    /// <summary>20/10/2021</summary>
    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string Date(DateOnly? date, string none) => date is null ? none : Date(date.Value);

    /// <summary>A stored UTC instant in the province's time: 14:05 20/10/2021.</summary>
    public static string Time(DateTime utc) => CommsPlan.Core.Common.VietnameseFormat.Time(utc);
}
