namespace CommsPlan.Core.Activities;

/// <summary>
/// What a form, an import row or an API call carries to record or change an activity. Everything is nullable and
/// numbers are decimals so that what a person typed reaches the validator as typed ("1,5", an empty date) and gets a
/// message naming the field, instead of failing earlier in a conversion.
/// </summary>
public sealed class ActivityInput
{
    /// <summary>The agency the activity belongs to; for an officer it is always their own agency.</summary>
    public int? AgencyId { get; set; }
    public int? ChannelId { get; set; }
    public string? Title { get; set; }
    public string? Description { get; set; }
    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    /// <summary>Quantity in the channel's unit: a whole number.</summary>
    public decimal? Quantity { get; set; }
    /// <summary>The channel's second measure (minutes, participants, copies); only when the channel has one.</summary>
    public decimal? SecondMeasure { get; set; }
    public IReadOnlyCollection<int> ObjectiveIds { get; set; } = [];
    public IReadOnlyCollection<int> ThemeIds { get; set; } = [];
    public int? DistrictId { get; set; }
    public string? EvidenceUrl { get; set; }
    /// <summary>Cost in đồng: a whole number.</summary>
    public decimal? Cost { get; set; }
    public string? FundingSource { get; set; }
    public string? Notes { get; set; }
    /// <summary>
    /// The activity's id in the agency's own system (an API client's CMS), unique per agency; the form does not show it
    /// but carries it through an edit so a page save never drops it.
    /// </summary>
    public string? ExternalId { get; set; }
    /// <summary>The version the editor started from; an update or delete of an older version is refused.</summary>
    public long Version { get; set; }

    public ActivityInput Clone()
    {
        var copy = (ActivityInput)MemberwiseClone();
        copy.ObjectiveIds = [.. ObjectiveIds];
        copy.ThemeIds = [.. ThemeIds];
        return copy;
    }
}
