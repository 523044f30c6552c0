using System.Globalization;
using CommsPlan.Core.Access;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Core.Monitoring;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Core.Reports.Word;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Reports;

/// <summary>One section of the report as the editor shows it: the generated text, and the saved one when someone edited it.</summary>
public sealed record ReportSectionDraft(string Key, string Label, string Generated, string? Saved, long? Version, string? SavedBy, DateTime? SavedAt)
{
    /// <summary>What the document will carry.</summary>
    public string Text => Saved ?? Generated;
    public bool IsEdited => Saved is not null;
}

/// <summary>The report's sections for a period and scope, and whether the user may edit them.</summary>
public sealed record ReportDraft(ConsolidatedReport Report, IReadOnlyList<ReportSectionDraft> Sections, bool CanEdit);

/// <summary>What <see cref="ReportDocumentBuilder.WriteAsync"/> produced.</summary>
public sealed record ReportDocumentResult(string FileName, AppliedScope Scope, byte[] Content);

/// <summary>
/// The periodic report as a Decree 30 Word document (issue 19): the same figures as the workbook for the same period and
/// scope (both come from <see cref="ConsolidatedReportBuilder.LoadAsync"/>), the issuer's header, the sections' text as
/// generated or as edited for that plan, period and scope, the key-figures tables always generated, the signer and Nơi nhận.
/// </summary>
public sealed class ReportDocumentBuilder(IDbContextFactory<CommsPlanDbContext> factory, ConsolidatedReportBuilder reports, TimeProvider time)
{
    /// <summary>The sections of the report with their generated and saved texts.</summary>
    /// <exception cref="NotFoundException">The scope names an agency that does not exist.</exception>
    /// <exception cref="AccessDeniedException">The user has no role that reads monitoring data.</exception>
    public async Task<ReportDraft> LoadDraftAsync(CurrentUser user, ReportingPeriod period, MonitoringScope? scope, CancellationToken ct = default) =>
        await LoadDraftAsync(user, period, scope, null, ct);

    /// <summary>The sections of the report of the plan of <paramref name="planYear"/> (null: the plan whose period contains the period's end).</summary>
    /// <exception cref="NotFoundException">The scope names an agency that does not exist.</exception>
    /// <exception cref="AccessDeniedException">The user has no role that reads monitoring data.</exception>
    public async Task<ReportDraft> LoadDraftAsync(CurrentUser user, ReportingPeriod period, MonitoringScope? scope, int? planYear,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var report = await reports.LoadAsync(user, period, scope, planYear, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var generated = await GeneratedAsync(db, report, ct);
        var key = ScopeKey(report.Scope);
        var saved = report.Plan is null ? [] : await db.ReportTexts.AsNoTracking()
            .Where(t => t.PlanId == report.Plan.Id && t.PeriodFrom == period.From && t.PeriodTo == period.To && t.ScopeKey == key)
            .ToListAsync(ct);
        var names = await IssuingBodies.FullNamesAsync(db, saved.Select(t => t.UpdatedBy), ct);
        var sections = ReportSections.All.Select(s =>
        {
            var text = saved.FirstOrDefault(t => t.Section == s.Key);
            return new ReportSectionDraft(s.Key, s.Label, generated[s.Key], text?.Text, text?.Version,
                text is null ? null : names.GetValueOrDefault(text.UpdatedBy, text.UpdatedBy), text?.UpdatedAt);
        }).ToList();
        return new ReportDraft(report, sections, CanEdit(user, report.Scope));
    }

    /// <summary>
    /// Saves the edited text of one section for the plan, period and scope; an empty text goes back to the generated one.
    /// Monitors edit the Office's papers, an officer its own agency's; <paramref name="version"/> is the version the editor
    /// loaded (null when it showed the generated text), so a concurrent edit is refused rather than overwritten.
    /// </summary>
    /// <returns>The saved section.</returns>
    public Task<ReportSectionDraft> SaveSectionAsync(CurrentUser user, ReportingPeriod period, MonitoringScope? scope, string section,
        string? text, long? version, CancellationToken ct = default) =>
        SaveSectionAsync(user, period, scope, null, section, text, version, ct);

    /// <inheritdoc cref="SaveSectionAsync(CurrentUser, ReportingPeriod, MonitoringScope?, string, string?, long?, CancellationToken)"/>
    /// <param name="planYear">The plan the report is of; null for the plan whose period contains the period's end.</param>
    public async Task<ReportSectionDraft> SaveSectionAsync(CurrentUser user, ReportingPeriod period, MonitoringScope? scope, int? planYear,
        string section, string? text, long? version, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(period);
        if (!ReportSections.IsKnown(section)) throw new NotFoundException();
        var trimmed = (text ?? "").Replace("\r\n", "\n").Trim();
        if (trimmed.Length > ReportSections.MaxTextLength)
            throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("Text",
                $"Nội dung một phần của báo cáo tối đa {OfficialNumber.Number(ReportSections.MaxTextLength)} ký tự.")]);

