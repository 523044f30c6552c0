using System.Linq.Expressions;

namespace CommsPlan.Core.Feedback;

/// <summary>A difficulty with its answer as everything shows it: the list and the answer dialog, the agency page, the report and the workbook.</summary>
public sealed record DifficultyRow
{
    public required int Id { get; init; }
    public required int AgencyId { get; init; }
    public required string AgencyName { get; init; }
    public required string Title { get; init; }
    public required string Content { get; init; }
    public required DateOnly RaisedOn { get; init; }
    public required string RaisedBy { get; init; }
    public required DifficultyStatus Status { get; init; }
    public string? Answer { get; init; }
    public DateOnly? AnsweredOn { get; init; }
    public string? AnsweredBy { get; init; }
    public required long Version { get; init; }

    public string StatusName => Status.DisplayName();

    /// <summary>The one query shape every reader of difficulties selects.</summary>
    internal static readonly Expression<Func<Difficulty, DifficultyRow>> Projection = d => new DifficultyRow
    {
        Id = d.Id,
        AgencyId = d.AgencyId,
        AgencyName = d.Agency!.Name,
        Title = d.Title,
        Content = d.Content,
        RaisedOn = d.RaisedOn,
        RaisedBy = d.CreatedBy,
        Status = d.Status,
        Answer = d.Answer,
        AnsweredOn = d.AnsweredOn,
        AnsweredBy = d.AnsweredBy,
        Version = d.Version,
    };

    /// <summary>Days an open difficulty has waited for its answer on <paramref name="today"/>; 0 once answered.</summary>
    public int DaysOpen(DateOnly today) => Status == DifficultyStatus.Open ? Math.Max(0, today.DayNumber - RaisedOn.DayNumber) : 0;
}
