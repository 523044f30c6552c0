using System.Collections.Frozen;
using CommsPlan.Core.Common;
using Microsoft.AspNetCore.Identity;

namespace CommsPlan.Core.Access;

/// <summary>
/// What every password set from now on must be, besides Identity's composition rules (upper and lower case, a digit,
/// a symbol): at least <see cref="MinLength"/> and at most <see cref="MaxLength"/> characters, not a common password
/// (Password1!, Thainguyen@2021, P@ssw0rd — the list is the embedded CommonPasswords.txt), and not built around the
/// user name. Identity checks it through <see cref="CommsPlanPasswordValidator"/> whoever sets the password; the
/// account forms say the same in Vietnamese before sending (<c>StrongPassword</c>).
/// </summary>
public static class PasswordRules
{
    public const int MinLength = 10;

    /// <summary>Long enough for any passphrase; bounds what is hashed and what the sign-in form accepts.</summary>
    public const int MaxLength = 128;

    public static readonly string TooLongMessage = $"Mật khẩu dài tối đa {MaxLength} ký tự.";

    public const string CommonMessage =
        "Mật khẩu này quá phổ biến nên dễ bị đoán (kể cả khi thêm số, năm hay ký tự đặc biệt). Hãy chọn mật khẩu khác, ví dụ một câu ngắn dễ nhớ.";

    public const string ContainsUserNameMessage = "Mật khẩu không được chứa tên đăng nhập.";

    private static readonly Lazy<FrozenSet<string>> Common = new(LoadCommon);

    public static bool IsTooLong(string password) => password.Length > MaxLength;

    /// <summary>
    /// Whether <paramref name="password"/> is one an attacker tries early: a listed password whatever its case and
    /// diacritics, the same with the usual letter swaps undone (@ for a, 0 for o…), or a listed word between
    /// predictable digits and symbols (a year, a date, 123, 2021!, a run or repeat of digits). A listed word with
    /// enough unpredictable digits around it passes: the digits then carry the strength.
    /// </summary>
    public static bool IsCommon(string password)
    {
        if (string.IsNullOrEmpty(password) || IsTooLong(password)) return false;
        var folded = TextFolding.Fold(password).Replace(" ", "", StringComparison.Ordinal);
        if (IsListed(folded)) return true;

        var start = 0;
        while (start < folded.Length && !char.IsLetter(folded[start])) start++;
        var end = folded.Length;
        while (end > start && !char.IsLetter(folded[end - 1])) end--;
        // Very short words between digits are not words the list can judge ("ab" + 8 digits).
        if (end - start < 4 || (start == 0 && end == folded.Length)) return false;
        return IsPredictable(folded[..start]) && IsPredictable(folded[end..]) && IsListed(folded[start..end]);
    }

    /// <summary>The password contains the user name (case ignored); names shorter than 3 characters are not checked.</summary>
    public static bool ContainsUserName(string password, string? userName)
    {
        var name = userName?.Trim();
        return name is { Length: >= 3 } && password.Contains(name, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>How many passwords the embedded list holds (for the tests).</summary>
    internal static int ListedCount => Common.Value.Count;

    private static bool IsListed(string candidate) =>
        Common.Value.Contains(candidate) || Common.Value.Contains(Unswap(candidate, 'i')) || Common.Value.Contains(Unswap(candidate, 'l'));

    /// <summary>Undoes the letter swaps people make to satisfy composition rules; 1 stands for i or l.</summary>
    private static string Unswap(string text, char one) => string.Create(text.Length, (text, one), static (span, state) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = state.text[i] switch
            {
                '@' or '4' => 'a',
                '0' => 'o',
                '1' or '!' or '|' => state.one,
                '3' => 'e',
                '5' or '$' => 's',
                '7' or '+' => 't',
                '8' => 'b',
                '9' => 'g',
                var c => c,
            };
        }
    });

    /// <summary>Digits and at most two symbols that a guesser tries first around a word.</summary>
    private static bool IsPredictable(string affix)
    {
        if (affix.Length == 0) return true;
        var digits = string.Concat(affix.Where(char.IsAsciiDigit));
        if (affix.Length - digits.Length > 2) return false;
        if (digits.Length <= 3) return true;
        if (digits.Length == 4 && (digits.StartsWith("19", StringComparison.Ordinal) || digits.StartsWith("20", StringComparison.Ordinal))) return true;
        if (digits.All(c => c == digits[0]) || IsRun(digits, 1) || IsRun(digits, 9) || IsDate(digits)) return true;
        return Common.Value.Contains(digits);
    }

    /// <summary>1234…, 7890… (step 1) or 9876… (step 9, i.e. −1 modulo 10).</summary>
    private static bool IsRun(string digits, int step)
    {
        for (var i = 1; i < digits.Length; i++)
            if ((digits[i] - digits[i - 1] + 10) % 10 != step) return false;
        return true;
    }

    /// <summary>A birthday: ddMMyy, ddMMyyyy or yyyyMMdd.</summary>
    private static bool IsDate(string digits)
    {
        static int At(string s, int index, int length) => int.Parse(s.AsSpan(index, length), provider: System.Globalization.CultureInfo.InvariantCulture);
        static bool DayMonth(int day, int month) => day is >= 1 and <= 31 && month is >= 1 and <= 12;
        static bool Year(int year) => year is >= 1900 and <= 2099;
        return digits.Length switch
        {
            6 => DayMonth(At(digits, 0, 2), At(digits, 2, 2)),
            8 => (DayMonth(At(digits, 0, 2), At(digits, 2, 2)) && Year(At(digits, 4, 4)))
                 || (Year(At(digits, 0, 4)) && DayMonth(At(digits, 6, 2), At(digits, 4, 2))),
            _ => false,
        };
    }

    private static FrozenSet<string> LoadCommon()
    {
        using var stream = typeof(PasswordRules).Assembly.GetManifestResourceStream("CommsPlan.Core.Access.CommonPasswords.txt")
            ?? throw new InvalidOperationException("The embedded list of common passwords is missing.");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var word = line.Trim();
            if (word.Length == 0 || word.StartsWith('#')) continue;
            words.Add(TextFolding.Fold(word).Replace(" ", "", StringComparison.Ordinal));
        }
        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}

/// <summary>Identity's check of <see cref="PasswordRules"/> (beyond its own options), in Vietnamese.</summary>
public sealed class CommsPlanPasswordValidator : IPasswordValidator<AppUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        password ??= "";
        List<IdentityError> errors = [];
        if (PasswordRules.IsTooLong(password))
        {
            errors.Add(new IdentityError { Code = "PasswordTooLong", Description = PasswordRules.TooLongMessage });
        }
        else
        {
            if (PasswordRules.IsCommon(password))
                errors.Add(new IdentityError { Code = "PasswordTooCommon", Description = PasswordRules.CommonMessage });
            if (PasswordRules.ContainsUserName(password, user.UserName))
                errors.Add(new IdentityError { Code = "PasswordContainsUserName", Description = PasswordRules.ContainsUserNameMessage });
        }
        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }
}
