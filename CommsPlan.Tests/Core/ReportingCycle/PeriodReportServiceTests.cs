using CommsPlan.Core.Audit;
using CommsPlan.Core.Changes;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Tests.Support;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommsPlan.Tests.Core.ReportingCycle;

/// <summary>The cycle's transitions through the service: who may take each step, on which report, in which state.</summary>
public abstract class PeriodReportServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    private const string Q1 = "2021-Q1";
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
    public async Task TheOfficerSubmitsAReportNeverSentWithItsCommentary()
    {
        var report = await _reports.SubmitAsync(_kit.Officer(), _stp, Q1, "  Đã cập nhật đủ hoạt động.  ", version: 0);

        Assert.Equal(PeriodReportStatus.Submitted, report.Report.Status);
        Assert.Equal(new DateOnly(2021, 10, 20), report.Report.SubmittedOn);
        Assert.Equal(new DateOnly(2021, 10, 20), report.Report.FirstSubmittedOn);
        Assert.Equal("tuphap", report.Report.SubmittedBy);
        Assert.Equal("Đã cập nhật đủ hoạt động.", report.Commentary);
        Assert.Equal(1, report.Report.Version);
        Assert.False(report.CanSubmit);
        Assert.Contains(new DataChange(PeriodReportService.ChangeKind, _stp), _kit.Notifier.Changes);
    }

    [Fact]
    public async Task EachTransitionIsLoggedWithWhoAndWhichReportButNotItsTexts()
    {
        var log = new ListLogger();
        var reports = new PeriodReportService(_kit.Database.Factory, _kit.Time, _kit.Notifier,
            Options.Create(new ReportingOptions()), log);

        var sent = await reports.SubmitAsync(_kit.Officer(), _stp, Q1, "Nhận xét riêng của đơn vị", 0);
        await reports.SendBackAsync(PeriodReportKit.Monitor, _stp, Q1, "Ý kiến riêng của Văn phòng", sent.Report.Version);

        Assert.Equal(2, log.Lines.Count);
        Assert.Contains("2021-Q1", log.Lines[0]);
        Assert.Contains("Submit", log.Lines[0]);
        Assert.Contains("tuphap", log.Lines[0]);
        Assert.Contains("SendBack", log.Lines[1]);
        Assert.DoesNotContain(log.Lines, l => l.Contains("riêng", StringComparison.Ordinal));
    }

    private sealed class ListLogger : ILogger<PeriodReportService>
    {
        public List<string> Lines { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }

    [Fact]
    public async Task AMonitorAcceptsASubmittedReport()
    {
        var sent = await _reports.SubmitAsync(_kit.Officer(), _stp, Q1, null, 0);

        var accepted = await _reports.AcceptAsync(PeriodReportKit.Monitor, _stp, Q1, sent.Report.Version);

        Assert.Equal(PeriodReportStatus.Accepted, accepted.Report.Status);
        Assert.Equal("giamsat", accepted.Report.ReviewedBy);
        Assert.False(accepted.CanAccept); // the monitor's view: already accepted
    }

    [Fact]
    public async Task ASendBackNeedsACommentAndTheResubmissionKeepsTheFirstDay()
    {
        var sent = await _reports.SubmitAsync(_kit.Officer(), _stp, Q1, null, 0);

        var missing = await Assert.ThrowsAsync<ValidationException>(() => _reports.SendBackAsync(PeriodReportKit.Monitor, _stp, Q1, "   ", sent.Report.Version));
        Assert.Equal(PeriodReportService.CommentRequiredMessage, Assert.Single(missing.Errors).ErrorMessage);

        var back = await _reports.SendBackAsync(PeriodReportKit.Monitor, _stp, Q1, "Bổ sung minh chứng tháng 2.", sent.Report.Version);
        Assert.Equal(PeriodReportStatus.SentBack, back.Report.Status);
        Assert.Equal("Bổ sung minh chứng tháng 2.", back.Report.ReviewComment);

        _kit.SetToday(new DateOnly(2021, 10, 25));
        var again = await _reports.SubmitAsync(_kit.Officer(), _stp, Q1, null, back.Report.Version);
        Assert.Equal(PeriodReportStatus.Submitted, again.Report.Status);
        Assert.Equal(new DateOnly(2021, 10, 25), again.Report.SubmittedOn);
        Assert.Equal(new DateOnly(2021, 10, 20), again.Report.FirstSubmittedOn);
    }

    [Fact]
    public async Task AMonitorMayReopenAnAcceptedReport()
    {
        var sent = await _reports.SubmitAsync(_kit.Officer(), _stp, Q1, null, 0);
        var accepted = await _reports.AcceptAsync(PeriodReportKit.Monitor, _stp, Q1, sent.Report.Version);

        var back = await _reports.SendBackAsync(PeriodReportKit.Monitor, _stp, Q1, "Sai số liệu tờ rơi tháng 1.", accepted.Report.Version);

        Assert.Equal(PeriodReportStatus.SentBack, back.Report.Status);
    }

    [Fact]
    public async Task StepsTheStatusDoesNotAllowAreRefusedWithTheReason()
    {
        var accept = await Assert.ThrowsAsync<BusinessRuleException>(() => _reports.AcceptAsync(PeriodReportKit.Monitor, _stp, Q1, 0));
        Assert.Equal("Không thể duyệt báo cáo Quý I/2021 đang ở trạng thái «Chưa gửi».", accept.Message);
        await Assert.ThrowsAsync<BusinessRuleException>(() => _reports.SendBackAsync(PeriodReportKit.Monitor, _stp, Q1, "Lý do", 0));

        var sent = await _reports.SubmitAsync(_kit.Officer(), _stp, Q1, null, 0);
        var twice = await Assert.ThrowsAsync<BusinessRuleException>(() => _reports.SubmitAsync(_kit.Officer(), _stp, Q1, null, sent.Report.Version));
        Assert.Equal("Không thể gửi báo cáo Quý I/2021 đang ở trạng thái «Đã gửi».", twice.Message);

        var accepted = await _reports.AcceptAsync(PeriodReportKit.Monitor, _stp, Q1, sent.Report.Version);
        await Assert.ThrowsAsync<BusinessRuleException>(() => _reports.AcceptAsync(PeriodReportKit.Monitor, _stp, Q1, accepted.Report.Version));
        await Assert.ThrowsAsync<BusinessRuleException>(() => _reports.SubmitAsync(_kit.Officer(), _stp, Q1, null, accepted.Report.Version));
    }

    [Fact]
    public async Task APeriodIsSentFromItsCutOffDayNotBefore()
    {
        var early = await Assert.ThrowsAsync<BusinessRuleException>(() => _reports.SubmitAsync(_kit.Officer(), _stp, "2021-Q4", null, 0));
        Assert.Equal("Kỳ báo cáo Quý IV/2021 chưa đến ngày chốt số liệu; gửi báo cáo từ ngày 14/12/2021.", early.Message);
        var details = await _reports.GetAsync(_kit.Officer(), _stp, "2021-Q4");
        Assert.False(details.CanSubmit);
        Assert.Equal(early.Message, details.SubmitBlockedReason);

        _kit.SetToday(new DateOnly(2021, 12, 14));
        var sent = await _reports.SubmitAsync(_kit.Officer(), _stp, "2021-Q4", null, 0);
        Assert.Equal(PeriodReportStatus.Submitted, sent.Report.Status);
    }

    [Fact]
    public async Task OnlyTheAgencysOwnOfficerSubmits()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => _reports.SubmitAsync(_kit.Officer("DAITU"), _stp, Q1, null, 0));
        await Assert.ThrowsAsync<NotFoundException>(() => _reports.GetAsync(_kit.Officer("DAITU"), _stp, Q1));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _reports.SubmitAsync(PeriodReportKit.Monitor, _stp, Q1, null, 0));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _reports.SubmitAsync(PeriodReportKit.Viewer, _stp, Q1, null, 0));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _reports.SubmitAsync(PeriodReportKit.Admin, _stp, Q1, null, 0));
        Assert.Null(await StoredAsync());
    }

    [Fact]
    public async Task OnlyAMonitorReviews()
    {
        var sent = await _reports.SubmitAsync(_kit.Officer(), _stp, Q1, null, 0);
        var v = sent.Report.Version;

        await Assert.ThrowsAsync<AccessDeniedException>(() => _reports.AcceptAsync(_kit.Officer(), _stp, Q1, v));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _reports.SendBackAsync(_kit.Officer(), _stp, Q1, "Tự trả lại", v));
        await Assert.ThrowsAsync<NotFoundException>(() => _reports.AcceptAsync(_kit.Officer("DAITU"), _stp, Q1, v));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _reports.AcceptAsync(PeriodReportKit.Viewer, _stp, Q1, v));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _reports.SendBackAsync(PeriodReportKit.Admin, _stp, Q1, "Lý do", v));
        Assert.Equal(PeriodReportStatus.Submitted, (await StoredAsync())!.Status);
    }

    [Fact]
    public async Task AStepFromAStaleVersionIsAConflict()
    {
        var sent = await _reports.SubmitAsync(_kit.Officer(), _stp, Q1, null, 0);
        await _reports.SendBackAsync(PeriodReportKit.Monitor, _stp, Q1, "Bổ sung.", sent.Report.Version);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => _reports.AcceptAsync(PeriodReportKit.Monitor, _stp, Q1, sent.Report.Version));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => _reports.SubmitAsync(_kit.Officer(), _stp, "2021-Q2", null, 3));
    }

    [Fact]
    public async Task AKeyThatIsNotAReportPeriodIsNotFound()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => _reports.GetAsync(PeriodReportKit.Monitor, _stp, "2021-H1"));
        await Assert.ThrowsAsync<NotFoundException>(() => _reports.SubmitAsync(_kit.Officer(), _stp, "2021-M03", null, 0));
    }

    [Fact]
    public async Task EveryTransitionIsInTheAuditHistory()
    {
        var sent = await _reports.SubmitAsync(_kit.Officer(), _stp, Q1, null, 0);
        var back = await _reports.SendBackAsync(PeriodReportKit.Monitor, _stp, Q1, "Bổ sung minh chứng.", sent.Report.Version);
        var again = await _reports.SubmitAsync(_kit.Officer(), _stp, Q1, null, back.Report.Version);
        await _reports.AcceptAsync(PeriodReportKit.Monitor, _stp, Q1, again.Report.Version);

        await using var db = _kit.Database.CreateContext();
        var history = await db.AuditEntries.Where(e => e.EntityType == nameof(PeriodReport) && e.EntityId == sent.Id!.Value.ToString())
            .OrderBy(e => e.Id).ToListAsync();
        Assert.Equal([AuditAction.Created, AuditAction.Updated, AuditAction.Updated, AuditAction.Updated], history.Select(h => h.Action));
        Assert.Equal(["tuphap", "giamsat", "tuphap", "giamsat"], history.Select(h => h.UserName));
        Assert.Contains("SentBack", history[1].Changes);
        Assert.Contains("ReviewComment", history[1].Changes);
        Assert.Contains("Accepted", history[3].Changes);
    }

    private async Task<PeriodReport?> StoredAsync()
    {
        await using var db = _kit.Database.CreateContext();
        return await db.PeriodReports.AsNoTracking().SingleOrDefaultAsync(r => r.AgencyId == _stp && r.PeriodKey == Q1);
    }

    public sealed class OnSqlite() : PeriodReportServiceTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : PeriodReportServiceTests(DatabaseProvider.PostgreSQL), IOnPostgreSql;
}
