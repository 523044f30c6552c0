using CommsPlan.Core.Access;
using CommsPlan.Core.Common;
using CommsPlan.Core.Feedback;
using CommsPlan.Core.Monitoring;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Core.UnitPlans;

namespace CommsPlan.Core.Reports;

/// <summary>A numbered part of the narrative ("1. Kết quả thực hiện…") and its paragraphs.</summary>
public sealed record NarrativeSection(string Heading, IReadOnlyList<string> Paragraphs);

/// <summary>
/// The paragraphs that go into the periodic TTHC-control report (Thuyết minh), written from the same figures as
/// the overview and the workbook: what was done per channel, the unit plans, commendations and difficulties.
/// Channels with nothing in the period are left out rather than written as "0"; numbers are written
/// "1.234", dates "14/3/2021".
/// </summary>
public sealed class ReportNarrative
{
    /// <summary>How many names a list in a sentence carries before it says "và … khác".</summary>
    public const int MaxNamesListed = 15;

    private ReportNarrative(IReadOnlyList<NarrativeSection> sections) => Sections = sections;

    public IReadOnlyList<NarrativeSection> Sections { get; }

    /// <summary>Every paragraph in order, without headings.</summary>
    public IEnumerable<string> Paragraphs => Sections.SelectMany(s => s.Paragraphs);

    /// <summary>Headings and paragraphs, one per line, blank lines between sections: what "Sao chép" puts on the clipboard.</summary>
    public string ToPlainText() =>
        string.Join("\n\n", Sections.Select(s => string.Join("\n", s.Paragraphs.Prepend(s.Heading))));

    public override string ToString() => ToPlainText();

    /// <summary>The narrative of <paramref name="overview"/>'s period and scope.</summary>
    /// <param name="commendations">The period's commendations in the same scope.</param>
    /// <param name="difficulties">The difficulties raised in the period in the same scope.</param>
    public static ReportNarrative Build(
        MonitoringOverview overview, IReadOnlyList<CommendationRow> commendations, IReadOnlyList<DifficultyRow> difficulties)
    {
        ArgumentNullException.ThrowIfNull(overview);
        ArgumentNullException.ThrowIfNull(commendations);
        ArgumentNullException.ThrowIfNull(difficulties);
        var subject = Subject.Of(overview.Scope);
        var parts = new List<(string Title, IReadOnlyList<string> Paragraphs)>
        {
            ("Kết quả thực hiện các hoạt động truyền thông", Results(overview, subject)),
        };
        if (UnitPlans(overview, subject) is { } unitPlans)
            parts.Add(("Xây dựng kế hoạch truyền thông của cơ quan, đơn vị", unitPlans));
        parts.Add(("Biểu dương tập thể, cá nhân tiêu biểu", [Commendations(commendations, subject)]));
        parts.Add(("Khó khăn, vướng mắc", Difficulties(difficulties, subject)));
        if (overview.Reporting.Periods.Count > 0)
            parts.Add(("Tình hình gửi báo cáo định kỳ", Submissions(overview.Reporting)));
        return new ReportNarrative([.. parts.Select((p, i) => new NarrativeSection($"{i + 1}. {p.Title}", p.Paragraphs))]);
    }

    private static List<string> Results(MonitoringOverview overview, Subject subject)
    {
        var paragraphs = new List<string> { ChannelResults(overview, subject) };
        if (overview.Kpis.Activities == 0) return paragraphs;
        if (ThemeResults(overview) is { } themes) paragraphs.Add(themes);
        if (Coverage(overview, subject) is { } coverage) paragraphs.Add(coverage);
        return paragraphs;
    }

    /// <summary>"Trong kỳ báo cáo (…), … đã thực hiện N hoạt động …, trong đó: …. Tổng kinh phí …".</summary>
    private static string ChannelResults(MonitoringOverview overview, Subject subject)
    {
        var period = overview.Period;
        var kpis = overview.Kpis;
        var opening = $"Trong kỳ báo cáo ({period.RangeText})";
        if (kpis.Activities == 0)
            return $"{opening}, chưa ghi nhận hoạt động truyền thông hỗ trợ hoạt động kiểm soát TTHC nào của {subject.Name}.";

        var clauses = ChannelClauses(overview.ByChannel.Where(c => c.Quantity > 0).ToList());
        var first = $"{opening}, {subject.Name} đã thực hiện {N(kpis.Activities)} hoạt động truyền thông hỗ trợ hoạt động kiểm soát "
            + "TTHC và thực hiện cơ chế một cửa, một cửa liên thông";
        first += clauses.Count == 0 ? "." : ", trong đó: " + string.Join("; ", clauses) + ".";
        if (kpis.TotalCost > 0) first += $" Tổng kinh phí thực hiện là {N(kpis.TotalCost)} đồng.";
        return first;
    }

