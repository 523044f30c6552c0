using System.Globalization;
using System.Threading.RateLimiting;
using CommsPlan.Core.Api;
using CommsPlan.Core.Common;
using CommsPlan.Dashboard.Hosting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CommsPlan.Dashboard.Endpoints.Api;

/// <summary>
/// The per-token rate limit of /api/v1: a fixed one-minute window per token, so one agency's runaway script cannot take
/// the server from the others. The rate limiter runs before authentication, so a token is told apart by its secret's
/// SHA-256 — the same value that identifies it in the database (<see cref="ApiToken.SecretHash"/>) — and a refused call
/// costs no database query. A call without a bearer token is not limited here: it is answered 401 anyway.
/// </summary>
internal sealed class ApiRateLimitPolicy(IOptions<ApiOptions> options) : IRateLimiterPolicy<string>
{
    public const string Name = "api";

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        string? header = httpContext.Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return RateLimitPartition.GetNoLimiter("");
        var permits = options.Value.RequestsPerMinute;
        return RateLimitPartition.GetFixedWindowLimiter(ApiTokenService.Hash(header["Bearer ".Length..].Trim()), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }

    /// <summary>429 as a problem body in Vietnamese, with Retry-After: when the token's window opens again.</summary>
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, _) =>
    {
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 60;
        var http = context.HttpContext;
        // The secret's first characters are the prefix the token list shows: enough for an operator to find the token.
        var secret = http.Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim();
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("CommsPlan.Access").LogWarning(
            "API call refused: token {Prefix}… made more than {PermitLimit} calls a minute.",
            LogText.Of(secret[..Math.Min(secret.Length, ApiTokenService.SecretPrefix.Length + 6)]), options.Value.RequestsPerMinute);
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await ApiProblems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Quá nhiều yêu cầu",
            $"Mã truy cập này đã gửi quá {options.Value.RequestsPerMinute} yêu cầu trong một phút. Vui lòng thử lại sau {seconds} giây.");
    };
}
