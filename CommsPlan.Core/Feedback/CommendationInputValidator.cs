using CommsPlan.Core.Plans;
using FluentValidation;

namespace CommsPlan.Core.Feedback;

/// <summary>
/// One validator for the form and the service: required fields, bounded text, a date inside the plan's period and
/// not after today. It works on data handed in (<see cref="PlanDates"/>): the service builds one
/// per save, a form asks <see cref="CommendationService.CreateValidatorAsync"/>. Whether a linked activity belongs to
/// the same agency is a fact of the database at the moment of saving, so the save checks it.
/// </summary>
public sealed class CommendationInputValidator : AbstractValidator<CommendationInput>
{
    public CommendationInputValidator(PlanDates dates)
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

        RuleFor(x => x.Date).DatedInPlanYear(dates, "Ngày biểu dương");
    }

    /// <summary>The refusal of a link to an activity that is not the agency's (or no longer exists).</summary>
    public const string ActivityOfAnotherAgency = "Hoạt động liên quan phải là một hoạt động của cùng đơn vị.";
}
