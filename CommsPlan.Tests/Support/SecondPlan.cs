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
        // The app's own copy, issued under a number of its own.
        var plan = PlanCopier.Copy(source, year);
        plan.Number = $"{year - 2007}/KH-UBND";
        plan.IsIssued = issued;
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
