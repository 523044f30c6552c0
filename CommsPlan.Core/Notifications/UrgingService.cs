using System.Globalization;
using System.Text.Json;
using CommsPlan.Core.Access;
using CommsPlan.Core.Audit;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Core.Mail;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Core.Reports.Word;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommsPlan.Core.Notifications;

/// <summary>An agency whose report on the period is overdue, with who would receive an urging notice.</summary>
public sealed record UrgingCandidate(AgencyRef Agency, PeriodReportStatus Status, DateOnly DueDate, int DaysLate, IReadOnlyList<MailRecipient> Recipients)
{
    /// <summary>Neither an officer with an address nor a contact mailbox: shown as "chưa có email".</summary>
    public bool HasEmail => Recipients.Count > 0;
}

/// <summary>What <see cref="UrgingService.SendAsync"/> queued.</summary>
public sealed record UrgingResult(IReadOnlyList<string> Urged, int Mails, IReadOnlyList<string> WithoutEmail);

/// <summary>
/// The Office's urging (Đôn đốc, NV6): a formal notice — mail plus a Decree 30 "Công văn đôn đốc" attached — to the
/// agencies whose quarterly report is overdue. Monitors only; the mail goes through the outbox, cannot be turned off by
/// its recipients, and each notice is written to the audit history in the same transaction.
/// </summary>
public sealed class UrgingService(IDbContextFactory<CommsPlanDbContext> factory, IOptions<ReportingOptions> reporting, TimeProvider time)
{
    public const string AuditType = "UrgingNotice";

    private int DueDays => Math.Max(0, reporting.Value.DueDays);