    /// <summary>"Về nội dung tuyên truyền, có …. Chưa có hoạt động nào về …"; null when nothing was tagged.</summary>
    private static string? ThemeResults(MonitoringOverview overview)
    {
        var themes = overview.ByTheme.Where(t => t.Activities > 0)
            .Select(t => $"{N(t.Activities)} hoạt động về {LowerFirst(t.Name)}").ToList();
        if (themes.Count == 0) return null;
        var sentence = "Về nội dung tuyên truyền, có " + string.Join("; ", themes) + ".";
        var gaps = overview.ByTheme.Where(t => t.Activities == 0).Select(t => $"“{LowerFirst(t.Name)}”").ToList();
        if (gaps.Count > 0) sentence += $" Chưa có hoạt động nào về {JoinAnd(gaps)}.";
        return sentence;
    }

    /// <summary>"Về mục đích, …": activities per objective of the plan; null when none was tagged.</summary>
    private static string? ObjectiveResults(MonitoringOverview overview)
    {
        var objectives = overview.ByObjective.Where(o => o.Activities > 0)
            .Select(o => $"{N(o.Activities)} hoạt động phục vụ mục đích {o.DisplayCode} ({LowerFirst(o.Name)})").ToList();
        if (objectives.Count == 0) return null;
        var sentence = "Về mục đích tuyên truyền, có " + string.Join("; ", objectives) + ".";
        var gaps = overview.ByObjective.Where(o => o.Activities == 0).Select(o => o.DisplayCode).ToList();
        if (gaps.Count > 0) sentence += $" Chưa có hoạt động nào phục vụ mục đích {JoinAnd(gaps)}.";
        return sentence;
    }

    /// <summary>"Có 12/33 cơ quan, đơn vị có hoạt động …"; null for one agency.</summary>
    private static string? Coverage(MonitoringOverview overview, Subject subject)
    {
        var kpis = overview.Kpis;
        if (subject.IsOneAgency || kpis.ActiveAgencies == 0) return null;
        var sentence = $"Có {N(kpis.AgenciesReported)}/{N(kpis.ActiveAgencies)} cơ quan, đơn vị có hoạt động được ghi nhận trong kỳ";
        var silent = overview.Agencies.Where(a => a.IsActive && a.Activities == 0).Select(a => a.Agency.Name).ToList();
        sentence += silent.Count == 0 ? "." : $"; {N(silent.Count)} cơ quan, đơn vị chưa có hoạt động: {Names(silent)}.";
        return sentence;
    }

