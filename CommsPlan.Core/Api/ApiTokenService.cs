using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using CommsPlan.Core.Access;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Api;

/// <summary>Issues API tokens, lists and revokes them, and recognises them on each call.</summary>
public sealed class ApiTokenService(IDbContextFactory<CommsPlanDbContext> factory, TimeProvider time)
{
    /// <summary>What every secret starts with, so a leaked one is recognisable in logs and code scanners.</summary>
    public const string SecretPrefix = "cpt_";

    /// <summary>
    /// How stale a token's last use may be: a call writes it only when the stored one is older, so a busy CMS costs one
    /// write a minute, not one per call.
    /// </summary>
    public static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    private readonly ApiTokenInputValidator _validator = new(factory, time);

    /// <summary>The rules of <see cref="ApiTokenInput"/>, the same the form shows field by field.</summary>
    public IValidator<ApiTokenInput> Validator => _validator;

    /// <summary>Creates a token and returns it with its secret, which is never stored nor shown again.</summary>
    /// <exception cref="AccessDeniedException">An officer for another agency, or anyone but an administrator for the province.</exception>
    /// <exception cref="ValidationException">The input breaks a rule of <see cref="ApiTokenInputValidator"/>.</exception>
    public async Task<(ApiToken Token, string Secret)> CreateAsync(CurrentUser actor, ApiTokenInput input, CancellationToken ct = default)
    {
        ApiTokenRules.RequireMayCreate(actor, input);
        await _validator.ValidateAndThrowAsync(input, ct);
        var secret = NewSecret();
        var now = time.GetUtcNow().UtcDateTime;
        var token = new ApiToken
        {
            Name = input.Name.Trim(),
            AgencyId = input.AgencyId,
            Scopes = input.AgencyId is null ? ApiScopes.Read : input.Scopes | ApiScopes.Read,
            Prefix = secret[..(SecretPrefix.Length + 6)],
            SecretHash = Hash(secret),
            ExpiresAt = ApiTokenRules.ExpiresAt(input.ExpiresOn),
            CreatedAt = now,
            CreatedBy = actor.UserName,
        };
        await using var db = await factory.CreateForAsync(actor, time, ct);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return (token, secret);
    }

    /// <summary>
    /// The tokens <paramref name="actor"/> manages, the usable ones first, then the newest: an administrator's are every
    /// token, an officer's those of its agency (whoever created them).
    /// </summary>
    /// <exception cref="AccessDeniedException">Neither an administrator nor an agency officer.</exception>
    public async Task<IReadOnlyList<ApiTokenRow>> ListAsync(CurrentUser actor, CancellationToken ct = default)
    {
        if (!actor.IsAdmin && !actor.IsOfficer) throw new AccessDeniedException();
        await using var db = await factory.CreateDbContextAsync(ct);
        var tokens = db.ApiTokens.AsNoTracking();
        if (!actor.IsAdmin) tokens = tokens.Where(t => t.AgencyId == actor.AgencyId);
        var rows = await tokens.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .Select(t => new
            {
                t.Id, t.Name, t.AgencyId, AgencyName = t.Agency == null ? null : t.Agency.Name,
                AgencyStanding = t.Agency == null || (t.Agency.IsActive && t.Agency.SuccessorId == null),
                t.Scopes, t.Prefix, t.CreatedAt, t.CreatedBy, t.ExpiresAt, t.LastUsedAt, t.RevokedAt, t.RevokedBy,
            })
            .ToListAsync(ct);
        var people = await IssuingBodies.FullNamesAsync(db, rows.SelectMany(r => new[] { r.CreatedBy, r.RevokedBy }), ct);
        var now = time.GetUtcNow().UtcDateTime;
        return [.. rows.Select(r => new ApiTokenRow(
                r.Id, r.Name, r.AgencyId, r.AgencyName ?? ApiTokenRules.ProvinceLabel, r.Scopes, r.Prefix,
                r.CreatedAt, people.GetValueOrDefault(r.CreatedBy, r.CreatedBy), ApiTokenRules.LastDay(r.ExpiresAt), r.LastUsedAt,
                r.RevokedAt, r.RevokedBy is null ? null : people.GetValueOrDefault(r.RevokedBy, r.RevokedBy),
                ApiTokenRules.StatusOf(r.RevokedAt, r.ExpiresAt, r.AgencyStanding, now)))
            .OrderBy(r => r.Status != ApiTokenStatus.Active)];
    }