        await using var db = await factory.CreateForAsync(user, time, ct);
        var agencies = await Scopes.LoadAgenciesAsync(db, ct);
        var applied = Scopes.Resolve(user, scope ?? MonitoringScope.Province, agencies).Applied;
        if (!CanEdit(user, applied)) throw new AccessDeniedException();
        var chosen = await reports.PlanOfAsync(period, planYear, ct);
        var plan = await PlanReference.ForPlanAsync(db, chosen.Id, ct) ?? throw new NotFoundException();
        var key = ScopeKey(applied);
        var row = await db.ReportTexts.SingleOrDefaultAsync(t => t.PlanId == plan.Id && t.PeriodFrom == period.From
            && t.PeriodTo == period.To && t.ScopeKey == key && t.Section == section, ct);
        if (row is not null && row.Version != version || row is null && version is not null)
            throw await Audit.AuditLog.ConflictAsync(db, row?.UpdatedBy ?? user.UserName, row?.UpdatedAt, ct);

        if (trimmed.Length == 0)
        {
            if (row is not null) db.ReportTexts.Remove(row);
        }
        else if (row is null)
        {
            row = new ReportText { PlanId = plan.Id, PeriodFrom = period.From, PeriodTo = period.To, ScopeKey = key, Section = section, Text = trimmed };
            db.ReportTexts.Add(row);
        }
        else
        {
            row.Text = trimmed;
            db.Entry(row).Property(r => r.Version).OriginalValue = version!.Value;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (row is not null)
        {
            // Another editor saved the same section first (a unique key or the version moved).
            throw await Audit.AuditLog.ConflictAsync(db, user.UserName, time.GetUtcNow().UtcDateTime, ct);
        }
        var label = ReportSections.All.Single(s => s.Key == section).Label;
        return trimmed.Length == 0 || row is null
            ? new ReportSectionDraft(section, label, "", null, null, null, null)
            : new ReportSectionDraft(section, label, "", row.Text, row.Version, user.UserName, row.UpdatedAt);
    }

