using CommsPlan.Core.Access;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CommsPlan.Core.Administration;

/// <summary>What the "Thêm người dùng" form carries.</summary>
public sealed class NewUserInput : IRoleAndAgency
{
    public string UserName { get; set; } = "";
    public string FullName { get; set; } = "";
    /// <summary>Where the user's mail goes (reminders, notices); empty: none.</summary>
    public string Email { get; set; } = "";
    public string Role { get; set; } = "";
    public int? AgencyId { get; set; }
    public string Password { get; set; } = "";
}

/// <summary>What the edit form carries: the stamp the administrator loaded, so a concurrent change is not overwritten.</summary>
public sealed class UserEditInput : IRoleAndAgency
{
    public string FullName { get; set; } = "";
    public string Email { get; set; } = "";
    public string Role { get; set; } = "";
    public int? AgencyId { get; set; }
    public string ConcurrencyStamp { get; set; } = "";
}

public sealed class PasswordResetInput
{
    public string NewPassword { get; set; } = "";
    public string ConfirmPassword { get; set; } = "";
    public string ConcurrencyStamp { get; set; } = "";
}

/// <summary>What the "Đổi mật khẩu" form carries: the signed-in user's own password, old and new.</summary>
public sealed class PasswordChangeInput
{
    public string CurrentPassword { get; set; } = "";
    public string NewPassword { get; set; } = "";
    public string ConfirmPassword { get; set; } = "";
}

/// <summary>A role and, for an officer, the one agency it works for.</summary>
public interface IRoleAndAgency
{
    string Role { get; }
    int? AgencyId { get; }
}

public static class UserLimits
{
    public const int UserNameMinLength = 3;
    public const int UserNameMaxLength = 64;
    public const int FullNameMaxLength = 200;
    /// <summary>The longest address SMTP carries.</summary>
    public const int EmailMaxLength = 254;
}

/// <summary>An officer belongs to exactly one agency; nobody else is bound to one.</summary>
public sealed class RoleAndAgencyValidator : AbstractValidator<IRoleAndAgency>
{
    public RoleAndAgencyValidator()
    {
        RuleFor(x => x.Role).Must(r => Roles.All.Contains(r)).WithMessage("Vui lòng chọn vai trò.");
        RuleFor(x => x.AgencyId).NotNull().When(x => x.Role == Roles.AgencyOfficer)
            .WithMessage("Cán bộ đơn vị phải thuộc một đơn vị: vui lòng chọn đơn vị.");
        RuleFor(x => x.AgencyId).Null().When(x => x.Role != Roles.AgencyOfficer)
            .WithMessage("Chỉ cán bộ đơn vị mới gắn với một đơn vị; vai trò này xem được mọi đơn vị.");
    }
}

public sealed class NewUserInputValidator : AbstractValidator<NewUserInput>
{
    public NewUserInputValidator(IOptions<IdentityOptions> identity)
    {
        RuleFor(x => x.UserName)
            .NotEmpty().WithMessage("Vui lòng nhập tên đăng nhập.")
            .Length(UserLimits.UserNameMinLength, UserLimits.UserNameMaxLength)
            .WithMessage($"Tên đăng nhập dài từ {UserLimits.UserNameMinLength} đến {UserLimits.UserNameMaxLength} ký tự.")
            // \z, not $: "$" also matches before a final line break, and a name must never carry one into the logs.
            .Matches(@"\A[A-Za-z0-9._@+-]+\z")
            .WithMessage("Tên đăng nhập chỉ gồm chữ không dấu, chữ số và các ký tự . _ - @ + (không có khoảng trắng).");
        RuleFor(x => x.FullName).ValidFullName();
        RuleFor(x => x.Email).ValidEmail();
        RuleFor(x => x.Password).StrongPassword(identity.Value.Password);
        RuleFor(x => x.Password).Must((input, p) => !PasswordRules.ContainsUserName(p, input.UserName))
            .WithMessage(PasswordRules.ContainsUserNameMessage);
        Include(new RoleAndAgencyValidator());
    }
}

