using System.Text.RegularExpressions;
using CommsPlan.Core.Access;
using FluentValidation;

namespace CommsPlan.Core.Plans;

/// <summary>The kinds of coded entry a plan lists, each in its own section.</summary>
public enum PlanItemKind
{
    Objective,
    Requirement,
    Theme,
    Assignment,
}

/// <summary>The plan's header as the editor shows it: what the issued document says on its first and last page.</summary>
public sealed class PlanHeaderInput
{
    public string Number { get; set; } = "";
    public string Title { get; set; } = "";
    public DateOnly? IssuedOn { get; set; }
    public string SignerTitle { get; set; } = "";
    public string Signer { get; set; } = "";
    public DateOnly? PeriodStart { get; set; }
    public DateOnly? PeriodEnd { get; set; }
    public string Preamble { get; set; } = "";
    public string FundingText { get; set; } = "";
    public long Version { get; set; }

    public static PlanHeaderInput From(Plan plan) => new()
    {
        Number = plan.Number,
        Title = plan.Title,
        IssuedOn = plan.IssuedOn,
        SignerTitle = plan.SignerTitle,
        Signer = plan.Signer,
        PeriodStart = plan.PeriodStart,
        PeriodEnd = plan.PeriodEnd,
        Preamble = plan.Preamble,
        FundingText = plan.FundingText,
        Version = plan.Version,
    };
}

/// <summary>An objective, requirement, theme or assignment as added or edited; assignments also carry who and by when.</summary>
public sealed class PlanItemInput
{
    public PlanItemKind Kind { get; set; }
    public string Code { get; set; } = "";
    public string ShortName { get; set; } = "";
    public string Text { get; set; } = "";
    /// <summary>Assignments only: the kinds of agency it binds.</summary>
    public AgencyKinds Binds { get; set; }
    /// <summary>Assignments only: the deadline, if the plan sets one.</summary>
    public DateOnly? Deadline { get; set; }
    /// <summary>
    /// Assignments only: this is the plan's unit-plan assignment (<see cref="Assignment.IsUnitPlanAssignment"/>). Like a
    /// default, one per plan: saving it marked unmarks the plan's other one.
    /// </summary>
    public bool IsUnitPlanAssignment { get; set; }

    public static PlanItemInput From(PlanItemKind kind, PlanItem item) => new()
    {
        Kind = kind,
        Code = item.Code,
        ShortName = item.ShortName,
        Text = item.Text,
        Binds = (item as Assignment)?.Binds ?? AgencyKinds.None,
        Deadline = (item as Assignment)?.Deadline,
        IsUnitPlanAssignment = (item as Assignment)?.IsUnitPlanAssignment ?? false,
    };
}

/// <summary>A channel of a form group as added or edited.</summary>
public sealed class ChannelInput
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Unit { get; set; } = "";
    public string? SecondMeasureLabel { get; set; }
    public string? SecondMeasureUnit { get; set; }

    public static ChannelInput From(Channel channel) => new()
    {
        Code = channel.Code,
        Name = channel.Name,
        Unit = channel.Unit,
        SecondMeasureLabel = channel.SecondMeasureLabel,
        SecondMeasureUnit = channel.SecondMeasureUnit,
    };
}

/// <summary>
/// The codes of a plan's entries (domain.md): stable ASCII, upper case, used in URLs, imports and exports; the screen
/// shows MĐ for MD. One rule for the editor, the service and any import.
/// </summary>
public static partial class PlanCodes
{
    public const int MaxLength = 16;

    public const string Message = "Mã gồm 1–16 chữ cái không dấu viết hoa hoặc chữ số, bắt đầu bằng chữ cái (ví dụ MD5, ND5, MXH).";

    /// <summary>What is stored for what a user typed: trimmed, upper case, MĐ1 read as MD1.</summary>
    public static string Normalize(string? code) =>
        (code ?? "").Trim().ToUpperInvariant().Replace('Đ', 'D');

    public static bool IsValid(string? code) => Pattern().IsMatch(Normalize(code));

    /// <summary>The code as the screen shows it: MĐ1 for the objective MD1, otherwise the code itself.</summary>
    public static string Display(PlanItemKind kind, string code) =>
        kind == PlanItemKind.Objective && code.StartsWith("MD", StringComparison.Ordinal) ? "MĐ" + code[2..] : code;

    [GeneratedRegex("^[A-Z][A-Z0-9]{0,15}$")]
    private static partial Regex Pattern();
}