    /// <summary>
    /// The Word report's generated text of each section (<see cref="ReportSections"/>), from the same figures and sentences
    /// as the workbook's narrative; one paragraph per line.
    /// </summary>
    public static IReadOnlyDictionary<string, string> DocumentSections(
        MonitoringOverview overview, IReadOnlyList<CommendationRow> commendations, IReadOnlyList<DifficultyRow> difficulties,
        string issuerName, PlanReference? plan, IReadOnlyList<string> nextTasks, bool issuedByOffice)
    {
        ArgumentNullException.ThrowIfNull(overview);
        var subject = Subject.Of(overview.Scope);
        var period = overview.Period;
        var citation = plan is null ? "Kế hoạch truyền thông hỗ trợ hoạt động kiểm soát TTHC"
            : $"{plan.Citation} về {LowerFirst(plan.Subject)}";
        var periodName = period.Kind == ReportingPeriodKind.Custom ? "" : $" {period.Title}";
        var lines = new Dictionary<string, string>
        {
            [ReportSections.Opening] = $"Thực hiện {citation}, {issuerName} báo cáo kết quả thực hiện{periodName} (từ ngày "
                + $"{period.From.ToOfficialString()} đến ngày {period.To.ToOfficialString()}) như sau:",
            [ReportSections.Channels] = Join(ChannelResults(overview, subject), Coverage(overview, subject)),
            [ReportSections.Themes] = Join(ObjectiveResults(overview) ?? "Chưa có hoạt động nào được gắn với mục đích của Kế hoạch.",
                ThemeResults(overview) ?? "Chưa có hoạt động nào được gắn với nội dung tuyên truyền của Kế hoạch."),
            [ReportSections.UnitPlans] = UnitPlans(overview, subject) is { } plans ? Join([.. plans])
                : "Không có cơ quan, đơn vị thuộc đối tượng phải xây dựng kế hoạch truyền thông trong phạm vi báo cáo.",
            [ReportSections.Reporting] = overview.Reporting.Periods.Count > 0 ? Join([.. Submissions(overview.Reporting)])
                : "Trong kỳ không có kỳ báo cáo định kỳ theo quý.",
            [ReportSections.Commendations] = Commendations(commendations, subject),
            [ReportSections.Difficulties] = Join([.. Difficulties(difficulties, subject)]),
            [ReportSections.Proposals] = Proposals(overview, difficulties, issuedByOffice),
            [ReportSections.NextTasks] = nextTasks.Count == 0 ? "Tiếp tục thực hiện các nhiệm vụ được giao tại Kế hoạch."
                : Join([$"Tiếp tục thực hiện các nhiệm vụ được giao tại {(plan is null ? "Kế hoạch" : $"Kế hoạch số {plan.Number}")}:",
                    .. nextTasks.Select((t, i) => "- " + t.TrimEnd('.', ';') + (i == nextTasks.Count - 1 ? "." : ";"))]),
        };
        return lines;
    }

    /// <summary>
    /// What the figures ask of the issuer's superior: the Office asks the Provincial People's Committee to direct the agencies
    /// behind on their unit plans or reports; an agency asks the Office to answer what is still open.
    /// </summary>
    private static string Proposals(MonitoringOverview overview, IReadOnlyList<DifficultyRow> difficulties, bool issuedByOffice)
    {
        if (issuedByOffice)
        {
            var missingPlans = overview.UnitPlans.Where(p => p.Status == UnitPlanStatus.Missing).Select(p => p.Agency.Name).ToList();
            var missingReports = overview.Reporting.Agencies
                .Where(a => a.Reports.Any(r => r.IsOverdue)).Select(a => a.Agency.Name).ToList();
            var asks = new List<string>();
            if (missingPlans.Count > 0) asks.Add($"chưa ban hành kế hoạch truyền thông ({Names(missingPlans)})");
            if (missingReports.Count > 0) asks.Add($"chưa gửi báo cáo định kỳ ({Names(missingReports)})");
            return asks.Count == 0
                ? "Đề nghị UBND tỉnh tiếp tục chỉ đạo các cơ quan, đơn vị duy trì công tác truyền thông và báo cáo định kỳ đúng thời hạn."
                : $"Đề nghị UBND tỉnh chỉ đạo các cơ quan, đơn vị {string.Join("; ", asks)} khẩn trương thực hiện.";
        }
        var open = difficulties.Where(d => d.Status == DifficultyStatus.Open).Select(d => d.Title).ToList();
        return open.Count == 0
            ? "Không có đề xuất, kiến nghị."
            : $"Đề nghị Văn phòng UBND tỉnh xem xét, hướng dẫn các nội dung: {Names(open, "; ", "nội dung")}.";
    }

    private static string Join(params string?[] paragraphs) => string.Join("\n", paragraphs.Where(p => !string.IsNullOrWhiteSpace(p)));

