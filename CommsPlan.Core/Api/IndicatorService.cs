using CommsPlan.Core.Access;
using CommsPlan.Core.Common;
using CommsPlan.Core.Monitoring;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Core.Reports;

namespace CommsPlan.Core.Api;

/// <summary>
/// The period's indicators for other systems (the province's reporting system pulling a quarter): the figures the
/// consolidated workbook's Tổng hợp sheet is written from — the same plan choice (<see cref="ConsolidatedReportBuilder.PlanOfAsync"/>)
/// and the same overview (<see cref="OverviewService"/>) with the caller's rights — so the API, the overview and the
/// workbook cannot disagree.
/// </summary>
public sealed class IndicatorService(OverviewService overviews, ConsolidatedReportBuilder reports, AgencyDirectory agencies)
{
    /// <summary>
    /// The indicators of <paramref name="period"/> in the plan of <paramref name="planYear"/> (null: the plan whose period
    /// contains the period's end, as the workbook picks it), for the agency <paramref name="agencyCode"/> or, when null,
    /// everything the caller reads: the province for the province's token, its own agency (with the province's
    /// totals beside it) for an agency's token.
    /// </summary>
    /// <exception cref="NotFoundException">The agency does not exist or the caller may not read it (both answer alike).</exception>
    /// <exception cref="BusinessRuleException">The year named has no issued plan, or there is no plan at all.</exception>
    public async Task<ApiIndicators> GetAsync(CurrentUser user, ReportingPeriod period, int? planYear, string? agencyCode,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(period);
        var scope = MonitoringScope.Province;
        if (!string.IsNullOrWhiteSpace(agencyCode))
        {
            // An officer's overview quietly covers its own agency whatever it asks for; a program asking for another
            // agency is told there is none it may read, rather than handed figures it did not ask for.
            var agency = await agencies.FindAsync(user, agencyCode, ct)
                ?? throw new NotFoundException($"Không có cơ quan, đơn vị mã «{agencyCode.Trim()}» trong phạm vi được xem (tham số agency).");
            scope = MonitoringScope.ForAgency(agency.Code);
        }
        var plan = await reports.PlanOfAsync(period, planYear, ct);
        var overview = await overviews.GetOverviewAsync(user, period, scope, plan.Year, ct);
        return ApiIndicators.From(plan.Year, overview);
    }
}
