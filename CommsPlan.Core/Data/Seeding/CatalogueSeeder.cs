using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Data.Seeding;

/// <summary>
/// Adds Plan 20/KH-UBND when no plan of 2021 exists, and what the agency and district lists lack, matched by code. It
/// never updates an existing row, so an edit survives every restart (plans are edited on /plans, decision 0019), and
/// running it twice adds nothing. One exception: an agency of 2021 that has no document header yet (a database from
/// before issue 19) gets its header once; an administrator cannot empty it again (the header's name is required).
/// </summary>
public static class CatalogueSeeder
{
    public static async Task SeedAsync(CommsPlanDbContext db, CancellationToken ct = default)
    {
        var template = Plan2021Catalogue.CreatePlan();
        // Matched by year, not number: the Office may correct the number on /plans, and a year has one plan. An existing
        // plan is left as the Office edited it in the app: an entry removed there stays removed.
        if (!await db.Plans.AnyAsync(p => p.Year == template.Year, ct)) db.Plans.Add(template);

        foreach (var agency in await db.Agencies.Where(a => a.IssuerName == "").ToListAsync(ct)) Plan2021Catalogue.WithHeader(agency);
        var agencyCodes = await db.Agencies.Select(a => a.Code).ToListAsync(ct);
        db.Agencies.AddRange(Plan2021Catalogue.CreateAgencies().Where(a => !agencyCodes.Contains(a.Code)));
        var districtCodes = await db.Districts.Select(d => d.Code).ToListAsync(ct);
        db.Districts.AddRange(Plan2021Catalogue.CreateDistricts().Where(d => !districtCodes.Contains(d.Code)));

        await db.SaveChangesAsync(ct);
    }
}
