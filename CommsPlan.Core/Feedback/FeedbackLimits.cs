namespace CommsPlan.Core.Feedback;

/// <summary>Bounds on commendations and difficulties: used by the schema and the validators alike.</summary>
public static class FeedbackLimits
{
    public const int RecipientMaxLength = 300;
    public const int AchievementMaxLength = 2000;
    public const int TitleMaxLength = 300;
    public const int ContentMaxLength = 4000;
    public const int AnswerMaxLength = 4000;
    /// <summary>Largest page a list returns at once.</summary>
    public const int MaxPageSize = 500;
}

/// <summary>One page of a list and how many rows match in all.</summary>
public sealed record PageOf<T>(IReadOnlyList<T> Items, int TotalCount);
