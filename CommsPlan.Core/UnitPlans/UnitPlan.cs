using CommsPlan.Core.Access;
using CommsPlan.Core.Common;
using CommsPlan.Core.Plans;

namespace CommsPlan.Core.UnitPlans;

/// <summary>An agency's own communications plan built from the provincial plan (NV1), with its targets.</summary>
public sealed class UnitPlan : IVersioned, ITracked, Audit.IAudited, IEnteredOnBehalf
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public int AgencyId { get; set; }
    public Agency? Agency { get; set; }
    public required string DocumentNumber { get; set; }
    public DateOnly IssuedOn { get; set; }
    public string? Link { get; set; }
    public string? Notes { get; set; }
    public List<UnitPlanTarget> Targets { get; set; } = [];

    /// <summary>The Office's monitor who entered it for the agency (<see cref="IEnteredOnBehalf"/>); null when the agency did.</summary>
    public string? EnteredOnBehalfBy { get; set; }

    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }
}

/// <summary>Planned quantity for the year on one channel (chỉ tiêu).</summary>
public sealed class UnitPlanTarget : Audit.IAuditedPart
{
    public int Id { get; set; }
    public int UnitPlanId { get; set; }
    public int ChannelId { get; set; }
    public Channel? Channel { get; set; }
    public int Quantity { get; set; }
}

/// <summary>Whether an agency's unit plan met the NV1 deadline (see <see cref="UnitPlanStatusRule"/>).</summary>
public enum UnitPlanStatus
{
    /// <summary>Issued on or before the deadline (Đúng hạn).</summary>
    OnTime,
    /// <summary>Issued after the deadline (Trễ hạn).</summary>
    Late,
    /// <summary>None recorded and the deadline has passed, or there is no deadline (Chưa có).</summary>
    Missing,
    /// <summary>None recorded yet, but the deadline has not passed (Chưa đến hạn).</summary>
    NotDue,
}
