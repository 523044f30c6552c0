using CommsPlan.Core.Access;
using CommsPlan.Core.Data;
using CommsPlan.Core.Feedback;
using CommsPlan.Core.Mail;
using CommsPlan.Core.Notifications;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Core.UnitPlans;
using CommsPlan.Tests.Core.ReportingCycle;
using CommsPlan.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CommsPlan.Tests.Core.Notifications;

/// <summary>
/// The scheduled reminders and the monitors' digest, on a clock the test moves, delivered through the outbox to a real
/// SMTP server. Plan 2021: Quý I/2021's report is due on 19/3/2021, the NV1 unit plan on 31/3/2021.
/// </summary>
public abstract class MailReminderServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    private readonly MovableClock _clock = new(At(new DateOnly(2021, 3, 12), 6, 59));
    private readonly SmtpTestServer _smtp = new();
    private TestDatabase _database = null!;
    private Dictionary<string, int> _ids = [];

    /// <summary>The instant at <paramref name="hour"/>:<paramref name="minute"/> of Vietnam's day (UTC+7).</summary>
    private static DateTimeOffset At(DateOnly day, int hour, int minute = 0) =>
        new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.FromHours(7)).ToUniversalTime();

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        await using var db = _database.CreateContext();
        _ids = await db.Agencies.ToDictionaryAsync(a => a.Code, a => a.Id);
        // Sở Tư pháp: an officer and the mailbox; Đại Từ: an officer who turned report reminders off, and the mailbox;
        // Sở Y tế and every other agency: no address at all.
        foreach (var agency in await db.Agencies.ToListAsync()) agency.ContactEmail = "";
        (await db.Agencies.SingleAsync(a => a.Code == "STP")).ContactEmail = "vanthu.stp@thainguyen.example";
        (await db.Agencies.SingleAsync(a => a.Code == "DAITU")).ContactEmail = "vanthu.daitu@thainguyen.example";
        db.Users.Add(new AppUser { Id = "id-tuphap", UserName = "tuphap", FullName = "Trần Thị Tư Pháp", Email = "tuphap@thainguyen.example", AgencyId = _ids["STP"] });
        db.Users.Add(new AppUser
        {
            Id = "id-daitu", UserName = "daitu", FullName = "Hoàng Văn Đại", Email = "daitu@thainguyen.example", AgencyId = _ids["DAITU"],
            MailOptOut = MailKinds.ReportDue,
        });
        db.Users.Add(new AppUser { Id = "id-giamsat", UserName = "giamsat", FullName = "Nguyễn Thị Giám Sát", Email = "giamsat@thainguyen.example" });
        db.Users.Add(new AppUser
        {
            Id = "id-giamsat2", UserName = "giamsat2", FullName = "Phạm Văn Không Nhận", Email = "giamsat2@thainguyen.example", MailOptOut = MailKinds.WeeklyDigest,
        });
        var monitor = await db.Roles.SingleOrDefaultAsync(r => r.Name == Roles.Monitor);
        if (monitor is null)
        {
            monitor = new IdentityRole(Roles.Monitor) { NormalizedName = Roles.Monitor.ToUpperInvariant() };
            db.Roles.Add(monitor);
        }
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = "id-giamsat", RoleId = monitor.Id });
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = "id-giamsat2", RoleId = monitor.Id });
        await db.SaveChangesAsync();
        await _smtp.StartAsync();
    }

    public async Task DisposeAsync()
    {
        _smtp.Dispose();
        await _database.DisposeAsync();
    }

    private MailReminderService Reminders() => new(_database.Factory, new UnitPlanService(_database.Factory, _clock, new CapturingChangeNotifier()),
        Options.Create(new ReportingOptions()), Options.Create(new MailOptions { ReminderHour = 7 }), _clock);

    /// <summary>Sends everything queued and returns what the server received since the last call.</summary>
    private async Task<List<MimeMessage>> DeliverAsync()
    {
        var before = _smtp.Messages().Count;
        var sender = new OutboxSender(_database.Factory,
            Options.Create(new MailOptions { Host = "127.0.0.1", Port = _smtp.Port, UseTls = false, From = "kstt@thainguyen.gov.vn" }),
            _clock, NullLogger<OutboxSender>.Instance);
        while (await sender.SendDueAsync() > 0)
        {
        }
        return [.. _smtp.Messages().Skip(before)];
    }

    /// <summary>The agencies' reminders, without the monitors' digest that the same runs write.</summary>
    private async Task<List<MimeMessage>> DeliverRemindersAsync() =>
        [.. (await DeliverAsync()).Where(m => !m.Subject!.StartsWith("Tổng hợp tuần", StringComparison.Ordinal))];

    private static string To(MimeMessage message) => message.To.Mailboxes.Single().Address;

    private static List<string> Addresses(IEnumerable<MimeMessage> messages) => [.. messages.Select(To).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task TheReportReminderArrivesOnceAWeekBeforeAndOnceOnTheDueDayFromTheReminderHour()
    {
        // 06:59 on 12/3: seven days before, but the hour has not come.
        Assert.Equal(ReminderRun.None, await Reminders().RunAsync());

        _clock.Now = At(new DateOnly(2021, 3, 12), 7, 0);
        var run = await Reminders().RunAsync();
        _clock.Now = At(new DateOnly(2021, 3, 12), 7, 40);
        var again = await Reminders().RunAsync();
        var week = await DeliverRemindersAsync();

        // The Đại Từ officer turned report reminders off; the agency's mailbox still hears.
        Assert.Equal(["tuphap@thainguyen.example", "vanthu.daitu@thainguyen.example", "vanthu.stp@thainguyen.example"], Addresses(week));
        Assert.Equal(0, again.Mails);
        Assert.Contains("Sở Y tế", run.WithoutEmail);
        Assert.DoesNotContain("Sở Tư pháp", run.WithoutEmail);
        var toStp = week.Single(m => To(m) == "tuphap@thainguyen.example");
        Assert.Equal("Nhắc hạn gửi báo cáo định kỳ Quý I/2021: hạn ngày 19/3/2021", toStp.Subject);
        Assert.Contains("Kính gửi: Sở Tư pháp", toStp.TextBody);
        Assert.Contains("chậm nhất ngày 19/3/2021", toStp.TextBody);
        Assert.Contains("Còn 7 ngày đến hạn.", toStp.TextBody);

        // The next days of that week write nothing more.
        _clock.Now = At(new DateOnly(2021, 3, 15), 8, 0);
        await Reminders().RunAsync();
        Assert.Empty(await DeliverRemindersAsync());

        // On the day, Đại Từ has sent its report: only Sở Tư pháp is reminded, once, however often the scheduler looks.
        await using (var db = _database.CreateContext())
        {
            db.PeriodReports.Add(new PeriodReport
            {
                AgencyId = _ids["DAITU"], PeriodKey = "2021-Q1", Status = PeriodReportStatus.Submitted,
                SubmittedOn = new DateOnly(2021, 3, 18), FirstSubmittedOn = new DateOnly(2021, 3, 18), SubmittedBy = "daitu",
            });
            await db.SaveChangesAsync();
        }
        _clock.Now = At(new DateOnly(2021, 3, 19), 6, 0);
        Assert.Equal(0, (await Reminders().RunAsync()).Mails);
        _clock.Now = At(new DateOnly(2021, 3, 19), 7, 5);
        await Reminders().RunAsync();
        _clock.Now = At(new DateOnly(2021, 3, 19), 7, 10);
        await Reminders().RunAsync();
        var day = await DeliverRemindersAsync();

        Assert.Equal(["tuphap@thainguyen.example", "vanthu.stp@thainguyen.example"], Addresses(day));
        Assert.All(day, m => Assert.Equal("Hôm nay là hạn gửi báo cáo định kỳ Quý I/2021 (ngày 19/3/2021)", m.Subject));
        Assert.All(day, m => Assert.Contains("Hôm nay là ngày cuối của thời hạn.", m.TextBody));
    }

    [Fact]
    public async Task TheUnitPlanReminderGoesToAgenciesWithoutAUnitPlanAWeekBeforeAndOnTheDeadline()
    {
        await using (var db = _database.CreateContext())
        {
            var plan = await db.Plans.SingleAsync();
            db.UnitPlans.Add(new UnitPlan { PlanId = plan.Id, AgencyId = _ids["DAITU"], DocumentNumber = "12/KH-UBND", IssuedOn = new DateOnly(2021, 3, 1) });
            await db.SaveChangesAsync();
        }

        _clock.Now = At(new DateOnly(2021, 3, 24), 7, 0);
        var run = await Reminders().RunAsync();
        await Reminders().RunAsync();
        var before = await DeliverRemindersAsync();
        _clock.Now = At(new DateOnly(2021, 3, 31), 9, 0);
        await Reminders().RunAsync();
        await Reminders().RunAsync();
        var onTheDay = await DeliverRemindersAsync();

        // Đại Từ has its unit plan; Sở Tư pháp has not, and hears at both dates, once each.
        Assert.Equal(["tuphap@thainguyen.example", "vanthu.stp@thainguyen.example"], Addresses(before));
        Assert.Contains("Sở Y tế", run.WithoutEmail);
        Assert.All(before, m => Assert.Equal("Nhắc hạn ban hành kế hoạch truyền thông của đơn vị: hạn ngày 31/3/2021", m.Subject));
        Assert.All(before, m => Assert.Contains("Còn 7 ngày đến hạn.", m.TextBody));
        Assert.All(before, m => Assert.Contains("chưa ghi nhận kế hoạch của Sở Tư pháp", m.TextBody));
        Assert.Equal(["tuphap@thainguyen.example", "vanthu.stp@thainguyen.example"], Addresses(onTheDay));
        Assert.All(onTheDay, m => Assert.Equal("Hôm nay là hạn ban hành kế hoạch truyền thông của đơn vị (ngày 31/3/2021)", m.Subject));
    }

    [Fact]
    public async Task MonitorsGetTheWeeklyDigestOnceAWeekUnlessTheyTurnedItOff()
    {
        await using (var db = _database.CreateContext())
        {
            db.PeriodReports.Add(new PeriodReport
            {
                AgencyId = _ids["STP"], PeriodKey = "2021-Q1", Status = PeriodReportStatus.Submitted,
                SubmittedOn = new DateOnly(2021, 3, 18), FirstSubmittedOn = new DateOnly(2021, 3, 18), SubmittedBy = "tuphap",
            });
            db.Difficulties.Add(new Difficulty { AgencyId = _ids["DAITU"], Title = "Thiếu kinh phí in tờ gấp", Content = "Chưa được bố trí.", RaisedOn = new DateOnly(2021, 3, 10), Status = DifficultyStatus.Open });
            db.Difficulties.Add(new Difficulty { AgencyId = _ids["STP"], Title = "Mới nêu hôm qua", Content = "Chưa quá hạn.", RaisedOn = new DateOnly(2021, 4, 4), Status = DifficultyStatus.Open });
            await db.SaveChangesAsync();
        }

        // Monday 05/04/2021, then again on Wednesday of the same week, then the next Monday.
        _clock.Now = At(new DateOnly(2021, 4, 5), 7, 0);
        await Reminders().RunAsync();
        _clock.Now = At(new DateOnly(2021, 4, 7), 10, 0);
        await Reminders().RunAsync();
        var week = await DeliverAsync();
        _clock.Now = At(new DateOnly(2021, 4, 12), 7, 30);
        await Reminders().RunAsync();
        var next = await DeliverAsync();

        var digest = Assert.Single(week);
        Assert.Equal("giamsat@thainguyen.example", To(digest));
        Assert.StartsWith("Tổng hợp tuần từ ngày 05/4/2021:", digest.Subject);
        Assert.Contains("- UBND huyện Đại Từ: chưa gửi báo cáo Quý I/2021 (hạn ngày 19/3/2021, quá 17 ngày)", digest.TextBody);
        Assert.Contains("- Sở Y tế: chưa ban hành kế hoạch của đơn vị (NV1, hạn ngày 31/3/2021)", digest.TextBody);
        Assert.Contains("- Sở Tư pháp: báo cáo Quý I/2021, gửi ngày 18/3/2021", digest.TextBody);
        Assert.Contains("- UBND huyện Đại Từ: Thiếu kinh phí in tờ gấp (nêu ngày 10/3/2021, 26 ngày)", digest.TextBody);
        Assert.DoesNotContain("Mới nêu hôm qua", digest.TextBody);
        Assert.Equal("giamsat@thainguyen.example", To(Assert.Single(next)));
    }

    [Fact]
    public void TheStagesAreTheWeekBeforeAndTheDay()
    {
        var due = new DateOnly(2021, 3, 19);
        Assert.Equal([null, "d7", "d7", "d0", null],
            new[] { due.AddDays(-8), due.AddDays(-7), due.AddDays(-1), due, due.AddDays(1) }.Select(d => MailReminderService.Stage(d, due)));
    }

    public sealed class OnSqlite() : MailReminderServiceTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : MailReminderServiceTests(DatabaseProvider.PostgreSQL), IOnPostgreSql;
}
