using CommsPlan.Core.Access;
using CommsPlan.Core.Audit;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Core.Mail;
using CommsPlan.Core.Notifications;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Tests.Support;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace CommsPlan.Tests.Core.Notifications;

/// <summary>Đôn đốc: the Office's urging notice to agencies whose quarterly report is overdue, through the outbox to a real SMTP server.</summary>
public abstract class UrgingServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    // 1 April 2021: Quý I/2021 (cut-off 14/3) was due on 19/3, so every agency that has not sent it is 13 days late.
    private static readonly DateOnly Today = new(2021, 4, 1);
    private static readonly CurrentUser Monitor = new("id-giamsat", "giamsat", [Roles.Monitor], null);
    private readonly FixedClock _clock = new(Today);
    private TestDatabase _database = null!;
    private Dictionary<string, int> _ids = [];

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        await using var db = _database.CreateContext();
        _ids = await db.Agencies.ToDictionaryAsync(a => a.Code, a => a.Id);
        // Sở Tư pháp: an officer with an address and the agency's mailbox; Đại Từ: the mailbox only; Sở Y tế: neither.
        foreach (var agency in await db.Agencies.ToListAsync()) agency.ContactEmail = "";
        (await db.Agencies.SingleAsync(a => a.Code == "STP")).ContactEmail = "vanthu.stp@thainguyen.example";
        (await db.Agencies.SingleAsync(a => a.Code == "DAITU")).ContactEmail = "vanthu.daitu@thainguyen.example";
        db.Users.Add(new AppUser { Id = "id-tuphap", UserName = "tuphap", FullName = "Trần Thị Tư Pháp", Email = "tuphap@thainguyen.example", AgencyId = _ids["STP"] });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private UrgingService Service() => new(_database.Factory, Options.Create(new ReportingOptions()), _clock);

    [Fact]
    public async Task TheOverdueAgenciesAreListedWithTheirRecipientsAndThoseWithoutAnAddressAreMarked()
    {
        var candidates = await Service().LoadAsync(Monitor, "2021-Q1");

        var stp = candidates.Single(c => c.Agency.Code == "STP");
        Assert.Equal(["tuphap@thainguyen.example", "vanthu.stp@thainguyen.example"], stp.Recipients.Select(r => r.Address));
        Assert.Equal((new DateOnly(2021, 3, 19), 13), (stp.DueDate, stp.DaysLate));
        Assert.Equal(["vanthu.daitu@thainguyen.example"], candidates.Single(c => c.Agency.Code == "DAITU").Recipients.Select(r => r.Address));
        Assert.False(candidates.Single(c => c.Agency.Code == "SYT").HasEmail);
    }

    [Fact]
    public async Task AnOfficerWhoTurnedEveryMailOffIsStillUrged()
    {
        await using (var db = _database.CreateContext())
        {
            (await db.Users.SingleAsync(u => u.Id == "id-tuphap")).MailOptOut =
                MailKinds.UnitPlanDue | MailKinds.ReportDue | MailKinds.ReportSentBack | MailKinds.DifficultyAnswered | MailKinds.WeeklyDigest;
            await db.SaveChangesAsync();
        }

        var candidates = await Service().LoadAsync(Monitor, "2021-Q1");

        Assert.Contains("tuphap@thainguyen.example", candidates.Single(c => c.Agency.Code == "STP").Recipients.Select(r => r.Address));
    }

    [Fact]
    public async Task AnAgencyThatSentItsReportIsNotOverdue()
    {
        await using (var db = _database.CreateContext())
        {
            db.PeriodReports.Add(new PeriodReport
            {
                AgencyId = _ids["STP"], PeriodKey = "2021-Q1", Status = PeriodReportStatus.Submitted,
                SubmittedOn = new DateOnly(2021, 3, 18), FirstSubmittedOn = new DateOnly(2021, 3, 18), SubmittedBy = "tuphap",
            });
            await db.SaveChangesAsync();
        }

        var candidates = await Service().LoadAsync(Monitor, "2021-Q1");

        Assert.DoesNotContain(candidates, c => c.Agency.Code == "STP");
        Assert.Contains(candidates, c => c.Agency.Code == "DAITU");
    }

    [Fact]
    public async Task OnlyMonitorsUrge()
    {
        var officer = new CurrentUser("id-tuphap", "tuphap", [Roles.AgencyOfficer], _ids["STP"]);
        var leader = new CurrentUser("id-lanhdao", "lanhdao", [Roles.Viewer], null);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service().LoadAsync(officer, "2021-Q1"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service().SendAsync(leader, "2021-Q1", [_ids["STP"]], null));
    }

    [Fact]
    public async Task TheNoticeReachesEachRecipientOnceWithTheLetterAttachedAndIsAudited()
    {
        using var smtp = new SmtpTestServer();
        await smtp.StartAsync();

        var result = await Service().SendAsync(Monitor, "2021-Q1", [_ids["STP"], _ids["DAITU"], _ids["SYT"]], "58");
        var sender = new OutboxSender(_database.Factory,
            Options.Create(new MailOptions { Host = "127.0.0.1", Port = smtp.Port, UseTls = false, From = "kstt@thainguyen.gov.vn" }),
            _clock, NullLogger<OutboxSender>.Instance);
        await sender.SendDueAsync();
        await sender.SendDueAsync();

        Assert.Equal(["Sở Tư pháp", "UBND huyện Đại Từ"], result.Urged);
        Assert.Equal(["Sở Y tế"], result.WithoutEmail);
        Assert.Equal(3, result.Mails);
        var messages = smtp.Messages();
        Assert.Equal(["tuphap@thainguyen.example", "vanthu.daitu@thainguyen.example", "vanthu.stp@thainguyen.example"],
            messages.Select(m => m.To.Mailboxes.Single().Address).Order(StringComparer.Ordinal));
        var toStp = messages.Single(m => m.To.Mailboxes.Single().Address == "tuphap@thainguyen.example");
        Assert.Equal("Đôn đốc gửi báo cáo định kỳ Quý I/2021 - Văn phòng UBND tỉnh", toStp.Subject);
        Assert.Contains("đã quá thời hạn ngày 19/3/2021", toStp.TextBody);
        var attachment = Assert.Single(toStp.Attachments.OfType<MimeKit.MimePart>());
        Assert.Equal("CongVan_DonDoc_STP_2021-Q1.docx", attachment.FileName);
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content);
        content.Position = 0;
        using (var letter = WordprocessingDocument.Open(content, false))
        {
            var text = letter.MainDocumentPart!.Document.Body!.Descendants<W.Paragraph>().Select(p => p.InnerText).Where(t => t.Length > 0).ToList();
            Assert.Equal(["UBND TỈNH THÁI NGUYÊN", "VĂN PHÒNG", "Số: 58/VPUBND-KSTT", "V/v đôn đốc gửi báo cáo định kỳ Quý I/2021"], text.Take(4));
            Assert.Contains("Kính gửi: Sở Tư pháp.", text);
            Assert.Contains(text, t => t.Contains("chưa gửi báo cáo định kỳ Quý I/2021", StringComparison.Ordinal)
                && t.Contains("(ngày 19/3/2021) 13 ngày", StringComparison.Ordinal));
            Assert.Contains(text, t => t.StartsWith("Thực hiện Kế hoạch số 20/KH-UBND ngày 04/02/2021", StringComparison.Ordinal));
        }

        await using var db = _database.CreateContext();
        var audit = await db.AuditEntries.Where(e => e.EntityType == UrgingService.AuditType).OrderBy(e => e.EntityId).ToListAsync();
        Assert.Equal(["2021-Q1:DAITU", "2021-Q1:STP"], audit.Select(a => a.EntityId));
        Assert.All(audit, a => Assert.Equal("giamsat", a.UserName));
        Assert.All(await db.OutboxMails.ToListAsync(), m => Assert.Equal((MailKind.Urging, MailStatus.Sent), (m.Kind, m.Status)));
    }

    [Fact]
    public async Task NothingChosenIsRefusedWithAReason()
    {
        var refused = await Assert.ThrowsAsync<BusinessRuleException>(() => Service().SendAsync(Monitor, "2021-Q1", [], null));

        Assert.Equal("Chọn ít nhất một cơ quan, đơn vị để đôn đốc.", refused.Message);
    }

    public sealed class OnSqlite() : UrgingServiceTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : UrgingServiceTests(DatabaseProvider.PostgreSQL), IOnPostgreSql;
}
