using System.Text;

namespace CommsPlan.Core.Common;

/// <summary>
/// Compares what people type with stored text, forgiving case, diacritics and spacing: the catalogue lookups of the
/// import and the search of every list (through the search keys, see <see cref="ISearchable"/>) use this one fold.
/// </summary>
public static class TextFolding
{
    /// <summary>
    /// "  Hội nghị,  HỘI THẢO " and "hoi nghi, hoi thao" fold to the same key; so do "Đại Từ" and "dai tu", and text
    /// typed composed (NFC, one code point per letter) or decomposed (NFD, a letter followed by its marks).
    /// <list type="bullet">
    /// <item>Letters are decomposed and their combining diacritical marks dropped (U+0300–U+036F and the extended
    /// blocks U+1AB0–U+1AFF, U+1DC0–U+1DFF, U+20D0–U+20FF, U+FE20–U+FE2F): every Vietnamese tone mark (huyền, sắc, hỏi,
    /// ngã, nặng) and letter mark (â, ê, ô, ă, ơ, ư).</item>
    /// <item>Đ/đ have no Unicode decomposition, so they are mapped to d by hand; so is Ð (U+00D0, the look-alike some
    /// converted documents carry instead of Đ).</item>
    /// <item>Letters are lower-cased (invariant culture).</item>
    /// <item>Runs of white space (any Unicode white space) become one space; leading and trailing space is dropped.</item>
    /// </list>
    /// The migration that filled the search keys of existing rows reproduces exactly these steps in SQL (see
    /// AddSearchKeys): change them only with a migration that refills the keys.
    /// </summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var c in decomposed)
        {
            if (IsCombiningMark(c)) continue;
            if (char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
                continue;
            }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(c is 'Đ' or 'đ' or 'Ð' ? 'd' : char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    private static bool IsCombiningMark(char c) =>
        c is >= '\u0300' and <= '\u036F' or >= '\u1AB0' and <= '\u1AFF' or >= '\u1DC0' and <= '\u1DFF'
            or >= '\u20D0' and <= '\u20FF' or >= '\uFE20' and <= '\uFE2F';
}
