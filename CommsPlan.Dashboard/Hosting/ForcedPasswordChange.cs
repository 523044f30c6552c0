using CommsPlan.Core.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;

namespace CommsPlan.Dashboard.Hosting;

/// <summary>
/// While a user must replace a password an administrator set (the cookie carries
/// <see cref="CommsPlanClaims.MustChangePassword"/>), every page sends them to <see cref="Path"/>, keeping where they
/// were going, and everything else (the API, the interactive circuit) is refused: no data is read or changed with a
/// password someone else knows. Pages anyone may open (sign-in, sign-out, static files, /healthz) stay open.
/// </summary>
internal static class ForcedPasswordChange
{
    public const string Path = "/account/password";

    public static IApplicationBuilder UseForcedPasswordChange(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!context.User.MustChangePasswordNow() || IsAllowed(context))
        {
            await next(context);
            return;
        }
        var request = context.Request;
        if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && !ApiAnswers.IsApi(request) && !request.Path.StartsWithSegments("/_blazor"))
        {
            var target = request.Path + request.QueryString;
            context.Response.Redirect(target == "/" ? Path : $"{Path}?ReturnUrl={Uri.EscapeDataString(target)}");
            return;
        }
        await ApiAnswers.Answer(context, StatusCodes.Status403Forbidden);
    });

    private static bool IsAllowed(HttpContext context) =>
        context.Request.Path.StartsWithSegments(Path)
        // The error and not-found pages re-executed for a request that was already let through or refused.
        || context.Features.Get<IStatusCodeReExecuteFeature>() is not null
        // The framework's own scripts carry no data; the static password page loads blazor.web.js.
        || context.Request.Path.StartsWithSegments("/_framework")
        || context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null;
}
