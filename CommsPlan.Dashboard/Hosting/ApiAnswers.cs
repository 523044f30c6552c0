using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Diagnostics;

namespace CommsPlan.Dashboard.Hosting;

/// <summary>
/// Under <c>/api/</c> a program (a script, the browser's fetch) is asking, not a person: a signed-out call gets 401 and a
/// refused one 403, bare, instead of a redirect to the HTML sign-in or no-permission page that a client would follow
/// and take for the answer.
/// </summary>
internal static class ApiAnswers
{
    private static readonly PathString Prefix = "/api";

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Replaces the cookie's redirects by status codes for API paths; pages keep the redirects.</summary>
    public static void UseStatusCodesForApi(this CookieAuthenticationEvents events)
    {
        var toLogin = events.OnRedirectToLogin;
        var toAccessDenied = events.OnRedirectToAccessDenied;
        events.OnRedirectToLogin = context => IsApi(context.Request) ? Answer(context.HttpContext, StatusCodes.Status401Unauthorized) : toLogin(context);
        events.OnRedirectToAccessDenied = context => IsApi(context.Request) ? Answer(context.HttpContext, StatusCodes.Status403Forbidden) : toAccessDenied(context);
    }

    /// <summary>A bare status: the not-found page the status code pages would render is HTML for a person.</summary>
    public static Task Answer(HttpContext context, int status)
    {
        if (context.Features.Get<IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
