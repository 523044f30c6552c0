using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using FluentValidation;

namespace CommsPlan.Core.Plans;

/// <summary>
/// What a record of the plan's year is dated against: the chosen plan's period (null before a plan is seeded) and
/// today. Validators that need it are built on it (<see cref="LoadAsync"/> once per save or form), not on queries.
/// </summary>
public sealed record PlanDates(PlanPeriod? Period, DateOnly Today)
{
    public static async Task<PlanDates> LoadAsync(CommsPlanDbContext db, DateOnly today, CancellationToken ct = default) =>
        await LoadAsync(db, today, null, ct);

    /// <summary>The dates of the plan of <paramref name="planYear"/> (the current plan when null).</summary>
    /// <exception cref="BusinessRuleException">A year is named and has no issued plan.</exception>
    public static async Task<PlanDates> LoadAsync(CommsPlanDbContext db, DateOnly today, int? planYear, CancellationToken ct = default) =>
        planYear is null
            ? new(await PlanPeriod.FindAsync(db, null, today, ct), today)
            : new(ToPeriod(await PlanChoice.ResolveAsync(db, planYear, today, ct)), today);

    private static PlanPeriod ToPeriod(PlanChoice plan) => new(plan.Id, plan.Number, plan.Start, plan.End);

    public bool InPeriod(DateOnly date) => Period is not { } p || (date >= p.Start && date <= p.End);

    /// <summary>"01/01/2021 – 31/12/2021", for messages; empty without a plan.</summary>
    public string PeriodText => Period is { } p ? $"{VietnameseFormat.Date(p.Start)} – {VietnameseFormat.Date(p.End)}" : "";
}

public static class PlanDateRules
{
    /// <summary>A required date, not after today and inside the plan's year; <paramref name="label"/> names the field.</summary>
    public static IRuleBuilderOptions<T, DateOnly?> DatedInPlanYear<T>(this IRuleBuilderInitial<T, DateOnly?> rule, PlanDates dates, string label) =>
        rule.Cascade(CascadeMode.Stop)
            .NotNull().WithMessage($"{label} là bắt buộc.")
            .Must(d => d!.Value <= dates.Today)
            .WithMessage($"{label} không được sau ngày hôm nay ({VietnameseFormat.Date(dates.Today)}).")
            .Must(d => dates.InPeriod(d!.Value))
            .WithMessage(_ => $"{label} phải trong năm kế hoạch ({dates.PeriodText}).");
}
