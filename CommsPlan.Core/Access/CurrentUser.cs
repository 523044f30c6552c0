namespace CommsPlan.Core.Access;

/// <summary>Who is asking: every Core service decides from this, whatever the caller (page, import, endpoint).</summary>
public sealed record CurrentUser(string UserId, string UserName, IReadOnlyCollection<string> Roles, int? AgencyId)
{
    public bool IsAdmin => Roles.Contains(Access.Roles.Admin);
    public bool IsMonitor => Roles.Contains(Access.Roles.Monitor);
    public bool IsViewer => Roles.Contains(Access.Roles.Viewer);
    public bool IsOfficer => Roles.Contains(Access.Roles.AgencyOfficer) && AgencyId is not null;

    /// <summary>Monitors and leadership read every agency; an officer only its own.</summary>
    public bool CanReadAllAgencies => IsMonitor || IsViewer || IsAdmin;

    public bool CanRead(int agencyId) => CanReadAllAgencies || (IsOfficer && AgencyId == agencyId);

    /// <summary>Only an agency's own officer writes its records.</summary>
    public bool CanWrite(int agencyId) => IsOfficer && AgencyId == agencyId;

    /// <summary>A system identity for seeding and background work.</summary>
    public static CurrentUser System { get; } = new("system", "system", [Access.Roles.Admin], null);
}
