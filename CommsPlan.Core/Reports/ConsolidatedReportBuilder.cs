using System.Globalization;
using ClosedXML.Excel;
using CommsPlan.Core.Access;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Core.Feedback;
using CommsPlan.Core.Monitoring;
using CommsPlan.Core.Plans;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Core.Reports.Excel;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Reports;

/// <summary>
/// The consolidated report of a period (issue 6): a Decree 30 formatted workbook with the summary by form and
/// channel, the table by agency, every activity, the unit plans, commendations, difficulties and the narrative.
/// Every figure comes from <see cref="OverviewService"/>, the lists from <see cref="FeedbackReports"/> and the detail rows
/// from <see cref="ActivityStream"/>, each applying the caller's rights (<see cref="Scopes"/>): an officer's report
/// covers its own agency whatever scope it asks for.
/// </summary>
/// <remarks>
/// ClosedXML lays out the small sheets; the Chi tiết sheet is streamed row by row through
/// <see cref="StreamingSheetWriter"/>, so a year of 100,000 activities never sits in memory
/// (docs/decisions/0002-streamed-detail-sheet.md).
/// </remarks>
public sealed class ConsolidatedReportBuilder(
    IDbContextFactory<CommsPlanDbContext> factory, OverviewService overviews, TimeProvider time,
    Microsoft.Extensions.Options.IOptions<ReportingOptions>? reporting = null)
{
    private int DueDays => Math.Max(0, reporting?.Value.DueDays ?? new ReportingOptions().DueDays);

    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public const string SummarySheet = "Tổng hợp";
    public const string AgenciesSheet = "Theo đơn vị";
    public const string DetailSheet = "Chi tiết";
    public const string UnitPlansSheet = "Kế hoạch đơn vị";
    public const string CommendationsSheet = "Biểu dương";
    public const string DifficultiesSheet = "Khó khăn vướng mắc";
    public const string SamePeriodSheet = "So sánh cùng kỳ";
    public const string NarrativeSheet = "Thuyết minh";

    /// <summary>
    /// Batches of detail rows read ahead at most (256 rows each, a few megabytes in all, whatever the period): enough
    /// for the database to get well ahead while the other sheets are laid out, few enough to keep the process's peak low.
    /// </summary>
    private const int DetailBuffer = 32;

    /// <summary>
    /// The eight sheets, in workbook order. So sánh cùng kỳ is always there, saying so when there is no previous plan
    /// year, so the sheets and their table numbers (Biểu số) never shift between reports.
    /// </summary>
    public static IReadOnlyList<string> SheetNames { get; } =
        [SummarySheet, AgenciesSheet, DetailSheet, UnitPlansSheet, CommendationsSheet, DifficultiesSheet, SamePeriodSheet, NarrativeSheet];

    /// <summary>
    /// The report's figures and narrative, for the page's preview and for the workbook, in the plan of
    /// <paramref name="planYear"/> (null: the plan whose period contains the period's end, see <see cref="PlanChoice.ContainingAsync"/>).
    /// </summary>
    /// <exception cref="NotFoundException">The scope names an agency that does not exist.</exception>
    /// <exception cref="AccessDeniedException">The user has no role that reads monitoring data.</exception>
    public async Task<ConsolidatedReport> LoadAsync(
        CurrentUser user, ReportingPeriod period, MonitoringScope? scope = null, int? planYear = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(period);
        var plan = await PlanOfAsync(period, planYear, ct);
        var overview = await overviews.GetOverviewAsync(user, period, scope, plan.Year, ct);
        IReadOnlyList<CommendationRow> commendations;
        IReadOnlyList<DifficultyRow> difficulties;
        IssuingBody issuer;
        string preparedBy;
        PlanReference? reference;
        Compare.YearComparison? samePeriod;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            commendations = await FeedbackReports.CommendationsAsync(db, user, period.From, period.To, scope, ct);
            var raised = await FeedbackReports.DifficultiesAsync(db, user, period.From, period.To, scope, ct);
            // People by their full names on paper: who answered a difficulty, who prepared the report.
            var names = await IssuingBodies.FullNamesAsync(db, raised.Select(d => d.AnsweredBy).Append(user.UserName), ct);
            difficulties = [.. raised.Select(d => d.AnsweredBy is { } by ? d with { AnsweredBy = names.GetValueOrDefault(by, by) } : d)];
            preparedBy = names.GetValueOrDefault(user.UserName, user.UserName);
            issuer = await IssuingBodies.ForScopeAsync(db, overview.Scope, ct);
            reference = await PlanReference.ForPlanAsync(db, plan.Id, ct);
            samePeriod = await Compare.CompareService.SamePeriodLastYearAsync(db, user, scope, plan.Id, period.From, period.To,
                time.Today(), DueDays, ct);
        }
        return new ConsolidatedReport(overview, commendations, difficulties, ReportNarrative.Build(overview, commendations, difficulties),
            issuer, preparedBy, reference, samePeriod);
    }

    /// <summary>The plan a report of <paramref name="period"/> is of: the one named, else the one whose period contains its end.</summary>
    /// <exception cref="BusinessRuleException">The year named has no issued plan, or there is no plan at all.</exception>
    public async Task<PlanChoice> PlanOfAsync(ReportingPeriod period, int? planYear, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(period);
        await using var db = await factory.CreateDbContextAsync(ct);
        return planYear is null
            ? await PlanChoice.ContainingAsync(db, period.To, time.Today(), ct)
            : await PlanChoice.ResolveAsync(db, planYear, time.Today(), ct);
    }

    /// <summary>
    /// Every activity of the period within the scope, oldest first, read as the caller enumerates: the detail sheet
    /// streams it without holding the year in memory (<see cref="ActivityStream"/>).
    /// </summary>
    /// <exception cref="NotFoundException">The scope names an agency that does not exist.</exception>
    /// <exception cref="AccessDeniedException">The user has no role that reads monitoring data.</exception>
    public async IAsyncEnumerable<ActivityRow> StreamActivitiesAsync(
        CurrentUser user, ReportingPeriod period, MonitoringScope? scope = null, int? planYear = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(period);
        var plan = await PlanOfAsync(period, planYear, ct);
        await using var db = await factory.CreateOpenAsync(ct);
        var catalogue = await MonitoringCatalogue.LoadByIdAsync(db, plan.Id, ct);
        var resolved = Scopes.Resolve(user, scope ?? MonitoringScope.Province, catalogue.Agencies);
        await foreach (var row in ActivityStream.ReadAsync(db, catalogue, period.From, period.To, resolved.AgencyIds, ct)) yield return row;
    }

    /// <summary>
    /// Writes the workbook to <paramref name="output"/> (any writable stream; it is written forward only). The caller
    /// sends it on: an HTTP response should receive it from a temporary file, since the zip writer writes synchronously.
    /// </summary>
    /// <exception cref="NotFoundException">The scope names an agency that does not exist.</exception>
    /// <exception cref="AccessDeniedException">The user has no role that reads monitoring data.</exception>
    public Task<ConsolidatedReportResult> WriteAsync(
        CurrentUser user, ReportingPeriod period, MonitoringScope? scope, Stream output, CancellationToken ct = default) =>
        WriteAsync(user, new ConsolidatedReportRequest(period, scope ?? MonitoringScope.Province), output, ct);

    /// <summary>
    /// Writes the workbook of <paramref name="request"/> to <paramref name="output"/>; with a report number, every table
    /// says which report it goes with ("Biểu số 01 (kèm theo Báo cáo số …)").
    /// </summary>
    /// <exception cref="NotFoundException">The scope names an agency that does not exist.</exception>
    /// <exception cref="AccessDeniedException">The user has no role that reads monitoring data.</exception>
    public async Task<ConsolidatedReportResult> WriteAsync(
        CurrentUser user, ConsolidatedReportRequest request, Stream output, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        var (period, scope) = (request.Period, request.Scope);
        // The detail rows are read on another thread from the start: while the figures are loaded and ClosedXML lays
        // out the other sheets (up to the buffer), then while each row is written. Reading a year's rows and writing
        // them cost about the same, so the two overlap instead of adding up. The stream checks the caller's rights
        // itself before it reads a row.
        var planYear = (await PlanOfAsync(period, request.PlanYear, ct)).Year;
        await using var detail = new ReadAhead<ActivityRow>(StreamActivitiesAsync(user, period, scope, planYear, ct), DetailBuffer, ct);
        var report = await LoadAsync(user, period, scope, planYear, ct);

        // The formatted sheets are small whatever the period: a few hundred rows at most.
        using var template = new MemoryStream();
        using (var workbook = ConsolidatedWorkbook.Create(report, time.Today(), request.Number))
        {
            // Cached values beside the SUM formulas, so a reader that does not calculate still shows the totals.
            workbook.SaveAs(template, new SaveOptions { EvaluateFormulasBeforeSaving = true, GenerateCalculationChain = false });
        }
        PrintTitles.MakeAbsolute(template);

        var rows = await StreamingSheetWriter.WriteAsync(template, new StreamedSheet<NumberedRow>
        {
            SheetName = DetailSheet,
            FirstDataRow = ConsolidatedWorkbook.DetailFirstDataRow,
            Columns = ConsolidatedWorkbook.DetailColumns,
            Rows = Numbered(detail.ReadAllAsync(ct), ct),
            RowHeight = ConsolidatedWorkbook.DetailRowHeight,
        }, output, ct);
        return new ConsolidatedReportResult(report.FileName, report.Scope, rows);
    }

    /// <summary>
    /// "BaoCao_TruyenThong_TTHC_2020-12-15_2021-03-14.xlsx"; a narrower scope adds the agency's code or the group
    /// ("…_TTHC_STP_2020-12-15_…", "…_TTHC_District_…"). ASCII only, so every browser and mail client keeps it.
    /// </summary>
    public static string FileName(ReportingPeriod period, AppliedScope scope)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(scope);
        var part = scope.Agency is { } agency ? AsciiCode(agency.Code) + "_"
            : scope.Group is { } group ? group + "_"
            : "";
        return string.Create(CultureInfo.InvariantCulture, $"BaoCao_TruyenThong_TTHC_{part}{period.From:yyyy-MM-dd}_{period.To:yyyy-MM-dd}.xlsx");
    }

    private static string AsciiCode(string code) =>
        new([.. code.Where(c => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_')]);

    internal static async IAsyncEnumerable<NumberedRow> Numbered(
        IAsyncEnumerable<ActivityRow> rows, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var number = 0;
        await foreach (var row in rows.WithCancellation(ct)) yield return new NumberedRow(++number, row);
    }
}

/// <summary>An activity with its row number (STT) on the Chi tiết sheet.</summary>
internal sealed record NumberedRow(int Number, ActivityRow Row);
