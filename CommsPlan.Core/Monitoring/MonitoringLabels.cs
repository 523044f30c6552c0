namespace CommsPlan.Core.Monitoring;

/// <summary>Vietnamese labels of the states monitoring shows, so the screen and the report word them alike.</summary>
public static class MonitoringLabels
{
    /// <summary>The unit-plans feature's own wording, so both pages name a status alike.</summary>
    public static string UnitPlanStatus(UnitPlans.UnitPlanStatus status) => UnitPlans.UnitPlanStatusRule.DisplayName(status);

    public static string CommendationKind(Feedback.CommendationKind kind) => kind switch
    {
        Feedback.CommendationKind.Individual => "Cá nhân",
        Feedback.CommendationKind.Collective => "Tập thể",
        _ => kind.ToString(),
    };

    public static string DifficultyStatus(Feedback.DifficultyStatus status) => status switch
    {
        Feedback.DifficultyStatus.Open => "Chưa trả lời",
        Feedback.DifficultyStatus.Answered => "Đã trả lời",
        _ => status.ToString(),
    };
}
