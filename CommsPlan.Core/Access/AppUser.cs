using CommsPlan.Core.Common;
using Microsoft.AspNetCore.Identity;

namespace CommsPlan.Core.Access;

/// <summary>A signed-in person: IT staff, an Office officer, leadership, or one agency's officer.</summary>
public sealed class AppUser : IdentityUser, Audit.IAudited, ISearchable
{
    public string FullName { get; set; } = "";
    /// <summary>The one agency an AgencyOfficer is bound to; null for other roles.</summary>
    public int? AgencyId { get; set; }
    public Agency? Agency { get; set; }

    /// <summary>The folded search text, kept by the write path (<see cref="ISearchable"/>).</summary>
    public string SearchKey { get; set; } = "";

    public IEnumerable<string?> SearchedTexts() => [UserName, FullName];

    /// <summary>
    /// The password was set by an administrator (a new account or a reset), so the user must choose their own before
    /// anything else: set by UserAdminService, cleared by PasswordChangeService, carried in the sign-in cookie as
    /// <see cref="CommsPlanClaims.MustChangePassword"/>.
    /// </summary>
    public bool MustChangePassword { get; set; }

    /// <summary>The kinds of mail the user turned off on /account/notifications (urging notices cannot be).</summary>
    public Mail.MailKinds MailOptOut { get; set; }

    /// <summary>An administrator's lock never ends by itself; the login page tells it apart from a lockout after failed attempts.</summary>
    public static readonly DateTimeOffset AdministratorLock = DateTimeOffset.MaxValue;
}
