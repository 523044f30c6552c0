using System.Security.Claims;
using CommsPlan.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommsPlan.Core.Access;

/// <summary>
/// Puts the user's full name, for an officer its agency, and a pending forced password change into the cookie, so no
/// page or request has to look them up.
/// </summary>
public sealed class AppUserClaimsPrincipalFactory(
    UserManager<AppUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options,
    IDbContextFactory<CommsPlanDbContext> factory)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(CommsPlanClaims.FullName, string.IsNullOrWhiteSpace(user.FullName) ? user.UserName ?? "" : user.FullName));
        if (user.MustChangePassword) identity.AddClaim(new Claim(CommsPlanClaims.MustChangePassword, "true"));
        if (user.AgencyId is { } agencyId)
        {
            await using var db = await factory.CreateDbContextAsync();
            var agencyName = await db.Agencies.Where(a => a.Id == agencyId).Select(a => a.Name).SingleOrDefaultAsync();
            identity.AddClaim(new Claim(CommsPlanClaims.AgencyId, agencyId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            if (agencyName is not null) identity.AddClaim(new Claim(CommsPlanClaims.AgencyName, agencyName));
        }
        return identity;
    }
}
