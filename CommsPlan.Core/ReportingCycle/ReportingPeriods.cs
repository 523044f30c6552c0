using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CommsPlan.Core.ReportingCycle;

/// <summary>
/// Builds and parses reporting periods: the windows of Decree 09/2019/NĐ-CP art. 12 (a quarter runs from the
/// 15th of the month before it to the 14th of its last month; the 6-month, 9-month and annual reports start
/// on 15/12 of the year before), calendar quarters, months and custom ranges.
/// </summary>
public static partial class ReportingPeriods
{
    /// <summary>Day of the month a Decree 09 window closes on; the next window opens the day after.</summary>
    public const int CutOffDay = 14;

    private const string CustomPrefix = "custom:";
    private static readonly string[] Roman = ["I", "II", "III", "IV"];

    /// <summary>Decree quarter <paramref name="quarter"/> of <paramref name="year"/>: Q1 2021 = 15/12/2020 – 14/03/2021.</summary>
    public static ReportingPeriod DecreeQuarter(int year, int quarter)
    {
        CheckYear(year);
        ArgumentOutOfRangeException.ThrowIfLessThan(quarter, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quarter, 4);
        var lastMonth = quarter * 3;
        return new($"{year}-Q{quarter}", ReportingPeriodKind.DecreeQuarter, year, quarter,
            DecreeStart(year, lastMonth - 3), new DateOnly(year, lastMonth, CutOffDay), $"Quý {Roman[quarter - 1]}/{year}");
    }

    /// <summary>6 tháng đầu năm: 15/12 of the year before – 14/06.</summary>
    public static ReportingPeriod DecreeHalfYear(int year)
    {
        CheckYear(year);
        return new($"{year}-H1", ReportingPeriodKind.DecreeHalfYear, year, null,
            DecreeStart(year, 0), new DateOnly(year, 6, CutOffDay), $"6 tháng đầu năm {year}");
    }

    /// <summary>9 tháng: 15/12 of the year before – 14/09.</summary>
    public static ReportingPeriod DecreeNineMonths(int year)
    {
        CheckYear(year);
        return new($"{year}-9M", ReportingPeriodKind.DecreeNineMonths, year, null,
            DecreeStart(year, 0), new DateOnly(year, 9, CutOffDay), $"9 tháng năm {year}");
    }

    /// <summary>Cả năm: 15/12 of the year before – 14/12.</summary>
    public static ReportingPeriod DecreeYear(int year)
    {
        CheckYear(year);
        return new($"{year}-Y", ReportingPeriodKind.DecreeYear, year, null,
            DecreeStart(year, 0), new DateOnly(year, 12, CutOffDay), $"Năm {year}");
    }

    /// <summary>Calendar quarter: Q1 = 01/01 – 31/3.</summary>
    public static ReportingPeriod CalendarQuarter(int year, int quarter)
    {
        CheckYear(year);
        ArgumentOutOfRangeException.ThrowIfLessThan(quarter, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quarter, 4);
        var from = new DateOnly(year, quarter * 3 - 2, 1);
        return new($"{year}-CQ{quarter}", ReportingPeriodKind.CalendarQuarter, year, quarter,
            from, from.AddMonths(3).AddDays(-1), $"Quý {Roman[quarter - 1]}/{year} theo năm dương lịch");
    }

    public static ReportingPeriod Month(int year, int month)
    {
        CheckYear(year);
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        var from = new DateOnly(year, month, 1);
        return new(string.Create(CultureInfo.InvariantCulture, $"{year}-M{month:00}"), ReportingPeriodKind.Month, year, month,
            from, from.AddMonths(1).AddDays(-1), $"Tháng {Common.OfficialDate.Month(month)}/{year}");
    }

    /// <summary>Any range of days, both ends inclusive.</summary>
    public static ReportingPeriod Custom(DateOnly from, DateOnly to)
    {
        if (to < from) throw new ArgumentException("The end of a period cannot be before its start.", nameof(to));
        CheckYear(from.Year);
        CheckYear(to.Year);
        var key = string.Create(CultureInfo.InvariantCulture, $"{CustomPrefix}{from:yyyy-MM-dd}:{to:yyyy-MM-dd}");
        return new(key, ReportingPeriodKind.Custom, to.Year, null, from, to, "Tùy chọn");
    }

    /// <summary>The seven Decree 09 windows of a year: four quarters, six months, nine months, the year.</summary>
    public static IReadOnlyList<ReportingPeriod> DecreePeriods(int year) =>
        [DecreeQuarter(year, 1), DecreeQuarter(year, 2), DecreeQuarter(year, 3), DecreeQuarter(year, 4),
         DecreeHalfYear(year), DecreeNineMonths(year), DecreeYear(year)];

