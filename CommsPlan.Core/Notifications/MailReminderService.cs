using System.Globalization;
using System.Text;
using CommsPlan.Core.Access;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Core.Feedback;
using CommsPlan.Core.Mail;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Core.UnitPlans;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CommsPlan.Core.Notifications;

/// <summary>What one run of the reminders wrote, and the agencies it could not reach ("chưa có email").</summary>
public sealed record ReminderRun(int Mails, IReadOnlyList<string> WithoutEmail)
{
    public static ReminderRun None { get; } = new(0, []);
}

/// <summary>
/// The scheduled mail (docs/decisions/0017-mail-outbox.md): from <see cref="MailOptions.ReminderHour"/> of Vietnam's
/// day, the agencies without a unit plan hear of the NV1 deadline in the 7 days before it and on the day, the agencies
/// that have not sent a quarter's report hear of its due date the same way, and each week the monitors get a digest.
/// Every mail carries a dedup key (the deadline, the reminder, the agency or week, the address), so running again — a
/// minute later, after a restart, on a second instance — writes nothing twice. Days are read from the app's
/// <see cref="TimeProvider"/> (the demo's day, a test's clock).
/// </summary>
public sealed class MailReminderService(IDbContextFactory<CommsPlanDbContext> factory, UnitPlanService unitPlans,
    IOptions<ReportingOptions> reporting, IOptions<MailOptions> mail, TimeProvider time, ILogger<MailReminderService>? logger = null)
{
    /// <summary>The first reminder comes this many days before a deadline.</summary>
    public const int DaysBefore = 7;
    /// <summary>The digest lists difficulties open longer than this many days.</summary>
    public const int OldDifficultyDays = 15;
    public const string CreatedBy = "nhac-han";

    // The scheduler reads every agency, as a monitor does.
    private static readonly CurrentUser Scheduler = new("scheduler", CreatedBy, [Roles.Monitor], null);
    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;

    private int DueDays => Math.Max(0, reporting.Value.DueDays);

    /// <summary>Writes what is due today, if the reminder hour has come; nothing before it.</summary>
    public async Task<ReminderRun> RunAsync(CancellationToken ct = default)
    {
        if (time.VietnamNow().Hour < mail.Value.ReminderHour) return ReminderRun.None;
        var today = time.Today();
        var mails = 0;
        var without = new List<string>();
        await using var db = await factory.CreateDbContextAsync(ct);

        var overview = await unitPlans.GetOverviewAsync(Scheduler, ct);
        if (overview.Deadline is { } deadline && Stage(today, deadline) is { } planStage)
        {
            var missing = overview.Agencies.Where(a => a.UnitPlanId is null).ToList();
            var recipients = await MailRecipients.ForAgenciesAsync(db, [.. missing.Select(a => a.AgencyId)], MailKind.UnitPlanDue, time.GetUtcNow(), ct);
            foreach (var agency in missing)
            {
                if (Skip(recipients[agency.AgencyId], agency.AgencyName, without)) continue;
                mails += await SaveAsync(db, MailKind.UnitPlanDue, $"unit-plan-due:{deadline:yyyy-MM-dd}:{planStage}:{agency.AgencyCode}",
                    recipients[agency.AgencyId], agency.AgencyId, UnitPlanSubject(deadline, today), UnitPlanBody(agency.AgencyName, overview.AssignmentCode!, deadline, today), ct);
            }
        }

        var years = await db.Plans.AsNoTracking().Select(p => p.Year).Distinct().ToListAsync(ct);
        var periods = years.Order().SelectMany(PeriodReportRules.PeriodsOf).Where(p => Stage(today, p.DueDate(DueDays)) is not null).ToList();
        if (periods.Count > 0)
        {
            var agencies = await ReportingStatusQuery.ActiveAgenciesAsync(db, Scheduler, ct);
            var status = await ReportingStatusQuery.LoadAsync(db, agencies, periods, today, DueDays, ct);
            var recipients = await MailRecipients.ForAgenciesAsync(db, [.. agencies.Select(a => a.Id)], MailKind.ReportDue, time.GetUtcNow(), ct);
            foreach (var row in status.Agencies)
            {
                foreach (var report in row.Reports.Where(r => !r.Status.IsIn()))
                {
                    if (Skip(recipients[row.Agency.Id], row.Agency.Name, without)) continue;
                    mails += await SaveAsync(db, MailKind.ReportDue, $"report-due:{report.Period.Key}:{Stage(today, report.DueDate)}:{row.Agency.Code}",
                        recipients[row.Agency.Id], row.Agency.Id, ReportSubject(report.Period, report.DueDate, today),
                        ReportBody(row.Agency.Name, report, today), ct);
                }
            }
        }

        mails += await DigestAsync(db, today, years, ct);
        without = [.. without.Distinct()];
        if (without.Count > 0)
            _logger.LogWarning("Reminders not sent to {Count} agencies without an address (chưa có email): {Agencies}", without.Count, string.Join(", ", without));
        return new ReminderRun(mails, without);
    }

    /// <summary>"d7" in the week before <paramref name="deadline"/> (the first run in it), "d0" on the day, null otherwise.</summary>
    public static string? Stage(DateOnly today, DateOnly deadline) =>
        today == deadline ? "d0" : today < deadline && today >= deadline.AddDays(-DaysBefore) ? "d7" : null;

    private static bool Skip(IReadOnlyList<MailRecipient> recipients, string agency, List<string> without)
    {
        if (recipients.Count > 0) return false;
        without.Add(agency);
        return true;
    }

    private async Task<int> SaveAsync(CommsPlanDbContext db, MailKind kind, string key, IReadOnlyList<MailRecipient> recipients, int? agencyId,
        string subject, string body, CancellationToken ct)
    {
        var added = await AgencyMail.EnqueueAsync(db, kind, key, recipients, agencyId, subject, body, time.GetUtcNow().UtcDateTime, CreatedBy, ct);
        if (added == 0) return 0;
        try
        {
            await db.SaveChangesAsync(ct);
            return added;
        }
        catch (DbUpdateException)
        {
            // Another instance wrote the same keys a moment earlier (the unique index refused ours): it is queued once.
            db.ChangeTracker.Clear();
            return 0;
        }
    }

    private static string DaysLeft(DateOnly deadline, DateOnly today) => today == deadline
        ? "Hôm nay là ngày cuối của thời hạn."
        : $"Còn {(deadline.DayNumber - today.DayNumber).ToString(CultureInfo.InvariantCulture)} ngày đến hạn.";

    public static string UnitPlanSubject(DateOnly deadline, DateOnly today) => today == deadline
        ? $"Hôm nay là hạn ban hành kế hoạch truyền thông của đơn vị (ngày {deadline.ToOfficialString()})"
        : $"Nhắc hạn ban hành kế hoạch truyền thông của đơn vị: hạn ngày {deadline.ToOfficialString()}";

    /// <param name="assignmentCode">The plan's unit-plan assignment as shown (NV1): an agency is bound only when the plan has one.</param>
    public static string UnitPlanBody(string agencyName, string assignmentCode, DateOnly deadline, DateOnly today) =>
        $"Kính gửi: {agencyName}\n\n"
        + $"Theo Kế hoạch truyền thông hỗ trợ hoạt động kiểm soát thủ tục hành chính của UBND tỉnh (nhiệm vụ {assignmentCode}), mỗi cơ quan, "
        + $"đơn vị ban hành kế hoạch truyền thông của đơn vị chậm nhất ngày {deadline.ToOfficialString()}.\n"
        + $"Đến ngày {today.ToOfficialString()}, phần mềm CommsPlan chưa ghi nhận kế hoạch của {agencyName}. {DaysLeft(deadline, today)}\n"
        + "Đề nghị đơn vị ban hành kế hoạch và cập nhật số, ngày văn bản và chỉ tiêu trên phần mềm CommsPlan (mục Kế hoạch đơn vị).\n\n"
        + "Văn phòng UBND tỉnh Thái Nguyên\n" + AgencyMail.OptOutFooter;

    public static string ReportSubject(ReportingPeriod period, DateOnly due, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(period);
        return today == due
            ? $"Hôm nay là hạn gửi báo cáo định kỳ {period.Title} (ngày {due.ToOfficialString()})"
            : $"Nhắc hạn gửi báo cáo định kỳ {period.Title}: hạn ngày {due.ToOfficialString()}";
    }

    private static string ReportBody(string agencyName, PeriodReportCell report, DateOnly today) =>
        $"Kính gửi: {agencyName}\n\n"
        + $"Báo cáo định kỳ {report.Period.Title} ({report.Period.RangeText}) của đơn vị gửi Văn phòng UBND tỉnh "
        + $"chậm nhất ngày {report.DueDate.ToOfficialString()}.\n"
        + (report.Status == PeriodReportStatus.SentBack
            ? $"Báo cáo đã bị trả lại với ý kiến: {report.ReviewComment}\n"
            : $"Đến ngày {today.ToOfficialString()}, đơn vị chưa gửi báo cáo. ")
        + $"{DaysLeft(report.DueDate, today)}\n"
        + "Đề nghị đơn vị cập nhật hoạt động và gửi báo cáo trên phần mềm CommsPlan (mục Báo cáo định kỳ).\n\n"
        + "Văn phòng UBND tỉnh Thái Nguyên\n" + AgencyMail.OptOutFooter;

    /// <summary>The monitors' weekly digest, written once per ISO week (Monday, or the first run after it); none when all is in order.</summary>
    private async Task<int> DigestAsync(CommsPlanDbContext db, DateOnly today, IReadOnlyList<int> years, CancellationToken ct)
    {
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var key = $"digest:{ISOWeek.GetYear(monday.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(monday.ToDateTime(TimeOnly.MinValue)):00}";
        if (await db.OutboxMails.AnyAsync(m => m.DedupKey.StartsWith(key + ":"), ct)) return 0;
        var monitors = await MailRecipients.MonitorsAsync(db, MailKind.WeeklyDigest, time.GetUtcNow(), ct);
        if (monitors.Count == 0) return 0;

        var lines = new List<string>();
        var overview = await unitPlans.GetOverviewAsync(Scheduler, ct);
        foreach (var agency in overview.Agencies.Where(a => a.Status == UnitPlanStatus.Missing))
            lines.Add($"- {agency.AgencyName}: chưa ban hành kế hoạch của đơn vị ({overview.AssignmentCode}{(overview.Deadline is { } d ? $", hạn ngày {d.ToOfficialString()}" : "")})");
        var agencies = await ReportingStatusQuery.ActiveAgenciesAsync(db, Scheduler, ct);
        var status = await ReportingStatusQuery.LoadAsync(db, agencies, [.. years.Order().SelectMany(PeriodReportRules.PeriodsOf)], today, DueDays, ct);
        foreach (var row in status.Agencies)
            foreach (var report in row.Reports.Where(r => r.IsOverdue))
                lines.Add($"- {row.Agency.Name}: chưa gửi báo cáo {report.Period.Title} (hạn ngày {report.DueDate.ToOfficialString()}, quá {(-report.DaysLeft).ToString(CultureInfo.InvariantCulture)} ngày)");
        var overdue = lines.Count;

        var waiting = await db.PeriodReports.AsNoTracking().Where(r => r.Status == PeriodReportStatus.Submitted)
            .OrderBy(r => r.SubmittedOn).ThenBy(r => r.Agency!.SortOrder)
            .Select(r => new { r.Agency!.Name, r.PeriodKey, r.SubmittedOn }).ToListAsync(ct);
        var old = today.AddDays(-OldDifficultyDays);
        var difficulties = await db.Difficulties.AsNoTracking().Where(d => d.Status == DifficultyStatus.Open && d.RaisedOn < old)
            .OrderBy(d => d.RaisedOn).ThenBy(d => d.Id).Select(d => new { Agency = d.Agency!.Name, d.Title, d.RaisedOn }).ToListAsync(ct);
        if (overdue == 0 && waiting.Count == 0 && difficulties.Count == 0) return 0;

        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"Tình hình thực hiện Kế hoạch đến ngày {today.ToOfficialString()}:\n\n");
        body.Append(CultureInfo.InvariantCulture, $"1. Cơ quan, đơn vị chậm thực hiện ({overdue}):\n");
        body.Append(overdue == 0 ? "- Không có.\n" : string.Join('\n', lines) + "\n");
        body.Append(CultureInfo.InvariantCulture, $"\n2. Báo cáo định kỳ chờ duyệt ({waiting.Count}):\n");
        body.Append(waiting.Count == 0 ? "- Không có.\n" : string.Join('\n', waiting.Select(w =>
            $"- {w.Name}: báo cáo {PeriodReportRules.Find(w.PeriodKey)?.Title ?? w.PeriodKey}, gửi ngày {w.SubmittedOn?.ToOfficialString()}")) + "\n");
        body.Append(CultureInfo.InvariantCulture, $"\n3. Khó khăn, vướng mắc chưa trả lời quá {OldDifficultyDays} ngày ({difficulties.Count}):\n");
        body.Append(difficulties.Count == 0 ? "- Không có.\n" : string.Join('\n', difficulties.Select(d =>
            $"- {d.Agency}: {d.Title} (nêu ngày {d.RaisedOn.ToOfficialString()}, {(today.DayNumber - d.RaisedOn.DayNumber).ToString(CultureInfo.InvariantCulture)} ngày)")) + "\n");
        body.Append('\n').Append(AgencyMail.OptOutFooter);
        var subject = $"Tổng hợp tuần từ ngày {monday.ToOfficialString()}: {overdue} việc chậm, {waiting.Count} báo cáo chờ duyệt, "
            + $"{difficulties.Count} khó khăn quá {OldDifficultyDays} ngày";
        return await SaveAsync(db, MailKind.WeeklyDigest, key, monitors, null, subject, body.ToString(), ct);
    }
}
