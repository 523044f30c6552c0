namespace CommsPlan.Core.Access;

/// <summary>The four roles of CommsPlan.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Monitor = "Monitor";
    public const string AgencyOfficer = "AgencyOfficer";
    public const string Viewer = "Viewer";

    public static readonly IReadOnlyList<string> All = [Admin, Monitor, AgencyOfficer, Viewer];

    public static string DisplayName(string role) => role switch
    {
        Admin => "Quản trị",
        Monitor => "Giám sát",
        AgencyOfficer => "Cán bộ đơn vị",
        Viewer => "Lãnh đạo",
        _ => role,
    };
}
