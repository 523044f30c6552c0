using CommsPlan.Core.Activities;
using CommsPlan.Core.Data;
using CommsPlan.Core.Feedback;
using CommsPlan.Core.UnitPlans;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace CommsPlan.Tests.Core.Monitoring;

/// <summary>
/// A seeded database with a known set of activities, unit plans, difficulties and commendations, and the rows
/// themselves in memory so tests can compute expected figures independently of the query service.
/// </summary>
public abstract class MonitoringSeed(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : MonitoringSeed(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : MonitoringSeed(DatabaseProvider.PostgreSQL);

    /// <summary>10:00 in Vietnam on 20/10/2021, the demo's "today".</summary>
    public static readonly DateTimeOffset Now = new(2021, 10, 20, 3, 0, 0, TimeSpan.Zero);
    public static readonly DateOnly Today = new(2021, 10, 20);

    public static readonly string[] MassMedia = ["BAO", "PTTH", "TTCS", "CONG", "WEB"];
    public static readonly string[] Events = ["HOINGHI", "CUOCTHI", "TAPHUAN"];
    public static readonly string[] Documents = ["TAILIEU"];
    public static readonly string[] Print = ["TOROI", "APPHICH"];
    public static readonly string[] Visual = ["PANO", "BANGRON", "KHAUHIEU"];
    public static readonly string[] WithSecondMeasure = ["PTTH", "TTCS", "TAILIEU", "HOINGHI", "CUOCTHI", "TAPHUAN"];
    private static readonly string[] AllChannels = [.. MassMedia, .. Documents, .. Events, .. Visual, .. Print];
    private static readonly string[] RandomAgencies = ["STP", "SYT", "DAITU", "TPTN", "BAOTN", "DINHHOA", "TTPVHCC"];

    /// <summary>The agency deactivated after it logged an activity in the third quarter.</summary>
    public const string InactiveAgency = "SNGV";

    public TestDatabase Database { get; private set; } = null!;
    public FakeTimeProvider Time { get; } = new(Now);
    public List<SeedActivity> Activities { get; } = [];
    public Dictionary<string, int> AgencyIds { get; private set; } = [];
    public Dictionary<int, int> DifficultyIdsByAgeInDays { get; } = [];
    public int AnsweredOldDifficultyId { get; private set; }

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(provider);
        var random = new Random(2021);
        for (var i = 0; i < 400; i++)
        {
            var channel = AllChannels[random.Next(AllChannels.Length)];
            var date = new DateOnly(2020, 12, 1).AddDays(random.Next(0, 324)); // up to 20/10/2021
            // MĐ4 and ND4 are never used, so their rows are gaps everywhere.
            var objectiveCodes = new[] { "MD1", "MD2", "MD3" }.Where(_ => random.Next(2) == 0).ToArray();
            var themeCodes = new[] { "ND1", "ND2", "ND3" }.Where(_ => random.Next(3) == 0).ToArray();
            Activities.Add(new SeedActivity(
                RandomAgencies[random.Next(RandomAgencies.Length)], channel, date, random.Next(1, 50),
                WithSecondMeasure.Contains(channel) ? random.Next(10, 500) : null,
                random.Next(4) == 0 ? null : random.Next(1, 20) * 500_000L,
                objectiveCodes, themeCodes));
        }
        // SNV: year-to-date quantities set against targets of 365 (one a day), all logged in February so the
        // period 01/04 – 10/04 itself holds none of them.
        Activities.Add(new SeedActivity("SNV", "BAO", new DateOnly(2021, 2, 10), 100, null, null, ["MD1"], ["ND1"]));
        Activities.Add(new SeedActivity("SNV", "CONG", new DateOnly(2021, 2, 11), 70, null, null, ["MD1"], []));
        Activities.Add(new SeedActivity("SNV", "WEB", new DateOnly(2021, 2, 12), 69, null, null, [], []));
        Activities.Add(new SeedActivity("SNV", "TOROI", new DateOnly(2021, 2, 13), 5, null, null, [], []));
        Activities.Add(new SeedActivity("SNV", "PANO", new DateOnly(2021, 2, 14), 3, null, null, [], []));
        Activities.Add(new SeedActivity(InactiveAgency, "HOINGHI", new DateOnly(2021, 7, 1), 1, 80, 2_000_000, ["MD2"], ["ND2"]));

        await using var db = Database.CreateContext();
        var agencies = await db.Agencies.ToDictionaryAsync(a => a.Code);
        AgencyIds = agencies.ToDictionary(a => a.Key, a => a.Value.Id);
        var channels = await db.Channels.ToDictionaryAsync(c => c.Code);
        var objectives = await db.Objectives.ToDictionaryAsync(o => o.Code);
        var themes = await db.Themes.ToDictionaryAsync(t => t.Code);
        var planId = await db.Plans.Select(p => p.Id).SingleAsync();

        db.Activities.AddRange(Activities.Select((a, i) => new Activity
        {
            AgencyId = agencies[a.Agency].Id,
            ChannelId = channels[a.Channel].Id,
            Title = $"Hoạt động thử {i}",
            StartDate = a.Date,
            Quantity = a.Quantity,
            SecondMeasure = a.SecondMeasure,
            Cost = a.Cost,
            Objectives = [.. a.Objectives.Select(o => objectives[o])],
            Themes = [.. a.Themes.Select(t => themes[t])],
        }));

        UnitPlanTarget Target(string channel, int quantity) => new() { ChannelId = channels[channel].Id, Quantity = quantity };
        db.UnitPlans.AddRange(
            new UnitPlan
            {
                PlanId = planId, AgencyId = agencies["STP"].Id, DocumentNumber = "12/KH-STP", IssuedOn = new DateOnly(2021, 3, 1),
                Targets = [Target("BAO", 40), Target("HOINGHI", 4), Target("TOROI", 0)],
            },
            // Issued on the NV1 deadline itself: still on time.
            new UnitPlan
            {
                PlanId = planId, AgencyId = agencies["SNV"].Id, DocumentNumber = "07/KH-SNV", IssuedOn = new DateOnly(2021, 3, 31),
                Targets = [Target("BAO", 365), Target("CONG", 365), Target("WEB", 365), Target("TOROI", 0)],
            },
            new UnitPlan
            {
                PlanId = planId, AgencyId = agencies["DAITU"].Id, DocumentNumber = "30/KH-UBND", IssuedOn = new DateOnly(2021, 4, 1),
                Targets = [Target("TTCS", 20)],
            },
            // Far more planned than anyone could do: Rất chậm.
            new UnitPlan
            {
                PlanId = planId, AgencyId = agencies["TPTN"].Id, DocumentNumber = "45/KH-UBND", IssuedOn = new DateOnly(2021, 2, 20),
                Targets = [Target("BAO", 100_000), Target("PANO", 100_000)],
            });

        Difficulty Raised(string agency, DateOnly on, DifficultyStatus status) => new()
        {
            AgencyId = agencies[agency].Id, Title = $"Vướng mắc ngày {on:dd/MM}", Content = "Nội dung", RaisedOn = on, Status = status,
            Answer = status == DifficultyStatus.Answered ? "Đã hướng dẫn" : null,
            AnsweredOn = status == DifficultyStatus.Answered ? on.AddDays(3) : null,
        };
        var open19 = Raised("STP", Today.AddDays(-19), DifficultyStatus.Open);
        var open16 = Raised("DAITU", Today.AddDays(-16), DifficultyStatus.Open);
        var open15 = Raised("DAITU", Today.AddDays(-15), DifficultyStatus.Open);
        var open2 = Raised("STP", Today.AddDays(-2), DifficultyStatus.Open);
        var answered = Raised("STP", new DateOnly(2021, 8, 1), DifficultyStatus.Answered);
        db.Difficulties.AddRange(open19, open16, open15, open2, answered);

        db.Commendations.AddRange(
            new Commendation { AgencyId = agencies["STP"].Id, Kind = CommendationKind.Individual, Recipient = "Nguyễn Văn A", Achievement = "Tiêu biểu", Date = new DateOnly(2021, 7, 2) },
            new Commendation { AgencyId = agencies["DAITU"].Id, Kind = CommendationKind.Collective, Recipient = "Bộ phận Một cửa", Achievement = "Xuất sắc", Date = new DateOnly(2021, 8, 9) },
            new Commendation { AgencyId = agencies["STP"].Id, Kind = CommendationKind.Collective, Recipient = "Phòng Hành chính", Achievement = "Tiêu biểu", Date = new DateOnly(2021, 1, 9) });
        await db.SaveChangesAsync();

        agencies[InactiveAgency].IsActive = false;
        await db.SaveChangesAsync();

        DifficultyIdsByAgeInDays[19] = open19.Id;
        DifficultyIdsByAgeInDays[16] = open16.Id;
        DifficultyIdsByAgeInDays[15] = open15.Id;
        DifficultyIdsByAgeInDays[2] = open2.Id;
        AnsweredOldDifficultyId = answered.Id;
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();

    public IEnumerable<SeedActivity> In(DateOnly from, DateOnly to) => Activities.Where(a => a.Date >= from && a.Date <= to);
}

public sealed record SeedActivity(
    string Agency, string Channel, DateOnly Date, int Quantity, long? SecondMeasure, long? Cost, string[] Objectives, string[] Themes);
