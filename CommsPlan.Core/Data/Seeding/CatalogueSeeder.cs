using CommsPlan.Core.Plans;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Data.Seeding;

/// <summary>
/// Adds what the plan catalogue and the agency list lack, matched by code. It never updates an existing
/// row, so an administrator's edit survives every restart, and running it twice adds nothing. One exception: an
/// agency of 2021 that has no document header yet (a database from before issue 19) gets its header once; an
/// administrator cannot empty it again (the header's name is required).
/// </summary>
public static class CatalogueSeeder
{
    public static async Task SeedAsync(CommsPlanDbContext db, CancellationToken ct = default)
    {
        var template = Plan2021Catalogue.CreatePlan();
        var plan = await db.Plans
            .Include(p => p.Objectives).Include(p => p.Requirements).Include(p => p.Themes)
            .Include(p => p.FormGroups).ThenInclude(g => g.Channels).Include(p => p.Assignments)
            .AsSplitQuery()
            .SingleOrDefaultAsync(p => p.Number == template.Number, ct);

        if (plan is null)
        {
            db.Plans.Add(template);
        }
        else
        {
            AddMissing(plan.Objectives, template.Objectives);
            AddMissing(plan.Requirements, template.Requirements);
            AddMissing(plan.Themes, template.Themes);
            AddMissing(plan.Assignments, template.Assignments);
            var channelCodes = await db.Channels.Where(c => c.FormGroup!.PlanId == plan.Id).Select(c => c.Code).ToListAsync(ct);
            foreach (var group in template.FormGroups)
            {
                var existing = plan.FormGroups.SingleOrDefault(g => g.Code == group.Code);
                if (existing is null)
                {
                    group.Channels.RemoveAll(c => channelCodes.Contains(c.Code));
                    plan.FormGroups.Add(group);
                    continue;
                }
                existing.Channels.AddRange(group.Channels.Where(c => !channelCodes.Contains(c.Code)));
            }
        }

        foreach (var agency in await db.Agencies.Where(a => a.IssuerName == "").ToListAsync(ct)) Plan2021Catalogue.WithHeader(agency);
        var agencyCodes = await db.Agencies.Select(a => a.Code).ToListAsync(ct);
        db.Agencies.AddRange(Plan2021Catalogue.CreateAgencies().Where(a => !agencyCodes.Contains(a.Code)));
        var districtCodes = await db.Districts.Select(d => d.Code).ToListAsync(ct);
        db.Districts.AddRange(Plan2021Catalogue.CreateDistricts().Where(d => !districtCodes.Contains(d.Code)));

        await db.SaveChangesAsync(ct);
    }

    private static void AddMissing<T>(List<T> existing, List<T> template) where T : PlanItem =>
        existing.AddRange(template.Where(t => existing.All(e => e.Code != t.Code)));
}
