using CommsPlan.Core.Data;
using CommsPlan.Core.Plans;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Tests.Support;

/// <summary>
/// A second plan year for tests: the seeded 2021 catalogue copied with new ids, the year and period shifted by one
/// year, issued, plus one channel of its own in HT1 (<see cref="NewChannelCode"/>).
/// </summary>
public static class NextPlanYear
{
    public const string NewChannelCode = "MXH";
    public const string NewChannelName = "Trang mạng xã hội của đơn vị";

    public static async Task<Plan> AddAsync(TestDatabase database, int sourceYear = 2021)
    {
        await using var db = database.CreateContext();
        var source = await db.Plans.AsNoTracking().AsSplitQuery()
            .Include(p => p.Objectives).Include(p => p.Requirements).Include(p => p.Themes)
            .Include(p => p.FormGroups).ThenInclude(g => g.Channels).Include(p => p.Assignments)
            .SingleAsync(p => p.Year == sourceYear);
        var year = sourceYear + 1;
        T Copy<T>(T item) where T : PlanItem, new() => new()
        {
            Code = item.Code, DisplayCode = item.DisplayCode, ShortName = item.ShortName, Text = item.Text, SortOrder = item.SortOrder,
        };
        var plan = new Plan
        {
            Number = $"{source.Number}-{year}", Title = source.Title.Replace(sourceYear.ToString(), year.ToString(), StringComparison.Ordinal),
            IssuedOn = source.IssuedOn.AddYears(1), Issuer = source.Issuer, IssuePlace = source.IssuePlace, SignerTitle = source.SignerTitle,
            Signer = source.Signer, Year = year, IsIssued = true, PeriodStart = source.PeriodStart.AddYears(1), PeriodEnd = source.PeriodEnd.AddYears(1),
            Preamble = source.Preamble, FundingText = source.FundingText, FeedbackText = source.FeedbackText,
            Objectives = [.. source.Objectives.Select(Copy)],
            Requirements = [.. source.Requirements.Select(Copy)],
            Themes = [.. source.Themes.Select(Copy)],
            Assignments = [.. source.Assignments.Select(a =>
            {
                var copy = Copy(a);
                copy.Binds = a.Binds;
                copy.Deadline = a.Deadline?.AddYears(1);
                return copy;
            })],
            FormGroups = [.. source.FormGroups.Select(g =>
            {
                var copy = Copy(g);
                copy.Channels = [.. g.Channels.Select(c => new Channel
                {
                    Code = c.Code, Name = c.Name, Unit = c.Unit, SecondMeasureLabel = c.SecondMeasureLabel,
                    SecondMeasureUnit = c.SecondMeasureUnit, IsActive = c.IsActive, SortOrder = c.SortOrder,
                })];
                return copy;
            })],
        };
        var massMedia = plan.FormGroups.Single(g => g.Code == "HT1");
        massMedia.Channels.Add(new Channel
        {
            Code = NewChannelCode, Name = NewChannelName, Unit = "bài đăng", SortOrder = massMedia.Channels.Max(c => c.SortOrder) + 1,
        });
        db.Plans.Add(plan);
        await db.SaveChangesAsync();
        return plan;
    }
}
