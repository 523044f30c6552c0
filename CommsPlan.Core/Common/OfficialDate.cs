using System.Globalization;

namespace CommsPlan.Core.Common;

/// <summary>
/// Dates as Vietnamese official documents write them (Decree 30/2020, appendix I): a day below 10 and the
/// months 1 and 2 take a leading zero, nothing else does — "05/01/2021", "14/3/2021", "15/12/2020".
/// </summary>
public static class OfficialDate
{
    /// <summary>"14/3/2021".</summary>
    public static string ToOfficialString(this DateOnly date) => $"{DayMonth(date)}/{date.Year}";

    /// <summary>"14/3" — day and month only, for ranges inside one year.</summary>
    public static string DayMonth(this DateOnly date) => $"{Day(date.Day)}/{Month(date.Month)}";

    /// <summary>The month as written after "tháng": "01", "02", "3" … "12".</summary>
    public static string Month(int month) => month.ToString(month <= 2 ? "00" : "0", CultureInfo.InvariantCulture);

    private static string Day(int day) => day.ToString(day < 10 ? "00" : "0", CultureInfo.InvariantCulture);

    /// <summary>"15/12/2020 – 14/3/2021" across years, "01/01 – 31/3/2021" inside one.</summary>
    public static string Range(DateOnly from, DateOnly to) =>
        from.Year == to.Year ? $"{DayMonth(from)} – {ToOfficialString(to)}" : $"{ToOfficialString(from)} – {ToOfficialString(to)}";
}
