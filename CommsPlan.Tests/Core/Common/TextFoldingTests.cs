using System.Text;
using CommsPlan.Core.Common;

namespace CommsPlan.Tests.Core.Common;

/// <summary>The fold behind every search and catalogue lookup: Vietnamese without diacritics, in lower case, single-spaced.</summary>
public sealed class TextFoldingTests
{
    /// <summary>The Vietnamese vowels, each a base letter with its letter mark (none, circumflex, breve, horn).</summary>
    private static readonly (string Vowel, char Base)[] Vowels =
    [
        ("a", 'a'), ("a\u0306", 'a'), ("a\u0302", 'a'), ("e", 'e'), ("e\u0302", 'e'), ("i", 'i'), ("o", 'o'), ("o\u0302", 'o'),
        ("o\u031B", 'o'), ("u", 'u'), ("u\u031B", 'u'), ("y", 'y'),
    ];

    /// <summary>No tone, then huyền, sắc, hỏi, ngã, nặng.</summary>
    private static readonly string[] Tones = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"];

    public static TheoryData<string, string> EveryToneOnEveryVowel()
    {
        var data = new TheoryData<string, string>();
        foreach (var (vowel, letter) in Vowels)
        {
            foreach (var tone in Tones) data.Add(vowel + tone, letter.ToString());
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryToneOnEveryVowel))]
    public void EveryVowelWithEveryToneFoldsToItsBaseLetterComposedOrDecomposedInEitherCase(string decomposed, string expected)
    {
        var composed = decomposed.Normalize(NormalizationForm.FormC);
        // Every Vietnamese letter has a precomposed form: the composed input really is one code point.
        Assert.Single(composed);

        Assert.Equal(expected, TextFolding.Fold(composed));
        Assert.Equal(expected, TextFolding.Fold(decomposed));
        Assert.Equal(expected, TextFolding.Fold(composed.ToUpperInvariant()));
        Assert.Equal(expected, TextFolding.Fold(decomposed.ToUpperInvariant()));
    }

    [Fact]
    public void DWithStrokeFoldsToDInBothCasesAndItsLookAlikeToo()
    {
        Assert.Equal("dai tu", TextFolding.Fold("Đại Từ"));
        Assert.Equal("dai tu", TextFolding.Fold("ĐẠI TỪ"));
        Assert.Equal("dai tu", TextFolding.Fold("đại từ"));
        // U+00D0, which converted documents sometimes hold instead of U+0110.
        Assert.Equal("dong hy", TextFolding.Fold("\u00D0ồng Hỷ"));
    }

    [Fact]
    public void WholePhrasesFoldComposedDecomposedAndMixedAlike()
    {
        const string phrase = "Hội nghị Tập huấn nghiệp vụ kiểm soát thủ tục hành chính ở Phú Lương, Võ Nhai và Định Hóa";
        const string expected = "hoi nghi tap huan nghiep vu kiem soat thu tuc hanh chinh o phu luong, vo nhai va dinh hoa";

        Assert.Equal(expected, TextFolding.Fold(phrase.Normalize(NormalizationForm.FormC)));
        Assert.Equal(expected, TextFolding.Fold(phrase.Normalize(NormalizationForm.FormD)));
        var mixed = string.Join(' ', phrase.Split(' ').Select((word, i) => word.Normalize(i % 2 == 0 ? NormalizationForm.FormC : NormalizationForm.FormD)));
        Assert.Equal(expected, TextFolding.Fold(mixed));
        // The old and the new placement of the tone mark ("hoà", "hòa") are the same word.
        Assert.Equal(TextFolding.Fold("Định Hoà"), TextFolding.Fold("Định Hòa"));
    }

    [Fact]
    public void WhiteSpaceOfAnyKindCollapsesToOneSpaceAndIsTrimmed()
    {
        Assert.Equal("tap huan can bo", TextFolding.Fold(" \tTập  huấn\u00A0\u00A0cán\r\nbộ\u3000 "));
        // A mark left after trailing space goes with the space.
        Assert.Equal("tap huan", TextFolding.Fold("Tập huấn \u0301"));
        Assert.Equal("", TextFolding.Fold(" \u0301 "));
        Assert.Equal("", TextFolding.Fold(null));
    }

    [Fact]
    public void PunctuationDigitsAndOtherCharactersAreKept()
    {
        Assert.Equal("100% ho so_muc do 3, 4 (nam 2021)", TextFolding.Fold("100% hồ sơ_mức độ 3, 4 (năm 2021)"));
    }
}
