using CommsPlan.Core.Common;

namespace CommsPlan.Core.Reports;

/// <summary>
/// A section of the Word report as its author edited it, for one plan, period and scope ("province", "group:District",
/// "agency:12"): the document downloaded for that period and scope carries this text instead of the generated one.
/// The key-figures table is never stored: it is always generated from the figures.
/// </summary>
public sealed class ReportText : IVersioned, ITracked
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public DateOnly PeriodFrom { get; set; }
    public DateOnly PeriodTo { get; set; }
    public required string ScopeKey { get; set; }
    /// <summary>One of <see cref="ReportSections"/>' keys.</summary>
    public required string Section { get; set; }
    public required string Text { get; set; }
    public long Version { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
}
