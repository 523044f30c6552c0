using CommsPlan.Core.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CommsPlan.Dashboard.Access;

internal static class AccountEndpoints
{
    /// <summary>`POST /Account/Logout` (antiforgery-checked form post): signs out and returns to the login page.</summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/Account/Logout", async (SignInManager<AppUser> signInManager, ILoggerFactory logs, HttpContext context) =>
        {
            var name = context.User.Identity?.Name;
            await signInManager.SignOutAsync();
            logs.CreateLogger("CommsPlan.Access").LogInformation("User {UserName} signed out.", name);
            return TypedResults.LocalRedirect("~/Account/Login");
        }).AllowAnonymous();
}
