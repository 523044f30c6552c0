using CommsPlan.Core.Data;
using CommsPlan.Core.Mail;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CommsPlan.Tests.Core.Mail;

/// <summary>The outbox's sender against a real SMTP server on loopback.</summary>
public abstract class OutboxSenderTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly DateTime Start = new(2021, 10, 20, 1, 0, 0, DateTimeKind.Utc);
    private readonly MovableClock _clock = new(Start);
    private readonly SmtpTestServer _smtp = new();
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(provider);

    public async Task DisposeAsync()
    {
        _smtp.Dispose();
        await _database.DisposeAsync();
    }

    private OutboxSender Sender(MailOptions? settings = null) => new(_database.Factory,
        Options.Create(settings ?? new MailOptions { Host = "127.0.0.1", Port = _smtp.Port, UseTls = false, From = "kstt@thainguyen.gov.vn" }),
        _clock, NullLogger<OutboxSender>.Instance);

    private async Task EnqueueAsync(params OutgoingMail[] mails)
    {
        await using var db = _database.CreateContext();
        foreach (var mail in mails) await Outbox.EnqueueAsync(db, mail, _clock.GetUtcNow().UtcDateTime, "giamsat");
        await db.SaveChangesAsync();
    }

    private static OutgoingMail Mail(string key, string to, string subject) =>
        new(MailKind.ReportDue, key, to, "Sở Tư pháp", subject, "Kính gửi Sở Tư pháp,\nHạn gửi báo cáo Quý III/2021 là ngày 19/9/2021.");

    private async Task<List<OutboxMail>> OutboxAsync()
    {
        await using var db = _database.CreateContext();
        return await db.OutboxMails.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
    }

    [Fact]
    public async Task QueuedMailArrivesOnceInVietnameseWithItsAttachment()
    {
        await _smtp.StartAsync();
        var document = new byte[] { 80, 75, 3, 4, 1, 2, 3 };
        await EnqueueAsync(Mail("report-due:2021-Q3:d7:STP", "tuphap@thainguyen.gov.vn", "Nhắc hạn gửi báo cáo định kỳ Quý III/2021") with
        {
            AttachmentName = "CongVan_DonDoc_STP.docx", Attachment = document,
        });
        // The same key again (a second scheduler run) adds nothing.
        await EnqueueAsync(Mail("report-due:2021-Q3:d7:STP", "tuphap@thainguyen.gov.vn", "Nhắc lại"));

        Assert.Equal(1, await Sender().SendDueAsync());
        Assert.Equal(0, await Sender().SendDueAsync());

        var message = Assert.Single(_smtp.Messages());
        Assert.Equal("Nhắc hạn gửi báo cáo định kỳ Quý III/2021", message.Subject);
        Assert.Equal("tuphap@thainguyen.gov.vn", message.To.Mailboxes.Single().Address);
        Assert.Equal("Sở Tư pháp", message.To.Mailboxes.Single().Name);
        Assert.Equal("kstt@thainguyen.gov.vn", message.From.Mailboxes.Single().Address);
        Assert.Contains("Hạn gửi báo cáo Quý III/2021 là ngày 19/9/2021.", message.TextBody);
        var attachment = Assert.Single(message.Attachments.OfType<MimeKit.MimePart>());
        Assert.Equal("CongVan_DonDoc_STP.docx", attachment.FileName);
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content);
        Assert.Equal(document, content.ToArray());
        var row = Assert.Single(await OutboxAsync());
        Assert.Equal((MailStatus.Sent, 1, (string?)null), (row.Status, row.Attempts, row.LockedBy));
        Assert.Equal(Start, row.SentAt);
    }

    [Fact]
    public async Task AServerThatIsDownLeavesTheMailQueuedAndItGoesOutWhenTheServerIsBack()
    {
        await EnqueueAsync(Mail("a", "tuphap@thainguyen.gov.vn", "Thư một"), Mail("b", "daitu@thainguyen.gov.vn", "Thư hai"));

        Assert.Equal(0, await Sender().SendDueAsync());
        var waiting = await OutboxAsync();
        Assert.All(waiting, m =>
        {
            Assert.Equal((MailStatus.Pending, 1, (string?)null), (m.Status, m.Attempts, m.LockedBy));
            Assert.Equal(Start + OutboxSender.Backoff(1), m.NextAttemptAt);
            Assert.False(string.IsNullOrEmpty(m.LastError));
        });
        // Not due yet: nothing is tried (the attempts stay), even with the server back.
        await _smtp.StartAsync();
        Assert.Equal(0, await Sender().SendDueAsync());
        Assert.All(await OutboxAsync(), m => Assert.Equal(1, m.Attempts));

        _clock.Advance(OutboxSender.Backoff(1));
        Assert.Equal(2, await Sender().SendDueAsync());

        Assert.Equal(["Thư hai", "Thư một"], _smtp.Messages().Select(m => m.Subject).Order(StringComparer.Ordinal));
        Assert.All(await OutboxAsync(), m => Assert.Equal((MailStatus.Sent, 2), (m.Status, m.Attempts)));
    }

    [Fact]
    public void TheBackoffDoublesUpToItsCeiling()
    {
        Assert.Equal([1, 2, 4, 8, 16], Enumerable.Range(1, 5).Select(a => OutboxSender.Backoff(a).TotalMinutes));
        Assert.Equal(OutboxSender.MaxBackoff, OutboxSender.Backoff(30));
    }

    [Fact]
    public async Task TwoSendersOnOneDatabaseSendEachMailOnce()
    {
        await _smtp.StartAsync();
        var count = OutboxSender.BatchSize + 15;
        await EnqueueAsync([.. Enumerable.Range(1, count).Select(i => Mail($"m{i}", $"can-bo-{i}@thainguyen.gov.vn", $"Thư số {i}"))]);
        // Two instances of the app: each its own sender, both looking at the same outbox at once.
        var first = Sender();
        var second = Sender();

        var sent = 0;
        for (var round = 0; round < 5 && sent < count; round++)
        {
            var both = await Task.WhenAll(first.SendDueAsync(), second.SendDueAsync());
            sent += both.Sum();
        }

        Assert.Equal(count, sent);
        var subjects = _smtp.Messages().Select(m => m.Subject).ToList();
        Assert.Equal(count, subjects.Count);
        Assert.Equal(count, subjects.Distinct().Count());
        Assert.All(await OutboxAsync(), m => Assert.Equal((MailStatus.Sent, 1), (m.Status, m.Attempts)));
    }

    [Fact]
    public async Task WithoutSettingsNothingIsSentAndTheMailWaits()
    {
        await _smtp.StartAsync();
        await EnqueueAsync(Mail("a", "tuphap@thainguyen.gov.vn", "Thư một"));

        var sender = Sender(new MailOptions());

        Assert.False(sender.IsConfigured);
        Assert.Equal(0, await sender.SendDueAsync());
        Assert.Empty(_smtp.Messages());
        Assert.Equal((MailStatus.Pending, 0), (await OutboxAsync()).Select(m => (m.Status, m.Attempts)).Single());
    }

    private sealed class MovableClock(DateTime utc) : TimeProvider
    {
        private DateTime _now = utc;
        public override DateTimeOffset GetUtcNow() => new(_now, TimeSpan.Zero);
        public void Advance(TimeSpan by) => _now += by;
    }

    public sealed class OnSqlite() : OutboxSenderTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : OutboxSenderTests(DatabaseProvider.PostgreSQL), IOnPostgreSql;
}