    /// <summary>The Word document of <paramref name="request"/>, as the user may have it.</summary>
    /// <exception cref="NotFoundException">The scope names an agency that does not exist.</exception>
    /// <exception cref="AccessDeniedException">The user has no role that reads monitoring data.</exception>
    public async Task<ReportDocumentResult> WriteAsync(CurrentUser user, ConsolidatedReportRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var draft = await LoadDraftAsync(user, request.Period, request.Scope, request.PlanYear, ct);
        var report = draft.Report;
        var text = draft.Sections.ToDictionary(s => s.Key, s => s.Text);
        var signedOn = time.Today();
        var period = report.Period;
        var periodName = period.Kind == ReportingPeriodKind.Custom
            ? $"từ ngày {period.From.ToOfficialString()} đến ngày {period.To.ToOfficialString()}"
            : $"{period.Title} (từ ngày {period.From.ToOfficialString()} đến ngày {period.To.ToOfficialString()})";
        var summary = report.Plan is null
            ? $"Kết quả công tác truyền thông hỗ trợ hoạt động kiểm soát TTHC {periodName}"
            : $"Kết quả thực hiện Kế hoạch số {report.Plan.Number} ngày {report.Plan.IssuedOn.ToOfficialString()} của {report.Plan.IssuerShort} "
              + $"về {LowerFirst(report.Plan.Subject)}, {periodName}";

        var content = Decree30Document.Build("Báo cáo kết quả công tác truyền thông hỗ trợ hoạt động kiểm soát TTHC", doc =>
        {
            doc.Header(report.Issuer, report.Issuer.Number(request.Number, "BC"), signedOn);
            doc.Title("BÁO CÁO", summary);
            doc.Paragraphs(text[ReportSections.Opening]);
            doc.Heading("I. KẾT QUẢ THỰC HIỆN");
            doc.SubHeading(Heading(ReportSections.Channels));
            doc.Paragraphs(text[ReportSections.Channels]);
            doc.Paragraph("Kết quả theo hình thức, kênh tuyên truyền:", italic: true);
            ChannelTable(doc, report.Overview);
            doc.Paragraph("Các chỉ số chính trong kỳ:", italic: true);
            KeyFigureTable(doc, report.Overview.Kpis);
            foreach (var section in new[] { ReportSections.Themes, ReportSections.UnitPlans, ReportSections.Reporting, ReportSections.Commendations })
            {
                doc.SubHeading(Heading(section));
                doc.Paragraphs(text[section]);
            }
            doc.Heading("II. KHÓ KHĂN, VƯỚNG MẮC VÀ ĐỀ XUẤT, KIẾN NGHỊ");
            doc.SubHeading(Heading(ReportSections.Difficulties));
            doc.Paragraphs(text[ReportSections.Difficulties]);
            doc.SubHeading(Heading(ReportSections.Proposals));
            doc.Paragraphs(text[ReportSections.Proposals]);
            doc.Heading("III. NHIỆM VỤ TRỌNG TÂM KỲ TỚI");
            doc.Paragraphs(text[ReportSections.NextTasks]);
            doc.Paragraph($"Trên đây là báo cáo kết quả công tác truyền thông hỗ trợ hoạt động kiểm soát TTHC {periodName} "
                + $"của {report.Issuer.SentenceName}./.");
            doc.Signature(report.Issuer, report.Recipients);
        });
        return new ReportDocumentResult(FileName(period, report.Scope), report.Scope, content);
    }

    /// <summary>"BaoCao_TruyenThong_TTHC_2020-12-15_2021-03-14.docx", the workbook's name with Word's extension.</summary>
    public static string FileName(ReportingPeriod period, AppliedScope scope) =>
        Path.ChangeExtension(ConsolidatedReportBuilder.FileName(period, scope), ".docx");

