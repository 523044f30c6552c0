using CommsPlan.Core.Access;

namespace CommsPlan.Core.Monitoring;

/// <summary>
/// Which agencies a monitoring question is about: the whole province, one group of agencies (Sở, ban, ngành /
/// UBND cấp huyện / Báo chí) or one agency by code. An officer always gets its own agency, whatever it asks for.
/// </summary>
public sealed record MonitoringScope
{
    public AgencyGroup? Group { get; init; }
    public string? AgencyCode { get; init; }

    public bool IsProvince => Group is null && AgencyCode is null;

    public static MonitoringScope Province { get; } = new();

    public static MonitoringScope ForGroup(AgencyGroup group) => new() { Group = group };

    public static MonitoringScope ForAgency(string agencyCode) => new() { AgencyCode = agencyCode };
}

/// <summary>The scope a result actually covers, after the caller's rights were applied.</summary>
/// <param name="Description">"Toàn tỉnh", "UBND cấp huyện", "Sở Tư pháp".</param>
/// <param name="Agency">The one agency covered, when the scope is one agency.</param>
/// <param name="IsOwnAgencyOnly">The caller is an officer: the result covers its agency, and only totals of the province.</param>
public sealed record AppliedScope(string Description, AgencyGroup? Group, AgencyRef? Agency, bool IsOwnAgencyOnly)
{
    public bool IsProvince => Group is null && Agency is null;
}
