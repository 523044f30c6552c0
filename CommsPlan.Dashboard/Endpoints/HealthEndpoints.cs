using System.Text.Json;
using CommsPlan.Core.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CommsPlan.Dashboard.Endpoints;

internal static class HealthEndpoints
{
    /// <summary>
    /// `GET /healthz`: 200 when the database (file or server) answers, 503 otherwise, with the engine and, on SQLite,
    /// the newest backup's age; anonymous, with a small JSON body.
    /// </summary>
    public static void MapHealthEndpoint(this IEndpointRouteBuilder app) =>
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            ResponseWriter = async (context, report) =>
            {
                context.Response.ContentType = "application/json; charset=utf-8";
                await JsonSerializer.SerializeAsync(context.Response.Body, new
                {
                    status = report.Status.ToString(),
                    checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
                    // Which engine "database" is: a PostgreSQL server has no backup entry (pg_dump is its operators').
                    provider = context.RequestServices.GetRequiredService<CommsPlanDatabase>().Provider.ToString(),
                    // The newest backup's age in hours ("none" before the first one): monitoring alerts on it.
                    backup = report.Entries.TryGetValue("backup", out var backup) ? backup.Data : null,
                });
            },
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous();
}