    /// <summary>The agencies whose report on <paramref name="periodKey"/> is overdue today, with their recipients.</summary>
    /// <exception cref="AccessDeniedException">The user is not a monitor.</exception>
    /// <exception cref="NotFoundException">No such quarter.</exception>
    public async Task<IReadOnlyList<UrgingCandidate>> LoadAsync(CurrentUser user, string periodKey, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsMonitor) throw new AccessDeniedException();
        var period = PeriodReportRules.Find(periodKey) ?? throw new NotFoundException();
        await using var db = await factory.CreateDbContextAsync(ct);
        return await CandidatesAsync(db, user, period, ct);
    }

    /// <summary>
    /// Queues the notice for each of <paramref name="agencyIds"/> still overdue (one mail per recipient, the letter
    /// attached) and records it in the audit history; agencies without an address are returned, not urged.
    /// </summary>
    /// <param name="number">The letter's number in the Office's registry, when the clerk has given one.</param>
    public async Task<UrgingResult> SendAsync(CurrentUser user, string periodKey, IReadOnlyCollection<int> agencyIds, string? number,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(agencyIds);
        if (!user.IsMonitor) throw new AccessDeniedException();
        var period = PeriodReportRules.Find(periodKey) ?? throw new NotFoundException();
        if (agencyIds.Count == 0) throw new BusinessRuleException("Chọn ít nhất một cơ quan, đơn vị để đôn đốc.");

        await using var db = await factory.CreateForAsync(user, time, ct);
        var chosen = (await CandidatesAsync(db, user, period, ct)).Where(c => agencyIds.Contains(c.Agency.Id)).ToList();
        if (chosen.Count == 0)
            throw new BusinessRuleException("Các cơ quan, đơn vị đã chọn không còn chậm gửi báo cáo; trang đã được cập nhật.");
        var office = await IssuingBodies.OfficeAsync(db, ct);
        var plan = await Reports.PlanReference.ForPeriodAsync(db, period.From, period.To, ct);
        var citation = plan is null ? "Kế hoạch truyền thông hỗ trợ hoạt động kiểm soát thủ tục hành chính của UBND tỉnh"
            : $"{plan.Citation} về {char.ToLowerInvariant(plan.Subject[0])}{plan.Subject[1..]}";
        var now = time.GetUtcNow().UtcDateTime;
        var today = time.Today();
        var stamp = now.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var mails = 0;
        var urged = new List<string>();
        foreach (var candidate in chosen.Where(c => c.HasEmail))
        {
            var letter = Letter(office, candidate, period, citation, number, today);
            var fileName = $"CongVan_DonDoc_{candidate.Agency.Code}_{period.Key}.docx";
            foreach (var to in candidate.Recipients)
            {
                var mail = new OutgoingMail(MailKind.Urging, $"urging:{period.Key}:{candidate.Agency.Code}:{stamp}:{to.Address}", to.Address, to.Name,
                    $"Đôn đốc gửi báo cáo định kỳ {period.Title} - {office.AgencyName}", Body(office, candidate, period))
                {
                    AttachmentName = fileName, Attachment = letter, AgencyId = candidate.Agency.Id, UserId = to.UserId,
                };
                if (await Outbox.EnqueueAsync(db, mail, now, user.UserName, ct)) mails++;
            }
            db.AuditEntries.Add(new AuditEntry
            {
                EntityType = AuditType,
                EntityId = $"{period.Key}:{candidate.Agency.Code}",
                Action = AuditAction.Created,
                UserId = user.UserId,
                UserName = user.UserName,
                At = now,
                Changes = JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["Period"] = new { before = (string?)null, after = period.Title },
                    ["Agency"] = new { before = (string?)null, after = candidate.Agency.Name },
                    ["Recipients"] = new { before = (string?)null, after = string.Join(", ", candidate.Recipients.Select(r => r.Address)) },
                }),
            });
            urged.Add(candidate.Agency.Name);
        }
        await db.SaveChangesAsync(ct);
        return new UrgingResult(urged, mails, [.. chosen.Where(c => !c.HasEmail).Select(c => c.Agency.Name)]);
    }

    /// <summary>The Decree 30 official letter: the Office's header and number, "V/v đôn đốc …", Kính gửi, the request, signer, Nơi nhận.</summary>
    public static byte[] Letter(IssuingBody office, UrgingCandidate candidate, ReportingPeriod period, string planCitation, string? number,
        DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(office);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(period);
        return Decree30Document.Build($"Công văn đôn đốc gửi báo cáo {period.Title}", doc =>
        {
            doc.Header(office, office.LetterNumber(number, "KSTT"), today, $"V/v đôn đốc gửi báo cáo định kỳ {period.Title}");
            doc.AddressedTo([candidate.Agency.Name]);
            doc.Paragraph($"Thực hiện {planCitation}, các cơ quan, đơn vị báo cáo định kỳ hằng quý kết quả thực hiện về Văn phòng UBND tỉnh.");
            doc.Paragraph($"Đến ngày {today.ToOfficialString()}, {candidate.Agency.Name} chưa gửi báo cáo định kỳ {period.Title} "
                + $"({period.RangeText}), đã quá thời hạn gửi báo cáo (ngày {candidate.DueDate.ToOfficialString()}) "
                + $"{candidate.DaysLate.ToString(CultureInfo.InvariantCulture)} ngày.");
            doc.Paragraph($"Văn phòng UBND tỉnh đề nghị {candidate.Agency.Name} khẩn trương hoàn thành và gửi báo cáo {period.Title} "
                + "trên phần mềm CommsPlan để Văn phòng tổng hợp, báo cáo UBND tỉnh theo quy định.");
            doc.Paragraph($"Văn phòng UBND tỉnh đề nghị {candidate.Agency.Name} quan tâm, thực hiện./.");
            doc.Signature(office, [$"Như trên;", "Lãnh đạo VP UBND tỉnh;", "Lưu: VT, KSTT."]);
        });
    }

    private static string Body(IssuingBody office, UrgingCandidate candidate, ReportingPeriod period) =>
        $"Kính gửi: {candidate.Agency.Name}\n\n"
        + $"Báo cáo định kỳ {period.Title} ({period.RangeText}) của {candidate.Agency.Name} đến nay chưa được gửi, đã quá thời hạn "
        + $"ngày {candidate.DueDate.ToOfficialString()}.\n"
        + $"{office.AgencyName} gửi kèm Công văn đôn đốc và đề nghị đơn vị khẩn trương gửi báo cáo trên phần mềm CommsPlan.\n\n"
        + $"{office.AgencyName}\n(Thư gửi từ phần mềm CommsPlan; thư đôn đốc không thể tắt trong phần cài đặt thông báo.)";

    private async Task<IReadOnlyList<UrgingCandidate>> CandidatesAsync(CommsPlanDbContext db, CurrentUser user, ReportingPeriod period, CancellationToken ct)
    {
        var today = time.Today();
        var agencies = await ReportingStatusQuery.ActiveAgenciesAsync(db, user, ct);
        var status = await ReportingStatusQuery.LoadAsync(db, agencies, [period], today, DueDays, ct);
        var overdue = status.Agencies.Select(a => (a.Agency, Report: a.Reports.Single())).Where(a => a.Report.IsOverdue).ToList();
        var recipients = await MailRecipients.ForAgenciesAsync(db, [.. overdue.Select(o => o.Agency.Id)], MailKind.Urging, time.GetUtcNow(), ct);
        return [.. overdue.Select(o => new UrgingCandidate(o.Agency, o.Report.Status, o.Report.DueDate, -o.Report.DaysLeft, recipients[o.Agency.Id]))];
    }
}
