using CommsPlan.Core.Activities.Import;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Tests.Core.Activities;
using CommsPlan.Tests.Support;

namespace CommsPlan.Tests.Core.ReportingCycle;

/// <summary>A report that is in locks the agency's activities of its quarter on every path; sending it back reopens them.</summary>
public abstract class PeriodLockTests(DatabaseProvider provider) : IAsyncLifetime
{
    private const string Q1 = "2021-Q1";
    private const string SentReason = "Kỳ báo cáo Quý I/2021 đã gửi ngày 20/10/2021 (tuphap); đề nghị Văn phòng UBND tỉnh trả lại để sửa";
    private static readonly DateOnly InQ1 = new(2021, 2, 10);
    private static readonly DateOnly InQ2 = new(2021, 4, 20);

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

    private Task<PeriodReportDetails> SubmitQ1Async() => _reports.SubmitAsync(_kit.Officer(), _stp, Q1, null, 0);

    [Fact]
    public async Task EditingAnActivityOfASubmittedQuarterIsRefusedWithTheDayAndTheSender()
    {
        var activity = await _kit.AddActivityAsync("STP", InQ1);
        await SubmitQ1Async();

        var input = activity.ToInput();
        input.Quantity = 5;
        var refused = await Assert.ThrowsAsync<BusinessRuleException>(() => _kit.ActivityService().UpdateAsync(_kit.Officer(), activity.Id, input));

        Assert.Equal(SentReason, refused.Message);
        var shown = await _kit.ActivityService().GetAsync(_kit.Officer(), activity.Id);
        Assert.Equal(SentReason, shown.LockReason);
        Assert.False(shown.CanEdit);
    }

    [Fact]
    public async Task CreatingDeletingAndMovingIntoASubmittedQuarterAreRefused()
    {
        var inQ1 = await _kit.AddActivityAsync("STP", InQ1);
        var inQ2 = await _kit.AddActivityAsync("STP", InQ2);
        await SubmitQ1Async();
        var service = _kit.ActivityService();

        var create = _kit.Activities.Input("STP");
        create.StartDate = new DateOnly(2021, 3, 14);
        Assert.Equal(SentReason, (await Assert.ThrowsAsync<BusinessRuleException>(() => service.CreateAsync(_kit.Officer(), create))).Message);
        Assert.Equal(SentReason, (await Assert.ThrowsAsync<BusinessRuleException>(() => service.DeleteAsync(_kit.Officer(), inQ1.Id, inQ1.Version))).Message);

        var moveIn = inQ2.ToInput();
        moveIn.StartDate = InQ1;
        await Assert.ThrowsAsync<BusinessRuleException>(() => service.UpdateAsync(_kit.Officer(), inQ2.Id, moveIn));
        var moveOut = inQ1.ToInput();
        moveOut.StartDate = InQ2;
        await Assert.ThrowsAsync<BusinessRuleException>(() => service.UpdateAsync(_kit.Officer(), inQ1.Id, moveOut));

        // The next quarter, and another agency's first quarter, stay open.
        var edit = inQ2.ToInput();
        edit.Quantity = 2;
        await service.UpdateAsync(_kit.Officer(), inQ2.Id, edit);
        await _kit.AddActivityAsync("DAITU", InQ1);
    }

    [Fact]
    public async Task ImportingRowsIntoASubmittedQuarterIsRefusedInThePreviewAndAtCommit()
    {
        var importer = new ActivityImporter(_kit.Database.Factory, _kit.Time, _kit.Notifier, new PeriodLock());
        var file = ActivityWorkbook.Fill(await importer.CreateTemplateAsync(),
            [ActivityWorkbook.GoodRow("Hội nghị tháng 2", new DateTime(2021, 2, 10)), ActivityWorkbook.GoodRow("Hội nghị tháng 5", new DateTime(2021, 5, 10))]);
        var before = await importer.PreviewAsync(_kit.Officer(), new MemoryStream(file));
        Assert.True(before.CanImport);

        await SubmitQ1Async();

        var preview = await importer.PreviewAsync(_kit.Officer(), new MemoryStream(file));
        var bad = Assert.Single(preview.BadRows);
        Assert.Equal(2, bad.RowNumber);
        Assert.Equal(SentReason + ".", Assert.Single(bad.Errors));
        var commit = await Assert.ThrowsAsync<BusinessRuleException>(() => importer.CommitAsync(_kit.Officer(), before));
        Assert.Equal($"Chưa nhập dữ liệu nào. Dòng 2: {SentReason}.", commit.Message);
        Assert.Equal(0, await _kit.Activities.CountActivitiesAsync());
    }

    [Fact]
    public async Task AnAcceptedQuarterStaysLockedAndNamesTheOffice()
    {
        var activity = await _kit.AddActivityAsync("STP", InQ1);
        var sent = await SubmitQ1Async();
        _kit.SetToday(new DateOnly(2021, 10, 22));
        await _reports.AcceptAsync(PeriodReportKit.Monitor, _stp, Q1, sent.Report.Version);

        var refused = await Assert.ThrowsAsync<BusinessRuleException>(() => _kit.ActivityService().DeleteAsync(_kit.Officer(), activity.Id, activity.Version));

        Assert.Equal("Kỳ báo cáo Quý I/2021 đã được Văn phòng UBND tỉnh duyệt ngày 22/10/2021 (giamsat); đề nghị Văn phòng UBND tỉnh trả lại để sửa",
            refused.Message);
    }

    [Fact]
    public async Task SendingTheReportBackReopensTheQuarter()
    {
        var activity = await _kit.AddActivityAsync("STP", InQ1);
        var sent = await SubmitQ1Async();
        await _reports.SendBackAsync(PeriodReportKit.Monitor, _stp, Q1, "Bổ sung minh chứng.", sent.Report.Version);

        var shown = await _kit.ActivityService().GetAsync(_kit.Officer(), activity.Id);
        Assert.Null(shown.LockReason);
        Assert.True(shown.CanEdit);
        var input = shown.ToInput();
        input.EvidenceUrl = "https://stp.thainguyen.gov.vn/hoi-nghi";
        var saved = await _kit.ActivityService().UpdateAsync(_kit.Officer(), activity.Id, input);
        Assert.Equal("https://stp.thainguyen.gov.vn/hoi-nghi", saved.EvidenceUrl);
        await _kit.AddActivityAsync("STP", InQ1);
    }

    public sealed class OnSqlite() : PeriodLockTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : PeriodLockTests(DatabaseProvider.PostgreSQL), IOnPostgreSql;
}
