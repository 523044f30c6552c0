using System.Globalization;
using CommsPlan.Core.Access;
using CommsPlan.Core.Audit;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Core.UnitPlans;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

using CommsPlan.Core.Plans;

namespace CommsPlan.Core.PlanAuthoring;

/// <summary>
/// The Office writes each year's plan in the app (the plans page): copies the latest plan into next year's draft,
/// edits the draft's header and catalogue, and issues it (Ban hành). An issued plan stays editable, but an entry that
/// records already use keeps its code and cannot be removed: the records would lose what they were tagged with. Every
/// change goes through the one write path, so the audit history has it. Administrators and monitoring officers only.
/// </summary>
public sealed class PlanEditingService(
    IDbContextFactory<CommsPlanDbContext> factory,
    IValidator<PlanHeaderInput> headerValidator,
    IValidator<PlanItemInput> itemValidator,
    IValidator<ChannelInput> channelValidator,
    TimeProvider time)
{
    /// <summary>Every plan, newest year first, with its status today.</summary>
    public async Task<IReadOnlyList<PlanSummary>> ListAsync(CurrentUser actor, CancellationToken ct = default)
    {
        RequireEditor(actor);
        await using var db = await factory.CreateDbContextAsync(ct);
        var today = time.Today();
        var plans = await db.Plans.AsNoTracking().OrderByDescending(p => p.Year)
            .Select(p => new { p.Id, p.Number, p.Year, p.IssuedOn, p.PeriodStart, p.PeriodEnd, p.IsIssued })
            .ToListAsync(ct);
        return [.. plans.Select(p => new PlanSummary(p.Id, p.Number, p.Year, p.IssuedOn, p.PeriodStart, p.PeriodEnd,
            PlanStatuses.Of(p.IsIssued, p.PeriodStart, p.PeriodEnd, today)))];
    }

    /// <summary>The year Tạo kế hoạch năm mới offers (<see cref="PlanCopier.SuggestYearAsync"/>), or null without any plan.</summary>
    public async Task<int?> SuggestYearAsync(CurrentUser actor, CancellationToken ct = default)
    {
        RequireEditor(actor);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await PlanCopier.SuggestYearAsync(db, time.Today(), ct);
    }

    /// <summary>Tạo kế hoạch năm mới: a draft for <paramref name="year"/> copied from the latest plan before it (<see cref="PlanCopier"/>).</summary>
    public async Task CreateAsync(CurrentUser actor, int year, CancellationToken ct = default)
    {
        RequireEditor(actor);
        await using var db = await factory.CreateForAsync(actor, time, ct);
        try
        {
            await PlanCopier.CreateAsync(db, year, ct);
        }
        catch (DbUpdateException)
        {
            // Another user created the same year between the check and the insert: the unique index refused this copy.
            await using var fresh = await factory.CreateDbContextAsync(ct);
            if (await fresh.Plans.AnyAsync(p => p.Year == year, ct))
                throw new BusinessRuleException($"Đã có kế hoạch năm {year}: kế hoạch này vừa được người khác tạo. Vui lòng tải lại trang.");
            throw;
        }
    }

    /// <summary>The plan of <paramref name="year"/> with its catalogue in order, and which of its entries records use.</summary>
    public async Task<PlanEditorData> GetAsync(CurrentUser actor, int year, CancellationToken ct = default)
    {
        RequireEditor(actor);
        await using var db = await factory.CreateDbContextAsync(ct);
        var planId = await db.Plans.Where(p => p.Year == year).Select(p => (int?)p.Id).SingleOrDefaultAsync(ct) ?? throw new NotFoundException();
        var plan = await PlanCopier.LoadAsync(db, planId, ct);
        plan.Objectives.Sort(BySortOrder);
        plan.Requirements.Sort(BySortOrder);
        plan.Themes.Sort(BySortOrder);
        plan.Assignments.Sort(BySortOrder);
        plan.FormGroups.Sort(BySortOrder);
        foreach (var g in plan.FormGroups) g.Channels.Sort((a, b) => a.SortOrder.CompareTo(b.SortOrder));

        var objectiveIds = plan.Objectives.Select(o => o.Id).ToList();
        var themeIds = plan.Themes.Select(t => t.Id).ToList();
        var channelIds = plan.FormGroups.SelectMany(g => g.Channels).Select(c => c.Id).ToList();
        var usedObjectives = await db.Activities.SelectMany(a => a.Objectives).Where(o => objectiveIds.Contains(o.Id)).Select(o => o.Id).Distinct().ToListAsync(ct);
        var usedThemes = await db.Activities.SelectMany(a => a.Themes).Where(t => themeIds.Contains(t.Id)).Select(t => t.Id).Distinct().ToListAsync(ct);
        var usedChannels = await db.Activities.Where(a => channelIds.Contains(a.ChannelId)).Select(a => a.ChannelId)
            .Union(db.UnitPlanTargets.Where(t => channelIds.Contains(t.ChannelId)).Select(t => t.ChannelId)).ToListAsync(ct);
        var usedAssignments = await db.UnitPlans.AnyAsync(u => u.PlanId == plan.Id, ct) && plan.UnitPlanAssignment() is { } unitPlanAssignment
            ? [unitPlanAssignment.Id]
            : new List<int>();
        var inUse = new HashSet<(PlanItemKind?, int)>();
        foreach (var id in usedObjectives) inUse.Add((PlanItemKind.Objective, id));
        foreach (var id in usedThemes) inUse.Add((PlanItemKind.Theme, id));
        foreach (var id in usedAssignments) inUse.Add((PlanItemKind.Assignment, id));
        foreach (var id in usedChannels) inUse.Add((null, id));
        return new PlanEditorData(plan, plan.StatusOn(time.Today()), inUse);
    }

    /// <summary>Saves the header: number, title, dates, signer, preamble and funding text.</summary>
    public async Task UpdateHeaderAsync(CurrentUser actor, int planId, PlanHeaderInput input, CancellationToken ct = default)
    {
        RequireEditor(actor);
        await headerValidator.ValidateAndThrowAsync(input, ct);
        await using var db = await factory.CreateForAsync(actor, time, ct);
        var plan = await LoadPlanAsync(db, planId, input.Version, ct);
        var number = input.Number.Trim();
        if (await db.Plans.AnyAsync(p => p.Id != planId && p.Number == number, ct))
            throw Invalid(nameof(PlanHeaderInput.Number), $"Số {number} đã là số của một kế hoạch khác.");
        var start = input.PeriodStart!.Value;
        var end = input.PeriodEnd!.Value;
        await EnsureNoOverlapAsync(db, planId, start, end, ct);
        if (plan.IsIssued && (start > plan.PeriodStart || end < plan.PeriodEnd))
        {
            var outside = await db.Activities.CountAsync(a =>
                a.StartDate >= plan.PeriodStart && a.StartDate <= plan.PeriodEnd && (a.StartDate < start || a.StartDate > end), ct);
            if (outside > 0)
                throw Invalid(nameof(PlanHeaderInput.PeriodStart),
                    $"Đã có {outside.ToString("N0", CultureInfo.GetCultureInfo("vi-VN"))} hoạt động ghi nhận ngoài thời gian thực hiện mới; không thể thu hẹp thời gian thực hiện của kế hoạch đã ban hành.");
        }
        plan.Number = number;
        plan.Title = input.Title.Trim();
        plan.IssuedOn = input.IssuedOn!.Value;
        plan.SignerTitle = input.SignerTitle.Trim();
        plan.Signer = input.Signer.Trim();
        plan.PeriodStart = start;
        plan.PeriodEnd = end;
        plan.Preamble = input.Preamble.Trim();
        plan.FundingText = input.FundingText.Trim();
        await SavePlanAsync(db, plan, ct);
    }

    /// <summary>
    /// Ban hành: the draft becomes an issued plan records can be dated against; the plan running today becomes the
    /// default everywhere. Refused while the number is still the copy's placeholder or the catalogue lacks a section.
    /// </summary>
    public async Task IssueAsync(CurrentUser actor, int planId, long version, CancellationToken ct = default)
    {
        RequireEditor(actor);
        await using var db = await factory.CreateForAsync(actor, time, ct);
        var plan = await LoadPlanAsync(db, planId, version, ct);
        if (plan.IsIssued) throw new BusinessRuleException($"Kế hoạch số {plan.Number} đã được ban hành.");
        if (PlanCopier.IsPlaceholderNumber(plan.Number))
            throw new BusinessRuleException("Vui lòng nhập số, ký hiệu của kế hoạch trước khi ban hành.");
        var header = await headerValidator.ValidateAsync(PlanHeaderInput.From(plan), ct);
        if (!header.IsValid) throw new BusinessRuleException(header.Errors[0].ErrorMessage);
        var missing = new List<string>();
        if (!await db.Objectives.AnyAsync(o => o.PlanId == planId, ct)) missing.Add("mục đích");
        if (!await db.Themes.AnyAsync(t => t.PlanId == planId, ct)) missing.Add("nội dung tuyên truyền");
        if (!await db.Channels.AnyAsync(c => c.FormGroup!.PlanId == planId && c.IsActive, ct)) missing.Add("kênh tuyên truyền đang dùng");
        if (missing.Count > 0) throw new BusinessRuleException($"Kế hoạch chưa có {string.Join(", ", missing)}; chưa thể ban hành.");
        await EnsureNoOverlapAsync(db, planId, plan.PeriodStart, plan.PeriodEnd, ct);
        plan.IsIssued = true;
        await SavePlanAsync(db, plan, ct);
    }

    /// <summary>Adds an entry (<paramref name="itemId"/> null) at the end of its section, or edits one.</summary>
    public async Task<int> SaveItemAsync(CurrentUser actor, int planId, int? itemId, PlanItemInput input, CancellationToken ct = default)
    {
        RequireEditor(actor);
        await itemValidator.ValidateAndThrowAsync(input, ct);
        await using var db = await factory.CreateForAsync(actor, time, ct);
        if (!await db.Plans.AnyAsync(p => p.Id == planId, ct)) throw new NotFoundException();
        var code = PlanCodes.Normalize(input.Code);
        var items = Items(db, input.Kind).Where(i => i.PlanId == planId);
        if (await items.AnyAsync(i => i.Code == code && i.Id != itemId, ct))
            throw Invalid(nameof(PlanItemInput.Code), $"Mã {code} đã có trong {SectionName(input.Kind)} của kế hoạch này.");

        PlanItem item;
        if (itemId is { } id)
        {
            item = await items.SingleOrDefaultAsync(i => i.Id == id, ct) ?? throw new NotFoundException();
            if (item.Code != code && await UsageAsync(db, input.Kind, item, ct) is { } usage)
                throw Invalid(nameof(PlanItemInput.Code), $"Mã {item.DisplayCode} {usage} nên không đổi được; vẫn có thể sửa tên và nội dung.");
        }
        else
        {
            item = NewItem(input.Kind);
            item.PlanId = planId;
            item.SortOrder = (await items.MaxAsync(i => (int?)i.SortOrder, ct) ?? 0) + 1;
            db.Add(item);
        }
        item.Code = code;
        item.DisplayCode = PlanCodes.Display(input.Kind, code);
        item.ShortName = input.ShortName.Trim();
        item.Text = input.Text.Trim();
        if (item is Assignment assignment)
        {
            assignment.Binds = input.Binds;
            assignment.Deadline = input.Deadline;
            await MarkUnitPlanAssignmentAsync(db, assignment, input.IsUnitPlanAssignment, ct);
        }
        await db.SaveChangesAsync(ct);
        return item.Id;
    }

    /// <summary>
    /// One unit-plan assignment per plan, kept like a default: marking an assignment unmarks the plan's other one in the
    /// same save (both changes audited). Unmarking it is refused once unit plans were recorded under the plan: they would
    /// have no deadline left to be judged against; marking another assignment moves it instead.
    /// </summary>
    private static async Task MarkUnitPlanAssignmentAsync(CommsPlanDbContext db, Assignment assignment, bool marked, CancellationToken ct)
    {
        if (marked)
        {
            var others = await db.Assignments
                .Where(a => a.PlanId == assignment.PlanId && a.IsUnitPlanAssignment && a.Id != assignment.Id).ToListAsync(ct);
            foreach (var other in others) other.IsUnitPlanAssignment = false;
        }
        else if (assignment.IsUnitPlanAssignment && await db.UnitPlans.CountAsync(u => u.PlanId == assignment.PlanId, ct) is > 0 and var plans)
        {
            throw Invalid(nameof(PlanItemInput.IsUnitPlanAssignment),
                $"Đã có {Count(plans)} kế hoạch đơn vị theo nhiệm vụ {assignment.DisplayCode} nên không thể bỏ đánh dấu; "
                + "có thể đánh dấu một nhiệm vụ khác là nhiệm vụ xây dựng kế hoạch của đơn vị thay cho nhiệm vụ này.");
        }
        assignment.IsUnitPlanAssignment = marked;
    }

    /// <summary>Moves an entry one place up (<paramref name="offset"/> -1) or down (+1) in its section.</summary>
    public async Task MoveItemAsync(CurrentUser actor, int planId, PlanItemKind kind, int itemId, int offset, CancellationToken ct = default)
    {
        RequireEditor(actor);
        await using var db = await factory.CreateForAsync(actor, time, ct);
        var items = await Items(db, kind).Where(i => i.PlanId == planId).OrderBy(i => i.SortOrder).ThenBy(i => i.Id).ToListAsync(ct);
        var index = items.FindIndex(i => i.Id == itemId);
        if (index < 0) throw new NotFoundException();
        var other = index + Math.Sign(offset);
        if (offset == 0 || other < 0 || other >= items.Count) return;
        (items[index], items[other]) = (items[other], items[index]);
        // Renumbered from 1 so equal or missing orders from older data cannot keep two entries in place.
        for (var i = 0; i < items.Count; i++) items[i].SortOrder = i + 1;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Removes an entry no record uses; otherwise refused with the reason.</summary>
    public async Task RemoveItemAsync(CurrentUser actor, int planId, PlanItemKind kind, int itemId, CancellationToken ct = default)
    {
        RequireEditor(actor);
        await using var db = await factory.CreateForAsync(actor, time, ct);
        var item = await Items(db, kind).SingleOrDefaultAsync(i => i.PlanId == planId && i.Id == itemId, ct) ?? throw new NotFoundException();
        if (await UsageAsync(db, kind, item, ct) is { } usage)
            throw new BusinessRuleException($"Không thể xóa {item.DisplayCode}: mã này {usage}. Có thể sửa tên và nội dung thay vì xóa.");
        db.Remove(item);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Adds a channel to a form group (<paramref name="channelId"/> null), or edits one. Codes are unique across the plan's groups.</summary>
    public async Task<int> SaveChannelAsync(CurrentUser actor, int formGroupId, int? channelId, ChannelInput input, CancellationToken ct = default)
    {
        RequireEditor(actor);
        await channelValidator.ValidateAndThrowAsync(input, ct);
        await using var db = await factory.CreateForAsync(actor, time, ct);
        var group = await db.FormGroups.SingleOrDefaultAsync(g => g.Id == formGroupId, ct) ?? throw new NotFoundException();
        var code = PlanCodes.Normalize(input.Code);
        if (await db.Channels.AnyAsync(c => c.FormGroup!.PlanId == group.PlanId && c.Code == code && c.Id != channelId, ct))
            throw Invalid(nameof(ChannelInput.Code), $"Mã kênh {code} đã có trong kế hoạch này.");
        Channel channel;
        if (channelId is { } id)
        {
            channel = await db.Channels.SingleOrDefaultAsync(c => c.Id == id && c.FormGroupId == formGroupId, ct) ?? throw new NotFoundException();
            if (channel.Code != code && await ChannelUsageAsync(db, channel.Id, ct) is { } usage)
                throw Invalid(nameof(ChannelInput.Code), $"Mã kênh {channel.Code} {usage} nên không đổi được; vẫn có thể sửa tên và đơn vị tính.");
            channel.Code = code;
        }
        else
        {
            var last = await db.Channels.Where(c => c.FormGroup!.PlanId == group.PlanId).MaxAsync(c => (int?)c.SortOrder, ct) ?? 0;
            channel = new Channel { Code = code, Name = "", Unit = "", FormGroupId = formGroupId, SortOrder = last + 1, IsActive = true };
            db.Channels.Add(channel);
        }
        channel.Name = input.Name.Trim();
        channel.Unit = input.Unit.Trim();
        channel.SecondMeasureLabel = string.IsNullOrWhiteSpace(input.SecondMeasureLabel) ? null : input.SecondMeasureLabel.Trim();
        channel.SecondMeasureUnit = channel.SecondMeasureLabel is null ? null : input.SecondMeasureUnit?.Trim();
        await db.SaveChangesAsync(ct);
        return channel.Id;
    }

    /// <summary>Ngừng dùng / dùng lại: an inactive channel keeps its records but takes no new ones.</summary>
    public async Task SetChannelActiveAsync(CurrentUser actor, int channelId, bool active, CancellationToken ct = default)
    {
        RequireEditor(actor);
        await using var db = await factory.CreateForAsync(actor, time, ct);
        var channel = await db.Channels.SingleOrDefaultAsync(c => c.Id == channelId, ct) ?? throw new NotFoundException();
        if (channel.IsActive == active) return;
        channel.IsActive = active;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Removes a channel no record uses; one in use can be deactivated instead.</summary>
    public async Task RemoveChannelAsync(CurrentUser actor, int channelId, CancellationToken ct = default)
    {
        RequireEditor(actor);
        await using var db = await factory.CreateForAsync(actor, time, ct);
        var channel = await db.Channels.SingleOrDefaultAsync(c => c.Id == channelId, ct) ?? throw new NotFoundException();
        if (await ChannelUsageAsync(db, channelId, ct) is { } usage)
            throw new BusinessRuleException($"Không thể xóa kênh {channel.Code}: kênh này {usage}. Có thể ngừng dùng kênh thay vì xóa.");
        db.Channels.Remove(channel);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Why records keep <paramref name="item"/> ("đã được dùng bởi 12 hoạt động"), or null when none uses it.</summary>
    private static async Task<string?> UsageAsync(CommsPlanDbContext db, PlanItemKind kind, PlanItem item, CancellationToken ct)
    {
        var count = kind switch
        {
            PlanItemKind.Objective => await db.Activities.CountAsync(a => a.Objectives.Any(o => o.Id == item.Id), ct),
            PlanItemKind.Theme => await db.Activities.CountAsync(a => a.Themes.Any(t => t.Id == item.Id), ct),
            _ => 0,
        };
        if (count > 0) return $"đã được dùng bởi {Count(count)} hoạt động";
        if (item is Assignment { IsUnitPlanAssignment: true })
        {
            var plans = await db.UnitPlans.CountAsync(u => u.PlanId == item.PlanId, ct);
            if (plans > 0) return $"là nhiệm vụ xây dựng kế hoạch đơn vị, đã có {Count(plans)} kế hoạch đơn vị theo nhiệm vụ này";
        }
        return null;
    }

    private static async Task<string?> ChannelUsageAsync(CommsPlanDbContext db, int channelId, CancellationToken ct)
    {
        var activities = await db.Activities.CountAsync(a => a.ChannelId == channelId, ct);
        var targets = await db.UnitPlanTargets.CountAsync(t => t.ChannelId == channelId, ct);
        if (activities == 0 && targets == 0) return null;
        var parts = new List<string>();
        if (activities > 0) parts.Add($"{Count(activities)} hoạt động");
        if (targets > 0) parts.Add($"{Count(targets)} chỉ tiêu kế hoạch đơn vị");
        return $"đã được dùng bởi {string.Join(" và ", parts)}";
    }

    private static async Task EnsureNoOverlapAsync(CommsPlanDbContext db, int planId, DateOnly start, DateOnly end, CancellationToken ct)
    {
        var other = await db.Plans.AsNoTracking().Where(p => p.Id != planId && p.PeriodStart <= end && p.PeriodEnd >= start)
            .Select(p => new { p.Number, p.PeriodStart, p.PeriodEnd }).FirstOrDefaultAsync(ct);
        if (other is not null)
            throw Invalid(nameof(PlanHeaderInput.PeriodStart),
                $"Thời gian thực hiện trùng với Kế hoạch số {other.Number} ({VietnameseFormat.Date(other.PeriodStart)} – {VietnameseFormat.Date(other.PeriodEnd)}).");
    }

    private static async Task<Plan> LoadPlanAsync(CommsPlanDbContext db, int planId, long expectedVersion, CancellationToken ct)
    {
        var plan = await db.Plans.SingleOrDefaultAsync(p => p.Id == planId, ct) ?? throw new NotFoundException();
        if (plan.Version != expectedVersion) throw await AuditLog.ConflictAsync(db, nameof(Plan), Key(plan.Id), ct);
        // The version the editor saw is the one the UPDATE checks: a change in between fails the save.
        db.Entry(plan).Property(p => p.Version).OriginalValue = expectedVersion;
        return plan;
    }

    private static async Task SavePlanAsync(CommsPlanDbContext db, Plan plan, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw await AuditLog.ConflictAsync(db, nameof(Plan), Key(plan.Id), ct);
        }
    }

    private static IQueryable<PlanItem> Items(CommsPlanDbContext db, PlanItemKind kind) => kind switch
    {
        PlanItemKind.Objective => db.Objectives,
        PlanItemKind.Requirement => db.Requirements,
        PlanItemKind.Theme => db.Themes,
        PlanItemKind.Assignment => db.Assignments,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static PlanItem NewItem(PlanItemKind kind) => kind switch
    {
        PlanItemKind.Objective => new Objective(),
        PlanItemKind.Requirement => new Requirement(),
        PlanItemKind.Theme => new ContentTheme(),
        PlanItemKind.Assignment => new Assignment(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string SectionName(PlanItemKind kind) => kind switch
    {
        PlanItemKind.Objective => "mục đích",
        PlanItemKind.Requirement => "yêu cầu",
        PlanItemKind.Theme => "nội dung tuyên truyền",
        PlanItemKind.Assignment => "nhiệm vụ",
        _ => kind.ToString(),
    };

    private static int BySortOrder(PlanItem a, PlanItem b) => a.SortOrder.CompareTo(b.SortOrder);

    private static string Count(int n) => n.ToString("N0", CultureInfo.GetCultureInfo("vi-VN"));

    private static string Key(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static void RequireEditor(CurrentUser actor)
    {
        if (!actor.IsAdmin && !actor.IsMonitor) throw new AccessDeniedException();
    }

    private static ValidationException Invalid(string property, string message) => new([new ValidationFailure(property, message)]);
}

public sealed record PlanSummary(int Id, string Number, int Year, DateOnly IssuedOn, DateOnly PeriodStart, DateOnly PeriodEnd, PlanStatus Status);

/// <summary>A plan for the editor, and which of its entries records use (those keep their code and cannot be removed).</summary>
public sealed class PlanEditorData(Plan plan, PlanStatus status, IReadOnlySet<(PlanItemKind? Kind, int Id)> inUse)
{
    public Plan Plan { get; } = plan;
    public PlanStatus Status { get; } = status;

    public bool IsInUse(PlanItemKind kind, int id) => inUse.Contains((kind, id));

    public bool IsChannelInUse(int channelId) => inUse.Contains((null, channelId));
}
