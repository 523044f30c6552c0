using CommsPlan.Core.Data;
using CommsPlan.Core.Plans;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Tests.Support;

/// <summary>
/// A second plan year for tests: the seeded 2021 plan copied by <see cref="PlanCopier"/> into the next year and
/// issued, plus one channel of its own in HT1 (<see cref="NewChannelCode"/>).
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
        // The app's own copy, issued under a number of its own.
        var plan = PlanCopier.Copy(source, year);
        plan.Number = $"{source.Number}-{year}";
        plan.IsIssued = true;
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
