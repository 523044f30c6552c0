namespace CommsPlan.Core.UnitPlans;

/// <summary>What the unit-plan form carries: the NV1 document and the year's targets per channel.</summary>
public sealed class UnitPlanInput
{
    /// <summary>Số văn bản, e.g. "15/KH-STP".</summary>
    public string DocumentNumber { get; set; } = "";
    /// <summary>Ngày ban hành.</summary>
    public DateOnly? IssuedOn { get; set; }
    /// <summary>Đường dẫn to the document (http or https).</summary>
    public string? Link { get; set; }
    public string? Notes { get; set; }
    /// <summary>Chỉ tiêu per channel; a quantity of 0 means no target on that channel.</summary>
    public List<UnitPlanTargetInput> Targets { get; set; } = [];
    /// <summary>The version the user started from: 0 when the agency had no unit plan yet.</summary>
    public long Version { get; set; }
}

public sealed class UnitPlanTargetInput
{
    public int ChannelId { get; set; }
    public int Quantity { get; set; }
}
