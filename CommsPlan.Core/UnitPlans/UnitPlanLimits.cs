namespace CommsPlan.Core.UnitPlans;

/// <summary>Bounds on what a unit plan may hold: used by the schema and the validator alike.</summary>
public static class UnitPlanLimits
{
    public const int DocumentNumberMaxLength = 100;
    public const int LinkMaxLength = 1000;
    public const int NotesMaxLength = 2000;
    /// <summary>A year's planned quantity on one channel; leaflets run to tens of thousands, never millions.</summary>
    public const int MaxTargetQuantity = 1_000_000;
}
