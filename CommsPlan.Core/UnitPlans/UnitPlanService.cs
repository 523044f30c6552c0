using System.Linq.Expressions;
using CommsPlan.Core.Access;
using CommsPlan.Core.Changes;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Core.Plans;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.UnitPlans;

/// <summary>
/// Unit plans (NV1) and their targets: an officer records and edits its own agency's; monitors, leadership and
/// administrators read every agency's. Statuses follow <see cref="UnitPlanStatusRule"/> with the deadline and
/// the bound agency kinds read from the plan's NV1 assignment.
/// </summary>
public sealed class UnitPlanService(
    IDbContextFactory<CommsPlanDbContext> factory,
    TimeProvider time,
    IDataChangeNotifier notifier)
{
    /// <summary>The <see cref="DataChange.Kind"/> published after a unit plan is saved.</summary>
    public const string ChangeKind = "UnitPlan";

    internal const string OfficersOnlyMessage =
        "Chỉ cán bộ của đơn vị, hoặc Văn phòng UBND tỉnh nhập thay đơn vị, mới cập nhật kế hoạch đơn vị.";

    internal const string AgencyEnteredMessage =
        "Kế hoạch này do đơn vị tự nhập: Văn phòng UBND tỉnh chỉ xem, chỉ sửa được kế hoạch do Văn phòng nhập thay.";

    /// <summary>Whether <paramref name="user"/> may save the agency's unit plan as it now is (<paramref name="current"/>: null when it has none).</summary>
    public static bool CanSave(CurrentUser user, int agencyId, UnitPlanDetails? current) =>
        current is null ? user.CanEnterFor(agencyId) : user.CanChange(agencyId, current.EnteredOnBehalfBy);

    /// <summary>The validator a form uses, built on today's plan dates and channels: the same rules the save applies.</summary>
    public Task<UnitPlanInputValidator> CreateValidatorAsync(CancellationToken ct = default) => CreateValidatorAsync(null, ct);

    /// <summary>The validator of a form in the plan of <paramref name="planYear"/> (the current plan when null).</summary>
    public async Task<UnitPlanInputValidator> CreateValidatorAsync(int? planYear, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return new UnitPlanInputValidator(await UnitPlanValidationContext.LoadAsync(db, time.Today(), planYear, ct));
    }

    /// <summary>
    /// Every active agency bound by NV1 that the caller may read (an officer: its own, if bound), in catalogue
    /// order, with status, document and targets. One query; the status is computed by the database.
    /// </summary>
    public Task<UnitPlanOverview> GetOverviewAsync(CurrentUser user, CancellationToken ct = default) => GetOverviewAsync(user, null, ct);

    /// <summary>The overview of the unit plans under the plan of <paramref name="planYear"/> (the current plan when null).</summary>
    public async Task<UnitPlanOverview> GetOverviewAsync(CurrentUser user, int? planYear, CancellationToken ct = default)
    {
        var today = time.Today();
        await using var db = await factory.CreateDbContextAsync(ct);
        var nv1 = await FindAssignmentAsync(db, planYear, ct);
        if (nv1 is null) return new UnitPlanOverview(null, null, today, []);

        var deadline = nv1.Deadline;
        Expression<Func<AgencyWithPlan, UnitPlanStatusRow>> projection = x => new UnitPlanStatusRow
        {
            AgencyId = x.Agency.Id,
            AgencyCode = x.Agency.Code,
            AgencyName = x.Agency.Name,
            AgencyKind = x.Agency.Kind,
            AgencySortOrder = x.Agency.SortOrder,
            Status = UnitPlanStatusRule.Evaluate(x.Plan == null ? null : x.Plan.IssuedOn, deadline, today),
            UnitPlanId = x.Plan == null ? null : x.Plan.Id,
            DocumentNumber = x.Plan == null ? null : x.Plan.DocumentNumber,
            IssuedOn = x.Plan == null ? null : x.Plan.IssuedOn,
            Link = x.Plan == null ? null : x.Plan.Link,
            Targets = x.Plan!.Targets
                .OrderBy(t => t.Channel!.SortOrder)
                .Select(t => new UnitPlanTargetRow(t.ChannelId, t.Channel!.Code, t.Channel.Name, t.Channel.Unit, t.Quantity))
                .ToList(),
        };
        var rows = await BoundAgencies(db, user, nv1)
            .OrderBy(x => x.Agency.SortOrder).ThenBy(x => x.Agency.Name)
            .Select(UnitPlanStatusRule.Inline(projection))
            .ToListAsync(ct);
        return new UnitPlanOverview(nv1.Code, deadline, today, rows);
    }

    /// <summary>How many bound agencies the caller may read are in each status (zero counts included), counted by the database.</summary>
    public Task<IReadOnlyList<UnitPlanStatusCount>> CountByStatusAsync(CurrentUser user, CancellationToken ct = default) =>
        CountByStatusAsync(user, null, ct);

    /// <summary>The counts under the plan of <paramref name="planYear"/> (the current plan when null).</summary>
    public async Task<IReadOnlyList<UnitPlanStatusCount>> CountByStatusAsync(CurrentUser user, int? planYear, CancellationToken ct = default)
    {
        var today = time.Today();
        await using var db = await factory.CreateDbContextAsync(ct);
        var nv1 = await FindAssignmentAsync(db, planYear, ct);
        var counts = new Dictionary<UnitPlanStatus, int>();
        if (nv1 is not null)
        {
            var deadline = nv1.Deadline;
            Expression<Func<AgencyWithPlan, UnitPlanStatus>> statusOf =
                x => UnitPlanStatusRule.Evaluate(x.Plan == null ? null : x.Plan.IssuedOn, deadline, today);
            counts = await BoundAgencies(db, user, nv1)
                .Select(UnitPlanStatusRule.Inline(statusOf))
                .GroupBy(s => s)
                .Select(g => new { Status = g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Status, g => g.Count, ct);
        }
        return Enum.GetValues<UnitPlanStatus>().Select(s => new UnitPlanStatusCount(s, counts.GetValueOrDefault(s))).ToList();
    }

    /// <summary>A unit plan by id; <see cref="NotFoundException"/> when it does not exist or the caller may not read its agency.</summary>
    public async Task<UnitPlanDetails> GetAsync(CurrentUser user, int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var planId = await db.UnitPlans.AsNoTracking().Where(u => u.Id == id).Select(u => (int?)u.PlanId).FirstOrDefaultAsync(ct);
        var details = await QueryDetailsAsync(db, u => u.Id == id, planId, ct);
        if (details is null || !user.CanRead(details.AgencyId)) throw new NotFoundException();
        return details;
    }

    /// <summary>
    /// The agency's unit plan under the current provincial plan, or null when it has none yet;
    /// <see cref="NotFoundException"/> when the agency does not exist or the caller may not read it.
    /// </summary>
    public Task<UnitPlanDetails?> FindForAgencyAsync(CurrentUser user, int agencyId, CancellationToken ct = default) =>
        FindForAgencyAsync(user, agencyId, null, ct);

    /// <summary>The agency's unit plan under the plan of <paramref name="planYear"/> (the current plan when null), or null.</summary>
    public async Task<UnitPlanDetails?> FindForAgencyAsync(CurrentUser user, int agencyId, int? planYear, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!user.CanRead(agencyId) || !await db.Agencies.AnyAsync(a => a.Id == agencyId, ct)) throw new NotFoundException();
        var period = await PlanPeriod.FindAsync(db, planYear, time.Today(), ct);
        if (period is null) return null;
        return await QueryDetailsAsync(db, u => u.PlanId == period.PlanId && u.AgencyId == agencyId, period.PlanId, ct);
    }

    /// <summary>
    /// Records or updates the agency's unit plan and replaces its targets with <paramref name="input"/>'s
    /// (a quantity of 0 removes a channel's target). The agency's own officer may, and the Office's monitor on the
    /// agency's behalf (<see cref="CurrentUser.CanEnterFor"/>) but then only a plan it entered itself
    /// (<see cref="CurrentUser.CanChange"/>); another agency's is <see cref="NotFoundException"/> to an officer and
    /// <see cref="AccessDeniedException"/> to leadership and administrators.
    /// A save from a stale <see cref="UnitPlanInput.Version"/> throws <see cref="ConcurrencyConflictException"/>.
    /// </summary>
    public Task<UnitPlanDetails> SaveAsync(CurrentUser user, int agencyId, UnitPlanInput input, CancellationToken ct = default) =>
        SaveAsync(user, agencyId, input, null, ct);

    /// <summary>Saves the agency's unit plan under the plan of <paramref name="planYear"/> (the current plan when null).</summary>
    public async Task<UnitPlanDetails> SaveAsync(CurrentUser user, int agencyId, UnitPlanInput input, int? planYear, CancellationToken ct = default)
    {
        await using var db = await factory.CreateForAsync(user, time, ct);
        var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == agencyId)
            .Select(a => new { a.IsActive }).FirstOrDefaultAsync(ct);
        if (agency is null || !user.CanRead(agencyId)) throw new NotFoundException();
        if (!user.CanEnterFor(agencyId)) throw new AccessDeniedException(OfficersOnlyMessage);
        if (!agency.IsActive) throw new BusinessRuleException("Đơn vị đã ngừng hoạt động, không thể cập nhật kế hoạch đơn vị.");
        await new UnitPlanInputValidator(await UnitPlanValidationContext.LoadAsync(db, time.Today(), planYear, ct)).ValidateAndThrowAsync(input, ct);
        var period = await PlanPeriod.FindAsync(db, planYear, time.Today(), ct)
            ?? throw new BusinessRuleException("Chưa có kế hoạch của tỉnh để xây dựng kế hoạch đơn vị.");

        var unitPlan = await db.UnitPlans.Include(u => u.Targets)
            .SingleOrDefaultAsync(u => u.PlanId == period.PlanId && u.AgencyId == agencyId, ct);
        if (unitPlan is null)
        {
            // Version 0 is "there was none when I opened it"; anything else means it vanished meanwhile.
            if (input.Version != 0) throw new ConcurrencyConflictException(null, null);
            unitPlan = new UnitPlan { PlanId = period.PlanId, AgencyId = agencyId, DocumentNumber = "" };
            db.UnitPlans.Add(unitPlan);
        }
        else
        {
            // The Office corrects a plan it entered for the agency, never one the agency entered itself.
            if (!user.CanChange(agencyId, unitPlan.EnteredOnBehalfBy)) throw new AccessDeniedException(AgencyEnteredMessage);
            if (unitPlan.Version != input.Version) throw new ConcurrencyConflictException(unitPlan.UpdatedBy, unitPlan.UpdatedAt);
            // A change to the targets alone must still bump the version the next editor is checked against.
            db.Entry(unitPlan).State = EntityState.Modified;
        }

        unitPlan.DocumentNumber = input.DocumentNumber.Trim();
        unitPlan.IssuedOn = input.IssuedOn!.Value;
        unitPlan.Link = string.IsNullOrWhiteSpace(input.Link) ? null : input.Link.Trim();
        unitPlan.Notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim();
        var wanted = input.Targets.Where(t => t.Quantity > 0).ToDictionary(t => t.ChannelId, t => t.Quantity);
        unitPlan.Targets.RemoveAll(t => !wanted.ContainsKey(t.ChannelId));
        foreach (var (channelId, quantity) in wanted)
        {
            var target = unitPlan.Targets.Find(t => t.ChannelId == channelId);
            if (target is null) unitPlan.Targets.Add(new UnitPlanTarget { ChannelId = channelId, Quantity = quantity });
            else target.Quantity = quantity;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex)
        {
            // Someone saved (or created) the agency's unit plan between our read and our write.
            await using var fresh = await factory.CreateDbContextAsync(ct);
            var current = await fresh.UnitPlans.AsNoTracking()
                .Where(u => u.PlanId == period.PlanId && u.AgencyId == agencyId)
                .Select(u => new { u.UpdatedBy, u.UpdatedAt }).FirstOrDefaultAsync(ct);
            if (ex is DbUpdateConcurrencyException || current is not null)
                throw new ConcurrencyConflictException(current?.UpdatedBy, current?.UpdatedAt);
            throw;
        }

        notifier.NotifyChanged(new DataChange(ChangeKind, agencyId));
        var id = unitPlan.Id;
        return (await QueryDetailsAsync(db, u => u.Id == id, period.PlanId, ct))!;
    }

    /// <param name="planId">The provincial plan the unit plan is under, whose NV1 deadline judges it.</param>
    private async Task<UnitPlanDetails?> QueryDetailsAsync(
        CommsPlanDbContext db, Expression<Func<UnitPlan, bool>> which, int? planId, CancellationToken ct)
    {
        var today = time.Today();
        var nv1 = planId is { } id ? await AssignmentOfAsync(db, id, ct) : null;
        var deadline = nv1?.Deadline;
        Expression<Func<UnitPlan, UnitPlanDetails>> projection = u => new UnitPlanDetails
        {
            Id = u.Id,
            AgencyId = u.AgencyId,
            AgencyName = u.Agency!.Name,
            DocumentNumber = u.DocumentNumber,
            IssuedOn = u.IssuedOn,
            Link = u.Link,
            Notes = u.Notes,
            Status = UnitPlanStatusRule.Evaluate(u.IssuedOn, deadline, today),
            Targets = u.Targets
                .OrderBy(t => t.Channel!.SortOrder)
                .Select(t => new UnitPlanTargetRow(t.ChannelId, t.Channel!.Code, t.Channel.Name, t.Channel.Unit, t.Quantity))
                .ToList(),
            UpdatedBy = u.UpdatedBy,
            UpdatedAt = u.UpdatedAt,
            Version = u.Version,
            EnteredOnBehalfBy = u.EnteredOnBehalfBy,
            EnteredOnBehalfByName = db.Users.Where(x => x.UserName == u.EnteredOnBehalfBy).Select(x => x.FullName).FirstOrDefault(),
        };
        var details = await db.UnitPlans.AsNoTracking().Where(which)
            .Select(UnitPlanStatusRule.Inline(projection))
            .FirstOrDefaultAsync(ct);
        if (details is null) return null;
        var people = await IssuingBodies.FullNamesAsync(db, [details.UpdatedBy], ct);
        return details with { UpdatedByName = people.GetValueOrDefault(details.UpdatedBy, details.UpdatedBy) };
    }

    /// <summary>Active agencies of the kinds NV1 binds, each with its unit plan under the plan (or none), scoped to the caller.</summary>
    private static IQueryable<AgencyWithPlan> BoundAgencies(CommsPlanDbContext db, CurrentUser user, Nv1Assignment nv1)
    {
        var kinds = Enum.GetValues<AgencyKind>().Where(k => nv1.Binds.HasFlag(k.AsFlag())).ToList();
        var agencies = db.Agencies.AsNoTracking().Where(a => a.IsActive && kinds.Contains(a.Kind));
        if (!user.CanReadAllAgencies)
        {
            var own = user.IsOfficer ? user.AgencyId!.Value : -1;
            agencies = agencies.Where(a => a.Id == own);
        }
        var planId = nv1.PlanId;
        return from a in agencies
               join u in db.UnitPlans.AsNoTracking().Where(u => u.PlanId == planId) on a.Id equals u.AgencyId into plans
               from u in plans.DefaultIfEmpty()
               select new AgencyWithPlan { Agency = a, Plan = u };
    }

    private async Task<Nv1Assignment?> FindAssignmentAsync(CommsPlanDbContext db, int? planYear, CancellationToken ct)
    {
        var period = await PlanPeriod.FindAsync(db, planYear, time.Today(), ct);
        return period is null ? null : await AssignmentOfAsync(db, period.PlanId, ct);
    }

    private static async Task<Nv1Assignment> AssignmentOfAsync(CommsPlanDbContext db, int planId, CancellationToken ct)
    {
        var nv1 = await db.Assignments.AsNoTracking().UnitPlanAssignmentOf(planId)
            .Select(a => new { a.DisplayCode, a.Deadline, a.Binds })
            .FirstOrDefaultAsync(ct);
        return new Nv1Assignment(planId, nv1?.DisplayCode, nv1?.Deadline, nv1?.Binds ?? AgencyKinds.None);
    }

    /// <summary>The plan's unit-plan assignment; without one (<see cref="Code"/> null) it binds no agency.</summary>
    private sealed record Nv1Assignment(int PlanId, string? Code, DateOnly? Deadline, AgencyKinds Binds);

    private sealed class AgencyWithPlan
    {
        public required Agency Agency { get; init; }
        public UnitPlan? Plan { get; init; }
    }
}
