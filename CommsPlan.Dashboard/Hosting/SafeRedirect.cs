using System.Text;

namespace CommsPlan.Dashboard.Hosting;

/// <summary>Where the sign-in form may send the browser afterwards: a path of this site, written as a valid header.</summary>
internal static class SafeRedirect
{
    /// <summary>
    /// <paramref name="returnUrl"/> when it is a local path ("/activities?q=Tập"), percent-encoded where it is not ASCII
    /// (a Location header carries ASCII only: the raw value made the sign-in answer 500); "/" for anything else: another
    /// site ("//evil.example", "/\evil.example", "https://…"), or a control character, which browsers drop from URLs
    /// ("/\t/evil.example" would become "//evil.example").
    /// </summary>
    public static string Local(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl) || returnUrl[0] != '/') return "/";
        if (returnUrl.Length > 1 && returnUrl[1] is '/' or '\\') return "/";
        var sb = new StringBuilder(returnUrl.Length);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in returnUrl.EnumerateRunes())
        {
            if (Rune.IsControl(rune)) return "/";
            if (rune.IsAscii && rune.Value > ' ')
            {
                sb.Append((char)rune.Value);
                continue;
            }
            // Spaces and everything beyond ASCII (a lone surrogate arrives as U+FFFD) as UTF-8 escapes.
            var length = rune.EncodeToUtf8(utf8);
            foreach (var b in utf8[..length]) sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}