    /// <summary>
    /// The agencies <paramref name="actor"/> may create a token for: every standing agency for an administrator (who may
    /// also create the province's token), its own for an officer.
    /// </summary>
    /// <exception cref="AccessDeniedException">Neither an administrator nor an agency officer.</exception>
    public async Task<IReadOnlyList<ApiTokenAgency>> AgencyChoicesAsync(CurrentUser actor, CancellationToken ct = default)
    {
        if (!actor.IsAdmin && !actor.IsOfficer) throw new AccessDeniedException();
        await using var db = await factory.CreateDbContextAsync(ct);
        var agencies = db.Agencies.AsNoTracking().Where(a => a.IsActive && a.SuccessorId == null);
        if (!actor.IsAdmin) agencies = agencies.Where(a => a.Id == actor.AgencyId);
        return await agencies.OrderBy(a => a.SortOrder).ThenBy(a => a.Id).Select(a => new ApiTokenAgency(a.Id, a.Code, a.Name)).ToListAsync(ct);
    }

    /// <summary>
    /// Revokes a token at once: its next call is refused. Whoever may create the agency's tokens may revoke them; another
    /// agency's token is "not found", as in the list. Revoking a revoked token changes nothing.
    /// </summary>
    /// <exception cref="NotFoundException">No such token among those <paramref name="actor"/> manages.</exception>
    public async Task RevokeAsync(CurrentUser actor, int tokenId, CancellationToken ct = default)
    {
        if (!actor.IsAdmin && !actor.IsOfficer) throw new AccessDeniedException();
        await using var db = await factory.CreateForAsync(actor, time, ct);
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == tokenId, ct);
        if (token is null || !ApiTokenRules.MayManage(actor, token.AgencyId)) throw new NotFoundException();
        if (token.RevokedAt is not null) return;
        token.RevokedAt = time.GetUtcNow().UtcDateTime;
        token.RevokedBy = actor.UserName;
        await db.SaveChangesAsync(ct);
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
        if (token.LastUsedAt is null || token.LastUsedAt <= now - LastUseResolution)
        {
            // Conditional, so instances answering the same token at once write it once; not through the change tracker,
            // since a use is bookkeeping, not a change anyone audits.
            var staleBefore = now - LastUseResolution;
            try
            {
                await db.ApiTokens.Where(t => t.Id == token.Id && (t.LastUsedAt == null || t.LastUsedAt <= staleBefore))
                    .ExecuteUpdateAsync(u => u.SetProperty(t => t.LastUsedAt, now), ct);
                token.LastUsedAt = now;
            }
            catch (DatabaseUnavailableException)
            {
                // A database that cannot be written now still answers reads: a missed stamp is not worth refusing the call.
            }
        }
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

/// <summary>
/// A token to create: its name, the agency it acts as (null: a province token), its scopes and last day. The properties
/// are settable so the form binds to the same model the service checks.
/// </summary>
public sealed record ApiTokenInput(string Name, int? AgencyId, ApiScopes Scopes, DateOnly ExpiresOn)
{
    public string Name { get; set; } = Name;
    public int? AgencyId { get; set; } = AgencyId;
    public ApiScopes Scopes { get; set; } = Scopes;
    public DateOnly ExpiresOn { get; set; } = ExpiresOn;
}

/// <summary>Who may hold which token, and how a token appears as a user.</summary>
public static class ApiTokenRules
{
    public const string ScopeClaim = "commsplan:api_scope";
    public const string TokenIdClaim = "commsplan:api_token_id";

    public static string ScopeName(ApiScopes scope) => scope == ApiScopes.Write ? "write" : "read";

