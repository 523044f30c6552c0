using Microsoft.AspNetCore.Identity;

namespace CommsPlan.Core.Access;

/// <summary>
/// Identity's refusals (weak password, taken user name…) in Vietnamese, as the administrator reads them: every message
/// of <see cref="IdentityErrorDescriber"/> is overridden (a test checks none is left in English). The password rules
/// Identity does not have (too long, too common) say theirs through <see cref="PasswordRules"/>.
/// </summary>
public sealed class VietnameseIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Error(nameof(DefaultError), "Đã xảy ra lỗi không xác định.");
    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), "Tài khoản đã được người khác thay đổi. Vui lòng tải lại.");
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), "Mật khẩu không đúng.");
    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), "Mã xác nhận không hợp lệ hoặc đã hết hạn.");
    public override IdentityError RecoveryCodeRedemptionFailed() => Error(nameof(RecoveryCodeRedemptionFailed), "Mã khôi phục không đúng.");
    public override IdentityError LoginAlreadyAssociated() => Error(nameof(LoginAlreadyAssociated), "Tài khoản đăng nhập ngoài này đã gắn với một người dùng khác.");
    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), $"Địa chỉ thư điện tử '{email}' không hợp lệ.");
    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), $"Địa chỉ thư điện tử '{email}' đã được dùng.");
    public override IdentityError DuplicateRoleName(string role) => Error(nameof(DuplicateRoleName), $"Vai trò '{role}' đã có.");
    public override IdentityError InvalidUserName(string? userName) =>
        Error(nameof(InvalidUserName), $"Tên đăng nhập '{userName}' không hợp lệ: chỉ dùng chữ không dấu, chữ số và các ký tự - . _ @ +.");
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), $"Tên đăng nhập '{userName}' đã được dùng.");
    public override IdentityError InvalidRoleName(string? role) => Error(nameof(InvalidRoleName), $"Vai trò '{role}' không hợp lệ.");
    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), "Tài khoản đã có mật khẩu.");
    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), "Tài khoản này không cho phép khóa.");
    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), $"Tài khoản đã có vai trò {Roles.DisplayName(role)}.");
    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole), $"Tài khoản không có vai trò {Roles.DisplayName(role)}.");
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), $"Mật khẩu phải có ít nhất {length} ký tự.");
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Error(nameof(PasswordRequiresUniqueChars), $"Mật khẩu phải có ít nhất {uniqueChars} ký tự khác nhau.");
    public override IdentityError PasswordRequiresNonAlphanumeric() =>
        Error(nameof(PasswordRequiresNonAlphanumeric), "Mật khẩu phải có ít nhất một ký tự đặc biệt (ví dụ @, #, !).");
    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), "Mật khẩu phải có ít nhất một chữ số.");
    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), "Mật khẩu phải có ít nhất một chữ thường.");
    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), "Mật khẩu phải có ít nhất một chữ hoa.");

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
