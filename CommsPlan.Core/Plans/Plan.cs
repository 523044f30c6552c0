namespace CommsPlan.Core.Plans;

/// <summary>A provincial communications plan (one per year), e.g. 20/KH-UBND of 04/02/2021.</summary>
public sealed class Plan : Common.IVersioned, Audit.IAudited
{
    public int Id { get; set; }
    /// <summary>Optimistic concurrency token of the plan's header and its issue (the plan editor).</summary>
    public long Version { get; set; }
    public required string Number { get; set; }
    public required string Title { get; set; }
    public DateOnly IssuedOn { get; set; }
    public required string Issuer { get; set; }
    public required string IssuePlace { get; set; }
    public required string SignerTitle { get; set; }
    public required string Signer { get; set; }
    public int Year { get; set; }
    /// <summary>Ban hành: an issued plan is one records are dated against; until then it is a draft.</summary>
    public bool IsIssued { get; set; }
    /// <summary>First day of the period the plan covers; activities are dated inside it.</summary>
    public DateOnly PeriodStart { get; set; }
    public DateOnly PeriodEnd { get; set; }
    public required string Preamble { get; set; }
    public required string FundingText { get; set; }
    public required string FeedbackText { get; set; }

    public List<Objective> Objectives { get; set; } = [];
    public List<Requirement> Requirements { get; set; } = [];
    public List<ContentTheme> Themes { get; set; } = [];
    public List<FormGroup> FormGroups { get; set; } = [];
    public List<Assignment> Assignments { get; set; } = [];

    public PlanStatus StatusOn(DateOnly today) => PlanStatuses.Of(IsIssued, PeriodStart, PeriodEnd, today);

    /// <summary>Share of the plan's period elapsed on <paramref name="today"/>, between 0 and 1.</summary>
    public double ElapsedShare(DateOnly today)
    {
        if (today < PeriodStart) return 0;
        if (today >= PeriodEnd) return 1;
        var total = PeriodEnd.DayNumber - PeriodStart.DayNumber + 1;
        var elapsed = today.DayNumber - PeriodStart.DayNumber + 1;
        return (double)elapsed / total;
    }
}
