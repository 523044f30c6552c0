namespace CommsPlan.Core.Activities;

/// <summary>Bounds on what an activity may hold: used by the schema and the validator alike.</summary>
public static class ActivityLimits
{
    public const int TitleMaxLength = 300;
    public const int DescriptionMaxLength = 4000;
    public const int UrlMaxLength = 1000;
    public const int FundingSourceMaxLength = 200;
    public const int NotesMaxLength = 2000;
    public const int ExternalIdMaxLength = 200;
    public const int MaxQuantity = 1_000_000;
    public const long MaxSecondMeasure = 100_000_000;
    public const long MaxCost = 1_000_000_000_000;
}
