using CommsPlan.Core.Activities;
using CommsPlan.Core.Administration;
using CommsPlan.Core.Audit;
using CommsPlan.Core.Feedback;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Core.UnitPlans;

namespace CommsPlan.Dashboard.Hosting;

/// <summary>
/// The largest message the circuit's hub takes from a browser. A larger one closes the connection (SignalR's answer
/// to a flood), so it must sit comfortably above the largest message a person can send through the UI: a change event
/// carrying the longest text field Core accepts, typed or pasted in full (every input's maxlength is Core's limit).
/// File uploads are not bound by it: Blazor sends them in chunks sized below the limit.
/// </summary>
internal static class HubMessageLimit
{
    /// <summary>The longest text any form holds: an activity's description, a difficulty's content or answer.</summary>
    public static int LongestText { get; } = new[]
    {
        ActivityLimits.TitleMaxLength, ActivityLimits.DescriptionMaxLength, ActivityLimits.UrlMaxLength,
        ActivityLimits.FundingSourceMaxLength, ActivityLimits.NotesMaxLength,
        FeedbackLimits.RecipientMaxLength, FeedbackLimits.AchievementMaxLength, FeedbackLimits.TitleMaxLength,
        FeedbackLimits.ContentMaxLength, FeedbackLimits.AnswerMaxLength,
        UnitPlanLimits.DocumentNumberMaxLength, UnitPlanLimits.LinkMaxLength, UnitPlanLimits.NotesMaxLength,
        PeriodReportLimits.CommentaryMaxLength, PeriodReportLimits.ReviewCommentMaxLength,
        UserLimits.UserNameMaxLength, UserLimits.FullNameMaxLength, AgencyLimits.CodeMaxLength, AgencyLimits.NameMaxLength,
        AuditLimits.UserNameMaxLength, AuditLimits.EntityIdMaxLength,
    }.Max();

    /// <summary>
    /// That text in the worst legitimate case: three UTF-8 bytes a character (ệ, ế, ữ… are U+1Exx), plus the event's
    /// envelope (the element id, the event name, the JSON around the value).
    /// </summary>
    public static int LargestLegitimateMessage { get; } = LongestText * 3 + 1024;

    /// <summary>The hub's limit: at least twice the largest legitimate message, still small enough that a flood is refused.</summary>
    public const int Bytes = 32 * 1024;
}
