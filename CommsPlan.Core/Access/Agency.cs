using CommsPlan.Core.Common;

namespace CommsPlan.Core.Access;

/// <summary>A body that carries out and reports communication work (a Sở, a district committee, a newspaper…).</summary>
public sealed class Agency : IVersioned, Audit.IAudited, ISearchable
{
    public int Id { get; set; }
    /// <summary>Stable ASCII code (STP, DAITU, BAOTN…) used in URLs, imports and exports.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public AgencyKind Kind { get; set; }
    public bool IsActive { get; set; } = true;
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    /// <summary>After a merge, the agency that new records go to.</summary>
    public int? SuccessorId { get; set; }
    public Agency? Successor { get; set; }
    public int SortOrder { get; set; }
    public long Version { get; set; }

    /// <summary>The folded search text, kept by the write path (<see cref="ISearchable"/>).</summary>
    public string SearchKey { get; set; } = "";

    public IEnumerable<string?> SearchedTexts() => [Code, Name];

    // How the agency's own documents are headed and signed (Decree 30/2020 for state bodies; the Party's format for
    // Báo Thái Nguyên): see IssuingBody and docs/decisions/0016-issuing-bodies.md.

    /// <summary>The body above the agency as its documents name it ("UBND TỈNH THÁI NGUYÊN"); empty for a body without one.</summary>
    public string IssuerSuperior { get; set; } = "";
    /// <summary>The agency's name as its documents show it, in capitals; a line break where the document breaks it.</summary>
    public string IssuerName { get; set; } = "";
    public DocumentStyle DocumentStyle { get; set; }
    /// <summary>The abbreviation after the document type in a number ("BC-STP"): STP, VPUBND, UBND, BTN.</summary>
    public string DocumentSymbol { get; set; } = "";
    /// <summary>The place name before the date ("Thái Nguyên, ngày …", "Đại Từ, ngày …").</summary>
    public string DocumentPlace { get; set; } = "";
    /// <summary>The signer's authority and title as printed above the signature ("GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH").</summary>
    public string SignerTitle { get; set; } = "";
    /// <summary>Who usually signs; empty leaves the name to be written by hand.</summary>
    public string SignerName { get; set; } = "";
    /// <summary>The agency's own mailbox, which receives its reminders and urging notices besides its officers.</summary>
    public string ContactEmail { get; set; } = "";
}

/// <summary>Which rules a body's documents follow.</summary>
public enum DocumentStyle
{
    /// <summary>Decree 30/2020/NĐ-CP: the national motto, "Số: 12/BC-STP".</summary>
    State,
    /// <summary>The Party's documents (Hướng dẫn 36-HD/VPTW): "ĐẢNG CỘNG SẢN VIỆT NAM", a star under the body, "Số 12-BC/BTN".</summary>
    Party,
}

public enum AgencyKind
{
    Department,
    DistrictCommittee,
    Media,
    ProvincialOffice,
    ServiceCentre,
}

[Flags]
public enum AgencyKinds
{
    None = 0,
    Department = 1,
    DistrictCommittee = 2,
    Media = 4,
    ProvincialOffice = 8,
    ServiceCentre = 16,
}

public static class AgencyKindExtensions
{
    public static AgencyKinds AsFlag(this AgencyKind kind) => kind switch
    {
        AgencyKind.Department => AgencyKinds.Department,
        AgencyKind.DistrictCommittee => AgencyKinds.DistrictCommittee,
        AgencyKind.Media => AgencyKinds.Media,
        AgencyKind.ProvincialOffice => AgencyKinds.ProvincialOffice,
        AgencyKind.ServiceCentre => AgencyKinds.ServiceCentre,
        _ => AgencyKinds.None,
    };

    /// <summary>Vietnamese name of the kind.</summary>
    public static string DisplayName(this AgencyKind kind) => kind switch
    {
        AgencyKind.Department => "Sở, ban, ngành",
        AgencyKind.DistrictCommittee => "UBND cấp huyện",
        AgencyKind.Media => "Báo chí",
        AgencyKind.ProvincialOffice => "Văn phòng UBND tỉnh",
        AgencyKind.ServiceCentre => "Trung tâm Phục vụ hành chính công",
        _ => kind.ToString(),
    };

    /// <summary>
    /// The three groups reports and tables use (Sở, ban, ngành / UBND cấp huyện / Báo chí): the provincial
    /// office and the service centre are provincial bodies and sit with the departments.
    /// </summary>
    public static AgencyGroup Group(this AgencyKind kind) => kind switch
    {
        AgencyKind.DistrictCommittee => AgencyGroup.District,
        AgencyKind.Media => AgencyGroup.Media,
        _ => AgencyGroup.Provincial,
    };

    public static string DisplayName(this AgencyGroup group) => group switch
    {
        AgencyGroup.Provincial => "Sở, ban, ngành",
        AgencyGroup.District => "UBND cấp huyện",
        AgencyGroup.Media => "Báo chí",
        _ => group.ToString(),
    };

    public static string DisplayNames(this AgencyKinds kinds) =>
        string.Join(", ", Enum.GetValues<AgencyKind>().Where(k => kinds.HasFlag(k.AsFlag())).Select(k => k.DisplayName()));
}

/// <summary>Reporting groups of agencies, in the order reports list them.</summary>
public enum AgencyGroup
{
    Provincial,
    District,
    Media,
}
