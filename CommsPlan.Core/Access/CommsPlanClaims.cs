using System.Security.Claims;

namespace CommsPlan.Core.Access;

/// <summary>The claims CommsPlan adds to a signed-in principal, and how a principal becomes a <see cref="CurrentUser"/>.</summary>
public static class CommsPlanClaims
{
    public const string AgencyId = "commsplan:agency_id";
    public const string AgencyName = "commsplan:agency_name";
    public const string FullName = "commsplan:full_name";
    /// <summary>Present while the user must replace a password an administrator set (<see cref="AppUser.MustChangePassword"/>).</summary>
    public const string MustChangePassword = "commsplan:must_change_password";

    public static bool MustChangePasswordNow(this ClaimsPrincipal principal) => principal.HasClaim(c => c.Type == MustChangePassword);

    public static CurrentUser ToCurrentUser(this ClaimsPrincipal principal)
    {
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        var name = principal.Identity?.Name ?? "";
        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToArray();
        int? agencyId = int.TryParse(principal.FindFirstValue(AgencyId), out var a) ? a : null;
        return new CurrentUser(id, name, roles, agencyId);
    }
}
