using CommsPlan.Core.Access;
using CommsPlan.Core.Common;

namespace CommsPlan.Core.ReportingCycle;

/// <summary>
/// Which periods agencies report on and how a report moves: one period report per Decree 09/2019 quarter
/// (docs/decisions/0006-period-reports.md); the 6-month, 9-month and annual reports are unions of quarters closing on the
/// same cut-off days, consolidated by the Office from the quarters' reports.
/// </summary>
public static class PeriodReportRules
{
    /// <summary>The periods a report is due for in <paramref name="year"/>: Quý I–IV.</summary>
    public static IReadOnlyList<ReportingPeriod> PeriodsOf(int year) =>
        [.. Enumerable.Range(1, 4).Select(q => ReportingPeriods.DecreeQuarter(year, q))];

    /// <summary>The report period an activity dated <paramref name="date"/> belongs to (and is locked with).</summary>
    public static ReportingPeriod PeriodContaining(DateOnly date) => ReportingPeriods.DecreeQuarterContaining(date);

    public static bool IsReportPeriod(ReportingPeriod period) => period.Kind == ReportingPeriodKind.DecreeQuarter;

    /// <summary>The report period <paramref name="key"/> names, or null when it names no quarter.</summary>
    public static ReportingPeriod? Find(string? key) =>
        ReportingPeriods.TryParse(key, out var period) && IsReportPeriod(period) ? period : null;

    /// <summary>The report periods lying wholly inside <paramref name="period"/>: Quý I and II for 6 tháng đầu năm.</summary>
    public static IReadOnlyList<ReportingPeriod> PeriodsWithin(ReportingPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return [.. Enumerable.Range(period.From.Year, period.To.Year - period.From.Year + 2)
            .Where(y => y is >= 2000 and <= 2100)
            .SelectMany(PeriodsOf)
            .Where(q => q.From >= period.From && q.To <= period.To)];
    }

    /// <summary>The status a report moves to when <paramref name="action"/> is taken in <paramref name="from"/>; null when refused.</summary>
    public static PeriodReportStatus? Next(PeriodReportStatus from, PeriodReportAction action) => (from, action) switch
    {
        (PeriodReportStatus.NotSent or PeriodReportStatus.SentBack, PeriodReportAction.Submit) => PeriodReportStatus.Submitted,
        (PeriodReportStatus.Submitted, PeriodReportAction.Accept) => PeriodReportStatus.Accepted,
        // The Office may reopen an accepted report too: an error found later is corrected by the agency, not by hand.
        (PeriodReportStatus.Submitted or PeriodReportStatus.Accepted, PeriodReportAction.SendBack) => PeriodReportStatus.SentBack,
        _ => null,
    };

    /// <summary>Whether the user's role allows <paramref name="action"/> on the agency's report (its state aside).</summary>
    public static bool MayAct(CurrentUser user, int agencyId, PeriodReportAction action)
    {
        ArgumentNullException.ThrowIfNull(user);
        return action == PeriodReportAction.Submit ? user.CanWrite(agencyId) : user.IsMonitor;
    }

    /// <summary>
    /// Why an activity of a locked period cannot change: "Kỳ báo cáo Quý I/2021 đã gửi ngày 18/3/2021 (tuphap); đề nghị
    /// Văn phòng UBND tỉnh trả lại để sửa".
    /// </summary>
    public static string LockReason(ReportingPeriod period, PeriodReportStatus status, DateOnly? submittedOn, string? submittedBy,
        DateOnly? reviewedOn, string? reviewedBy)
    {
        ArgumentNullException.ThrowIfNull(period);
        var what = status == PeriodReportStatus.Accepted && reviewedOn is { } accepted
            ? $"đã được Văn phòng UBND tỉnh duyệt ngày {accepted.ToOfficialString()} ({reviewedBy})"
            : $"đã gửi ngày {submittedOn?.ToOfficialString()} ({submittedBy})";
        return $"Kỳ báo cáo {period.Title} {what}; đề nghị Văn phòng UBND tỉnh trả lại để sửa";
    }
}

/// <summary>What a user does to a period report.</summary>
public enum PeriodReportAction
{
    /// <summary>Gửi báo cáo: the agency's officer.</summary>
    Submit,
    /// <summary>Duyệt: a monitoring officer of the Office.</summary>
    Accept,
    /// <summary>Trả lại, with a comment: a monitoring officer of the Office.</summary>
    SendBack,
}

public static class PeriodReportActionExtensions
{
    public static string Verb(this PeriodReportAction action) => action switch
    {
        PeriodReportAction.Submit => "gửi",
        PeriodReportAction.Accept => "duyệt",
        PeriodReportAction.SendBack => "trả lại",
        _ => action.ToString(),
    };
}
