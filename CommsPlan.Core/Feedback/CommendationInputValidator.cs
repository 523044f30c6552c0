using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Core.Plans;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Feedback;

/// <summary>
/// One validator for the form and the service: required fields, bounded text, a date inside the plan's period
/// and not after today, and a linked activity that belongs to the same agency. Call <c>ValidateAsync</c>.
/// </summary>
public sealed class CommendationInputValidator : AbstractValidator<CommendationInput>
{
    public CommendationInputValidator(IDbContextFactory<CommsPlanDbContext> factory, TimeProvider time)
    {
        RuleFor(x => x.AgencyId).NotNull().WithMessage("Đơn vị là bắt buộc.");

        RuleFor(x => x.Kind)
            .NotNull().WithMessage("Đối tượng (cá nhân hoặc tập thể) là bắt buộc.")
            .IsInEnum().WithMessage("Đối tượng phải là cá nhân hoặc tập thể.");

        RuleFor(x => x.Recipient)
            .Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Tên cá nhân, tập thể là bắt buộc.")
            .MaximumLength(FeedbackLimits.RecipientMaxLength)
            .WithMessage($"Tên cá nhân, tập thể không được dài quá {FeedbackLimits.RecipientMaxLength} ký tự.");

        RuleFor(x => x.Achievement)
            .Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Thành tích là bắt buộc.")
            .MaximumLength(FeedbackLimits.AchievementMaxLength)
            .WithMessage($"Thành tích không được dài quá {FeedbackLimits.AchievementMaxLength} ký tự.");

        RuleFor(x => x.Date)
            .Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("Ngày biểu dương là bắt buộc.")
            .Must(d => d!.Value <= time.Today())
            .WithMessage(_ => $"Ngày biểu dương không được sau ngày hôm nay ({VietnameseFormat.Date(time.Today())}).")
            .CustomAsync(async (date, context, ct) =>
            {
                await using var db = await factory.CreateDbContextAsync(ct);
                var period = await PlanPeriod.FindCurrentAsync(db, ct);
                if (period is not null && (date!.Value < period.Start || date.Value > period.End))
                    context.AddFailure(nameof(CommendationInput.Date),
                        $"Ngày biểu dương phải trong năm kế hoạch ({VietnameseFormat.Date(period.Start)} – {VietnameseFormat.Date(period.End)}).");
            });

        RuleFor(x => x.ActivityId)
            .MustAsync(async (input, activityId, ct) =>
            {
                await using var db = await factory.CreateDbContextAsync(ct);
                return await db.Activities.AnyAsync(a => a.Id == activityId && a.AgencyId == input.AgencyId, ct);
            })
            .WithMessage("Hoạt động liên quan phải là một hoạt động của cùng đơn vị.")
            .When(x => x.ActivityId is not null && x.AgencyId is not null);
    }
}
