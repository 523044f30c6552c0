namespace CommsPlan.Core.Feedback;

/// <summary>A difficulty as lists and the answer dialog show it.</summary>
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

    /// <summary>Days an open difficulty has waited for its answer on <paramref name="today"/>; 0 once answered.</summary>
    public int DaysOpen(DateOnly today) => Status == DifficultyStatus.Open ? Math.Max(0, today.DayNumber - RaisedOn.DayNumber) : 0;
}
