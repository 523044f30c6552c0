using CommsPlan.Core.Access;
using CommsPlan.Core.Common;

namespace CommsPlan.Core.Monitoring;

public sealed partial class MonitoringQueryService
{
    /// <summary>
    /// The agencies a scope picker offers <paramref name="user"/>: every active agency for monitors, leadership and
    /// administrators, by group then catalogue order; an officer only its own.
    /// </summary>
    /// <exception cref="AccessDeniedException">The user has no role that reads monitoring data.</exception>
    public async Task<IReadOnlyList<AgencyRef>> GetScopeAgenciesAsync(CurrentUser user, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var catalogue = await MonitoringCatalogue.LoadAsync(db, ct);
        var resolved = ResolveScope(user, MonitoringScope.Province, catalogue);
        return [.. catalogue.Agencies.Where(a => resolved.Contains(a.Ref.Id) && (a.IsActive || resolved.Applied.IsOwnAgencyOnly)).Select(a => a.Ref)];
    }
}
