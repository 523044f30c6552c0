using CommsPlan.Core.Access;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CommsPlan.Dashboard.Access;

internal static class AccountEndpoints
{
    /// <summary>`POST /Account/Logout` (antiforgery-checked form post): signs out and returns to the login page.</summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/Account/Logout", async (SignInManager<AppUser> signInManager, IAntiforgery antiforgery, ILoggerFactory logs, HttpContext context) =>
        {
            // Nobody signed in: nothing to end, back to the sign-in page.
            if (context.User.Identity?.IsAuthenticated != true) return (IResult)TypedResults.LocalRedirect("~/Account/Login");
            // The handler binds no form field, so nothing else checks the token: a cross-site form must not sign people out.
            if (!await antiforgery.IsRequestValidAsync(context)) return TypedResults.BadRequest();
            var name = context.User.Identity?.Name;
            await signInManager.SignOutAsync();
            logs.CreateLogger("CommsPlan.Access").LogInformation("User {UserName} signed out.", name);
            return TypedResults.LocalRedirect("~/Account/Login");
        }).AllowAnonymous();
}