    private static List<string>? UnitPlans(MonitoringOverview overview, Subject subject)
    {
        var plans = overview.UnitPlans;
        if (plans.Count == 0) return null;
        var deadline = plans.Select(p => p.Deadline).FirstOrDefault(d => d is not null);
        if (subject.IsOneAgency && plans.Count == 1)
        {
            var plan = plans[0];
            var due = deadline is { } d ? $" (thời hạn hoàn thành: {d.ToOfficialString()})" : "";
            return [plan.Status switch
            {
                UnitPlanStatus.OnTime => $"{plan.Agency.Name} đã ban hành Kế hoạch số {plan.DocumentNumber} ngày "
                    + $"{plan.IssuedOn!.Value.ToOfficialString()}, đúng thời hạn{due}.",
                UnitPlanStatus.Late => $"{plan.Agency.Name} đã ban hành Kế hoạch số {plan.DocumentNumber} ngày "
                    + $"{plan.IssuedOn!.Value.ToOfficialString()}, chậm so với thời hạn{due}.",
                _ => $"{plan.Agency.Name} chưa ban hành kế hoạch truyền thông của đơn vị{due}.",
            }];
        }

        var onTime = plans.Count(p => p.Status == UnitPlanStatus.OnTime);
        var late = plans.Where(p => p.Status == UnitPlanStatus.Late).Select(p => p.Agency.Name).ToList();
        var missing = plans.Where(p => p.Status == UnitPlanStatus.Missing).Select(p => p.Agency.Name).ToList();
        var clauses = new List<string>();
        if (onTime == plans.Count) clauses.Add($"100% cơ quan, đơn vị ({N(onTime)}/{N(plans.Count)}) đã ban hành kế hoạch đúng hạn");
        else if (onTime > 0) clauses.Add($"{N(onTime)}/{N(plans.Count)} cơ quan, đơn vị đã ban hành kế hoạch đúng hạn");
        if (late.Count > 0) clauses.Add($"{N(late.Count)} cơ quan, đơn vị ban hành chậm so với thời hạn ({Names(late)})");
        if (missing.Count > 0) clauses.Add($"{N(missing.Count)} cơ quan, đơn vị chưa ban hành kế hoạch ({Names(missing)})");
        var lead = "Về việc xây dựng kế hoạch truyền thông của cơ quan, đơn vị"
            + (deadline is { } day ? $" (thời hạn hoàn thành: {day.ToOfficialString()})" : "");
        return [$"{lead}, có {string.Join("; ", clauses)}."];
    }

    private static string Commendations(IReadOnlyList<CommendationRow> rows, Subject subject)
    {
        if (rows.Count == 0) return "Trong kỳ báo cáo, chưa ghi nhận tập thể, cá nhân được biểu dương.";
        var collective = rows.Count(r => r.Kind == CommendationKind.Collective);
        var individual = rows.Count - collective;
        var who = (collective, individual) switch
        {
            (0, _) => $"{N(individual)} cá nhân",
            (_, 0) => $"{N(collective)} tập thể",
            _ => $"{N(rows.Count)} tập thể, cá nhân ({N(collective)} tập thể, {N(individual)} cá nhân)",
        };
        var names = rows.Select(r => subject.IsOneAgency ? r.Recipient : $"{r.Recipient} ({r.AgencyName})").ToList();
        return $"{subject.Capitalized} đã biểu dương {who} có thành tích tiêu biểu trong công tác kiểm soát TTHC và thực hiện "
            + $"cơ chế một cửa, một cửa liên thông, gồm: {Names(names, "; ", "tập thể, cá nhân")}.";
    }

    private static List<string> Difficulties(IReadOnlyList<DifficultyRow> rows, Subject subject)
    {
        if (rows.Count == 0)
            return [$"Trong kỳ báo cáo, {subject.Name} không phản ánh khó khăn, vướng mắc về Văn phòng UBND tỉnh."];
        var open = rows.Where(r => r.Status == DifficultyStatus.Open).ToList();
        var answered = rows.Count - open.Count;
        var outcome = (answered, open.Count) switch
        {
            (0, _) => "Văn phòng UBND tỉnh đang xem xét, giải quyết",
            (_, 0) => $"Văn phòng UBND tỉnh đã trả lời, hướng dẫn toàn bộ {N(answered)} nội dung",
            _ => $"Văn phòng UBND tỉnh đã trả lời, hướng dẫn {N(answered)} nội dung, còn {N(open.Count)} nội dung đang được xem xét, giải quyết",
        };
        var paragraphs = new List<string>
        {
            $"Trong kỳ báo cáo, {subject.Name} đã phản ánh {N(rows.Count)} khó khăn, vướng mắc về Văn phòng UBND tỉnh; {outcome}.",
        };
        if (open.Count > 0)
        {
            var items = open.Select(d => subject.IsOneAgency
                ? $"{d.Title} (ngày {d.RaisedOn.ToOfficialString()})"
                : $"{d.Title} ({d.AgencyName}, ngày {d.RaisedOn.ToOfficialString()})").ToList();
            paragraphs.Add($"Các nội dung chưa được trả lời: {Names(items, "; ", "nội dung")}.");
        }
        return paragraphs;
    }

