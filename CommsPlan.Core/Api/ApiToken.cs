using CommsPlan.Core.Access;

namespace CommsPlan.Core.Api;

/// <summary>
/// A bearer token an agency's own system (a newspaper's CMS) or the province's reporting system uses on /api/v1. Only
/// the SHA-256 of the secret is stored: the secret is shown once, when it is created. Its creation and revocation are
/// in the audit history (the token by its name, agency, scopes and prefix; never the secret nor its hash).
/// </summary>
public sealed class ApiToken : Audit.IAudited
{
    public int Id { get; set; }
    /// <summary>What the token is for ("CMS Báo Thái Nguyên"): writes through it are audited under this name.</summary>
    public required string Name { get; set; }
    /// <summary>The agency the token acts as; null for a province token, which reads every agency as a Viewer.</summary>
    public int? AgencyId { get; set; }
    public Agency? Agency { get; set; }
    public ApiScopes Scopes { get; set; }
    /// <summary>The first characters of the secret, shown in the list so a holder can tell tokens apart.</summary>
    public required string Prefix { get; set; }
    /// <summary>Lower-case hex SHA-256 of the whole secret.</summary>
    [Audit.NotAudited]
    public required string SecretHash { get; set; }
    /// <summary>When it stops working: the end of its last day in Vietnam (the next day's midnight, UTC).</summary>
    public DateTime ExpiresAt { get; set; }
    [Audit.NotAudited]
    public DateTime CreatedAt { get; set; }
    [Audit.NotAudited]
    public string CreatedBy { get; set; } = "";
    /// <summary>When a call last authenticated with it, to the minute (<see cref="ApiTokenService.LastUseResolution"/>).</summary>
    [Audit.NotAudited]
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }

    public bool IsProvinceToken => AgencyId is null;
}

/// <summary>What a token may do: read, or read and write.</summary>
[Flags]
public enum ApiScopes
{
    None = 0,
    Read = 1,
    Write = 2,
}

/// <summary>
/// The first answer to a create carrying an <c>Idempotency-Key</c>, kept for a day so a retry with the same key and body
/// gets the same answer and creates nothing twice.
/// </summary>
public sealed class IdempotencyRecord
{
    public long Id { get; set; }
    public int TokenId { get; set; }
    public required string Key { get; set; }
    /// <summary>SHA-256 of the method, path and body of the first request: a different body under the same key is refused.</summary>
    public required string RequestHash { get; set; }
    public int StatusCode { get; set; }
    public string? Location { get; set; }
    public string ResponseBody { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
}
