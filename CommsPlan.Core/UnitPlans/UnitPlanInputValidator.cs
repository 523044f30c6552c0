using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Core.Plans;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.UnitPlans;

/// <summary>
/// One validator for the form and the service. The date must fall inside the plan's period and not after
/// today; targets must be whole numbers ≥ 0 on distinct, active channels. Rules that need the database are
/// asynchronous: call <c>ValidateAsync</c>.
/// </summary>
public sealed class UnitPlanInputValidator : AbstractValidator<UnitPlanInput>
{
    public UnitPlanInputValidator(IDbContextFactory<CommsPlanDbContext> factory, TimeProvider time)
    {
        RuleFor(x => x.DocumentNumber)
            .Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Số văn bản là bắt buộc.")
            .MaximumLength(UnitPlanLimits.DocumentNumberMaxLength)
            .WithMessage($"Số văn bản không được dài quá {UnitPlanLimits.DocumentNumberMaxLength} ký tự.");

        RuleFor(x => x.IssuedOn)
            .Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("Ngày ban hành là bắt buộc.")
            .Must(d => d!.Value <= time.Today())
            .WithMessage(_ => $"Ngày ban hành không được sau ngày hôm nay ({VietnameseFormat.Date(time.Today())}).")
            .CustomAsync(async (issuedOn, context, ct) =>
            {
                await using var db = await factory.CreateDbContextAsync(ct);
                var period = await PlanPeriod.FindCurrentAsync(db, ct);
                if (period is null) return;
                if (issuedOn!.Value < period.Start || issuedOn.Value > period.End)
                    context.AddFailure(nameof(UnitPlanInput.IssuedOn),
                        $"Ngày ban hành phải trong năm kế hoạch ({VietnameseFormat.Date(period.Start)} – {VietnameseFormat.Date(period.End)}).");
            });

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
            .CustomAsync(async (targets, context, ct) =>
            {
                var wanted = targets.Where(t => t.Quantity > 0).Select(t => t.ChannelId).Distinct().ToList();
                if (wanted.Count == 0) return;
                await using var db = await factory.CreateDbContextAsync(ct);
                var active = await db.Channels.AsNoTracking()
                    .Where(c => wanted.Contains(c.Id) && c.IsActive).Select(c => c.Id).ToListAsync(ct);
                if (active.Count != wanted.Count)
                    context.AddFailure(nameof(UnitPlanInput.Targets), "Chỉ tiêu chỉ được đặt cho hình thức tuyên truyền đang sử dụng.");
            });
    }
}

/// <summary>One channel's target: a whole number from 0 (no target) to a sane bound. No database, so a table cell can use it alone.</summary>
public sealed class UnitPlanTargetInputValidator : AbstractValidator<UnitPlanTargetInput>
{
    public UnitPlanTargetInputValidator()
    {
        RuleFor(t => t.Quantity)
            .GreaterThanOrEqualTo(0).WithMessage("Chỉ tiêu không được là số âm.")
            .LessThanOrEqualTo(UnitPlanLimits.MaxTargetQuantity)
            .WithMessage($"Chỉ tiêu không được vượt quá {VietnameseFormat.Number(UnitPlanLimits.MaxTargetQuantity)}.");
    }
}
