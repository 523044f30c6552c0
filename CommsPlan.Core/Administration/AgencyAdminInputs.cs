using CommsPlan.Core.Access;
using FluentValidation;

namespace CommsPlan.Core.Administration;

/// <summary>What the "Thêm đơn vị" form carries.</summary>
public sealed class NewAgencyInput
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public AgencyKind Kind { get; set; } = AgencyKind.Department;
}

/// <summary>Rename (or re-classify) an agency; the code stays, because URLs, imports and exports use it.</summary>
public sealed class AgencyEditInput
{
    public string Name { get; set; } = "";
    public AgencyKind Kind { get; set; }
    public long Version { get; set; }
}

/// <summary>Merge one agency into another from a given day.</summary>
public sealed class AgencyMergeInput
{
    public int? SuccessorId { get; set; }
    public DateOnly? EffectiveOn { get; set; }
    public long Version { get; set; }
}

public static class AgencyLimits
{
    public const int CodeMaxLength = 32;
    public const int NameMaxLength = 200;
    public const string CodePattern = "^[A-Z][A-Z0-9]{1,31}$";
}

public sealed class NewAgencyInputValidator : AbstractValidator<NewAgencyInput>
{
    public NewAgencyInputValidator()
    {
        RuleFor(x => x.Code).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Vui lòng nhập mã đơn vị.")
            .Must(c => System.Text.RegularExpressions.Regex.IsMatch(c.Trim().ToUpperInvariant(), AgencyLimits.CodePattern))
            .WithMessage("Mã đơn vị gồm 2–32 chữ cái không dấu viết hoa hoặc chữ số, bắt đầu bằng chữ cái (ví dụ STP, DAITU).");
        RuleFor(x => x.Name).AgencyName();
        RuleFor(x => x.Kind).IsInEnum().WithMessage("Vui lòng chọn loại đơn vị.");
    }
}

public sealed class AgencyEditInputValidator : AbstractValidator<AgencyEditInput>
{
    public AgencyEditInputValidator()
    {
        RuleFor(x => x.Name).AgencyName();
        RuleFor(x => x.Kind).IsInEnum().WithMessage("Vui lòng chọn loại đơn vị.");
    }
}

public sealed class AgencyMergeInputValidator : AbstractValidator<AgencyMergeInput>
{
    public AgencyMergeInputValidator()
    {
        RuleFor(x => x.SuccessorId).NotNull().WithMessage("Vui lòng chọn đơn vị tiếp nhận.");
        RuleFor(x => x.EffectiveOn).NotNull().WithMessage("Vui lòng chọn ngày sáp nhập.");
    }
}

internal static class AgencyRuleExtensions
{
    public static IRuleBuilderOptions<T, string> AgencyName<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Vui lòng nhập tên đơn vị.")
            .MaximumLength(AgencyLimits.NameMaxLength).WithMessage($"Tên đơn vị tối đa {AgencyLimits.NameMaxLength} ký tự.");
}
