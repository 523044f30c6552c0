using CommsPlan.Core.Access;
using CommsPlan.Core.Common;

namespace CommsPlan.Core.Feedback;

/// <summary>Biểu dương: an individual or collective honoured for TTHC work (NV4, NV11, ND4).</summary>
public sealed class Commendation : IFeedbackRecord, Audit.IAudited, ISearchable
{
    public int Id { get; set; }
    public int AgencyId { get; set; }
    public Agency? Agency { get; set; }
    public CommendationKind Kind { get; set; }
    /// <summary>Name of the person or collective honoured.</summary>
    public required string Recipient { get; set; }
    public required string Achievement { get; set; }
    public DateOnly Date { get; set; }
    public int? ActivityId { get; set; }
    public Activities.Activity? Activity { get; set; }

    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }

    /// <summary>The folded search text, kept by the write path (<see cref="ISearchable"/>).</summary>
    public string SearchKey { get; set; } = "";

    public IEnumerable<string?> SearchedTexts() => [Recipient, Achievement];
}

public enum CommendationKind
{
    Individual,
    Collective,
}
