using System.Globalization;
using System.Text;

namespace CommsPlan.Core.Common;

/// <summary>Compares what people type with catalogue names, forgiving case, diacritics and spacing.</summary>
public static class TextFolding
{
    /// <summary>
    /// "  Hội nghị,  HỘI THẢO " and "hoi nghi, hoi thao" fold to the same key. Đ/đ have no Unicode decomposition,
    /// so they are mapped to D/d by hand.
    /// </summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var decomposed = text.Trim().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var lastWasSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsWhiteSpace(c))
            {
                if (!lastWasSpace) sb.Append(' ');
                lastWasSpace = true;
                continue;
            }
            lastWasSpace = false;
            sb.Append(c switch
            {
                'Đ' or 'đ' => 'd',
                _ => char.ToLowerInvariant(c),
            });
        }
        return sb.ToString();
    }
}