    /// <summary>
    /// "đăng tải 456 tin, bài trên báo (120), …; tổ chức 12 hội nghị, hội thảo với 1.340 lượt người tham dự; treo 85
    /// băng rôn và 30 khẩu hiệu; …": one clause per channel in catalogue order, consecutive clauses with the same verb
    /// merged.
    /// </summary>
    private static List<string> ChannelClauses(IReadOnlyList<ChannelFigures> channels)
    {
        var clauses = new List<(string Verb, string Object)>();
        var placed = new HashSet<string>();
        foreach (var channel in channels)
        {
            if (!placed.Add(channel.Code)) continue;
            if (Phrases.TryGetValue(channel.Code, out var phrase))
            {
                var second = phrase.Second is not null && channel.SecondMeasure > 0
                    ? " " + string.Format(phrase.Second, N(channel.SecondMeasure)) : "";
                clauses.Add((phrase.Verb, $"{N(channel.Quantity)} {phrase.Noun}{second}"));
            }
            else if (Place(channel) is not null)
            {
                // Channels counted in the same unit at different places (news items on the press, the portal, websites).
                var siblings = channels.Where(c => !Phrases.ContainsKey(c.Code) && Place(c) is not null
                    && string.Equals(c.Unit, channel.Unit, StringComparison.OrdinalIgnoreCase)).ToList();
                foreach (var s in siblings) placed.Add(s.Code);
                clauses.Add(("đăng tải", PostedObject(channel.Unit, siblings)));
            }
            else
            {
                var second = channel.SecondMeasure > 0 && channel.SecondMeasureUnit is { } unit ? $" ({N(channel.SecondMeasure)} {unit})" : "";
                clauses.Add(("thực hiện", $"{N(channel.Quantity)} {channel.Unit} ({LowerFirst(channel.Name)}){second}"));
            }
        }

        var merged = new List<string>();
        for (var i = 0; i < clauses.Count;)
        {
            var verb = clauses[i].Verb;
            var objects = clauses.Skip(i).TakeWhile(c => c.Verb == verb).Select(c => c.Object).ToList();
            merged.Add($"{verb} {JoinAnd(objects)}");
            i += objects.Count;
        }
        return merged;
    }

    private static string PostedObject(string unit, IReadOnlyList<ChannelFigures> channels)
    {
        var total = N(channels.Sum(c => c.Quantity));
        if (channels.Count == 1) return $"{total} {unit} {Place(channels[0])}";
        var places = channels.Select(c => Place(c)!).ToList();
        const string On = "trên ";
        if (places.All(p => p.StartsWith(On, StringComparison.Ordinal)))
            return $"{total} {unit} {On}" + JoinAnd([.. places.Select((p, i) => $"{p[On.Length..]} ({N(channels[i].Quantity)})")]);
        return $"{total} {unit} (" + string.Join("; ", places.Select((p, i) => $"{p}: {N(channels[i].Quantity)}")) + ")";
    }

    /// <summary>"trên báo" for "Tin, bài trên báo" counted in "tin, bài": where a channel's items were posted.</summary>
    private static string? Place(ChannelFigures channel) =>
        channel.Name.Length > channel.Unit.Length && channel.Name.StartsWith(channel.Unit, StringComparison.OrdinalIgnoreCase)
            ? channel.Name[channel.Unit.Length..].Trim() is { Length: > 0 } rest ? rest : null
            : null;

