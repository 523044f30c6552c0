using System.Security.Claims;
using CommsPlan.Core.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CommsPlan.Dashboard.Hosting;

/// <summary>
/// The sign-in cookie's session store (<see cref="CookieAuthenticationOptions.SessionStore"/>): the cookie carries a
/// random key, the ticket lives in the database (<see cref="UserSessions"/>) and is read on every request, so a
/// sign-out, or an administrator ending the user's sessions, refuses every copy of the cookie at once, on every
/// instance. The key is added to the principal as <see cref="UserSessions.SessionClaim"/> when the ticket is read,
/// never stored with it, so an open page can re-check its own session.
/// </summary>
internal sealed class DatabaseTicketStore(UserSessions sessions) : ITicketStore
{
    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, CancellationToken.None);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        var userId = ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("A session needs a signed-in user with an id.");
        var key = UserSessions.NewKey();
        await sessions.AddAsync(key, userId, Serialize(ticket), Lifetime(ticket), cancellationToken);
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, CancellationToken.None);

    public Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken) =>
        sessions.RenewAsync(key, Serialize(ticket), Lifetime(ticket), cancellationToken);

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, CancellationToken.None);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken)
    {
        var stored = await sessions.FindAsync(key, cancellationToken);
        if (stored is null) return null;
        var ticket = TicketSerializer.Default.Deserialize(stored);
        if (ticket?.Principal.Identity is not ClaimsIdentity identity) return null;
        identity.AddClaim(new Claim(UserSessions.SessionClaim, key));
        return ticket;
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, CancellationToken.None);

    public Task RemoveAsync(string key, CancellationToken cancellationToken) => sessions.RemoveAsync(key, cancellationToken);

    /// <summary>
    /// Adds the key back when Identity's security-stamp check replaced the principal (it builds a new one from the
    /// database, without the key), so the request, and a page opened by it, still knows its session.
    /// </summary>
    public static async Task KeepSessionClaimAsync(CookieValidatePrincipalContext context, Func<CookieValidatePrincipalContext, Task> validate)
    {
        var key = context.Principal?.FindFirstValue(UserSessions.SessionClaim);
        await validate(context);
        if (key is not null && context.Principal?.Identity is ClaimsIdentity identity && !identity.HasClaim(c => c.Type == UserSessions.SessionClaim))
            identity.AddClaim(new Claim(UserSessions.SessionClaim, key));
    }

    /// <summary>The ticket without the key: the table alone (a backup) must not hold usable keys.</summary>
    private static byte[] Serialize(AuthenticationTicket ticket)
    {
        var principal = new ClaimsPrincipal();
        foreach (var identity in ticket.Principal.Identities)
        {
            var copy = identity.Clone();
            foreach (var claim in copy.FindAll(UserSessions.SessionClaim).ToList()) copy.RemoveClaim(claim);
            principal.AddIdentity(copy);
        }
        return TicketSerializer.Default.Serialize(new AuthenticationTicket(principal, ticket.Properties, ticket.AuthenticationScheme));
    }

    /// <summary>How long the cookie lives, counted on the real clock by <see cref="UserSessions"/> (the cookie's own may be the demo's).</summary>
    private static TimeSpan? Lifetime(AuthenticationTicket ticket) => ticket.Properties.ExpiresUtc - ticket.Properties.IssuedUtc;
}
