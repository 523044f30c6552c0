using System.Net;
using System.Text.Json;
using CommsPlan.Core.Access;
using CommsPlan.Core.Common.HeavyJobs;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CommsPlan.Dashboard.Endpoints;

internal static class HealthEndpoints
{
    public const string Path = "/healthz";

    /// <summary>
    /// `GET /healthz`: 200 while the database can be written (Degraded, still 200, when writes wait for a lock or the
    /// newest backup is old), 503 when it cannot. Anyone gets the status alone; the details (each check, the engine, the
    /// write probe's time, the newest backup, the heavy-job queue) only a signed-in administrator or a request from the
    /// server itself (loopback: the operator's curl, a local monitoring agent). It never waits for the heavy-job
    /// limiter, so it answers however busy the exports are.
    /// </summary>
    public static void MapHealthEndpoint(this IEndpointRouteBuilder app) =>
        app.MapHealthChecks(Path, new HealthCheckOptions
        {
            ResponseWriter = async (context, report) =>
            {
                context.Response.ContentType = "application/json; charset=utf-8";
                // The answer depends on who asks: never cached, by the browser or a proxy.
                context.Response.Headers.CacheControl = "no-store";
                object body = MayReadDetails(context)
                    ? new
                    {
                        status = report.Status.ToString(),
                        checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
                        // Which engine "database" is: a PostgreSQL server has no backup entry (pg_dump is its operators').
                        database = report.Entries.TryGetValue("database", out var database) ? database.Data : null,
                        // The newest backup's age in hours ("none" before the first one): monitoring alerts on it.
                        backup = report.Entries.TryGetValue("backup", out var backup) ? backup.Data : null,
                        heavyJobs = context.RequestServices.GetRequiredService<HeavyJobLimiter>().Snapshot(),
                    }
                    : new { status = report.Status.ToString() };
                await JsonSerializer.SerializeAsync(context.Response.Body, body, JsonOptions);
            },
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous();

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// An administrator, or the server itself. Behind a reverse proxy on the same machine every request arrives from
    /// loopback unless the proxy is listed in ReverseProxy:KnownProxies (then the forwarded client address counts).
    /// </summary>
    internal static bool MayReadDetails(HttpContext context) =>
        context.User.IsInRole(Roles.Admin)
        || context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address);
}
