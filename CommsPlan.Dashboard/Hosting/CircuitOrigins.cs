using CommsPlan.Core.Common;
using Microsoft.Extensions.Options;

namespace CommsPlan.Dashboard.Hosting;

/// <summary>
/// Only pages of this site may open a circuit. A circuit is a WebSocket (after a negotiate POST) to <c>/_blazor</c>,
/// and a browser sends the sign-in cookie with it from any page of the same site — every agency's site under the
/// province's domain — since <c>SameSite</c> looks at sites, not origins. The browser also sends the page's
/// <c>Origin</c>, which a page cannot forge: a request to <c>/_blazor</c> whose Origin is not one of
/// <c>Hosting:PublicOrigins</c> (empty: the request's own scheme, host and port, as the known proxy forwarded them)
/// is refused with 403. A request without Origin is not a browser's and carries no victim's cookie.
/// </summary>
internal static class CircuitOrigins
{
    private static readonly PathString CircuitPath = "/_blazor";

    public static IApplicationBuilder UseCircuitOriginCheck(this IApplicationBuilder app)
    {
        var configured = app.ApplicationServices.GetRequiredService<IOptions<HostingOptions>>().Value.Origins;
        return app.Use((context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments(CircuitPath, StringComparison.OrdinalIgnoreCase)) return next(context);
            var origin = context.Request.Headers.Origin.ToString();
            if (origin.Length == 0 || IsAllowed(origin, configured, context.Request)) return next(context);
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("CommsPlan.Access")
                .LogWarning("Circuit refused: origin {Origin} is not this site's.", LogText.Of(origin));
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        });
    }

    /// <summary>Whether <paramref name="origin"/> (an Origin header) is one of the site's origins.</summary>
    internal static bool IsAllowed(string origin, IReadOnlyList<string> configured, HttpRequest request)
    {
        var normalized = Normalize(origin);
        if (normalized is null) return false;
        if (configured.Count > 0) return configured.Contains(normalized, StringComparer.Ordinal);
        return normalized == Normalize($"{request.Scheme}://{request.Host.Value}");
    }

    /// <summary>scheme://host[:port] in lower case, the scheme's default port left out; null for anything else ("null", paths).</summary>
    internal static string? Normalize(string origin)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) return null;
        if (uri.PathAndQuery != "/" || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0) return null;
        // Uri.Host keeps an IPv6 address's brackets.
        return (uri.IsDefaultPort ? $"{uri.Scheme}://{uri.Host}" : $"{uri.Scheme}://{uri.Host}:{uri.Port}").ToLowerInvariant();
    }
}
