using CommsPlan.Core.Data;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Tests.Support;

namespace CommsPlan.Tests.Core.ReportingCycle;

/// <summary>The bell's reminders: only for those who still have something to do, gone once they did it.</summary>
public abstract class ReminderTests(DatabaseProvider provider) : IAsyncLifetime
{
    private PeriodReportKit _kit = null!;
    private PeriodReportService _reports = null!;
    private int _stp;

    public async Task InitializeAsync()
    {
        _kit = await PeriodReportKit.CreateAsync(provider);
        _reports = _kit.Reports();
        _stp = _kit.Agency("STP");
    }

    public async Task DisposeAsync() => await _kit.DisposeAsync();

    [Fact]
    public async Task AnOfficerIsRemindedOfOverdueReportsUntilItSendsThem()
    {
        var before = await _reports.GetRemindersAsync(_kit.Officer());
        Assert.Equal(["2021-Q1", "2021-Q2", "2021-Q3"], before.Select(r => r.Period.Key));
        Assert.All(before, r => Assert.Equal(ReminderKind.Overdue, r.Kind));
        Assert.Equal("Báo cáo Quý III/2021 quá hạn 31 ngày (hạn gửi 19/9/2021)", before[2].Text);
        Assert.Equal("/reporting?agency=STP&period=2021-Q3", before[2].Href);

        await _reports.SubmitAsync(_kit.Officer(), _stp, "2021-Q3", null, 0);

        Assert.Equal(["2021-Q1", "2021-Q2"], (await _reports.GetRemindersAsync(_kit.Officer())).Select(r => r.Period.Key));
    }

    [Fact]
    public async Task AReportComesDueSevenDaysBeforeItsDueDay()
    {
        await SendAsync("2021-Q1", "2021-Q2", "2021-Q3");

        _kit.SetToday(new DateOnly(2021, 12, 11)); // Quý IV due 19/12: eight days left
        Assert.Empty(await _reports.GetRemindersAsync(_kit.Officer()));

        _kit.SetToday(new DateOnly(2021, 12, 12));
        var due = Assert.Single(await _reports.GetRemindersAsync(_kit.Officer()));
        Assert.Equal(ReminderKind.DueSoon, due.Kind);
        Assert.Equal("Báo cáo Quý IV/2021: hạn gửi 19/12/2021 (còn 7 ngày)", due.Text);

        _kit.SetToday(new DateOnly(2021, 12, 19));
        Assert.Equal("Báo cáo Quý IV/2021: hôm nay là hạn gửi (19/12/2021)", Assert.Single(await _reports.GetRemindersAsync(_kit.Officer())).Text);
    }

    [Fact]
    public async Task AMonitorIsRemindedOfReportsWaitingForReviewUntilItReviewsThem()
    {
        Assert.Empty(await _reports.GetRemindersAsync(PeriodReportKit.Monitor));
        var sent = await _reports.SubmitAsync(_kit.Officer(), _stp, "2021-Q1", null, 0);

        var waiting = Assert.Single(await _reports.GetRemindersAsync(PeriodReportKit.Monitor));
        Assert.Equal(ReminderKind.AwaitingReview, waiting.Kind);
        Assert.Equal("Sở Tư pháp gửi báo cáo Quý I/2021 ngày 20/10/2021, chờ duyệt", waiting.Text);

        await _reports.AcceptAsync(PeriodReportKit.Monitor, _stp, "2021-Q1", sent.Report.Version);
        Assert.Empty(await _reports.GetRemindersAsync(PeriodReportKit.Monitor));
    }

    [Fact]
    public async Task ASentBackReportRemindsItsOfficerWithTheCommentUntilSentAgain()
    {
        await SendAsync("2021-Q2", "2021-Q3");
        var sent = await _reports.SubmitAsync(_kit.Officer(), _stp, "2021-Q1", null, 0);
        var back = await _reports.SendBackAsync(PeriodReportKit.Monitor, _stp, "2021-Q1", "Bổ sung minh chứng tháng 2.", sent.Report.Version);

        var reminder = Assert.Single(await _reports.GetRemindersAsync(_kit.Officer()));
        Assert.Equal(ReminderKind.SentBack, reminder.Kind);
        Assert.Equal("Báo cáo Quý I/2021 bị trả lại: Bổ sung minh chứng tháng 2.", reminder.Text);
        Assert.DoesNotContain(await _reports.GetRemindersAsync(PeriodReportKit.Monitor), r => r.Period.Key == "2021-Q1");

        await _reports.SubmitAsync(_kit.Officer(), _stp, "2021-Q1", null, back.Report.Version);
        Assert.Empty(await _reports.GetRemindersAsync(_kit.Officer()));
    }

    [Fact]
    public async Task NobodyElseIsReminded()
    {
        await _reports.SubmitAsync(_kit.Officer(), _stp, "2021-Q1", null, 0);

        Assert.Empty(await _reports.GetRemindersAsync(PeriodReportKit.Viewer));
        Assert.Empty(await _reports.GetRemindersAsync(PeriodReportKit.Admin));
        Assert.DoesNotContain(await _reports.GetRemindersAsync(_kit.Officer("DAITU")), r => r.Agency.Code == "STP");
    }

    private async Task SendAsync(params string[] keys)
    {
        foreach (var key in keys) await _reports.SubmitAsync(_kit.Officer(), _stp, key, null, 0);
    }

    public sealed class OnSqlite() : ReminderTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : ReminderTests(DatabaseProvider.PostgreSQL), IOnPostgreSql;
}
