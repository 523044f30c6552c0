using CommsPlan.Core.Plans;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Tests.Support;

/// <summary>
/// The seeded 2021 plan's catalogue copied into an issued plan of another year, its dates shifted: what the per-plan
/// tests need to show that two years never mix. Channel, objective and theme codes are the same in both years, as a
/// province's next plan keeps them, so a code alone never tells the years apart.
/// </summary>
public static class SecondPlan
{
    public sealed record Catalogue(int PlanId, int Year, IReadOnlyDictionary<string, int> Channels,
        IReadOnlyDictionary<string, int> Objectives, IReadOnlyDictionary<string, int> Themes);

    /// <summary>Adds the plan of <paramref name="year"/> (issued unless <paramref name="issued"/> is false) to <paramref name="database"/>.</summary>
    public static async Task<Catalogue> AddAsync(TestDatabase database, int year = 2022, bool issued = true)
    {
        await using var db = database.CreateContext();
        var source = await db.Plans.AsNoTracking()
            .Include(p => p.Objectives).Include(p => p.Requirements).Include(p => p.Themes)
            .Include(p => p.FormGroups).ThenInclude(g => g.Channels).Include(p => p.Assignments)
            .AsSplitQuery()
            .SingleAsync(p => p.Year == 2021);
        var shift = year - source.Year;
        T Item<T>(T from) where T : PlanItem, new() => new()
        {
            Code = from.Code, DisplayCode = from.DisplayCode, ShortName = from.ShortName, Text = from.Text, SortOrder = from.SortOrder,
        };
        var plan = new Plan
        {
            Number = $"{year - 2007}/KH-UBND", Title = source.Title.Replace("2021", $"{year}", StringComparison.Ordinal),
            IssuedOn = source.IssuedOn.AddYears(shift), Issuer = source.Issuer, IssuePlace = source.IssuePlace,
            SignerTitle = source.SignerTitle, Signer = source.Signer, Year = year, IsIssued = issued,
            PeriodStart = source.PeriodStart.AddYears(shift), PeriodEnd = source.PeriodEnd.AddYears(shift),
            Preamble = source.Preamble, FundingText = source.FundingText, FeedbackText = source.FeedbackText,
            Objectives = [.. source.Objectives.Select(Item)],
            Requirements = [.. source.Requirements.Select(Item)],
            Themes = [.. source.Themes.Select(Item)],
            FormGroups = [.. source.FormGroups.Select(g =>
            {
                var group = Item(g);
                group.Channels = [.. g.Channels.Select(c => new Channel
                {
                    Code = c.Code, Name = c.Name, Unit = c.Unit, SecondMeasureLabel = c.SecondMeasureLabel,
                    SecondMeasureUnit = c.SecondMeasureUnit, IsActive = c.IsActive, SortOrder = c.SortOrder,
                })];
                return group;
            })],
            Assignments = [.. source.Assignments.Select(a =>
            {
                var assignment = Item(a);
                assignment.Binds = a.Binds;
                assignment.Deadline = a.Deadline?.AddYears(shift);
                return assignment;
            })],
        };
        db.Plans.Add(plan);
        await db.SaveChangesAsync();
        return new Catalogue(plan.Id, year,
            plan.FormGroups.SelectMany(g => g.Channels).ToDictionary(c => c.Code, c => c.Id),
            plan.Objectives.ToDictionary(o => o.Code, o => o.Id),
            plan.Themes.ToDictionary(t => t.Code, t => t.Id));
    }

    /// <summary>The 2021 plan's channels, objectives and themes by code.</summary>
    public static async Task<Catalogue> FirstAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var plan = await db.Plans.AsNoTracking().SingleAsync(p => p.Year == 2021);
        return new Catalogue(plan.Id, plan.Year,
            await db.Channels.Where(c => c.FormGroup!.PlanId == plan.Id).ToDictionaryAsync(c => c.Code, c => c.Id),
            await db.Objectives.Where(o => o.PlanId == plan.Id).ToDictionaryAsync(o => o.Code, o => o.Id),
            await db.Themes.Where(t => t.PlanId == plan.Id).ToDictionaryAsync(t => t.Code, t => t.Id));
    }
}
