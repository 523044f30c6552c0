using System.Diagnostics;
using CommsPlan.Core.Access;
using CommsPlan.Core.Common;
using CommsPlan.Core.Reporting;
using Microsoft.Net.Http.Headers;

namespace CommsPlan.Dashboard.Endpoints;

internal static class ReportEndpoints
{
    public const string ConsolidatedPath = "/api/reports/consolidated.xlsx";

    /// <summary>The download link of the consolidated report for a request (period and scope).</summary>
    public static string ConsolidatedUrl(ConsolidatedReportRequest request) => $"{ConsolidatedPath}?{request.ToQueryString()}";

    /// <summary>
    /// `GET /api/reports/consolidated.xlsx?from=yyyy-MM-dd&amp;to=yyyy-MM-dd[&amp;agency=CODE][&amp;group=Provincial|District|Media]`:
    /// the consolidated workbook. Monitors, leadership and administrators get any scope; an officer gets its own
    /// agency whatever it asks for (Core decides). Bad parameters answer 400 with a Vietnamese reason.
    /// </summary>
    public static void MapReportEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet(ConsolidatedPath, DownloadConsolidatedAsync)
            .RequireAuthorization(Policies.SignedIn);

    private static async Task<IResult> DownloadConsolidatedAsync(
        HttpContext context, ConsolidatedReportBuilder builder, ILoggerFactory logs,
        string? from, string? to, string? agency, string? group, CancellationToken ct)
    {
        if (!ConsolidatedReportRequest.TryParse(from, to, agency, group, out var request, out var error))
            return BadRequest(error);

        var user = context.User.ToCurrentUser();
        var watch = Stopwatch.StartNew();
        // The zip writer disposes synchronously, which Kestrel refuses on the response body: the workbook is built
        // in a temporary file (deleted when closed) and then copied to the response asynchronously.
        await using var file = new FileStream(
            Path.Combine(Path.GetTempPath(), $"commsplan-report-{Guid.NewGuid():N}.xlsx"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 81_920,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        ConsolidatedReportResult result;
        try
        {
            result = await builder.WriteAsync(user, request.Period, request.Scope, file, ct);
        }
        catch (NotFoundException)
        {
            return BadRequest($"Không tìm thấy cơ quan, đơn vị có mã “{agency}”.");
        }
        catch (AccessDeniedException ex)
        {
            return TypedResults.Problem(detail: ex.Message, statusCode: StatusCodes.Status403Forbidden, title: "Không có quyền");
        }

        logs.CreateLogger("CommsPlan.Reports").LogInformation(
            "User {UserName} exported {FileName} ({Scope}, {Rows} activities, {Bytes} bytes) in {Elapsed} ms.",
            user.UserName, result.FileName, result.Scope.Description, result.DetailRows, file.Length, watch.ElapsedMilliseconds);

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
