using CommsPlan.Core.Access;
using CommsPlan.Core.Changes;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Core.Feedback;
using CommsPlan.Tests.Support;
using FluentValidation;

namespace CommsPlan.Tests.Core.Feedback;

public abstract class DifficultyServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2021, 10, 20);
    private TestDatabase _database = null!;
    private readonly CapturingChangeNotifier _notifier = new();
    private int _stp;
    private int _daitu;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _stp = await _database.AgencyIdAsync("STP");
        _daitu = await _database.AgencyIdAsync("DAITU");
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private DifficultyService Service(DateOnly? today = null) => new(
        _database.Factory, new FixedClock(today ?? Today), new DifficultyInputValidator(), new DifficultyAnswerInputValidator(), _notifier);

    private CurrentUser Stp => ActingUsers.Officer(_stp, "tuphap");
    private CurrentUser Daitu => ActingUsers.Officer(_daitu, "daitu");

    private static DifficultyInput Input(int agencyId, string title = "Đường truyền một cửa điện tử chập chờn") => new()
    {
        AgencyId = agencyId, Title = title, Content = "Hệ thống thường xuyên gián đoạn vào giờ cao điểm.",
    };

    [Fact]
    public async Task AnOfficerRaisesAnOpenDifficultyDatedToday()
    {
        var raised = await Service().RaiseAsync(Stp, Input(_stp));

        Assert.Equal(DifficultyStatus.Open, raised.Status);
        Assert.Equal(Today, raised.RaisedOn);
        Assert.Equal("tuphap", raised.RaisedBy);
        Assert.Null(raised.Answer);
        Assert.Contains(new DataChange("Difficulty", _stp), _notifier.Changes);
    }

    [Fact]
    public async Task AnOfficerCannotRaiseForAnotherAgencyAndAViewerOrAdministratorCannotRaise()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => Service().RaiseAsync(Stp, Input(_daitu)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service().RaiseAsync(ActingUsers.Viewer, Input(_stp)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service().RaiseAsync(ActingUsers.Admin, Input(_stp)));
    }

    [Fact]
    public async Task AMonitorRaisesOnAnAgencysBehalfMarkedSo()
    {
        var raised = await Service().RaiseAsync(ActingUsers.Monitor, Input(_stp));

        Assert.Equal(_stp, raised.AgencyId);
        Assert.Equal("giamsat", raised.EnteredOnBehalfBy);
        Assert.Null((await Service().RaiseAsync(Stp, Input(_stp))).EnteredOnBehalfBy);
    }

    [Fact]
    public async Task ADifficultyWithoutTitleIsRefusedWithAVietnameseReason()
    {
        var ex = await Assert.ThrowsAsync<ValidationException>(() => Service().RaiseAsync(Stp, Input(_stp, "  ")));

        Assert.Contains(ex.Errors, e => e.ErrorMessage == "Tiêu đề là bắt buộc.");
    }

    [Fact]
    public async Task AMonitorAnswersADifficultyWhichBecomesAnswered()
    {
        var raised = await Service(new DateOnly(2021, 10, 1)).RaiseAsync(Stp, Input(_stp));

        var answered = await Service().AnswerAsync(ActingUsers.Monitor, raised.Id,
            new DifficultyAnswerInput { Answer = "Đã đề nghị VNPT nâng cấp đường truyền.", Version = raised.Version });

        Assert.Equal(DifficultyStatus.Answered, answered.Status);
        Assert.Equal(Today, answered.AnsweredOn);
        Assert.Equal("giamsat", answered.AnsweredBy);
        Assert.Equal("Đã đề nghị VNPT nâng cấp đường truyền.", answered.Answer);
        Assert.Equal(0, answered.DaysOpen(Today));
    }

    [Fact]
    public async Task AnOfficerCannotAnswerNotEvenItsOwnAgencysDifficulty()
    {
        var raised = await Service().RaiseAsync(Stp, Input(_stp));
        var answer = new DifficultyAnswerInput { Answer = "Tự xử lý", Version = raised.Version };

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service().AnswerAsync(Stp, raised.Id, answer));
        await Assert.ThrowsAsync<NotFoundException>(() => Service().AnswerAsync(Daitu, raised.Id, answer));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service().AnswerAsync(ActingUsers.Viewer, raised.Id, answer));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service().AnswerAsync(ActingUsers.Admin, raised.Id, answer));
        Assert.Equal(DifficultyStatus.Open, (await Service().GetAsync(Stp, raised.Id)).Status);
    }

    [Fact]
    public async Task AnAnswerWrittenAgainstAStaleVersionIsAConflict()
    {
        var raised = await Service().RaiseAsync(Stp, Input(_stp));
        await Service().AnswerAsync(ActingUsers.Monitor, raised.Id, new DifficultyAnswerInput { Answer = "Trả lời thứ nhất", Version = raised.Version });

        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Service().AnswerAsync(
            new CurrentUser("id-2", "giamsat2", [Roles.Monitor], null), raised.Id,
            new DifficultyAnswerInput { Answer = "Trả lời thứ hai", Version = raised.Version }));

        Assert.Equal("giamsat", ex.ChangedBy);
    }

    [Fact]
    public async Task AnEmptyAnswerIsRefused()
    {
        var raised = await Service().RaiseAsync(Stp, Input(_stp));

        var ex = await Assert.ThrowsAsync<ValidationException>(() =>
            Service().AnswerAsync(ActingUsers.Monitor, raised.Id, new DifficultyAnswerInput { Answer = " ", Version = raised.Version }));

        Assert.Contains(ex.Errors, e => e.ErrorMessage == "Nội dung trả lời là bắt buộc.");
    }

    [Fact]
    public async Task ListsAreScopedAndFilteredByAgencyStatusAndDate()
    {
        var early = await Service(new DateOnly(2021, 8, 2)).RaiseAsync(Stp, Input(_stp, "Sớm"));
        await Service(new DateOnly(2021, 9, 15)).RaiseAsync(Stp, Input(_stp, "Giữa"));
        var other = await Service(new DateOnly(2021, 10, 5)).RaiseAsync(Daitu, Input(_daitu, "Đại Từ"));
        await Service().AnswerAsync(ActingUsers.Monitor, early.Id, new DifficultyAnswerInput { Answer = "Đã trả lời", Version = early.Version });
        var monitor = ActingUsers.Monitor;

        Assert.Equal(["Giữa", "Sớm"], (await Service().ListAsync(Stp, new DifficultyFilter())).Items.Select(d => d.Title).ToArray());
        await Assert.ThrowsAsync<NotFoundException>(() => Service().GetAsync(Stp, other.Id));
        Assert.Equal(3, (await Service().ListAsync(ActingUsers.Viewer, new DifficultyFilter())).TotalCount);
        Assert.Equal(["Đại Từ", "Giữa"],
            (await Service().ListAsync(monitor, new DifficultyFilter { Status = DifficultyStatus.Open })).Items.Select(d => d.Title).ToArray());
        Assert.Equal("Đại Từ", Assert.Single((await Service().ListAsync(monitor, new DifficultyFilter { AgencyId = _daitu })).Items).Title);
        Assert.Equal("Giữa", Assert.Single((await Service().ListAsync(monitor,
            new DifficultyFilter { From = new DateOnly(2021, 9, 1), To = new DateOnly(2021, 9, 30) })).Items).Title);
    }

    [Fact]
    public async Task AnOpenDifficultyCountsTheDaysItHasWaited()
    {
        var raised = await Service(new DateOnly(2021, 10, 1)).RaiseAsync(Stp, Input(_stp));

        Assert.Equal(19, raised.DaysOpen(Today));
    }

    public sealed class OnSqlite() : DifficultyServiceTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : DifficultyServiceTests(DatabaseProvider.PostgreSQL), IOnPostgreSql;
}