public sealed class PlanHeaderInputValidator : AbstractValidator<PlanHeaderInput>
{
    public PlanHeaderInputValidator()
    {
        RuleFor(x => x.Number).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Vui lòng nhập số kế hoạch.")
            .MaximumLength(64).WithMessage("Số kế hoạch tối đa 64 ký tự.");
        RuleFor(x => x.Title).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Vui lòng nhập tên kế hoạch.")
            .MaximumLength(1000).WithMessage("Tên kế hoạch tối đa 1.000 ký tự.");
        RuleFor(x => x.IssuedOn).NotNull().WithMessage("Vui lòng chọn ngày ban hành.");
        RuleFor(x => x.SignerTitle).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Vui lòng nhập chức vụ người ký.")
            .MaximumLength(200).WithMessage("Chức vụ người ký tối đa 200 ký tự.");
        RuleFor(x => x.Signer).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Vui lòng nhập họ và tên người ký.")
            .MaximumLength(200).WithMessage("Họ và tên người ký tối đa 200 ký tự.");
        RuleFor(x => x.PeriodStart).NotNull().WithMessage("Vui lòng chọn ngày bắt đầu thực hiện.");
        RuleFor(x => x.PeriodEnd).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("Vui lòng chọn ngày kết thúc thực hiện.")
            .Must((x, end) => x.PeriodStart is not { } start || end!.Value >= start)
            .WithMessage("Ngày kết thúc thực hiện không được trước ngày bắt đầu.")
            .Must((x, end) => x.PeriodStart is not { } start || end!.Value < start.AddYears(2))
            .WithMessage("Thời gian thực hiện một kế hoạch không quá hai năm.");
        RuleFor(x => x.Preamble).MaximumLength(4000).WithMessage("Phần mở đầu tối đa 4.000 ký tự.");
        RuleFor(x => x.FundingText).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Vui lòng nhập nội dung kinh phí.")
            .MaximumLength(2000).WithMessage("Nội dung kinh phí tối đa 2.000 ký tự.");
    }
}

public sealed class PlanItemInputValidator : AbstractValidator<PlanItemInput>
{
    public PlanItemInputValidator()
    {
        RuleFor(x => x.Kind).IsInEnum();
        RuleFor(x => x.Code).Cascade(CascadeMode.Stop)
            .Must(c => !string.IsNullOrWhiteSpace(c)).WithMessage("Vui lòng nhập mã.")
            .Must(PlanCodes.IsValid).WithMessage(PlanCodes.Message);
        RuleFor(x => x.ShortName).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Vui lòng nhập tên ngắn.")
            .MaximumLength(200).WithMessage("Tên ngắn tối đa 200 ký tự.");
        RuleFor(x => x.Text).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Vui lòng nhập nội dung.")
            .MaximumLength(4000).WithMessage("Nội dung tối đa 4.000 ký tự.");
        RuleFor(x => x.Binds).Must(b => b != AgencyKinds.None)
            .When(x => x.Kind == PlanItemKind.Assignment)
            .WithMessage("Vui lòng chọn ít nhất một loại đơn vị thực hiện nhiệm vụ.");
        // Unit plans are judged on time against this deadline: without one, every agency would be late at once.
        RuleFor(x => x.Deadline).NotNull()
            .When(x => x.Kind == PlanItemKind.Assignment && x.IsUnitPlanAssignment)
            .WithMessage(UnitPlanDeadlineMessage);
        RuleFor(x => x.IsUnitPlanAssignment).Equal(false)
            .When(x => x.Kind != PlanItemKind.Assignment)
            .WithMessage("Chỉ một nhiệm vụ mới có thể là nhiệm vụ xây dựng kế hoạch của đơn vị.");
    }

    public const string UnitPlanDeadlineMessage =
        "Vui lòng nhập thời hạn: kế hoạch của các đơn vị được đánh giá đúng hạn hay trễ hạn theo thời hạn của nhiệm vụ này.";
}

public sealed class ChannelInputValidator : AbstractValidator<ChannelInput>
{
    public ChannelInputValidator()
    {
        RuleFor(x => x.Code).Cascade(CascadeMode.Stop)
            .Must(c => !string.IsNullOrWhiteSpace(c)).WithMessage("Vui lòng nhập mã kênh.")
            .Must(PlanCodes.IsValid).WithMessage(PlanCodes.Message);
        RuleFor(x => x.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Vui lòng nhập tên kênh.")
            .MaximumLength(200).WithMessage("Tên kênh tối đa 200 ký tự.");
        RuleFor(x => x.Unit).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Vui lòng nhập đơn vị tính.")
            .MaximumLength(64).WithMessage("Đơn vị tính tối đa 64 ký tự.");
        RuleFor(x => x.SecondMeasureLabel).MaximumLength(100).WithMessage("Tên chỉ số phụ tối đa 100 ký tự.")
            .Must(l => !string.IsNullOrWhiteSpace(l)).When(x => !string.IsNullOrWhiteSpace(x.SecondMeasureUnit))
            .WithMessage("Vui lòng nhập tên chỉ số phụ (hoặc bỏ trống cả đơn vị tính của nó).");
        RuleFor(x => x.SecondMeasureUnit).MaximumLength(64).WithMessage("Đơn vị tính của chỉ số phụ tối đa 64 ký tự.")
            .Must(u => !string.IsNullOrWhiteSpace(u)).When(x => !string.IsNullOrWhiteSpace(x.SecondMeasureLabel))
            .WithMessage("Vui lòng nhập đơn vị tính của chỉ số phụ.");
    }
}
