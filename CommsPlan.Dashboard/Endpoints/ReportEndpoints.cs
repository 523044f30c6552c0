using System.Diagnostics;
using System.Globalization;
using CommsPlan.Core.Access;
using CommsPlan.Core.Common;
using CommsPlan.Core.Common.HeavyJobs;
using CommsPlan.Core.Reports;
using Microsoft.Net.Http.Headers;

namespace CommsPlan.Dashboard.Endpoints;

internal static class ReportEndpoints
{
    public const string ConsolidatedPath = "/api/reports/consolidated.xlsx";
    public const string DocumentPath = "/api/reports/report.docx";

    /// <summary>The download link of the consolidated report for a request (period and scope).</summary>
    public static string ConsolidatedUrl(ConsolidatedReportRequest request) => $"{ConsolidatedPath}?{request.ToQueryString()}";

    /// <summary>The download link of the Word report for the same request.</summary>
    public static string DocumentUrl(ConsolidatedReportRequest request) => $"{DocumentPath}?{request.ToQueryString()}";

    /// <summary>
    /// `GET /api/reports/consolidated.xlsx?from=yyyy-MM-dd&amp;to=yyyy-MM-dd[&amp;agency=CODE][&amp;group=Provincial|District|Media][&amp;number=N][&amp;ticket=GUID]`:
    /// the consolidated workbook. Monitors, leadership and administrators get any scope; an officer gets its own
    /// agency whatever it asks for (Core decides). Bad parameters answer 400 with a Vietnamese reason. The workbook is
    /// built through the heavy-job limiter: the request waits its turn (the report page shows the position of its
    /// <c>ticket</c>), a full queue answers 503 with Retry-After, and a closed request leaves the queue.
    /// <para>
    /// `GET /api/reports/report.docx` with the same parameters: the periodic report as a Decree 30 Word document, with
    /// the same scope rules and the same figures (both take <c>plan=YYYY</c>; without it, the plan whose period contains <c>to</c>), and each section's text as generated or as edited on /reports.
    /// </para>
    /// </summary>
    public static void MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(ConsolidatedPath, DownloadConsolidatedAsync)
            .RequireAuthorization(Policies.SignedIn);
        app.MapGet(DocumentPath, DownloadDocumentAsync)
            .RequireAuthorization(Policies.SignedIn);
    }

    private static async Task<IResult> DownloadDocumentAsync(
        HttpContext context, ReportDocumentBuilder builder, HeavyJobLimiter limiter, ILoggerFactory logs,
        string? from, string? to, string? agency, string? group, string? number, string? plan, string? ticket, CancellationToken ct)
    {
        if (!ConsolidatedReportRequest.TryParse(from, to, agency, group, number, plan, out var request, out var error))
            return BadRequest(error);

        var user = context.User.ToCurrentUser();
        // The document reads the same figures as the workbook, so it queues behind the same gate.
        var job = new HeavyJobRequest(user.UserId, "report document")
        {
            Ticket = Guid.TryParse(ticket, out var watched) ? watched : Guid.NewGuid(),
        };
        ReportDocumentResult result;
        try
        {
            result = await limiter.RunAsync(job, token => builder.WriteAsync(user, request, token), ct);
        }
        catch (Exception ex) when (Failure(context, ex, agency) is { } failure)
        {
            return failure;
        }

        logs.CreateLogger("CommsPlan.Reports").LogInformation(
            "User {UserName} downloaded {FileName} ({Scope}, {Bytes} bytes).",
            user.UserName, result.FileName, result.Scope.Description, result.Content.Length);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(result.Content, Core.Reports.Word.Decree30Document.ContentType, result.FileName);
    }

    /// <summary>A temporary file for a workbook being built, deleted when closed.</summary>
    internal static FileStream TempWorkbook(string kind) => new(
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"commsplan-{kind}-{Guid.NewGuid():N}.xlsx"),
        FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 81_920,
        FileOptions.DeleteOnClose | FileOptions.Asynchronous);

    /// <summary>The answer to a download that failed for a reason the user can act on; null for any other exception.</summary>
    internal static IResult? Failure(HttpContext context, Exception exception, string? agency)
    {
        switch (exception)
        {
            case HeavyQueueFullException full:
                context.Response.Headers.RetryAfter = ((int)full.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                return TypedResults.Problem(detail: full.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Máy chủ đang bận");
            case BusinessRuleException rule:
                // A plan year without an issued plan (plan=2030): the reason, in Vietnamese.
                return BadRequest(rule.Message);
            case NotFoundException:
                return BadRequest($"Không tìm thấy cơ quan, đơn vị có mã “{agency}”.");
            case AccessDeniedException denied:
                return TypedResults.Problem(detail: denied.Message, statusCode: StatusCodes.Status403Forbidden, title: "Không có quyền");
            case DatabaseUnavailableException:
                context.Response.Headers.RetryAfter = ((int)HeavyJobLimiter.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                return TypedResults.Problem(detail: "Không đọc được cơ sở dữ liệu lúc này. Vui lòng thử lại sau ít phút.",
                    statusCode: StatusCodes.Status503ServiceUnavailable, title: "Cơ sở dữ liệu tạm thời không sẵn sàng");
            default:
                return null;
        }
    }

    private static async Task<IResult> DownloadConsolidatedAsync(
        HttpContext context, ConsolidatedReportBuilder builder, HeavyJobLimiter limiter, ILoggerFactory logs,
        string? from, string? to, string? agency, string? group, string? number, string? plan, string? ticket, CancellationToken ct)
    {
        if (!ConsolidatedReportRequest.TryParse(from, to, agency, group, number, plan, out var request, out var error))
            return BadRequest(error);

        var user = context.User.ToCurrentUser();
        var job = new HeavyJobRequest(user.UserId, "consolidated workbook")
        {
            Ticket = Guid.TryParse(ticket, out var watched) ? watched : Guid.NewGuid(),
        };
        // The zip writer disposes synchronously, which Kestrel refuses on the response body: the workbook is built
        // in a temporary file (deleted when closed) and then copied to the response asynchronously, after the job's
        // slot is free again, so a slow client never holds a slot.
        await using var file = TempWorkbook("report");
        ConsolidatedReportResult result;
        long elapsed;
        try
        {
            (result, elapsed) = await limiter.RunAsync(job, async token =>
            {
                var watch = Stopwatch.StartNew();
                var written = await builder.WriteAsync(user, request, file, token);
                return (written, watch.ElapsedMilliseconds);
            }, ct);
        }
        catch (Exception ex) when (Failure(context, ex, agency) is { } failure)
        {
            return failure;
        }

        logs.CreateLogger("CommsPlan.Reports").LogInformation(
            "User {UserName} exported {FileName} ({Scope}, {Rows} activities, {Bytes} bytes) in {Elapsed} ms.",
            user.UserName, result.FileName, result.Scope.Description, result.DetailRows, file.Length, elapsed);

        file.Position = 0;
        var response = context.Response;
        response.ContentType = ConsolidatedReportBuilder.ContentType;
        response.ContentLength = file.Length;
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(result.FileName);
        response.Headers.ContentDisposition = disposition.ToString();
        response.Headers.CacheControl = "no-store";
        await file.CopyToAsync(response.Body, ct);
        return TypedResults.Empty;
    }

    private static IResult BadRequest(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Tham số không hợp lệ");
}
