using FluentValidation;

namespace CommsPlan.Core.Feedback;

/// <summary>A difficulty needs its agency, a bounded title and a bounded content.</summary>
public sealed class DifficultyInputValidator : AbstractValidator<DifficultyInput>
{
    public DifficultyInputValidator()
    {
        RuleFor(x => x.AgencyId).NotNull().WithMessage("Đơn vị là bắt buộc.");

        RuleFor(x => x.Title)
            .Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Tiêu đề là bắt buộc.")
            .MaximumLength(FeedbackLimits.TitleMaxLength)
            .WithMessage($"Tiêu đề không được dài quá {FeedbackLimits.TitleMaxLength} ký tự.");

        RuleFor(x => x.Content)
            .Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Nội dung là bắt buộc.")
            .MaximumLength(FeedbackLimits.ContentMaxLength)
            .WithMessage($"Nội dung không được dài quá {FeedbackLimits.ContentMaxLength} ký tự.");
    }
}

/// <summary>An answer must say something, within bounds.</summary>
public sealed class DifficultyAnswerInputValidator : AbstractValidator<DifficultyAnswerInput>
{
    public DifficultyAnswerInputValidator()
    {
        RuleFor(x => x.Answer)
            .Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Nội dung trả lời là bắt buộc.")
            .MaximumLength(FeedbackLimits.AnswerMaxLength)
            .WithMessage($"Nội dung trả lời không được dài quá {FeedbackLimits.AnswerMaxLength} ký tự.");
    }
}