    /// <summary>The user id stamped on what a token writes ("api-token:12"), never a real account's id.</summary>
    public static string UserIdOf(int tokenId) => "api-token:" + tokenId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The name a token's writes are stamped and audited with (shown as <see cref="CallerNames.Display"/> says).</summary>
    public static string UserNameOf(string tokenName) => CallerNames.ApiTokenPrefix + tokenName;

    /// <summary>How the list and the form name a province token's "agency".</summary>
    public const string ProvinceLabel = "Toàn tỉnh (chỉ đọc)";

    /// <summary>The longest a token may live: a forgotten token of a system long gone should not work for ever.</summary>
    public const int MaxLifetimeYears = 2;

    /// <summary>
    /// An administrator creates any token, including the province's read-only one; an agency officer only a token of
    /// its own agency.
    /// </summary>
    public static void RequireMayCreate(CurrentUser actor, ApiTokenInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!MayManage(actor, input.AgencyId)) throw new AccessDeniedException();
    }

    /// <summary>Who may create, see and revoke the tokens of <paramref name="agencyId"/> (null: the province's).</summary>
    public static bool MayManage(CurrentUser actor, int? agencyId) =>
        actor.IsAdmin || (agencyId is { } id && actor.CanWrite(id));

    /// <summary>A token is usable through its last day in Vietnam: it stops at the next day's midnight there.</summary>
    public static DateTime ExpiresAt(DateOnly lastDay) => lastDay.AddDays(1).StartOfDayUtc();

    /// <summary>The last day a token is usable, from <see cref="ApiToken.ExpiresAt"/>.</summary>
    public static DateOnly LastDay(DateTime expiresAtUtc) => DateOnly.FromDateTime(expiresAtUtc.ToVietnamTime().AddTicks(-1));

    public static ApiTokenStatus StatusOf(DateTime? revokedAt, DateTime expiresAt, bool agencyStanding, DateTime nowUtc) =>
        revokedAt is not null ? ApiTokenStatus.Revoked
        : expiresAt <= nowUtc ? ApiTokenStatus.Expired
        : !agencyStanding ? ApiTokenStatus.AgencyInactive
        : ApiTokenStatus.Active;

    /// <summary>"Đọc" or "Đọc và ghi".</summary>
    public static string ScopesLabel(ApiScopes scopes) => scopes.HasFlag(ApiScopes.Write) ? "Đọc và ghi" : "Đọc";
}

/// <summary>Whether a token works, and if not, why.</summary>
public enum ApiTokenStatus
{
    Active,
    Expired,
    Revoked,
    /// <summary>Its agency was deactivated or merged into another: the successor needs a token of its own.</summary>
    AgencyInactive,
}

public static class ApiTokenStatusExtensions
{
    public static string DisplayName(this ApiTokenStatus status) => status switch
    {
        ApiTokenStatus.Active => "Còn hiệu lực",
        ApiTokenStatus.Expired => "Hết hạn",
        ApiTokenStatus.Revoked => "Đã thu hồi",
        ApiTokenStatus.AgencyInactive => "Đơn vị ngừng hoạt động",
        _ => status.ToString(),
    };
}

/// <summary>A token as the list shows it; never its secret or hash.</summary>
/// <param name="AgencyName">The agency's name, or <see cref="ApiTokenRules.ProvinceLabel"/>.</param>
/// <param name="CreatedBy">Who created it, by full name.</param>
/// <param name="ExpiresOn">Its last usable day.</param>
/// <param name="RevokedBy">Who revoked it, by full name.</param>
public sealed record ApiTokenRow(
    int Id, string Name, int? AgencyId, string AgencyName, ApiScopes Scopes, string Prefix, DateTime CreatedAt, string CreatedBy,
    DateOnly ExpiresOn, DateTime? LastUsedAt, DateTime? RevokedAt, string? RevokedBy, ApiTokenStatus Status)
{
    public string ScopesLabel => ApiTokenRules.ScopesLabel(Scopes);
    public string StatusLabel => Status.DisplayName();
}

/// <summary>An agency a token may be created for.</summary>
public sealed record ApiTokenAgency(int Id, string Code, string Name);