public sealed class UserEditInputValidator : AbstractValidator<UserEditInput>
{
    public UserEditInputValidator()
    {
        RuleFor(x => x.FullName).ValidFullName();
        RuleFor(x => x.Email).ValidEmail();
        Include(new RoleAndAgencyValidator());
    }
}

public sealed class PasswordResetInputValidator : AbstractValidator<PasswordResetInput>
{
    public PasswordResetInputValidator(IOptions<IdentityOptions> identity)
    {
        RuleFor(x => x.NewPassword).StrongPassword(identity.Value.Password);
        RuleFor(x => x.ConfirmPassword).Equal(x => x.NewPassword).WithMessage("Mật khẩu nhập lại không khớp.");
    }
}

public sealed class PasswordChangeInputValidator : AbstractValidator<PasswordChangeInput>
{
    public PasswordChangeInputValidator(IOptions<IdentityOptions> identity)
    {
        RuleFor(x => x.CurrentPassword).NotEmpty().WithMessage("Vui lòng nhập mật khẩu hiện tại.")
            .MaximumLength(PasswordRules.MaxLength).WithMessage("Mật khẩu hiện tại không đúng.");
        RuleFor(x => x.NewPassword).StrongPassword(identity.Value.Password);
        // A password an administrator set, or one already in use, stays known to someone else: a new one is required.
        RuleFor(x => x.NewPassword).Must((input, p) => p != input.CurrentPassword).When(x => x.NewPassword.Length > 0)
            .WithMessage("Mật khẩu mới phải khác mật khẩu hiện tại.");
        RuleFor(x => x.ConfirmPassword).Equal(x => x.NewPassword).WithMessage("Mật khẩu nhập lại không khớp.");
    }
}

internal static class AccountRuleExtensions
{
    public static IRuleBuilderOptions<T, string> ValidFullName<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Vui lòng nhập họ và tên.")
            .MaximumLength(UserLimits.FullNameMaxLength).WithMessage($"Họ và tên tối đa {UserLimits.FullNameMaxLength} ký tự.");

    /// <summary>Empty, or one mailbox by the app's one rule (<see cref="Common.MailAddressRule"/>).</summary>
    public static IRuleBuilderOptions<T, string> ValidEmail<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(e => string.IsNullOrWhiteSpace(e) || e.Trim().Length <= UserLimits.EmailMaxLength && Common.MailAddressRule.IsValid(e))
            .WithMessage("Địa chỉ email không hợp lệ (ví dụ canbo@stp.thainguyen.gov.vn).");

    /// <summary>
    /// The same rules Identity enforces (from its options and <see cref="PasswordRules"/>), said in Vietnamese before
    /// the form is sent.
    /// </summary>
    public static IRuleBuilderOptions<T, string> StrongPassword<T>(this IRuleBuilderInitial<T, string> rule, PasswordOptions o) =>
        rule.Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Vui lòng nhập mật khẩu.")
            .MaximumLength(PasswordRules.MaxLength).WithMessage(PasswordRules.TooLongMessage)
            .MinimumLength(o.RequiredLength).WithMessage($"Mật khẩu phải có ít nhất {o.RequiredLength} ký tự.")
            .Must(p => !o.RequireDigit || p.Any(char.IsAsciiDigit)).WithMessage("Mật khẩu phải có ít nhất một chữ số.")
            .Must(p => !o.RequireLowercase || p.Any(char.IsAsciiLetterLower)).WithMessage("Mật khẩu phải có ít nhất một chữ thường.")
            .Must(p => !o.RequireUppercase || p.Any(char.IsAsciiLetterUpper)).WithMessage("Mật khẩu phải có ít nhất một chữ hoa.")
            .Must(p => !o.RequireNonAlphanumeric || p.Any(c => !char.IsAsciiLetterOrDigit(c)))
            .WithMessage("Mật khẩu phải có ít nhất một ký tự đặc biệt (ví dụ @, #, !).")
            .Must(p => p.Distinct().Count() >= o.RequiredUniqueChars)
            .WithMessage($"Mật khẩu phải có ít nhất {o.RequiredUniqueChars} ký tự khác nhau.")
            .Must(p => !PasswordRules.IsCommon(p)).WithMessage(PasswordRules.CommonMessage);
}
