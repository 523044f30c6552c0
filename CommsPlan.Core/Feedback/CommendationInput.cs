namespace CommsPlan.Core.Feedback;

/// <summary>What the commendation form carries (Biểu dương).</summary>
public sealed class CommendationInput
{
    /// <summary>The plan year the commendation is recorded in: its date must lie in that plan's period (the current plan when null).</summary>
    public int? PlanYear { get; set; }
    /// <summary>Đơn vị: the agency that records the commendation (an officer's own).</summary>
    public int? AgencyId { get; set; }
    /// <summary>Cá nhân or tập thể.</summary>
    public CommendationKind? Kind { get; set; }
    /// <summary>Tên cá nhân, tập thể được biểu dương.</summary>
    public string Recipient { get; set; } = "";
    /// <summary>Thành tích.</summary>
    public string Achievement { get; set; } = "";
    /// <summary>Ngày biểu dương.</summary>
    public DateOnly? Date { get; set; }
    /// <summary>Hoạt động liên quan: an activity of the same agency that featured it, if any.</summary>
    public int? ActivityId { get; set; }
    /// <summary>The version the user started from (0 for a new one).</summary>
    public long Version { get; set; }
}

/// <summary>Filters of the commendation list; null means "any".</summary>
public sealed record CommendationFilter
{
    /// <summary>Only commendations dated in this plan year's period; every year when null.</summary>
    public int? PlanYear { get; init; }
    public int? AgencyId { get; init; }
    public CommendationKind? Kind { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    /// <summary>Part of the recipient's name or the achievement.</summary>
    public string? Text { get; init; }
}

public static class CommendationKindExtensions
{
    public static string DisplayName(this CommendationKind kind) => kind switch
    {
        CommendationKind.Individual => "Cá nhân",
        CommendationKind.Collective => "Tập thể",
        _ => kind.ToString(),
    };
}
