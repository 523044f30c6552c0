namespace CommsPlan.Core.Feedback;

/// <summary>What an agency's officer raises (Khó khăn, vướng mắc).</summary>
public sealed class DifficultyInput
{
    /// <summary>Đơn vị: the officer's own agency.</summary>
    public int? AgencyId { get; set; }
    /// <summary>Tiêu đề.</summary>
    public string Title { get; set; } = "";
    /// <summary>Nội dung.</summary>
    public string Content { get; set; } = "";
}

/// <summary>The Office's answer to a difficulty.</summary>
public sealed class DifficultyAnswerInput
{
    /// <summary>Nội dung trả lời.</summary>
    public string Answer { get; set; } = "";
    /// <summary>The version of the difficulty the answer was written against.</summary>
    public long Version { get; set; }
}

/// <summary>Filters of the difficulty list; null means "any". The dates bound the day it was raised.</summary>
public sealed record DifficultyFilter
{
    /// <summary>Only difficulties raised in this plan year's period; every year when null.</summary>
    public int? PlanYear { get; init; }
    public int? AgencyId { get; init; }
    public DifficultyStatus? Status { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    /// <summary>Part of the title, the content or the answer.</summary>
    public string? Text { get; init; }
}

public static class DifficultyStatusExtensions
{
    public static string DisplayName(this DifficultyStatus status) => status switch
    {
        DifficultyStatus.Open => "Chưa trả lời",
        DifficultyStatus.Answered => "Đã trả lời",
        _ => status.ToString(),
    };
}
