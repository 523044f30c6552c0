using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using CommsPlan.Core.Access;
using CommsPlan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Api;

/// <summary>Issues API tokens and recognises them on each call.</summary>
public sealed class ApiTokenService(IDbContextFactory<CommsPlanDbContext> factory, TimeProvider time)
{
    /// <summary>What every secret starts with, so a leaked one is recognisable in logs and code scanners.</summary>
    public const string SecretPrefix = "cpt_";

    /// <summary>Creates a token and returns it with its secret, which is never stored nor shown again.</summary>
    public async Task<(ApiToken Token, string Secret)> CreateAsync(CurrentUser actor, ApiTokenInput input, CancellationToken ct = default)
    {
        ApiTokenRules.RequireMayCreate(actor, input);
        var secret = NewSecret();
        var now = time.GetUtcNow().UtcDateTime;
        var token = new ApiToken
        {
            Name = input.Name.Trim(),
            AgencyId = input.AgencyId,
            Scopes = input.AgencyId is null ? ApiScopes.Read : input.Scopes | ApiScopes.Read,
            Prefix = secret[..(SecretPrefix.Length + 6)],
            SecretHash = Hash(secret),
            ExpiresAt = input.ExpiresOn.ToDateTime(TimeOnly.MaxValue, DateTimeKind.Utc),
            CreatedAt = now,
            CreatedBy = actor.UserName,
        };
        await using var db = await factory.CreateForAsync(actor, time, ct);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return (token, secret);
    }

    /// <summary>
    /// The token a bearer secret names, when it may still be used: not revoked, not expired, and its agency neither
    /// deactivated nor merged into another (a merged agency's system must get a token of the successor).
    /// </summary>
    public async Task<ApiToken?> AuthenticateAsync(string secret, CancellationToken ct = default)
    {
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal) || secret.Length > 100) return null;
        var hash = Hash(secret);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(ct);
        var token = await db.ApiTokens.AsNoTracking().Include(t => t.Agency).SingleOrDefaultAsync(t => t.SecretHash == hash, ct);
        if (token is null || token.RevokedAt is not null || token.ExpiresAt <= now) return null;
        if (token.Agency is { } agency && (!agency.IsActive || agency.SuccessorId is not null)) return null;
        return token;
    }

    /// <summary>The principal a token acts as: its agency's officer, or a Viewer for a province token.</summary>
    public static ClaimsPrincipal ToPrincipal(ApiToken token, string authenticationType)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, ApiTokenRules.UserIdOf(token.Id)),
            new(ClaimTypes.Name, ApiTokenRules.UserNameOf(token.Name)),
            new(ClaimTypes.Role, token.AgencyId is null ? Roles.Viewer : Roles.AgencyOfficer),
            new(ApiTokenRules.TokenIdClaim, token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ];
        if (token.AgencyId is { } agencyId)
            claims.Add(new(CommsPlanClaims.AgencyId, agencyId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        foreach (var scope in new[] { ApiScopes.Read, ApiScopes.Write }.Where(s => token.Scopes.HasFlag(s)))
            claims.Add(new(ApiTokenRules.ScopeClaim, ApiTokenRules.ScopeName(scope)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType));
    }

    private static string NewSecret() =>
        SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The secret carries 256 random bits: a plain SHA-256 is enough, no slow password hash is needed.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}

/// <summary>A token to create: its name, the agency it acts as (null: a province token), its scopes and last day.</summary>
public sealed record ApiTokenInput(string Name, int? AgencyId, ApiScopes Scopes, DateOnly ExpiresOn);

/// <summary>Who may hold which token, and how a token appears as a user.</summary>
public static class ApiTokenRules
{
    public const string ScopeClaim = "commsplan:api_scope";
    public const string TokenIdClaim = "commsplan:api_token_id";

    public static string ScopeName(ApiScopes scope) => scope == ApiScopes.Write ? "write" : "read";

    /// <summary>The user id stamped on what a token writes ("api-token:12"), never a real account's id.</summary>
    public static string UserIdOf(int tokenId) => "api-token:" + tokenId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The name a token's writes are stamped and audited with.</summary>
    public static string UserNameOf(string tokenName) => "api:" + tokenName;

    /// <summary>
    /// An administrator creates any token, including the province's read-only one; an agency officer only a token of
    /// its own agency.
    /// </summary>
    public static void RequireMayCreate(CurrentUser actor, ApiTokenInput input)
    {
        var allowed = actor.IsAdmin || (input.AgencyId is { } agencyId && actor.CanWrite(agencyId));
        if (!allowed) throw new Common.AccessDeniedException();
    }
}