    /// <summary>How the plan's channels are said in a report; a channel an administrator adds falls back to its name.</summary>
    private static readonly Dictionary<string, (string Verb, string Noun, string? Second)> Phrases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["PTTH"] = ("thực hiện", "chương trình, phóng sự phát thanh - truyền hình", "với tổng thời lượng {0} phút"),
        ["TTCS"] = ("phát", "lượt trên đài truyền thanh cấp huyện", "với tổng thời lượng {0} phút"),
        ["TAILIEU"] = ("biên soạn, phát hành", "tài liệu hướng dẫn nghiệp vụ", "({0} bản)"),
        ["HOINGHI"] = ("tổ chức", "hội nghị, hội thảo", "với {0} lượt người tham dự"),
        ["CUOCTHI"] = ("tổ chức", "cuộc thi tuyên truyền", "với {0} lượt bài dự thi, người tham gia"),
        ["TAPHUAN"] = ("mở", "lớp đào tạo, bồi dưỡng nghiệp vụ", "cho {0} lượt học viên"),
        ["PANO"] = ("lắp đặt", "pano", null),
        ["BANGRON"] = ("treo", "băng rôn", null),
        ["KHAUHIEU"] = ("treo", "khẩu hiệu", null),
        ["TOROI"] = ("phát hành", "tờ rơi, tờ gấp", null),
        ["APPHICH"] = ("phát hành", "áp phích", null),
    };

    /// <summary>Completeness and timeliness of each report period in the report's period, naming who has not reported.</summary>
    private static List<string> Submissions(ReportingCycle.ReportingStatus status)
    {
        var paragraphs = new List<string>();
        foreach (var p in status.Periods)
        {
            var due = p.DueDate.ToOfficialString();
            var missing = status.Agencies
                .Where(a => a.Reports.FirstOrDefault(r => r.Period.Key == p.Period.Key) is { } r && !r.Status.IsIn())
                .Select(a => a.Agency.Name).ToList();
            if (!p.IsDue)
            {
                paragraphs.Add($"{p.Period.Title}: chưa đến ngày chốt số liệu (hạn gửi báo cáo ngày {due}).");
                continue;
            }
            var text = $"{p.Period.Title} (hạn gửi ngày {due}): {N(p.In)}/{N(p.Expected)} cơ quan, đơn vị đã gửi báo cáo ({Share(p.InShare)}), "
                + $"trong đó {N(p.OnTime)} gửi đúng hạn ({Share(p.OnTimeShare)}) và {N(p.Late)} gửi trễ hạn; "
                + $"{N(p.Accepted)} báo cáo đã được duyệt, {N(p.Submitted)} báo cáo đang chờ duyệt.";
            if (p.SentBack > 0) text += $" {N(p.SentBack)} báo cáo bị trả lại để bổ sung, chỉnh sửa.";
            if (missing.Count > 0) text += $" Chưa gửi hoặc chưa gửi lại: {Names(missing)}.";
            paragraphs.Add(text);
        }
        return paragraphs;
    }

    /// <summary>"85%", rounded down like every share the dashboard shows.</summary>
    private static string Share(double? share) => share is { } s ? $"{N((long)Math.Floor(s * 100 + 1e-9))}%" : "—";

    private static string N(long value) => ReportFormat.Number(value);

    private static string JoinAnd(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " và " + items[^1],
    };

    private static string Names(IReadOnlyList<string> names, string separator = ", ", string others = "cơ quan, đơn vị") =>
        names.Count <= MaxNamesListed
            ? string.Join(separator, names)
            : string.Join(separator, names.Take(MaxNamesListed)) + $"{separator}và {N(names.Count - MaxNamesListed)} {others} khác";

    private static string LowerFirst(string text) =>
        text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];

    /// <summary>Who the sentences are about: "các cơ quan, đơn vị", "UBND các huyện, thành phố, thị xã", "Sở Tư pháp".</summary>
    private sealed record Subject(string Name, bool IsOneAgency)
    {
        public string Capitalized => char.ToUpperInvariant(Name[0]) + Name[1..];

        public static Subject Of(AppliedScope scope) => scope switch
        {
            { Agency: { } agency } => new(agency.Name, true),
            { Group: AgencyGroup.Provincial } => new("các Sở, ban, ngành", false),
            { Group: AgencyGroup.District } => new("UBND các huyện, thành phố, thị xã", false),
            { Group: AgencyGroup.Media } => new("các cơ quan báo chí", false),
            _ => new("các cơ quan, đơn vị", false),
        };
    }
}
