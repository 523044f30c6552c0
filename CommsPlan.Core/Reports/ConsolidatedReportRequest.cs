using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using CommsPlan.Core.Access;
using CommsPlan.Core.Monitoring;
using CommsPlan.Core.ReportingCycle;

namespace CommsPlan.Core.Reports;

/// <summary>
/// What the consolidated report is asked for, as the download link carries it:
/// <c>from=yyyy-MM-dd&amp;to=yyyy-MM-dd[&amp;agency=CODE][&amp;group=Provincial|District|Media][&amp;plan=YYYY]</c>.
/// A range that is exactly one of the named periods of its year (Quý I/2021…) is reported under that name.
/// Without a plan year the report is of the plan whose period contains <c>to</c>.
/// </summary>
public sealed record ConsolidatedReportRequest(ReportingPeriod Period, MonitoringScope Scope)
{
    private const string DateFormat = "yyyy-MM-dd";

    /// <summary>The longest report number accepted: a registry number, never more than a few digits.</summary>
    public const int MaxNumberLength = 6;

    /// <summary>
    /// The report's number in the issuer's registry ("125" of 125/BC-VPUBND), when the clerk has given one; the papers
    /// then say which report they go with. Digits only.
    /// </summary>
    public string? Number { get; init; }

    /// <summary>The plan year reported on (<c>plan=2022</c>); null for the plan whose period contains the period's end.</summary>
    public int? PlanYear { get; init; }

    /// <summary>The query string of the download link, without the leading "?".</summary>
    public string ToQueryString()
    {
        var query = string.Create(CultureInfo.InvariantCulture, $"from={Period.From:yyyy-MM-dd}&to={Period.To:yyyy-MM-dd}");
        if (Scope.AgencyCode is { } agency) query += "&agency=" + Uri.EscapeDataString(agency);
        else if (Scope.Group is { } group) query += "&group=" + group;
        if (Number is { } number) query += "&number=" + Uri.EscapeDataString(number);
        if (PlanYear is { } plan) query += string.Create(CultureInfo.InvariantCulture, $"&plan={plan}");
        return query;
    }

    /// <summary>Reads the link's parameters; on failure <paramref name="error"/> says in Vietnamese what is wrong.</summary>
    public static bool TryParse(string? from, string? to, string? agency, string? group,
        [NotNullWhen(true)] out ConsolidatedReportRequest? request, [NotNullWhen(false)] out string? error) =>
        TryParse(from, to, agency, group, null, out request, out error);

    /// <summary>Reads the link's parameters with the report number; on failure <paramref name="error"/> says in Vietnamese what is wrong.</summary>
    public static bool TryParse(string? from, string? to, string? agency, string? group, string? number,
        [NotNullWhen(true)] out ConsolidatedReportRequest? request, [NotNullWhen(false)] out string? error) =>
        TryParse(from, to, agency, group, number, null, out request, out error);

    /// <summary>Reads the link's parameters with the report number and the plan year; on failure <paramref name="error"/> says in Vietnamese what is wrong.</summary>
    public static bool TryParse(string? from, string? to, string? agency, string? group, string? number, string? plan,
        [NotNullWhen(true)] out ConsolidatedReportRequest? request, [NotNullWhen(false)] out string? error)
    {
        request = null;
        if (string.IsNullOrWhiteSpace(from) || string.IsNullOrWhiteSpace(to))
        {
            error = "Thiếu ngày bắt đầu (from) hoặc ngày kết thúc (to) của kỳ báo cáo, định dạng yyyy-MM-dd, ví dụ from=2020-12-15&to=2021-03-14.";
            return false;
        }
        if (!TryDate(from, out var start))
        {
            error = $"Ngày bắt đầu “{from}” không hợp lệ; dùng định dạng yyyy-MM-dd, ví dụ 2020-12-15.";
            return false;
        }
        if (!TryDate(to, out var end))
        {
            error = $"Ngày kết thúc “{to}” không hợp lệ; dùng định dạng yyyy-MM-dd, ví dụ 2021-03-14.";
            return false;
        }
        if (end < start)
        {
            error = "Ngày kết thúc của kỳ báo cáo phải bằng hoặc sau ngày bắt đầu.";
            return false;
        }
        if (start.Year < 2000 || end.Year > 2100)
        {
            error = "Kỳ báo cáo phải nằm trong khoảng năm 2000 – 2100.";
            return false;
        }

        MonitoringScope scope;
        var hasAgency = !string.IsNullOrWhiteSpace(agency);
        var hasGroup = !string.IsNullOrWhiteSpace(group);
        if (hasAgency && hasGroup)
        {
            error = "Chỉ chọn một phạm vi: một cơ quan, đơn vị (agency) hoặc một nhóm cơ quan (group), không chọn cả hai.";
            return false;
        }
        if (hasAgency)
        {
            scope = MonitoringScope.ForAgency(agency!.Trim());
        }
        else if (hasGroup)
        {
            if (!TryGroup(group!, out var parsed))
            {
                error = $"Nhóm cơ quan “{group}” không hợp lệ; dùng Provincial (Sở, ban, ngành), District (UBND cấp huyện) hoặc Media (Báo chí).";
                return false;
            }
            scope = MonitoringScope.ForGroup(parsed);
        }
        else
        {
            scope = MonitoringScope.Province;
        }

        if (!TryNumber(number, out var parsedNumber, out error)) return false;
        if (!TryPlanYear(plan, out var planYear, out error)) return false;

        request = new ConsolidatedReportRequest(PeriodFor(start, end), scope) { Number = parsedNumber, PlanYear = planYear };
        error = null;
        return true;
    }

    /// <summary>A plan year as a link carries it: empty for the default, else four digits (2022).</summary>
    public static bool TryPlanYear(string? text, out int? year, [NotNullWhen(false)] out string? error)
    {
        year = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed is < 2000 or > 2100)
        {
            error = $"Năm kế hoạch “{text.Trim()}” không hợp lệ; dùng năm bốn chữ số, ví dụ plan=2022.";
            return false;
        }
        year = parsed;
        return true;
    }

    /// <summary>A report number as typed: empty for none, else 1–6 digits without leading zeros' meaning ("0125" is 125).</summary>
    public static bool TryNumber(string? text, out string? number, [NotNullWhen(false)] out string? error)
    {
        number = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var trimmed = text.Trim();
        if (trimmed.Length > MaxNumberLength || !trimmed.All(char.IsAsciiDigit) || trimmed.All(c => c == '0'))
        {
            error = $"Số báo cáo “{trimmed}” không hợp lệ: chỉ gồm chữ số, tối đa {MaxNumberLength} chữ số, ví dụ 125.";
            return false;
        }
        number = trimmed.TrimStart('0');
        return true;
    }

    /// <summary>The named period of the year that is exactly this range (Quý I/2021, 6 tháng…), or a custom one.</summary>
    public static ReportingPeriod PeriodFor(DateOnly from, DateOnly to) =>
        ReportingPeriods.ForYear(to.Year).FirstOrDefault(p => p.From == from && p.To == to)
        ?? ReportingPeriods.Custom(from, to);

    private static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static bool TryGroup(string text, out AgencyGroup group)
    {
        // Names only: Enum.TryParse would also take "7" or "1,2".
        foreach (var value in Enum.GetValues<AgencyGroup>())
        {
            if (string.Equals(value.ToString(), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                group = value;
                return true;
            }
        }
        group = default;
        return false;
    }
}
