using System.Globalization;
using CommsPlan.Core.Common;

namespace CommsPlan.Core.Access;

/// <summary>
/// Who issues a document and how it is headed and signed: the lines top left, the number's symbol, the place before
/// the date and the signature. Every workbook and document takes its header from here: the Office's for the
/// province's papers, an agency's for its own (docs/decisions/0016-issuing-bodies.md).
/// </summary>
public sealed record IssuingBody(
    string AgencyCode,
    string AgencyName,
    string Superior,
    string Name,
    DocumentStyle Style,
    string Symbol,
    string Place,
    string SignerTitle,
    string SignerName,
    string ContactEmail)
{
    public const int MaxLineLength = 100;
    public const int MaxSymbolLength = 20;
    public const int MaxEmailLength = 256;

    /// <summary>The header's lines top left, in order: the superior (regular) if any, then the body's own (bold).</summary>
    public IReadOnlyList<string> SuperiorLines => Lines(Superior);

    public IReadOnlyList<string> NameLines => Lines(Name);

    /// <summary>The title top right: the national motto's two lines, or the Party's one.</summary>
    public IReadOnlyList<string> TitleLines => Style == DocumentStyle.Party
        ? ["ĐẢNG CỘNG SẢN VIỆT NAM"]
        : ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"];

    public IReadOnlyList<string> SignerTitleLines => Lines(SignerTitle);

    /// <summary>
    /// "Số: 125/BC-VPUBND" (Decree 30) or "Số 125-BC/BTN" (the Party's); without a number the space is left for the
    /// clerk who registers it ("Số:      /BC-VPUBND").
    /// </summary>
    /// <param name="type">The document type's abbreviation: BC (báo cáo), or for an official letter the symbol's own tail.</param>
    public string Number(string? number, string type) =>
        Style == DocumentStyle.Party
            ? $"Số {Blank(number)}-{type}/{Symbol}"
            : $"Số: {Blank(number)}/{type}-{Symbol}";

    /// <summary>An official letter's number (công văn): "Số: 125/VPUBND-KSTT", the drafting unit after the symbol.</summary>
    public string LetterNumber(string? number, string? unit) =>
        Style == DocumentStyle.Party
            ? $"Số {Blank(number)}-CV/{Symbol}"
            : $"Số: {Blank(number)}/{Symbol}" + (string.IsNullOrWhiteSpace(unit) ? "" : "-" + unit);

    /// <summary>"Thái Nguyên, ngày 20 tháng 10 năm 2021".</summary>
    public string PlaceAndDate(DateOnly date) => OfficialDate.PlaceAndDate(Place, date);

    /// <summary>The body as a sentence names it: "Văn phòng UBND tỉnh", "Sở Tư pháp".</summary>
    public string SentenceName => AgencyName;

    private static string Blank(string? number) => string.IsNullOrWhiteSpace(number) ? "\u00A0\u00A0\u00A0\u00A0\u00A0\u00A0" : number.Trim();

    private static string[] Lines(string text) =>
        [.. text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>
    /// The agency's issuing body: what is stored, and where a field is empty (an agency added by an administrator who
    /// has not filled it in yet) what its kind and name imply.
    /// </summary>
    public static IssuingBody Of(Agency agency)
    {
        ArgumentNullException.ThrowIfNull(agency);
        var implied = IssuingBodyDefaults.For(agency.Code, agency.Name, agency.Kind);
        return new IssuingBody(
            agency.Code,
            agency.Name,
            string.IsNullOrWhiteSpace(agency.IssuerName) ? implied.Superior : agency.IssuerSuperior.Trim(),
            string.IsNullOrWhiteSpace(agency.IssuerName) ? implied.Name : agency.IssuerName.Trim(),
            string.IsNullOrWhiteSpace(agency.IssuerName) ? implied.Style : agency.DocumentStyle,
            string.IsNullOrWhiteSpace(agency.DocumentSymbol) ? implied.Symbol : agency.DocumentSymbol.Trim(),
            string.IsNullOrWhiteSpace(agency.DocumentPlace) ? implied.Place : agency.DocumentPlace.Trim(),
            string.IsNullOrWhiteSpace(agency.SignerTitle) ? implied.SignerTitle : agency.SignerTitle.Trim(),
            agency.SignerName.Trim(),
            agency.ContactEmail.Trim());
    }
}

/// <summary>
/// The issuing bodies of the 33 agencies of 2021 as their documents head them, and what an agency's kind implies for
/// one added later. The catalogue seeds them; an administrator edits them under Quản trị → Đơn vị.
/// </summary>
public static class IssuingBodyDefaults
{
    public const string Province = "UBND TỈNH THÁI NGUYÊN";
    public const string ProvinceOffice = "VĂN PHÒNG UBND TỈNH THÁI NGUYÊN";
    public const string ProvincePlace = "Thái Nguyên";

    /// <summary>What seeding writes: superior, name, style, symbol, place and signer title; never a person's name or mailbox.</summary>
    public sealed record Header(string Superior, string Name, DocumentStyle Style, string Symbol, string Place, string SignerTitle);

    private static readonly Dictionary<string, Header> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["VPUBND"] = Department("VĂN PHÒNG", "VPUBND", "CHÁNH VĂN PHÒNG"),
        // Decree 61/2018, art. 7: the Centre is a unit of the Office, which is therefore its superior.
        ["TTPVHCC"] = new(ProvinceOffice, "TRUNG TÂM PHỤC VỤ\nHÀNH CHÍNH CÔNG", DocumentStyle.State, "TTPVHCC", ProvincePlace, "GIÁM ĐỐC"),
        ["SNV"] = Department("SỞ NỘI VỤ", "SNV"),
        ["STP"] = Department("SỞ TƯ PHÁP", "STP"),
        ["SKHDT"] = Department("SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "SKHĐT"),
        ["STC"] = Department("SỞ TÀI CHÍNH", "STC"),
        ["SCT"] = Department("SỞ CÔNG THƯƠNG", "SCT"),
        ["SNNPTNT"] = Department("SỞ NÔNG NGHIỆP VÀ\nPHÁT TRIỂN NÔNG THÔN", "SNNPTNT"),
        ["SGTVT"] = Department("SỞ GIAO THÔNG VẬN TẢI", "SGTVT"),
        ["SXD"] = Department("SỞ XÂY DỰNG", "SXD"),
        ["STNMT"] = Department("SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "STNMT"),
        ["STTTT"] = Department("SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "STTTT"),
        ["SLDTBXH"] = Department("SỞ LAO ĐỘNG - THƯƠNG BINH\nVÀ XÃ HỘI", "SLĐTBXH"),
        ["SVHTTDL"] = Department("SỞ VĂN HÓA, THỂ THAO\nVÀ DU LỊCH", "SVHTTDL"),
        ["SKHCN"] = Department("SỞ KHOA HỌC VÀ CÔNG NGHỆ", "SKHCN"),
        ["SGDDT"] = Department("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "SGDĐT"),
        ["SYT"] = Department("SỞ Y TẾ", "SYT"),
        ["SNGV"] = Department("SỞ NGOẠI VỤ", "SNgV"),
        ["TTRA"] = Department("THANH TRA TỈNH", "TTr", "CHÁNH THANH TRA"),
        ["BDT"] = Department("BAN DÂN TỘC", "BDT", "TRƯỞNG BAN"),
        ["BQLKCN"] = Department("BAN QUẢN LÝ\nCÁC KHU CÔNG NGHIỆP", "BQLKCN", "TRƯỞNG BAN"),
        ["TPTN"] = District("THÀNH PHỐ THÁI NGUYÊN", "Thái Nguyên"),
        ["TPSC"] = District("THÀNH PHỐ SÔNG CÔNG", "Sông Công"),
        ["TXPY"] = District("THỊ XÃ PHỔ YÊN", "Phổ Yên"),
        ["DINHHOA"] = District("HUYỆN ĐỊNH HÓA", "Định Hóa"),
        ["PHULUONG"] = District("HUYỆN PHÚ LƯƠNG", "Phú Lương"),
        ["DONGHY"] = District("HUYỆN ĐỒNG HỶ", "Đồng Hỷ"),
        ["VONHAI"] = District("HUYỆN VÕ NHAI", "Võ Nhai"),
        ["DAITU"] = District("HUYỆN ĐẠI TỪ", "Đại Từ"),
        ["PHUBINH"] = District("HUYỆN PHÚ BÌNH", "Phú Bình"),
        // The provincial Party committee's newspaper: its documents follow the Party's format under the Tỉnh ủy (ADR 0016).
        ["BAOTN"] = new("TỈNH ỦY THÁI NGUYÊN", "BÁO THÁI NGUYÊN", DocumentStyle.Party, "BTN", ProvincePlace, "TỔNG BIÊN TẬP"),
        ["DAIPTTH"] = Department("ĐÀI PHÁT THANH - TRUYỀN HÌNH", "PTTH"),
        ["TTTT"] = new(ProvinceOffice, "TRUNG TÂM THÔNG TIN TỈNH", DocumentStyle.State, "TTTT", ProvincePlace, "GIÁM ĐỐC"),
    };

    /// <summary>The header seeding writes for a known agency of 2021; null for any other code.</summary>
    public static Header? Seeded(string code) => Known.GetValueOrDefault(code);

    /// <summary>The known header, or what the kind and name imply: a department under UBND tỉnh, a district's committee.</summary>
    public static Header For(string code, string name, AgencyKind kind)
    {
        if (Known.TryGetValue(code, out var known)) return known;
        var upper = Upper(name);
        if (kind == AgencyKind.DistrictCommittee)
        {
            // "UBND huyện Đại Từ" → "ỦY BAN NHÂN DÂN" / "HUYỆN ĐẠI TỪ".
            var area = name.StartsWith("UBND ", StringComparison.OrdinalIgnoreCase) ? name[5..].Trim() : name;
            return new Header("", "ỦY BAN NHÂN DÂN\n" + Upper(area), DocumentStyle.State, "UBND", PlaceOf(area), "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH");
        }
        return new Header(Province, upper, DocumentStyle.State, AsciiInitials(code), ProvincePlace, "GIÁM ĐỐC");
    }

    private static Header Department(string name, string symbol, string signer = "GIÁM ĐỐC") =>
        new(Province, name, DocumentStyle.State, symbol, ProvincePlace, signer);

    private static Header District(string name, string place) =>
        new("", "ỦY BAN NHÂN DÂN\n" + name, DocumentStyle.State, "UBND", place, "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH");

    /// <summary>"huyện Đại Từ" → "Đại Từ".</summary>
    private static string PlaceOf(string area)
    {
        foreach (var prefix in new[] { "thành phố ", "thị xã ", "huyện ", "quận " })
            if (area.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return area[prefix.Length..].Trim();
        return area;
    }

    private static string Upper(string text) => text.Trim().ToUpper(CultureInfo.InvariantCulture);

    private static string AsciiInitials(string code) => code.Trim().ToUpperInvariant();
}
