using CommsPlan.Core.Access;
using CommsPlan.Core.ReportingCycle;
using S = CommsPlan.Core.ReportingCycle.PeriodReportStatus;
using A = CommsPlan.Core.ReportingCycle.PeriodReportAction;

namespace CommsPlan.Tests.Core.ReportingCycle;

public sealed class PeriodReportRulesTests
{
    public static TheoryData<S, A, S?> Transitions => new()
    {
        { S.NotSent, A.Submit, S.Submitted },
        { S.NotSent, A.Accept, null },
        { S.NotSent, A.SendBack, null },
        { S.Submitted, A.Submit, null },
        { S.Submitted, A.Accept, S.Accepted },
        { S.Submitted, A.SendBack, S.SentBack },
        { S.SentBack, A.Submit, S.Submitted },
        { S.SentBack, A.Accept, null },
        { S.SentBack, A.SendBack, null },
        { S.Accepted, A.Submit, null },
        { S.Accepted, A.Accept, null },
        { S.Accepted, A.SendBack, S.SentBack },
    };

    [Theory]
    [MemberData(nameof(Transitions))]
    public void EachStatusAllowsOnlyItsTransitions(S from, A action, S? expected) =>
        Assert.Equal(expected, PeriodReportRules.Next(from, action));

    [Theory]
    [InlineData(Roles.AgencyOfficer, true, true, false, false)]
    [InlineData(Roles.AgencyOfficer, false, false, false, false)]
    [InlineData(Roles.Monitor, false, false, true, true)]
    [InlineData(Roles.Viewer, false, false, false, false)]
    [InlineData(Roles.Admin, false, false, false, false)]
    public void OnlyTheAgencysOfficerSubmitsAndOnlyAMonitorReviews(string role, bool ownAgency, bool submit, bool accept, bool sendBack)
    {
        var user = new CurrentUser("id", "someone", [role], role == Roles.AgencyOfficer ? (ownAgency ? 7 : 8) : null);

        Assert.Equal(submit, PeriodReportRules.MayAct(user, 7, A.Submit));
        Assert.Equal(accept, PeriodReportRules.MayAct(user, 7, A.Accept));
        Assert.Equal(sendBack, PeriodReportRules.MayAct(user, 7, A.SendBack));
    }

    [Fact]
    public void ReportsAreDueForTheFourDecreeQuartersOnly()
    {
        Assert.Equal(["2021-Q1", "2021-Q2", "2021-Q3", "2021-Q4"], PeriodReportRules.PeriodsOf(2021).Select(p => p.Key));
        Assert.Null(PeriodReportRules.Find("2021-H1"));
        Assert.Null(PeriodReportRules.Find("2021-CQ1"));
        Assert.Equal("2021-Q1", PeriodReportRules.PeriodContaining(new DateOnly(2020, 12, 15)).Key);
        Assert.Equal("2021-Q2", PeriodReportRules.PeriodContaining(new DateOnly(2021, 3, 15)).Key);
    }

    [Fact]
    public void AWiderWindowCoversTheQuartersInsideIt()
    {
        Assert.Equal(["2021-Q1", "2021-Q2"], PeriodReportRules.PeriodsWithin(ReportingPeriods.DecreeHalfYear(2021)).Select(p => p.Key));
        Assert.Equal(4, PeriodReportRules.PeriodsWithin(ReportingPeriods.DecreeYear(2021)).Count);
        Assert.Equal(["2021-Q3"], PeriodReportRules.PeriodsWithin(ReportingPeriods.DecreeQuarter(2021, 3)).Select(p => p.Key));
        Assert.Empty(PeriodReportRules.PeriodsWithin(ReportingPeriods.Month(2021, 3)));
    }

    [Fact]
    public void TheDueDateIsTheConfiguredDaysAfterTheCutOff() =>
        Assert.Equal(new DateOnly(2021, 3, 19), ReportingPeriods.DecreeQuarter(2021, 1).DueDate(5));
}
