using CommsPlan.Core.Access;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Tests.Support;

/// <summary>The callers Core services decide for, built as the Dashboard would build them from claims.</summary>
public static class ActingUsers
{
    public static CurrentUser Officer(int agencyId, string userName = "canbo") =>
        new($"id-{userName}", userName, [Roles.AgencyOfficer], agencyId);

    public static CurrentUser Monitor { get; } = new("id-giamsat", "giamsat", [Roles.Monitor], null);
    public static CurrentUser Viewer { get; } = new("id-lanhdao", "lanhdao", [Roles.Viewer], null);
    public static CurrentUser Admin { get; } = new("id-admin", "admin", [Roles.Admin], null);

    /// <summary>The id of a seeded agency by code (STP, DAITU, BAOTN…).</summary>
    public static async Task<int> AgencyIdAsync(this TestDatabase database, string code)
    {
        await using var db = database.CreateContext();
        return await db.Agencies.Where(a => a.Code == code).Select(a => a.Id).SingleAsync();
    }
}
