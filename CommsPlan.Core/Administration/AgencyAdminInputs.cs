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

    /// <summary>At most <paramref name="lines"/> lines of at most <see cref="IssuingBody.MaxLineLength"/> characters each.</summary>
    public static IRuleBuilderOptions<T, string> Lines<T>(this IRuleBuilder<T, string> rule, int lines, string label) =>
        rule.Must(t => NonEmptyLines(t).Count <= lines).WithMessage($"{label} tối đa {lines} dòng.")
            .Must(t => NonEmptyLines(t).All(l => l.Length <= IssuingBody.MaxLineLength))
            .WithMessage($"Mỗi dòng của {label.ToLowerInvariant()} tối đa {IssuingBody.MaxLineLength} ký tự.");

    /// <summary>The lines a textarea's text holds, as they are saved: trimmed, empty ones dropped.</summary>
    public static List<string> NonEmptyLines(string? text) =>
        [.. (text ?? "").Replace("\r\n", "\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];
}

/// <summary>How the agency's documents are headed and signed, and its mailbox (Quản trị → Đơn vị → Văn bản).</summary>
public sealed class AgencyDocumentInput
{
    /// <summary>The superior body's line ("UBND TỈNH THÁI NGUYÊN"); empty for a body that has none (a district's committee).</summary>
    public string IssuerSuperior { get; set; } = "";
    /// <summary>The agency's own name as its documents show it; a line break where the document breaks it.</summary>
    public string IssuerName { get; set; } = "";
    public DocumentStyle DocumentStyle { get; set; }
    public string DocumentSymbol { get; set; } = "";
    public string DocumentPlace { get; set; } = "";
    public string SignerTitle { get; set; } = "";
    public string SignerName { get; set; } = "";
    public string ContactEmail { get; set; } = "";
    public long Version { get; set; }

    public static AgencyDocumentInput From(IssuingBody body, long version) => new()
    {
        IssuerSuperior = body.Superior,
        IssuerName = body.Name,
        DocumentStyle = body.Style,
        DocumentSymbol = body.Symbol,
        DocumentPlace = body.Place,
        SignerTitle = body.SignerTitle,
        SignerName = body.SignerName,
        ContactEmail = body.ContactEmail,
        Version = version,
    };
}

public sealed class AgencyDocumentInputValidator : AbstractValidator<AgencyDocumentInput>
{
    public AgencyDocumentInputValidator()
    {
        RuleFor(x => x.IssuerSuperior).Lines(2, "Cơ quan cấp trên");
        RuleFor(x => x.IssuerName).Cascade(CascadeMode.Stop)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Vui lòng nhập tên cơ quan ban hành như trên văn bản (ví dụ SỞ TƯ PHÁP).")
            .Lines(2, "Tên cơ quan ban hành");
        RuleFor(x => x.DocumentStyle).IsInEnum().WithMessage("Vui lòng chọn thể thức văn bản.");
        RuleFor(x => x.DocumentSymbol).Cascade(CascadeMode.Stop)
            .Must(s => !string.IsNullOrWhiteSpace(s)).WithMessage("Vui lòng nhập chữ viết tắt tên cơ quan trong số, ký hiệu văn bản (ví dụ STP).")
            .MaximumLength(IssuingBody.MaxSymbolLength).WithMessage($"Chữ viết tắt tối đa {IssuingBody.MaxSymbolLength} ký tự.")
            .Must(s => !s.Any(c => char.IsWhiteSpace(c) || c is '/' or '-')).WithMessage("Chữ viết tắt không có dấu cách, dấu “/” hoặc “-” (ví dụ SKHĐT).");
        RuleFor(x => x.DocumentPlace).Cascade(CascadeMode.Stop)
            .Must(s => !string.IsNullOrWhiteSpace(s)).WithMessage("Vui lòng nhập địa danh ghi trước ngày tháng (ví dụ Thái Nguyên).")
            .MaximumLength(IssuingBody.MaxLineLength).WithMessage($"Địa danh tối đa {IssuingBody.MaxLineLength} ký tự.");
        RuleFor(x => x.SignerTitle).Cascade(CascadeMode.Stop)
            .Must(s => !string.IsNullOrWhiteSpace(s)).WithMessage("Vui lòng nhập chức vụ người ký (ví dụ GIÁM ĐỐC).")
            .Lines(2, "Chức vụ người ký");
        RuleFor(x => x.SignerName).MaximumLength(IssuingBody.MaxLineLength).WithMessage($"Họ và tên người ký tối đa {IssuingBody.MaxLineLength} ký tự.");
        RuleFor(x => x.ContactEmail).Cascade(CascadeMode.Stop)
            .MaximumLength(IssuingBody.MaxEmailLength).WithMessage($"Địa chỉ thư tối đa {IssuingBody.MaxEmailLength} ký tự.")
            .Must(e => string.IsNullOrWhiteSpace(e) || Common.MailAddressRule.IsValid(e)).WithMessage("Địa chỉ thư điện tử không hợp lệ (ví dụ vanthu@stp.thainguyen.gov.vn).");
    }
}
