using CommsPlan.Core.Access;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Audit;
using CommsPlan.Core.Changes;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Core.Mail;
using CommsPlan.Core.Monitoring;
using CommsPlan.Core.Plans;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
namespace CommsPlan.Core.ReportingCycle;

/// <summary>
/// The periodic reporting cycle: an agency's officer submits its report on a period (which locks the agency's
/// activities dated in it), a monitoring officer of the Office accepts it or sends it back with a comment (which
/// unlocks them). Everyone with a role reads the reports of the agencies they read; every transition is audited
/// (<see cref="PeriodReport"/> is <see cref="Audit.IAudited"/>) and announced to open pages.
/// </summary>
public sealed class PeriodReportService(
    IDbContextFactory<CommsPlanDbContext> factory, TimeProvider time, IDataChangeNotifier notifier, IOptions<ReportingOptions> options,
    ILogger<PeriodReportService>? logger = null)
{
    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;

    /// <summary>The change kind published after a transition.</summary>
    public const string ChangeKind = "PeriodReport";

    internal const string OfficersOnlyMessage = "Chỉ cán bộ của đơn vị mới gửi báo cáo định kỳ của đơn vị mình.";
    internal const string MonitorsOnlyMessage = "Chỉ cán bộ theo dõi của Văn phòng UBND tỉnh mới duyệt hoặc trả lại báo cáo định kỳ.";
    public const string CommentRequiredMessage = "Nhập ý kiến trả lại để đơn vị biết cần sửa gì.";

    /// <summary>Days after a period's cut-off its report is due (Reporting:DueDays).</summary>
    public int DueDays => Math.Max(0, options.Value.DueDays);

    /// <summary>The plan's year (this year without a plan) with its four periods, for the agencies the user reads.</summary>
    /// <exception cref="AccessDeniedException">The user has no role that reads reports.</exception>
    public async Task<ReportingBoard> GetBoardAsync(CurrentUser user, int? year = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var today = time.Today();
        await using var db = await factory.CreateDbContextAsync(ct);
        var agencies = await ReportingStatusQuery.ActiveAgenciesAsync(db, user, ct);
        var shown = year ?? await PlanYearAsync(db, today, ct);
        var status = await ReportingStatusQuery.LoadAsync(db, agencies, PeriodReportRules.PeriodsOf(shown), today, DueDays, ct);
        return new ReportingBoard(shown, today, DueDays, status);
    }

    /// <summary>One agency's report on a period, with its activities' count and what the user may do.</summary>
    /// <exception cref="NotFoundException">No such agency or period, or the caller may not read the agency.</exception>
    public async Task<PeriodReportDetails> GetAsync(CurrentUser user, int agencyId, string periodKey, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var period = PeriodReportRules.Find(periodKey) ?? throw new NotFoundException();
        var today = time.Today();
        await using var db = await factory.CreateDbContextAsync(ct);
        var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == agencyId)
            .Select(a => new AgencyRef(a.Id, a.Code, a.Name, a.Kind, a.SortOrder)).SingleOrDefaultAsync(ct);
        if (agency is null || !user.CanRead(agencyId)) throw new NotFoundException();

        var status = await ReportingStatusQuery.LoadAsync(db, [agency], [period], today, DueDays, ct);
        var cell = status.Agencies[0].Reports[0];
        var stored = await db.PeriodReports.AsNoTracking().Where(r => r.AgencyId == agencyId && r.PeriodKey == period.Key)
            .Select(r => new { r.Id, r.Commentary }).SingleOrDefaultAsync(ct);
        // The period's plan is the plan of its year: Quý I/2022 opens in December 2021, whose activities are 2021's.
        var planIds = db.Plans.Where(p => p.Year == period.Year).Select(p => p.Id);
        var totals = await db.Activities.AsNoTracking()
            .Where(a => a.AgencyId == agencyId && planIds.Contains(a.Channel!.FormGroup!.PlanId)
                        && a.StartDate >= period.From && a.StartDate <= period.To)
            .GroupBy(a => a.AgencyId)
            .Select(g => new { Count = g.Count(), Cost = g.Sum(a => a.Cost ?? 0) })
            .SingleOrDefaultAsync(ct);

        var mayCommand = PeriodReportRules.Next(cell.Status, PeriodReportAction.Submit) is not null
                         && PeriodReportRules.MayAct(user, agencyId, PeriodReportAction.Submit);
        var blocked = mayCommand && !cell.IsDue ? NotYetDueMessage(period) : null;
        return new PeriodReportDetails(stored?.Id, agency, cell, stored?.Commentary, totals?.Count ?? 0, totals?.Cost ?? 0,
            CanSubmit: mayCommand && cell.IsDue,
            CanAccept: Allowed(user, agencyId, cell.Status, PeriodReportAction.Accept),
            CanSendBack: Allowed(user, agencyId, cell.Status, PeriodReportAction.SendBack),
            SubmitBlockedReason: blocked);
    }

    /// <summary>Gửi báo cáo: the agency's officer sends its report (from "Chưa gửi" or "Trả lại"), locking the period.</summary>
    /// <param name="version">The report's version the officer saw (0 for one never sent).</param>
    /// <exception cref="NotFoundException">No such agency or period, or another agency's officer.</exception>
    /// <exception cref="AccessDeniedException">The caller is not the agency's officer.</exception>
    /// <exception cref="BusinessRuleException">The report is already in, or the period has not reached its cut-off day.</exception>
    /// <exception cref="ConcurrencyConflictException">The report changed after the caller loaded it.</exception>
    /// <exception cref="ValidationException">The commentary is too long.</exception>
    public Task<PeriodReportDetails> SubmitAsync(CurrentUser user, int agencyId, string periodKey, string? commentary, long version,
        CancellationToken ct = default) =>
        TransitionAsync(user, agencyId, periodKey, version, PeriodReportAction.Submit, commentary, ct);

    /// <summary>Duyệt: a monitor accepts a submitted report; the period stays locked.</summary>
    /// <exception cref="AccessDeniedException">The caller is not a monitoring officer.</exception>
    /// <exception cref="BusinessRuleException">The report is not waiting for review.</exception>
    /// <exception cref="ConcurrencyConflictException">The report changed after the caller loaded it.</exception>
    public Task<PeriodReportDetails> AcceptAsync(CurrentUser user, int agencyId, string periodKey, long version, CancellationToken ct = default) =>
        TransitionAsync(user, agencyId, periodKey, version, PeriodReportAction.Accept, null, ct);

    /// <summary>Trả lại: a monitor sends a submitted or accepted report back with a required comment, reopening the period.</summary>
    /// <exception cref="AccessDeniedException">The caller is not a monitoring officer.</exception>
    /// <exception cref="BusinessRuleException">The report is not in.</exception>
    /// <exception cref="ValidationException">The comment is missing or too long.</exception>
    /// <exception cref="ConcurrencyConflictException">The report changed after the caller loaded it.</exception>
    public Task<PeriodReportDetails> SendBackAsync(CurrentUser user, int agencyId, string periodKey, string? comment, long version,
        CancellationToken ct = default) =>
        TransitionAsync(user, agencyId, periodKey, version, PeriodReportAction.SendBack, comment, ct);

    /// <summary>
    /// What the user still has to do: an officer, its agency's reports due within <see cref="ReportingOptions.ReminderDays"/>
    /// days, overdue or sent back; a monitor, the reports waiting for review. Nobody else has reminders.
    /// </summary>
    public async Task<IReadOnlyList<Reminder>> GetRemindersAsync(CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var today = time.Today();
        await using var db = await factory.CreateDbContextAsync(ct);
        if (user.IsOfficer)
        {
            var agencies = await ReportingStatusQuery.ActiveAgenciesAsync(db, user, ct);
            if (agencies.Count == 0) return [];
            var year = await PlanYearAsync(db, today, ct);
            var status = await ReportingStatusQuery.LoadAsync(db, agencies, PeriodReportRules.PeriodsOf(year), today, DueDays, ct);
            return [.. status.Agencies.SelectMany(a => a.Reports.Select(r => OfficerReminder(a.Agency, r)))
                .OfType<Reminder>().OrderBy(r => r.Kind == ReminderKind.SentBack ? 0 : 1).ThenBy(r => r.DueDate)];
        }
        if (!user.IsMonitor) return [];

        var waiting = await db.PeriodReports.AsNoTracking().Where(r => r.Status == PeriodReportStatus.Submitted)
            .OrderBy(r => r.SubmittedOn).ThenBy(r => r.Agency!.SortOrder)
            .Select(r => new
            {
                Agency = new AgencyRef(r.AgencyId, r.Agency!.Code, r.Agency.Name, r.Agency.Kind, r.Agency.SortOrder),
                r.PeriodKey,
                r.SubmittedOn,
            })
            .ToListAsync(ct);
        return [.. waiting.Where(w => PeriodReportRules.Find(w.PeriodKey) is not null).Select(w =>
        {
            var period = PeriodReportRules.Find(w.PeriodKey)!;
            return new Reminder(ReminderKind.AwaitingReview, w.Agency, period, period.DueDate(DueDays),
                $"{w.Agency.Name} gửi báo cáo {period.Title} ngày {w.SubmittedOn?.ToOfficialString()}, chờ duyệt",
                Href(w.Agency, period));
        })];
    }

    /// <summary>"/reporting?agency=STP&amp;period=2021-Q1": the page opens that report.</summary>
    public static string Href(AgencyRef agency, ReportingPeriod period)
    {
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(period);
        return $"/reporting?agency={Uri.EscapeDataString(agency.Code)}&period={Uri.EscapeDataString(period.Key)}";
    }

    private Reminder? OfficerReminder(AgencyRef agency, PeriodReportCell report)
    {
        var period = report.Period;
        var href = Href(agency, period);
        if (report.Status == PeriodReportStatus.SentBack)
            return new Reminder(ReminderKind.SentBack, agency, period, report.DueDate,
                $"Báo cáo {period.Title} bị trả lại: {report.ReviewComment}", href);
        if (report.Status != PeriodReportStatus.NotSent || report.DaysLeft > ReportingOptions.ReminderDays) return null;
        var text = report.DaysLeft switch
        {
            < 0 => $"Báo cáo {period.Title} quá hạn {-report.DaysLeft} ngày (hạn gửi {report.DueDate.ToOfficialString()})",
            0 => $"Báo cáo {period.Title}: hôm nay là hạn gửi ({report.DueDate.ToOfficialString()})",
            _ => $"Báo cáo {period.Title}: hạn gửi {report.DueDate.ToOfficialString()} (còn {report.DaysLeft} ngày)",
        };
        return new Reminder(report.DaysLeft < 0 ? ReminderKind.Overdue : ReminderKind.DueSoon, agency, period, report.DueDate, text, href);
    }

    private async Task<PeriodReportDetails> TransitionAsync(CurrentUser user, int agencyId, string periodKey, long version,
        PeriodReportAction action, string? text, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var period = PeriodReportRules.Find(periodKey) ?? throw new NotFoundException();
        var today = time.Today();
        await using (var db = await factory.CreateForAsync(user, time, ct))
        {
            var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == agencyId).Select(a => new { a.Code, a.Name }).SingleOrDefaultAsync(ct);
            if (agency is null || !user.CanRead(agencyId)) throw new NotFoundException();
            if (!PeriodReportRules.MayAct(user, agencyId, action))
                throw new AccessDeniedException(action == PeriodReportAction.Submit ? OfficersOnlyMessage : MonitorsOnlyMessage);

            var report = await db.PeriodReports.SingleOrDefaultAsync(r => r.AgencyId == agencyId && r.PeriodKey == period.Key, ct);
            if ((report?.Version ?? 0) != version)
                throw await AuditLog.ConflictAsync(db, report?.UpdatedBy, report?.UpdatedAt, ct);
            var from = report?.Status ?? PeriodReportStatus.NotSent;
            var next = PeriodReportRules.Next(from, action)
                ?? throw new BusinessRuleException($"Không thể {action.Verb()} báo cáo {period.Title} đang ở trạng thái «{from.DisplayName()}».");
            if (action == PeriodReportAction.Submit && today < period.CutOff) throw new BusinessRuleException(NotYetDueMessage(period));
            var cleaned = Validate(action, text);

            if (report is null)
            {
                report = new PeriodReport { AgencyId = agencyId, PeriodKey = period.Key };
                db.PeriodReports.Add(report);
            }
            report.Status = next;
            switch (action)
            {
                case PeriodReportAction.Submit:
                    report.Commentary = cleaned;
                    report.SubmittedOn = today;
                    report.SubmittedBy = user.UserName;
                    report.FirstSubmittedOn ??= today;
                    break;
                case PeriodReportAction.Accept:
                    report.ReviewedOn = today;
                    report.ReviewedBy = user.UserName;
                    report.ReviewComment = null;
                    break;
                case PeriodReportAction.SendBack:
                    report.ReviewedOn = today;
                    report.ReviewedBy = user.UserName;
                    report.ReviewComment = cleaned;
                    // Told by mail in the same transaction: the report goes back and its officers hear of it, or neither.
                    await QueueSentBackAsync(db, user, agencyId, agency.Code, agency.Name, period, version, cleaned!, today, ct);
                    break;
            }
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // A concurrent first submission inserted the row, or a concurrent transition moved its version.
                db.ChangeTracker.Clear();
                var current = await db.PeriodReports.AsNoTracking().Where(r => r.AgencyId == agencyId && r.PeriodKey == period.Key)
                    .Select(r => new { r.UpdatedBy, r.UpdatedAt }).SingleOrDefaultAsync(ct);
                throw await AuditLog.ConflictAsync(db, current?.UpdatedBy, current?.UpdatedAt, ct);
            }
        }
        // Who moved which report where: the trail operations read; the texts stay in the audit history only.
        _logger.LogInformation("Period report {PeriodKey} of agency {AgencyId}: {Action} by {UserName}.",
            period.Key, agencyId, action, user.UserName);
        notifier.NotifyChanged(new DataChange(ChangeKind, agencyId));
        return await GetAsync(user, agencyId, period.Key, ct);
    }

    private async Task QueueSentBackAsync(CommsPlanDbContext db, CurrentUser user, int agencyId, string code, string name,
        ReportingPeriod period, long version, string comment, DateOnly today, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var recipients = await MailRecipients.ForAgenciesAsync(db, [agencyId], MailKind.ReportSentBack, now, ct);
        // The version the monitor saw names this send-back: a later one (after a new submission) is another mail.
        await AgencyMail.EnqueueAsync(db, MailKind.ReportSentBack, $"sent-back:{period.Key}:{code}:v{version}", recipients[agencyId], agencyId,
            $"Báo cáo định kỳ {period.Title} của {name} bị trả lại", SentBackBody(name, period, comment, today, DueDays),
            now.UtcDateTime, user.UserName, ct);
    }

    /// <summary>The send-back notice: who, which report, the Office's comment word for word, and what to do.</summary>
    public static string SentBackBody(string agencyName, ReportingPeriod period, string comment, DateOnly today, int dueDays)
    {
        ArgumentNullException.ThrowIfNull(period);
        return $"Kính gửi: {agencyName}\n\n"
            + $"Ngày {today.ToOfficialString()}, Văn phòng UBND tỉnh đã trả lại báo cáo định kỳ {period.Title} ({period.RangeText}) "
            + "của đơn vị với ý kiến như sau:\n\n"
            + $"{comment}\n\n"
            + $"Đề nghị đơn vị chỉnh sửa theo ý kiến trên và gửi lại báo cáo trên phần mềm CommsPlan (mục Báo cáo định kỳ); "
            + $"hạn gửi báo cáo {period.Title} là ngày {period.DueDate(dueDays).ToOfficialString()}.\n\n"
            + "Văn phòng UBND tỉnh Thái Nguyên\n" + AgencyMail.OptOutFooter;
    }

    private static string? Validate(PeriodReportAction action, string? text)
    {
        var cleaned = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        var (property, max, label) = action == PeriodReportAction.SendBack
            ? (nameof(PeriodReport.ReviewComment), PeriodReportLimits.ReviewCommentMaxLength, "Ý kiến trả lại")
            : (nameof(PeriodReport.Commentary), PeriodReportLimits.CommentaryMaxLength, "Nhận xét của đơn vị");
        if (action == PeriodReportAction.SendBack && cleaned is null)
            throw new ValidationException([new ValidationFailure(property, CommentRequiredMessage)]);
        if (cleaned is { Length: var length } && length > max)
            throw new ValidationException([new ValidationFailure(property, $"{label} không được dài quá {VietnameseFormat.Number(max)} ký tự.")]);
        return action == PeriodReportAction.Accept ? null : cleaned;
    }

    private static bool Allowed(CurrentUser user, int agencyId, PeriodReportStatus status, PeriodReportAction action) =>
        PeriodReportRules.MayAct(user, agencyId, action) && PeriodReportRules.Next(status, action) is not null;

    private static string NotYetDueMessage(ReportingPeriod period) =>
        $"Kỳ báo cáo {period.Title} chưa đến ngày chốt số liệu; gửi báo cáo từ ngày {period.CutOff.ToOfficialString()}.";

    internal static async Task<int> PlanYearAsync(CommsPlanDbContext db, DateOnly today, CancellationToken ct) =>
        await db.Plans.AsNoTracking().CurrentFirst(today).Select(p => (int?)p.Year).FirstOrDefaultAsync(ct) ?? today.Year;
}
