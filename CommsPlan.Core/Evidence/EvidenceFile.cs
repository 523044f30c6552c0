using CommsPlan.Core.Common;

namespace CommsPlan.Core.Evidence;

/// <summary>
/// A file attached to an activity, a unit plan or a commendation (exactly one of the three keys is set): what lists
/// show (name, type, size, whether it has a thumbnail). The bytes live in <see cref="EvidenceContent"/>, a table of their
/// own, so no list query ever reads them. Created and deleted, never edited; both are in the audit history.
/// </summary>
public sealed class EvidenceFile : ITracked, Audit.IAudited
{
    public int Id { get; set; }
    public int? ActivityId { get; set; }
    public Activities.Activity? Activity { get; set; }
    public int? UnitPlanId { get; set; }
    public UnitPlans.UnitPlan? UnitPlan { get; set; }
    public int? CommendationId { get; set; }
    public Feedback.Commendation? Commendation { get; set; }

    /// <summary>The name the file had on the uploader's computer (without any folder).</summary>
    public required string FileName { get; set; }

    /// <summary>The type found from the content, not from the name.</summary>
    public EvidenceKind Kind { get; set; }

    /// <summary>Bytes of the file as stored.</summary>
    public long Length { get; set; }

    public bool HasThumbnail { get; set; }

    public EvidenceContent? Content { get; set; }

    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
}

/// <summary>The stored bytes of an <see cref="EvidenceFile"/> and, for an image, its thumbnail (a JPEG).</summary>
public sealed class EvidenceContent
{
    public int EvidenceFileId { get; set; }
    public required byte[] Bytes { get; set; }
    public byte[]? Thumbnail { get; set; }
}

/// <summary>The record a file belongs to.</summary>
public enum EvidenceOwnerKind
{
    Activity,
    UnitPlan,
    Commendation,
}

/// <summary>An activity, unit plan or commendation by id.</summary>
public readonly record struct EvidenceOwner(EvidenceOwnerKind Kind, int Id)
{
    public static EvidenceOwner Activity(int id) => new(EvidenceOwnerKind.Activity, id);
    public static EvidenceOwner UnitPlan(int id) => new(EvidenceOwnerKind.UnitPlan, id);
    public static EvidenceOwner Commendation(int id) => new(EvidenceOwnerKind.Commendation, id);
}
