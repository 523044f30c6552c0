using CommsPlan.Core.Access;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Data;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Tests.Core.Activities;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommsPlan.Tests.Core.ReportingCycle;

/// <summary>A seeded database, a clock the test moves, and the services of the reporting cycle on them.</summary>
public sealed class PeriodReportKit : IAsyncDisposable
{
    private PeriodReportKit(TestDatabase database, ActivityTestKit activities)
    {
        Database = database;
        Activities = activities;
    }

    public TestDatabase Database { get; }
    public ActivityTestKit Activities { get; }
    /// <summary>10:00 in Thái Nguyên on the demo's today, 20/10/2021, until a test moves it.</summary>
    public MovableClock Time { get; } = new(new DateTimeOffset(2021, 10, 20, 3, 0, 0, TimeSpan.Zero));
    public RecordingNotifier Notifier { get; } = new();

    public static readonly CurrentUser Monitor = ActivityTestKit.Monitor;
    public static readonly CurrentUser Viewer = ActivityTestKit.Viewer;
    public static readonly CurrentUser Admin = ActivityTestKit.Admin;

    public static async Task<PeriodReportKit> CreateAsync(DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var database = await TestDatabase.CreateAsync(provider);
        return new PeriodReportKit(database, await ActivityTestKit.CreateAsync(database));
    }

    public PeriodReportService Reports(int dueDays = 5) =>
        new(Database.Factory, Time, Notifier, Options.Create(new ReportingOptions { DueDays = dueDays }));

    public ActivityService ActivityService() => new(Database.Factory, Time, Notifier, new PeriodLock());

    public int Agency(string code) => Activities.Agencies[code];

    public CurrentUser Officer(string code = "STP") => Activities.Officer(code, code == "STP" ? "tuphap" : code.ToLowerInvariant());

    public void SetToday(DateOnly day) => Time.Now = new DateTimeOffset(day.ToDateTime(new TimeOnly(3, 0)), TimeSpan.Zero);

    /// <summary>An activity of the agency dated <paramref name="date"/>, saved through the service.</summary>
    public async Task<ActivityDetails> AddActivityAsync(string code, DateOnly date, string? title = null)
    {
        var input = Activities.Input(code, title ?? $"Hội nghị {Guid.NewGuid():N}");
        input.StartDate = date;
        return await ActivityService().CreateAsync(Officer(code), input);
    }

    /// <summary>A report stored as it would be after its history, for figures on a set of reports.</summary>
    public async Task StoreAsync(string code, string periodKey, PeriodReportStatus status, DateOnly firstSubmittedOn, DateOnly? submittedOn = null)
    {
        await using var db = Database.CreateContext();
        db.PeriodReports.Add(new PeriodReport
        {
            AgencyId = Agency(code),
            PeriodKey = periodKey,
            Status = status,
            FirstSubmittedOn = firstSubmittedOn,
            SubmittedOn = submittedOn ?? firstSubmittedOn,
            SubmittedBy = "canbo",
            ReviewedOn = status is PeriodReportStatus.Accepted or PeriodReportStatus.SentBack ? (submittedOn ?? firstSubmittedOn).AddDays(1) : null,
            ReviewedBy = status is PeriodReportStatus.Accepted or PeriodReportStatus.SentBack ? "giamsat" : null,
            ReviewComment = status == PeriodReportStatus.SentBack ? "Bổ sung minh chứng." : null,
        });
        await db.SaveChangesAsync();
    }

    public async Task<int> ActiveAgencyCountAsync()
    {
        await using var db = Database.CreateContext();
        return await db.Agencies.CountAsync(a => a.IsActive);
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}

/// <summary>A clock standing still at <see cref="Now"/>, which a test may move either way (a due date, then the day before).</summary>
public sealed class MovableClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
