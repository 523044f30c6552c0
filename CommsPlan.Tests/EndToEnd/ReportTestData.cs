using CommsPlan.Core.Access;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Changes;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Core.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommsPlan.Tests.EndToEnd;

/// <summary>Activities a report test logs for itself, with unique titles, as the activity form would save them.</summary>
internal static class ReportTestData
{
    /// <summary>Adds one conference per (agency, title) in Quý I/2021 and tells open pages.</summary>
    public static Task AddQuarterOneActivitiesAsync(AppFixture app, params (string Agency, string Title)[] activities) =>
        AddAsync(app, [.. activities.Select(a => new TestActivity(a.Agency, "HOINGHI", a.Title, new DateOnly(2021, 2, 3), 1, 150, 12_000_000))]);

    /// <summary>Adds the activities as they are and tells open pages.</summary>
    public static async Task AddAsync(AppFixture app, IReadOnlyList<TestActivity> activities)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<CommsPlanDbContext>>();
        var time = app.Services.GetRequiredService<TimeProvider>();
        await using (var db = await factory.CreateForAsync(CurrentUser.System, time))
        {
            var agencies = await db.Agencies.ToDictionaryAsync(a => a.Code);
            // The current plan's channels: the demo also holds next year's draft, with the same codes.
            var planId = (await PlanPeriod.FindCurrentAsync(db, time.Today()))!.PlanId;
            var channels = await db.Channels.Where(c => c.FormGroup!.PlanId == planId).ToDictionaryAsync(c => c.Code);
            foreach (var a in activities)
            {
                db.Activities.Add(new Activity
                {
                    AgencyId = agencies[a.Agency].Id, ChannelId = channels[a.Channel].Id, Title = a.Title, StartDate = a.Date,
                    Quantity = a.Quantity, SecondMeasure = a.SecondMeasure, Cost = a.Cost,
                });
            }
            await db.SaveChangesAsync();
        }
        app.Services.GetRequiredService<IDataChangeNotifier>().NotifyChanged(new DataChange("Activity", null));
    }

    public static string UniqueTitle(string what) => $"{what} {Guid.NewGuid():N}"[..(what.Length + 13)];
}

internal sealed record TestActivity(string Agency, string Channel, string Title, DateOnly Date, int Quantity, long? SecondMeasure, long? Cost);
