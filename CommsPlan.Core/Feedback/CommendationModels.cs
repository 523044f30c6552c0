using System.Linq.Expressions;

namespace CommsPlan.Core.Feedback;

/// <summary>A commendation as everything shows it: the list and its form, the agency page, the report and the workbook.</summary>
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

    public string KindName => Kind.DisplayName();

    /// <summary>The one query shape every reader of commendations selects.</summary>
    internal static readonly Expression<Func<Commendation, CommendationRow>> Projection = c => new CommendationRow
    {
        Id = c.Id,
        AgencyId = c.AgencyId,
        AgencyName = c.Agency!.Name,
        Kind = c.Kind,
        Recipient = c.Recipient,
        Achievement = c.Achievement,
        Date = c.Date,
        ActivityId = c.ActivityId,
        ActivityTitle = c.Activity == null ? null : c.Activity.Title,
        UpdatedBy = c.UpdatedBy,
        UpdatedAt = c.UpdatedAt,
        Version = c.Version,
    };

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
