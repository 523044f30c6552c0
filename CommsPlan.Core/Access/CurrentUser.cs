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

    /// <summary>Only an agency's own officer writes its records (period reports, commendations; see <see cref="CanEnterFor"/>).</summary>
    public bool CanWrite(int agencyId) => IsOfficer && AgencyId == agencyId;

    /// <summary>
    /// Whether the user may create an activity, the unit plan or a difficulty (<see cref="IEnteredOnBehalf"/>) of the
    /// agency: its own officer, or the Office's monitor for any agency that sends its report on paper or by email.
    /// Administrators and leadership only read.
    /// </summary>
    public bool CanEnterFor(int agencyId) => CanWrite(agencyId) || IsMonitor;

    /// <summary>Whether the user enters records of some agency (its own, or any on the agency's behalf): who gets a "Thêm" form.</summary>
    public bool CanEnterRecords => IsOfficer || IsMonitor;

    /// <summary>A record this user creates for the agency is entered on the agency's behalf (stamped by the write path).</summary>
    public bool EntersOnBehalfOf(int agencyId) => !CanWrite(agencyId) && IsMonitor;

    /// <summary>
    /// Whether the user may edit or delete an existing <see cref="IEnteredOnBehalf"/> record of the agency: its own
    /// officer always; the Office only what was entered on the agency's behalf (<paramref name="enteredOnBehalfBy"/> set),
    /// never what the agency entered itself. A locked period stays locked for both (IActivityLock).
    /// </summary>
    public bool CanChange(int agencyId, string? enteredOnBehalfBy) => CanWrite(agencyId) || (IsMonitor && enteredOnBehalfBy is not null);

    /// <summary>A system identity for seeding and background work.</summary>
    public static CurrentUser System { get; } = new("system", "system", [Access.Roles.Admin], null);
}
