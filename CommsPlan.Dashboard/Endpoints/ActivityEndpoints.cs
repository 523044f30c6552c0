using System.Diagnostics;
using CommsPlan.Core.Access;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Activities.Import;
using CommsPlan.Core.Common;
using CommsPlan.Core.Common.HeavyJobs;
using CommsPlan.Core.Reports;
using Microsoft.Net.Http.Headers;

namespace CommsPlan.Dashboard.Endpoints;

internal static class ActivityEndpoints
{
    private const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public const string ExportPath = "/api/activities/export.xlsx";
    public const string TemplatePath = "/api/activities/template.xlsx";

    /// <summary>The import template of the plan of <paramref name="planYear"/> (the current plan when null).</summary>
    public static string TemplateUrl(int? planYear) =>
        planYear is { } year ? $"{TemplatePath}?plan={year.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : TemplatePath;

    /// <summary>The export link of the list a query string describes (<see cref="ActivityListLink"/>'s parameters).</summary>
    public static string ExportUrl(string listQuery) => string.IsNullOrEmpty(listQuery) ? ExportPath : $"{ExportPath}?{listQuery}";

    /// <summary>
    /// `GET /api/activities/template.xlsx[?plan=2022]`: the empty import workbook with the catalogue of that plan year (the
    /// current plan without one); any signed-in CommsPlan role. A year without an issued plan answers 400 with the reason.
    /// <para>
    /// `GET /api/activities/export.xlsx?agency=STP&amp;channel=BAO&amp;from=…&amp;to=…&amp;objective=…&amp;theme=…&amp;q=…&amp;sort=…[&amp;ticket=GUID]`:
    /// the activity list with those filters and sort, every page, as the report's Chi tiết sheet. An officer gets its
    /// own agency's rows whatever it asks for (Core decides). Built through the heavy-job limiter like the report.
    /// </para>
    /// </summary>
    public static void MapActivityEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(TemplatePath, TemplateAsync).RequireAuthorization(Policies.SignedIn);
        app.MapGet(ExportPath, ExportAsync).RequireAuthorization(Policies.SignedIn);
    }

    private static async Task<IResult> TemplateAsync(ActivityImporter importer, int? plan, CancellationToken ct)
    {
        try
        {
            var name = plan is { } year ? $"Mau-nhap-hoat-dong-{year}.xlsx" : "Mau-nhap-hoat-dong.xlsx";
            return TypedResults.File(await importer.CreateTemplateAsync(plan, ct), XlsxContentType, name);
        }
        catch (BusinessRuleException rule)
        {
            return TypedResults.Problem(detail: rule.Message, statusCode: StatusCodes.Status400BadRequest, title: "Tham số không hợp lệ");
        }
    }

    private static async Task<IResult> ExportAsync(HttpContext context, ActivityService activities, ActivityListExport export,
        HeavyJobLimiter limiter, ILoggerFactory logs, CancellationToken ct)
    {
        var user = context.User.ToCurrentUser();
        string? Get(string name) => context.Request.Query.TryGetValue(name, out var v) ? v.ToString() : null;
        ActivityCatalogue catalogue;
        try
        {
            catalogue = await activities.GetCatalogueAsync(ActivityListLink.PlanYearOf(Get), ct);
        }
        catch (BusinessRuleException rule)
        {
            return TypedResults.Problem(detail: rule.Message, statusCode: StatusCodes.Status400BadRequest, title: "Tham số không hợp lệ");
        }
        // Always one plan's activities: without plan= the current plan's, as the list shows them.
        var query = ActivityListLink.Parse(Get, catalogue) with { PlanYear = catalogue.PlanYear };
        var ticket = context.Request.Query["ticket"].ToString();
        var job = new HeavyJobRequest(user.UserId, "activity list export")
        {
            Ticket = Guid.TryParse(ticket, out var watched) ? watched : Guid.NewGuid(),
        };
        // As the report: built in a temporary file (the zip writer disposes synchronously, which Kestrel refuses on the
        // response body), then copied to the response after the job's slot is free again.
        await using var file = ReportEndpoints.TempWorkbook("activities");
        ActivityListExportResult result;
        long elapsed;
        try
        {
            (result, elapsed) = await limiter.RunAsync(job, async token =>
            {
                var watch = Stopwatch.StartNew();
                var written = await export.WriteAsync(user, query, file, token);
                return (written, watch.ElapsedMilliseconds);
            }, ct);
        }
        catch (Exception ex) when (ReportEndpoints.Failure(context, ex, context.Request.Query["agency"]) is { } failure)
        {
            return failure;
        }

        logs.CreateLogger("CommsPlan.Activities").LogInformation(
            "User {UserName} exported {FileName} ({Rows} activities, {Bytes} bytes) in {Elapsed} ms.",
            user.UserName, result.FileName, result.Rows, file.Length, elapsed);

        file.Position = 0;
        var response = context.Response;
        response.ContentType = ActivityListExport.ContentType;
        response.ContentLength = file.Length;
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(result.FileName);
        response.Headers.ContentDisposition = disposition.ToString();
        response.Headers.CacheControl = "no-store";
        await file.CopyToAsync(response.Body, ct);
        return TypedResults.Empty;
    }
}
