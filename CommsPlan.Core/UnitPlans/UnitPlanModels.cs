using CommsPlan.Core.Access;

namespace CommsPlan.Core.UnitPlans;

/// <summary>
/// Every agency bound by the unit-plan assignment (NV1; as far as the caller may see) with its unit plan's status, on one
/// day. <see cref="AssignmentCode"/> is that assignment's code, null when the plan has none (then no agency is bound).
/// </summary>
public sealed record UnitPlanOverview(
    string? AssignmentCode,
    DateOnly? Deadline,
    DateOnly Today,
    IReadOnlyList<UnitPlanStatusRow> Agencies)
{
    public int Count(UnitPlanStatus status) => Agencies.Count(a => a.Status == status);
}

/// <summary>One bound agency: its status and, when recorded, its unit plan and targets.</summary>
public sealed record UnitPlanStatusRow
{
    public required int AgencyId { get; init; }
    public required string AgencyCode { get; init; }
    public required string AgencyName { get; init; }
    public required AgencyKind AgencyKind { get; init; }
    public required int AgencySortOrder { get; init; }
    public required UnitPlanStatus Status { get; init; }
    public int? UnitPlanId { get; init; }
    public string? DocumentNumber { get; init; }
    public DateOnly? IssuedOn { get; init; }
    public string? Link { get; init; }
    public IReadOnlyList<UnitPlanTargetRow> Targets { get; init; } = [];
}

/// <summary>A target with its channel, for display (Chỉ tiêu, in the channel's unit).</summary>
public sealed record UnitPlanTargetRow(int ChannelId, string ChannelCode, string ChannelName, string Unit, int Quantity);

/// <summary>An agency's unit plan as its editor shows it.</summary>
public sealed record UnitPlanDetails
{
    public required int Id { get; init; }
    public required int AgencyId { get; init; }
    public required string AgencyName { get; init; }
    public required string DocumentNumber { get; init; }
    public required DateOnly IssuedOn { get; init; }
    public string? Link { get; init; }
    public string? Notes { get; init; }
    public required UnitPlanStatus Status { get; init; }
    public required IReadOnlyList<UnitPlanTargetRow> Targets { get; init; }
    public required string UpdatedBy { get; init; }
    public required DateTime UpdatedAt { get; init; }
    /// <summary>Who last changed it, by full name (the login name when the account is gone): what the record's stamp shows.</summary>
    public string UpdatedByName { get; init; } = "";
    public required long Version { get; init; }

    /// <summary>The Office's monitor who entered it for the agency (user name); null when the agency entered it.</summary>
    public string? EnteredOnBehalfBy { get; init; }

    /// <summary>That monitor's full name, when the account still exists.</summary>
    public string? EnteredOnBehalfByName { get; init; }

    /// <summary>"Văn phòng nhập thay · Nguyễn Văn A", or null when the agency entered it.</summary>
    public string? OnBehalfNote => EnteredOnBehalfBy is { } by ? OnBehalf.Describe(by, EnteredOnBehalfByName) : null;

    /// <summary>A form model to edit this unit plan from.</summary>
    public UnitPlanInput ToInput() => new()
    {
        DocumentNumber = DocumentNumber,
        IssuedOn = IssuedOn,
        Link = Link,
        Notes = Notes,
        Targets = Targets.Select(t => new UnitPlanTargetInput { ChannelId = t.ChannelId, Quantity = t.Quantity }).ToList(),
        Version = Version,
    };
}

/// <summary>How many bound agencies are in one status.</summary>
public sealed record UnitPlanStatusCount(UnitPlanStatus Status, int Count);
