using CommsPlan.Core.Activities;
using CommsPlan.Core.Data;
using CommsPlan.Core.Plans;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Core.UnitPlans;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace CommsPlan.Tests.Core.Compare;

/// <summary>
/// Two plan years: the seeded 2021 plan, finished, with a year of random activities, and a 2022 copy running on
/// 20/10/2022 with its own new channel (<see cref="NextPlanYear.NewChannelCode"/>), activities to date, quarter reports
/// of both years on time and late, and unit plans of both years. The rows are kept in memory so the tests count them
/// independently of the service.
/// </summary>
public abstract class CompareSeed(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : CompareSeed(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : CompareSeed(DatabaseProvider.PostgreSQL);

    /// <summary>10:00 in Vietnam on 20/10/2022.</summary>
    public static readonly DateTimeOffset Now = new(2022, 10, 20, 3, 0, 0, TimeSpan.Zero);
    public static readonly DateOnly Today = new(2022, 10, 20);

    public const int DueDays = 5;

    private static readonly string[] Agencies = ["STP", "SYT", "SNV", "DAITU", "TPTN", "BAOTN", "DINHHOA"];
    private static readonly string[] WithSecondMeasure = ["PTTH", "TTCS", "TAILIEU", "HOINGHI", "CUOCTHI", "TAPHUAN"];

    public TestDatabase Database { get; private set; } = null!;
    public FakeTimeProvider Time { get; } = new(Now);
    public Dictionary<string, int> AgencyIds { get; private set; } = [];
    public Plan Plan2021 { get; private set; } = null!;
    public Plan Plan2022 { get; private set; } = null!;
    /// <summary>Every seeded activity, with the year of the plan it was logged against.</summary>
    public List<YearActivity> Activities { get; } = [];
    /// <summary>Every seeded quarter report: agency, period key, first submitted on.</summary>
    public List<(string Agency, string PeriodKey, DateOnly FirstSubmittedOn)> Reports { get; } = [];

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(provider);
        Plan2022 = await NextPlanYear.AddAsync(Database);
        await using var db = Database.CreateContext();
        Plan2021 = await db.Plans.AsNoTracking().SingleAsync(p => p.Year == 2021);
        var agencies = await db.Agencies.ToDictionaryAsync(a => a.Code);
        AgencyIds = agencies.ToDictionary(a => a.Key, a => a.Value.Id);

        var random = new Random(2022);
        foreach (var (plan, count, last) in new[] { (Plan2021, 300, Plan2021.PeriodEnd), (Plan2022, 250, Today) })
        {
            var channels = await db.Channels.Where(c => c.FormGroup!.PlanId == plan.Id).Include(c => c.FormGroup).ToListAsync();
            var objectives = await db.Objectives.Where(o => o.PlanId == plan.Id).ToListAsync();
            var themes = await db.Themes.Where(t => t.PlanId == plan.Id).ToListAsync();
            var days = last.DayNumber - plan.PeriodStart.DayNumber + 1;
            for (var i = 0; i < count; i++)
            {
                var channel = channels[random.Next(channels.Count)];
                var tagged = objectives.Where(_ => random.Next(2) == 0).ToList();
                var themed = themes.Where(_ => random.Next(3) == 0).ToList();
                var activity = new YearActivity(plan.Year, Agencies[random.Next(Agencies.Length)], channel.FormGroup!.Code, channel.Code,
                    plan.PeriodStart.AddDays(random.Next(days)), random.Next(1, 40),
                    WithSecondMeasure.Contains(channel.Code) ? random.Next(10, 400) : null,
                    random.Next(4) == 0 ? null : random.Next(1, 20) * 500_000L,
                    [.. tagged.Select(o => o.Code)], [.. themed.Select(t => t.Code)]);
                Activities.Add(activity);
                db.Activities.Add(new Activity
                {
                    AgencyId = agencies[activity.Agency].Id, ChannelId = channel.Id, Title = $"Hoạt động {plan.Year} số {i}",
                    StartDate = activity.Date, Quantity = activity.Quantity, SecondMeasure = activity.SecondMeasure, Cost = activity.Cost,
                    Objectives = tagged, Themes = themed,
                });
            }
        }

        // Reports: some on time (first sent by the due date, five days after the cut-off), some late.
        void Report(string agency, int year, int quarter, int daysAfterCutOff)
        {
            var period = ReportingPeriods.DecreeQuarter(year, quarter);
            var sent = period.To.AddDays(daysAfterCutOff);
            Reports.Add((agency, period.Key, sent));
            db.PeriodReports.Add(new PeriodReport
            {
                AgencyId = agencies[agency].Id, PeriodKey = period.Key, Status = PeriodReportStatus.Accepted,
                SubmittedOn = sent, SubmittedBy = agency.ToLowerInvariant(), FirstSubmittedOn = sent, ReviewedOn = sent, ReviewedBy = "giamsat",
            });
        }
        Report("STP", 2021, 1, 2);
        Report("STP", 2021, 2, 9);
        Report("DAITU", 2021, 1, 5);
        Report("STP", 2022, 1, 1);
        Report("STP", 2022, 2, 3);
        Report("DAITU", 2022, 1, 4);
        Report("SNV", 2022, 3, 20);

        var nv12021 = await db.Assignments.Where(a => a.PlanId == Plan2021.Id && a.Code == "NV1").Select(a => a.Deadline).SingleAsync();
        var nv12022 = await db.Assignments.Where(a => a.PlanId == Plan2022.Id && a.Code == "NV1").Select(a => a.Deadline).SingleAsync();
        UnitPlan Issued(Plan plan, string agency, DateOnly on) => new()
        {
            PlanId = plan.Id, AgencyId = agencies[agency].Id, DocumentNumber = $"{plan.Year}/KH-{agency}", IssuedOn = on,
        };
        db.UnitPlans.AddRange(
            Issued(Plan2021, "STP", Nv1Day(nv12021, -10)),
            Issued(Plan2021, "DAITU", Nv1Day(nv12021, 10)),
            Issued(Plan2022, "STP", Nv1Day(nv12022, -5)),
            Issued(Plan2022, "SNV", Nv1Day(nv12022, 0)),
            Issued(Plan2022, "DAITU", Nv1Day(nv12022, -1)));
        await db.SaveChangesAsync();
    }

    private static DateOnly Nv1Day(DateOnly? deadline, int days) =>
        (deadline ?? throw new InvalidOperationException("The seeded NV1 has a deadline.")).AddDays(days);

    public async Task DisposeAsync()
    {
        if (Database is { } database) await database.DisposeAsync();
    }
}

public sealed record YearActivity(
    int Year, string Agency, string FormGroup, string Channel, DateOnly Date, int Quantity, long? SecondMeasure, long? Cost,
    string[] Objectives, string[] Themes);
