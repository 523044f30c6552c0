using CommsPlan.Core.Access;
using CommsPlan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Feedback;

/// <summary>A commendation as the agency page, the report's narrative and the workbook list it.</summary>
public sealed record CommendationReportRow(int Id, AgencyRef Agency, CommendationKind Kind, string Recipient, string Achievement, DateOnly Date)
{
    public string KindName => Kind.DisplayName();
}

/// <summary>A difficulty with its answer, as the agency page, the report's narrative and the workbook list it.</summary>
public sealed record DifficultyReportRow(
    int Id,
    AgencyRef Agency,
    string Title,
    string Content,
    DateOnly RaisedOn,
    DifficultyStatus Status,
    string? Answer,
    DateOnly? AnsweredOn,
    string? AnsweredBy)
{
    public string StatusName => Status.DisplayName();
}

/// <summary>The commendations and difficulties of a period, for whatever reports on them (agency page, report, workbook).</summary>
public static class FeedbackReports
{
    /// <summary>Commendations dated from <paramref name="from"/> to <paramref name="to"/> of the agencies (all when null), oldest first.</summary>
    public static async Task<IReadOnlyList<CommendationReportRow>> CommendationsAsync(CommsPlanDbContext db,
        IReadOnlyDictionary<int, AgencyEntry> agencies, DateOnly from, DateOnly to, IReadOnlyList<int>? agencyIds, CancellationToken ct)
    {
        var query = db.Commendations.AsNoTracking().Where(c => c.Date >= from && c.Date <= to);
        if (agencyIds is not null) query = query.Where(c => agencyIds.Contains(c.AgencyId));
        var rows = await query.OrderBy(c => c.Date).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.AgencyId, c.Kind, c.Recipient, c.Achievement, c.Date })
            .ToListAsync(ct);
        return [.. rows.Select(c => new CommendationReportRow(c.Id, agencies[c.AgencyId].Ref, c.Kind, c.Recipient, c.Achievement, c.Date))];
    }

    /// <summary>The difficulties <paramref name="query"/> selects, oldest first, with their answers.</summary>
    public static async Task<IReadOnlyList<DifficultyReportRow>> DifficultiesAsync(
        IQueryable<Difficulty> query, IReadOnlyDictionary<int, AgencyEntry> agencies, CancellationToken ct)
    {
        var rows = await query.OrderBy(d => d.RaisedOn).ThenBy(d => d.Id)
            .Select(d => new { d.Id, d.AgencyId, d.Title, d.Content, d.RaisedOn, d.Status, d.Answer, d.AnsweredOn, d.AnsweredBy })
            .ToListAsync(ct);
        return [.. rows.Select(d => new DifficultyReportRow(d.Id, agencies[d.AgencyId].Ref, d.Title, d.Content, d.RaisedOn,
            d.Status, d.Answer, d.AnsweredOn, d.AnsweredBy))];
    }

    /// <summary>Commendations of the period within the scope (an officer: its own).</summary>
    public static async Task<IReadOnlyList<CommendationReportRow>> CommendationsAsync(
        CommsPlanDbContext db, CurrentUser user, DateOnly from, DateOnly to, MonitoringScope? scope, CancellationToken ct)
    {
        var agencies = await Scopes.LoadAgenciesAsync(db, ct);
        var resolved = Scopes.Resolve(user, scope ?? MonitoringScope.Province, agencies);
        return await CommendationsAsync(db, agencies.ToDictionary(a => a.Ref.Id), from, to, resolved.AgencyIds, ct);
    }

    /// <summary>Difficulties raised in the period within the scope, with their answers.</summary>
    public static async Task<IReadOnlyList<DifficultyReportRow>> DifficultiesAsync(
        CommsPlanDbContext db, CurrentUser user, DateOnly from, DateOnly to, MonitoringScope? scope, CancellationToken ct)
    {
        var agencies = await Scopes.LoadAgenciesAsync(db, ct);
        var resolved = Scopes.Resolve(user, scope ?? MonitoringScope.Province, agencies);
        var query = db.Difficulties.AsNoTracking().Where(d => d.RaisedOn >= from && d.RaisedOn <= to);
        if (resolved.AgencyIds is { } ids) query = query.Where(d => ids.Contains(d.AgencyId));
        return await DifficultiesAsync(query, agencies.ToDictionary(a => a.Ref.Id), ct);
    }
}
