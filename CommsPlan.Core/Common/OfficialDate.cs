using System.Globalization;

namespace CommsPlan.Core.Common;

/// <summary>
/// Dates as Vietnamese official documents write them (Decree 30/2020, appendix I): a day below 10 and the
/// months 1 and 2 take a leading zero, nothing else does — "05/01/2021", "14/3/2021", "15/12/2020"; in words
/// "ngày 05 tháng 02 năm 2021", "ngày 14 tháng 3 năm 2021".
/// </summary>
public static class OfficialDate
{
    /// <summary>"14/3/2021".</summary>
    public static string ToOfficialString(this DateOnly date) => $"{DayMonth(date)}/{Year(date)}";

    /// <summary>"14/3" — day and month only, for ranges inside one year.</summary>
    public static string DayMonth(this DateOnly date) => $"{Day(date.Day)}/{Month(date.Month)}";

    /// <summary>The month as written after "tháng": "01", "02", "3" … "12".</summary>
    public static string Month(int month) => month.ToString(month <= 2 ? "00" : "0", CultureInfo.InvariantCulture);

    /// <summary>The day as written after "ngày": "05", "14".</summary>
    public static string Day(int day) => day.ToString(day < 10 ? "00" : "0", CultureInfo.InvariantCulture);

    /// <summary>"ngày 05 tháng 02 năm 2021": the date line of a document and the date in its sentences.</summary>
    public static string ToOfficialWords(this DateOnly date) =>
        $"ngày {Day(date.Day)} tháng {Month(date.Month)} năm {Year(date)}";

    /// <summary>"Thái Nguyên, ngày 05 tháng 02 năm 2021": the place and date under the national motto.</summary>
    public static string PlaceAndDate(string place, DateOnly date) => $"{place}, {date.ToOfficialWords()}";

    /// <summary>"15/12/2020 – 14/3/2021" across years, "01/01 – 31/3/2021" inside one.</summary>
    public static string Range(DateOnly from, DateOnly to) =>
        from.Year == to.Year ? $"{DayMonth(from)} – {ToOfficialString(to)}" : $"{ToOfficialString(from)} – {ToOfficialString(to)}";

    private static string Year(DateOnly date) => date.Year.ToString(CultureInfo.InvariantCulture);
}
