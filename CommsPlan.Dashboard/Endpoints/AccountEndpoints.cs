using System.Security.Claims;
using CommsPlan.Core.Access;
using CommsPlan.Core.Common;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace CommsPlan.Dashboard.Endpoints;

internal static class AccountEndpoints
{
    /// <summary>
    /// `POST /Account/Logout` (antiforgery-checked form post): ends this browser's session (its row goes, so a copy of
    /// the cookie is refused from now on; the user's other sessions stay) and returns to the login page.
    /// </summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/Account/Logout", async (SignInManager<AppUser> signInManager, IAntiforgery antiforgery, SessionRevocations revocations,
            ILoggerFactory logs, HttpContext context) =>
        {
            // Nobody signed in: nothing to end, back to the sign-in page.
            if (context.User.Identity?.IsAuthenticated != true) return (IResult)TypedResults.LocalRedirect("~/Account/Login");
            // The handler binds no form field, so nothing else checks the token: a cross-site form must not sign people out.
            if (!await antiforgery.IsRequestValidAsync(context)) return TypedResults.BadRequest();
            var name = context.User.Identity?.Name;
            var userId = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
            await signInManager.SignOutAsync();
            // The session's other open pages (other tabs) re-check now and go to the sign-in page.
            if (userId is not null) revocations.Publish(userId);
            logs.CreateLogger("CommsPlan.Access").LogInformation("User {UserName} signed out.", LogText.Of(name));
            return TypedResults.LocalRedirect("~/Account/Login");
        }).AllowAnonymous();
}
