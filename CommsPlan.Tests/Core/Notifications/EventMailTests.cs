using CommsPlan.Core.Access;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Core.Feedback;
using CommsPlan.Core.Mail;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CommsPlan.Tests.Core.Notifications;

/// <summary>
/// Mail written with the event it tells about: a period report sent back, a difficulty answered. Delivered through
/// the outbox to a real SMTP server.
/// </summary>
public abstract class EventMailTests(DatabaseProvider provider) : IAsyncLifetime
{
    private const string Q3 = "2021-Q3";
    // 10:00 in Thái Nguyên on 05/10/2021: Quý III/2021 (cut-off 14/9) can be sent and reviewed.
    private readonly FixedClock _clock = new(new DateOnly(2021, 10, 5));
    private readonly SmtpTestServer _smtp = new();
    private readonly CapturingChangeNotifier _notifier = new();
    private TestDatabase _database = null!;
    private int _stp;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _stp = await _database.AgencyIdAsync("STP");
        await using var db = _database.CreateContext();
        foreach (var agency in await db.Agencies.ToListAsync()) agency.ContactEmail = "";
        (await db.Agencies.SingleAsync(a => a.Id == _stp)).ContactEmail = "vanthu.stp@thainguyen.example";
        db.Users.Add(new AppUser { Id = "id-tuphap", UserName = "tuphap", FullName = "Trần Thị Tư Pháp", Email = "tuphap@thainguyen.example", AgencyId = _stp });
        db.Users.Add(new AppUser
        {
            Id = "id-tuphap2", UserName = "tuphap2", FullName = "Lê Văn Nghỉ Thư", Email = "nghithu@thainguyen.example", AgencyId = _stp,
            MailOptOut = MailKinds.ReportSentBack | MailKinds.DifficultyAnswered,
        });
        await db.SaveChangesAsync();
        await _smtp.StartAsync();
    }

    public async Task DisposeAsync()
    {
        _smtp.Dispose();
        await _database.DisposeAsync();
    }

    private PeriodReportService Reports() => new(_database.Factory, _clock, _notifier, Options.Create(new ReportingOptions()));

    private DifficultyService Difficulties() =>
        new(_database.Factory, _clock, new DifficultyInputValidator(), new DifficultyAnswerInputValidator(), _notifier);

    private async Task<List<MimeKit.MimeMessage>> DeliverAsync()
    {
        var sender = new OutboxSender(_database.Factory,
            Options.Create(new MailOptions { Host = "127.0.0.1", Port = _smtp.Port, UseTls = false, From = "kstt@thainguyen.gov.vn" }),
            _clock, NullLogger<OutboxSender>.Instance);
        while (await sender.SendDueAsync() > 0)
        {
        }
        return [.. _smtp.Messages()];
    }

    private static string To(MimeKit.MimeMessage message) => message.To.Mailboxes.Single().Address;

    [Fact]
    public async Task ASentBackReportReachesTheAgencysOfficersAndMailboxWithTheOfficesComment()
    {
        var sent = await Reports().SubmitAsync(ActingUsers.Officer(_stp, "tuphap"), _stp, Q3, null, 0);
        await Reports().SendBackAsync(ActingUsers.Monitor, _stp, Q3, "Bổ sung số liệu kênh Cổng thông tin điện tử.", sent.Report.Version);

        var messages = await DeliverAsync();

        // The officer who turned sent-back notices off gets none; the agency's mailbox has no such switch.
        Assert.Equal(["tuphap@thainguyen.example", "vanthu.stp@thainguyen.example"], messages.Select(To).Order(StringComparer.Ordinal));
        var message = messages.First();
        Assert.Equal("Báo cáo định kỳ Quý III/2021 của Sở Tư pháp bị trả lại", message.Subject);
        Assert.Contains("Kính gửi: Sở Tư pháp", message.TextBody);
        Assert.Contains("Ngày 05/10/2021, Văn phòng UBND tỉnh đã trả lại báo cáo định kỳ Quý III/2021", message.TextBody);
        Assert.Contains("Bổ sung số liệu kênh Cổng thông tin điện tử.", message.TextBody);
        Assert.Contains("hạn gửi báo cáo Quý III/2021 là ngày 19/9/2021", message.TextBody);
    }

    [Fact]
    public async Task ASecondSendBackAfterANewSubmissionIsToldAgainAndAnAcceptanceIsNot()
    {
        var officer = ActingUsers.Officer(_stp, "tuphap");
        var sent = await Reports().SubmitAsync(officer, _stp, Q3, null, 0);
        var back = await Reports().SendBackAsync(ActingUsers.Monitor, _stp, Q3, "Thiếu minh chứng.", sent.Report.Version);
        var again = await Reports().SubmitAsync(officer, _stp, Q3, null, back.Report.Version);
        var backAgain = await Reports().SendBackAsync(ActingUsers.Monitor, _stp, Q3, "Vẫn thiếu minh chứng.", again.Report.Version);
        var last = await Reports().SubmitAsync(officer, _stp, Q3, null, backAgain.Report.Version);
        await Reports().AcceptAsync(ActingUsers.Monitor, _stp, Q3, last.Report.Version);

        var messages = await DeliverAsync();

        Assert.Equal(4, messages.Count);
        Assert.Equal(2, messages.Count(m => m.TextBody!.Contains("Vẫn thiếu minh chứng.", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ASendBackThatIsRefusedWritesNoMail()
    {
        var sent = await Reports().SubmitAsync(ActingUsers.Officer(_stp, "tuphap"), _stp, Q3, null, 0);

        // A stale version: the report and its mail are both refused.
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Reports().SendBackAsync(ActingUsers.Monitor, _stp, Q3, "Sai phiên bản.", sent.Report.Version - 1));

        await using var db = _database.CreateContext();
        Assert.False(await db.OutboxMails.AnyAsync());
    }

    [Fact]
    public async Task AnAnsweredDifficultyReachesTheRaisersAgencyWithTheAnswer()
    {
        var raised = await Difficulties().RaiseAsync(ActingUsers.Officer(_stp, "tuphap"),
            new DifficultyInput { AgencyId = _stp, Title = "Thiếu kinh phí in tờ gấp", Content = "Đơn vị chưa được bố trí kinh phí năm 2021." });
        await Difficulties().AnswerAsync(ActingUsers.Monitor, raised.Id,
            new DifficultyAnswerInput { Answer = "Đề nghị lồng ghép vào kinh phí cải cách hành chính.", Version = raised.Version });

        var messages = await DeliverAsync();

        Assert.Equal(["tuphap@thainguyen.example", "vanthu.stp@thainguyen.example"], messages.Select(To).Order(StringComparer.Ordinal));
        var message = messages.First();
        Assert.Equal("Văn phòng UBND tỉnh đã trả lời khó khăn, vướng mắc: Thiếu kinh phí in tờ gấp", message.Subject);
        Assert.Contains("Ngày 05/10/2021, Văn phòng UBND tỉnh đã trả lời khó khăn, vướng mắc đơn vị nêu ngày 05/10/2021", message.TextBody);
        Assert.Contains("Đề nghị lồng ghép vào kinh phí cải cách hành chính.", message.TextBody);
        await using var db = _database.CreateContext();
        Assert.All(await db.OutboxMails.ToListAsync(), m => Assert.Equal((MailKind.DifficultyAnswered, _stp, MailStatus.Sent), (m.Kind, m.AgencyId, m.Status)));
    }

    public sealed class OnSqlite() : EventMailTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : EventMailTests(DatabaseProvider.PostgreSQL), IOnPostgreSql;
}
