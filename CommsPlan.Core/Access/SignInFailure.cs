namespace CommsPlan.Core.Access;

/// <summary>
/// Failed sign-ins of one user name from one client address (whether the name exists or not). Five within the
/// lockout span lock that name for that address only, so nobody can lock an account out from elsewhere.
/// </summary>
public sealed class SignInFailure
{
    /// <summary>The normalized (upper-case) user name as typed, known or not.</summary>
    public string UserName { get; set; } = "";
    /// <summary>The client address: an IPv4 address, or an IPv6 /64 network.</summary>
    public string ClientAddress { get; set; } = "";
    public int FailedCount { get; set; }
    /// <summary>UTC of the latest failure; failures older than the lockout span are forgotten.</summary>
    public DateTime LastFailureAt { get; set; }
    /// <summary>UTC until which this name is refused from this address; null when not locked.</summary>
    public DateTime? LockedUntil { get; set; }
}
