namespace CommsPlan.Core.Access;

/// <summary>
/// One signed-in browser: the cookie carries only a random key, the ticket (who, which claims, until when) stays here.
/// Signing out deletes the row; an administrator's lock, role or agency change or password reset deletes all of the
/// user's rows. A cookie whose row is gone is refused on the next request, on every instance.
/// </summary>
public sealed class UserSession
{
    /// <summary>SHA-256 of the key in the cookie (base64url): a copy of the table alone opens no session.</summary>
    public string Id { get; set; } = "";
    public string UserId { get; set; } = "";
    public AppUser? User { get; set; }
    /// <summary>The serialized authentication ticket (claims and properties).</summary>
    public byte[] Ticket { get; set; } = [];
    /// <summary>UTC; the session is refused after it (the cookie's sliding expiry moves it on renewal).</summary>
    public DateTime? ExpiresAt { get; set; }
    public DateTime CreatedAt { get; set; }
}
