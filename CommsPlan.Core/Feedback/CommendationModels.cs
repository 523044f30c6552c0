namespace CommsPlan.Core.Feedback;

/// <summary>A commendation as lists and the form show it.</summary>
public sealed record CommendationRow
{
    public required int Id { get; init; }
    public required int AgencyId { get; init; }
    public required string AgencyName { get; init; }
    public required CommendationKind Kind { get; init; }
    public required string Recipient { get; init; }
    public required string Achievement { get; init; }
    public required DateOnly Date { get; init; }
    public int? ActivityId { get; init; }
    public string? ActivityTitle { get; init; }
    public required string UpdatedBy { get; init; }
    public required DateTime UpdatedAt { get; init; }
    public required long Version { get; init; }

    public CommendationInput ToInput() => new()
    {
        AgencyId = AgencyId, Kind = Kind, Recipient = Recipient, Achievement = Achievement,
        Date = Date, ActivityId = ActivityId, Version = Version,
    };
}

/// <summary>Columns the commendation list sorts by in the database.</summary>
public enum CommendationSort
{
    Date,
    Agency,
    Recipient,
}

/// <summary>An activity a commendation can point to, as a picker lists it.</summary>
public sealed record ActivityChoice(int Id, string Title, DateOnly StartDate);
