using CommsPlan.Core.Access;
using CommsPlan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Feedback;

/// <summary>The commendations and difficulties of a period, for whatever reports on them (agency page, report, workbook).</summary>
public static class FeedbackReports
{
    /// <summary>Commendations dated from <paramref name="from"/> to <paramref name="to"/> of the agencies (all when null), oldest first.</summary>
    public static async Task<IReadOnlyList<CommendationRow>> CommendationsAsync(CommsPlanDbContext db,
        DateOnly from, DateOnly to, IReadOnlyList<int>? agencyIds, CancellationToken ct)
    {
        var query = db.Commendations.AsNoTracking().Where(c => c.Date >= from && c.Date <= to);
        if (agencyIds is not null) query = query.Where(c => agencyIds.Contains(c.AgencyId));
        return await query.OrderBy(c => c.Date).ThenBy(c => c.Id).Select(CommendationRow.Projection).ToListAsync(ct);
    }

    /// <summary>The difficulties <paramref name="query"/> selects, oldest first, with their answers.</summary>
    public static async Task<IReadOnlyList<DifficultyRow>> DifficultiesAsync(CommsPlanDbContext db, IQueryable<Difficulty> query, CancellationToken ct) =>
        await query.OrderBy(d => d.RaisedOn).ThenBy(d => d.Id).Select(DifficultyRow.Projection(db.Users)).ToListAsync(ct);

    /// <summary>Commendations of the period within the scope (an officer: its own).</summary>
    public static async Task<IReadOnlyList<CommendationRow>> CommendationsAsync(
        CommsPlanDbContext db, CurrentUser user, DateOnly from, DateOnly to, MonitoringScope? scope, CancellationToken ct) =>
        await CommendationsAsync(db, from, to, await AgenciesInAsync(db, user, scope, ct), ct);

    /// <summary>Difficulties raised in the period within the scope, with their answers.</summary>
    public static async Task<IReadOnlyList<DifficultyRow>> DifficultiesAsync(
        CommsPlanDbContext db, CurrentUser user, DateOnly from, DateOnly to, MonitoringScope? scope, CancellationToken ct)
    {
        var query = db.Difficulties.AsNoTracking().Where(d => d.RaisedOn >= from && d.RaisedOn <= to);
        if (await AgenciesInAsync(db, user, scope, ct) is { } ids) query = query.Where(d => ids.Contains(d.AgencyId));
        return await DifficultiesAsync(db, query, ct);
    }

    private static async Task<IReadOnlyList<int>?> AgenciesInAsync(CommsPlanDbContext db, CurrentUser user, MonitoringScope? scope, CancellationToken ct) =>
        Scopes.Resolve(user, scope ?? MonitoringScope.Province, await Scopes.LoadAgenciesAsync(db, ct)).AgencyIds;
}
