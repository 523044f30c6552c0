using System.Globalization;
using System.Text;

namespace CommsPlan.Core.Common;

/// <summary>
/// Text a visitor typed (a user name on the sign-in form, a path), made safe to log: line breaks, other control
/// characters and the invisible bidirectional marks are written as escapes (<c>\n</c>, <c>\u202E</c>), so a typed
/// value can never start a log line of its own or disguise one; long values are cut.
/// </summary>
public static class LogText
{
    public const int DefaultMaxLength = 100;

    public static string Of(string? value, int maxLength = DefaultMaxLength)
    {
        if (string.IsNullOrEmpty(value)) return "";
        var cut = value.Length > maxLength;
        var text = cut ? value[..maxLength] : value;
        if (!cut && !text.Any(NeedsEscape)) return text;
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\r': sb.Append("\\r"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\\': sb.Append("\\\\"); break;
                default:
                    if (NeedsEscape(c)) sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        if (cut) sb.Append('…');
        return sb.ToString();
    }

    /// <summary>
    /// Control characters (C0, DEL, C1), the Unicode line and paragraph separators and format characters (bidirectional
    /// overrides, zero-width marks); a backslash too, so an escape written by this class cannot be faked.
    /// </summary>
    private static bool NeedsEscape(char c) =>
        c == '\\' || char.IsControl(c) || char.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
            or UnicodeCategory.Format;
}
