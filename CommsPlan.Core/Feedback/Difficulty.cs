using CommsPlan.Core.Access;
using CommsPlan.Core.Common;

namespace CommsPlan.Core.Feedback;

/// <summary>Khó khăn, vướng mắc: raised by an agency, answered by the Office.</summary>
public sealed class Difficulty : IFeedbackRecord, Audit.IAudited, IEnteredOnBehalf, ISearchable
{
    public int Id { get; set; }
    public int AgencyId { get; set; }
    public Agency? Agency { get; set; }
    public required string Title { get; set; }
    public required string Content { get; set; }
    public DateOnly RaisedOn { get; set; }
    public string? Answer { get; set; }
    public DateOnly? AnsweredOn { get; set; }
    public string? AnsweredBy { get; set; }
    public DifficultyStatus Status { get; set; }

    /// <summary>The Office's monitor who entered it for the agency (<see cref="IEnteredOnBehalf"/>); null when the agency did.</summary>
    public string? EnteredOnBehalfBy { get; set; }

    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }

    /// <summary>The folded search text, kept by the write path (<see cref="ISearchable"/>).</summary>
    public string SearchKey { get; set; } = "";

    public IEnumerable<string?> SearchedTexts() => [Title, Content, Answer];
}

public enum DifficultyStatus
{
    Open,
    Answered,
}
