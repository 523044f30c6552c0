using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Core.Plans;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.UnitPlans;

/// <summary>
/// One validator for the form and the service. The date must fall inside the plan's period and not after
/// today; targets must be whole numbers ≥ 0 on distinct, active channels. It works on data handed in
/// (<see cref="UnitPlanValidationContext"/>): the service builds one per save, a form asks
/// <see cref="UnitPlanService.CreateValidatorAsync"/>.
/// </summary>
public sealed class UnitPlanInputValidator : AbstractValidator<UnitPlanInput>
{
    public UnitPlanInputValidator(UnitPlanValidationContext context)
    {
        RuleFor(x => x.DocumentNumber)
            .Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Số văn bản là bắt buộc.")
            .MaximumLength(UnitPlanLimits.DocumentNumberMaxLength)
            .WithMessage($"Số văn bản không được dài quá {UnitPlanLimits.DocumentNumberMaxLength} ký tự.");

        RuleFor(x => x.IssuedOn).DatedInPlanYear(context.Dates, "Ngày ban hành");

        RuleFor(x => x.Link)
            .MaximumLength(UnitPlanLimits.LinkMaxLength)
            .WithMessage($"Đường dẫn không được dài quá {UnitPlanLimits.LinkMaxLength} ký tự.")
            .Must(HttpLink.IsValid).WithMessage("Đường dẫn phải là địa chỉ http:// hoặc https:// đầy đủ.")
            .When(x => !string.IsNullOrWhiteSpace(x.Link));

        RuleFor(x => x.Notes)
            .MaximumLength(UnitPlanLimits.NotesMaxLength)
            .WithMessage($"Ghi chú không được dài quá {UnitPlanLimits.NotesMaxLength} ký tự.");

        RuleForEach(x => x.Targets).SetValidator(new UnitPlanTargetInputValidator());

        RuleFor(x => x.Targets)
            .Must(ts => ts.Select(t => t.ChannelId).Distinct().Count() == ts.Count)
            .WithMessage("Mỗi hình thức chỉ được nhập một chỉ tiêu.")
            .Must(ts => ts.Where(t => t.Quantity > 0).All(t => context.ActiveChannelIds.Contains(t.ChannelId)))
            .WithMessage("Chỉ tiêu chỉ được đặt cho hình thức tuyên truyền đang sử dụng.");
    }
}

/// <summary>What the unit plan's rules read: the plan's dates and the channels in use.</summary>
public sealed record UnitPlanValidationContext(PlanDates Dates, IReadOnlySet<int> ActiveChannelIds)
{
    public static Task<UnitPlanValidationContext> LoadAsync(CommsPlanDbContext db, DateOnly today, CancellationToken ct = default) =>
        LoadAsync(db, today, null, ct);

    /// <summary>The dates and channels in use of the plan of <paramref name="planYear"/> (the current plan when null).</summary>
    public static async Task<UnitPlanValidationContext> LoadAsync(CommsPlanDbContext db, DateOnly today, int? planYear, CancellationToken ct = default)
    {
        var dates = await PlanDates.LoadAsync(db, today, planYear, ct);
        var channels = db.Channels.AsNoTracking().Where(c => c.IsActive);
        // Targets are set on the plan's own channels: next year's BAO is another channel than this year's.
        if (dates.Period is { } period) channels = channels.Where(c => c.FormGroup!.PlanId == period.PlanId);
        return new(dates, (await channels.Select(c => c.Id).ToListAsync(ct)).ToHashSet());
    }
}

/// <summary>One channel's target: a whole number from 0 (no target) to a sane bound. No database, so a table cell can use it alone.</summary>
public sealed class UnitPlanTargetInputValidator : AbstractValidator<UnitPlanTargetInput>
{
    public const string WholeNumberMessage = "Chỉ tiêu phải là số nguyên (không có phần thập phân).";

    private static readonly UnitPlanTargetInputValidator Shared = new();

    /// <summary>
    /// The reasons a target typed in a form is refused, or none; empty means 0. A form takes the number as typed and
    /// asks here, so "-3" or "2,5" is refused in words rather than clamped or rounded unseen.
    /// </summary>
    public static IReadOnlyList<string> MessagesFor(decimal? typed)
    {
        if (typed is not { } value) return [];
        if (value != decimal.Truncate(value)) return [WholeNumberMessage];
        var quantity = (int)Math.Clamp(value, -1, UnitPlanLimits.MaxTargetQuantity + 1m);
        return [.. Shared.Validate(new UnitPlanTargetInput { Quantity = quantity }).Errors.Select(e => e.ErrorMessage)];
    }

    public UnitPlanTargetInputValidator()
    {
        RuleFor(t => t.Quantity)
            .GreaterThanOrEqualTo(0).WithMessage("Chỉ tiêu không được là số âm.")
            .LessThanOrEqualTo(UnitPlanLimits.MaxTargetQuantity)
            .WithMessage($"Chỉ tiêu không được vượt quá {VietnameseFormat.Number(UnitPlanLimits.MaxTargetQuantity)}.");
    }
}
