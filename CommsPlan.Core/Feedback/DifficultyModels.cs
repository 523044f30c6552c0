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

    /// <summary>The Office's monitor who raised it for the agency (user name); null when the agency raised it.</summary>
    public string? EnteredOnBehalfBy { get; init; }

    /// <summary>That monitor's full name, when the account still exists.</summary>
    public string? EnteredOnBehalfByName { get; init; }

    /// <summary>"Văn phòng nhập thay · Nguyễn Văn A", or null when the agency raised it.</summary>
    public string? OnBehalfNote => EnteredOnBehalfBy is { } by ? Access.OnBehalf.Describe(by, EnteredOnBehalfByName) : null;

    public string StatusName => Status.DisplayName();

    /// <summary>
    /// The one query shape every reader of difficulties selects; <paramref name="users"/> (the context's users) names
    /// the Office's monitor who raised one on an agency's behalf.
    /// </summary>
    internal static Expression<Func<Difficulty, DifficultyRow>> Projection(IQueryable<Access.AppUser> users) => d => new DifficultyRow
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
        EnteredOnBehalfBy = d.EnteredOnBehalfBy,
        EnteredOnBehalfByName = users.Where(u => u.UserName == d.EnteredOnBehalfBy).Select(u => u.FullName).FirstOrDefault(),
    };

    /// <summary>Days an open difficulty has waited for its answer on <paramref name="today"/>; 0 once answered.</summary>
    public int DaysOpen(DateOnly today) => Status == DifficultyStatus.Open ? Math.Max(0, today.DayNumber - RaisedOn.DayNumber) : 0;
}