    /// <summary>Monitors edit the Office's papers (the province's, a group's, an agency's as the Office reports it); an officer its own.</summary>
    public static bool CanEdit(CurrentUser user, AppliedScope scope)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(scope);
        return scope.IsOwnAgencyOnly ? user.IsOfficer : user.IsMonitor;
    }

    /// <summary>
    /// Where edited texts are kept: the Office's paper for the province ("province"), a group ("group:District") or one agency
    /// ("agency:12"), or an agency's own paper ("own:12") — the last two are different documents about the same agency.
    /// </summary>
    public static string ScopeKey(AppliedScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope switch
        {
            { IsOwnAgencyOnly: true, Agency: { } own } => "own:" + own.Id.ToString(CultureInfo.InvariantCulture),
            { Agency: { } agency } => "agency:" + agency.Id.ToString(CultureInfo.InvariantCulture),
            { Group: { } group } => "group:" + group,
            _ => "province",
        };
    }

    /// <summary>
    /// The rows of the channel table, as the workbook's Tổng hợp lays them out: a row per form group (activities and cost
    /// summed), its channels (activities, quantity, cost), and the total.
    /// </summary>
    public static IReadOnlyList<(IReadOnlyList<string> Cells, bool Bold)> ChannelRows(MonitoringOverview overview)
    {
        ArgumentNullException.ThrowIfNull(overview);
        var rows = new List<(IReadOnlyList<string>, bool)>();
        var groups = overview.ByFormGroup;
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            rows.Add(([Roman(g + 1), $"{group.Name} ({group.Code})", "", N(group.Activities), "", N(group.Cost)], true));
            for (var i = 0; i < group.Channels.Count; i++)
            {
                var c = group.Channels[i];
                rows.Add(([(i + 1).ToString(CultureInfo.InvariantCulture), c.Name, c.Unit, N(c.Activities), N(c.Quantity), N(c.Cost)], false));
            }
        }
        rows.Add(([ "", "TỔNG CỘNG", "", N(groups.Sum(g => g.Activities)), "", N(groups.Sum(g => g.Cost)) ], true));
        return rows;
    }

    private static void ChannelTable(Decree30Document doc, MonitoringOverview overview) =>
        doc.Table([("STT", 9, false), ("Hình thức, kênh tuyên truyền", 33, false), ("Đơn vị tính", 15, false),
            ("Số hoạt động", 12, true), ("Số lượng", 13, true), ("Kinh phí (đồng)", 20, true)], ChannelRows(overview));

    private static void KeyFigureTable(Decree30Document doc, KpiFigures kpis)
    {
        var figures = ReportFigures.KeyFigures(kpis);
        doc.Table([("STT", 9, false), ("Chỉ số", 54, false), ("Đơn vị tính", 20, false), ("Giá trị", 19, true)],
            [.. figures.Select((f, i) => ((IReadOnlyList<string>)[(i + 1).ToString(CultureInfo.InvariantCulture), f.Name, f.Unit, N(f.Value)], false))]);
    }

    private async Task<IReadOnlyDictionary<string, string>> GeneratedAsync(CommsPlanDbContext db, ConsolidatedReport report, CancellationToken ct)
    {
        var tasks = new List<string>();
        if (report.Plan is { } plan)
        {
            var kind = report.IssuedByOffice ? AgencyKind.ProvincialOffice
                : (await db.Agencies.AsNoTracking().Where(a => a.Id == report.Scope.Agency!.Id).Select(a => a.Kind).SingleAsync(ct));
            var flag = kind.AsFlag();
            var assignments = await db.Assignments.AsNoTracking().Where(a => a.PlanId == plan.Id).OrderBy(a => a.SortOrder)
                .Select(a => new { a.Binds, a.Deadline, a.Text }).ToListAsync(ct);
            // What is still ahead: an assignment whose deadline passed before the period's end is not a task for the next one.
            tasks = [.. assignments.Where(a => a.Binds.HasFlag(flag) && (a.Deadline is null || a.Deadline > report.Period.To)).Select(a => a.Text)];
        }
        return ReportNarrative.DocumentSections(report.Overview, report.Commendations, report.Difficulties,
            report.Issuer.SentenceName, report.Plan, tasks, report.IssuedByOffice);
    }

    private static string Heading(string key) => ReportSections.All.Single(s => s.Key == key).Heading;

    private static string N(long value) => OfficialNumber.Number(value);

    private static string LowerFirst(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];

    private static string Roman(int number) => number switch
    {
        1 => "I", 2 => "II", 3 => "III", 4 => "IV", 5 => "V", 6 => "VI", 7 => "VII", 8 => "VIII", 9 => "IX", 10 => "X",
        _ => number.ToString(CultureInfo.InvariantCulture),
    };
}