    public static IReadOnlyList<ReportingPeriod> CalendarQuarters(int year) =>
        [.. Enumerable.Range(1, 4).Select(q => CalendarQuarter(year, q))];

    public static IReadOnlyList<ReportingPeriod> Months(int year) =>
        [.. Enumerable.Range(1, 12).Select(m => Month(year, m))];

    /// <summary>Every named period of a year, in the order a selector lists them.</summary>
    public static IReadOnlyList<ReportingPeriod> ForYear(int year) => [.. DecreePeriods(year), .. CalendarQuarters(year), .. Months(year)];

    /// <summary>The Decree quarter <paramref name="date"/> falls in: 20/12/2021 is in Quý I/2022.</summary>
    public static ReportingPeriod DecreeQuarterContaining(DateOnly date)
    {
        // Shift by the days after the cut-off so the 15th of a quarter's last month lands in the next quarter.
        var shifted = date.Day > CutOffDay ? date.AddMonths(1) : date;
        return DecreeQuarter(shifted.Year, (shifted.Month - 1) / 3 + 1);
    }

    /// <summary>
    /// The period a page opens on: the Decree quarter containing <paramref name="today"/> when it reports on the
    /// plan's year; before the plan's year its first quarter, after it the whole year.
    /// </summary>
    public static ReportingPeriod DefaultFor(DateOnly today, int planYear)
    {
        var quarter = DecreeQuarterContaining(today);
        if (quarter.Year == planYear) return quarter;
        return quarter.Year < planYear ? DecreeQuarter(planYear, 1) : DecreeYear(planYear);
    }

    /// <summary>The period <paramref name="key"/> names, or <see cref="DefaultFor"/> when it is missing or not a key.</summary>
    public static ReportingPeriod FromKeyOrDefault(string? key, DateOnly today, int planYear) =>
        TryParse(key, out var period) ? period : DefaultFor(today, planYear);

    /// <summary>The period a key names; throws <see cref="FormatException"/> for anything else.</summary>
    public static ReportingPeriod Parse(string key) =>
        TryParse(key, out var period) ? period : throw new FormatException($"'{key}' is not a reporting period key.");

    public static bool TryParse([NotNullWhen(true)] string? key, [NotNullWhen(true)] out ReportingPeriod? period)
    {
        period = null;
        if (string.IsNullOrWhiteSpace(key)) return false;
        key = key.Trim();
        if (key.StartsWith(CustomPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var parts = key[CustomPrefix.Length..].Split(':');
            if (parts.Length != 2
                || !DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
                || !DateOnly.TryParseExact(parts[1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to)
                || to < from || !IsSupportedYear(from.Year) || !IsSupportedYear(to.Year))
                return false;
            period = Custom(from, to);
            return true;
        }

        var match = KeyPattern().Match(key);
        if (!match.Success) return false;
        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (!IsSupportedYear(year)) return false;
        var number = match.Groups["number"].Success ? int.Parse(match.Groups["number"].Value, CultureInfo.InvariantCulture) : 0;
        period = match.Groups["kind"].Value.ToUpperInvariant() switch
        {
            "Q" when number is >= 1 and <= 4 => DecreeQuarter(year, number),
            "CQ" when number is >= 1 and <= 4 => CalendarQuarter(year, number),
            "M" when number is >= 1 and <= 12 => Month(year, number),
            "H" when number == 1 => DecreeHalfYear(year),
            "9M" when !match.Groups["number"].Success => DecreeNineMonths(year),
            "Y" when !match.Groups["number"].Success => DecreeYear(year),
            _ => null,
        };
        return period is not null;
    }

    [GeneratedRegex(@"^(?<year>\d{4})-(?<kind>CQ|Q|M|H|9M|Y)(?<number>\d{1,2})?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    /// <summary>15th of the month after <paramref name="monthBefore"/> months into the year: 0 → 15/12 of the year before.</summary>
    private static DateOnly DecreeStart(int year, int monthBefore) =>
        new DateOnly(year, 1, CutOffDay + 1).AddMonths(monthBefore - 1);

    private static bool IsSupportedYear(int year) => year is >= 2000 and <= 2100;

    private static void CheckYear(int year)
    {
        if (!IsSupportedYear(year)) throw new ArgumentOutOfRangeException(nameof(year), year, "Year must be between 2000 and 2100.");
    }
}
