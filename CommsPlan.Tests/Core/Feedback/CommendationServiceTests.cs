using CommsPlan.Core.Access;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Changes;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Core.Feedback;
using CommsPlan.Tests.Support;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Tests.Core.Feedback;

public abstract class CommendationServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2021, 10, 20);
    private TestDatabase _database = null!;
    private CommendationService _service = null!;
    private readonly CapturingChangeNotifier _notifier = new();
    private int _stp;
    private int _daitu;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        var clock = new FixedClock(Today);
        _service = new CommendationService(_database.Factory, clock, _notifier);
        _stp = await _database.AgencyIdAsync("STP");
        _daitu = await _database.AgencyIdAsync("DAITU");
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private CurrentUser Stp => ActingUsers.Officer(_stp, "tuphap");
    private CurrentUser Daitu => ActingUsers.Officer(_daitu, "daitu");

    private static CommendationInput Input(int agencyId, string recipient = "Bà Nguyễn Thị Hà", DateOnly? date = null) => new()
    {
        AgencyId = agencyId,
        Kind = CommendationKind.Individual,
        Recipient = recipient,
        Achievement = "Hướng dẫn tận tình người dân nộp hồ sơ trực tuyến",
        Date = date ?? new DateOnly(2021, 6, 15),
    };

    [Fact]
    public async Task AnOfficerRecordsACommendationForItsAgencyAndItIsAnnounced()
    {
        var saved = await _service.CreateAsync(Stp, Input(_stp));

        Assert.Equal("Sở Tư pháp", saved.AgencyName);
        Assert.Equal(CommendationKind.Individual, saved.Kind);
        Assert.Equal("tuphap", saved.UpdatedBy);
        Assert.Contains(new DataChange("Commendation", _stp), _notifier.Changes);
    }

    [Fact]
    public async Task AnOfficerCannotRecordForAnotherAgency()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => _service.CreateAsync(Stp, Input(_daitu)));
    }

    [Fact]
    public async Task MonitorsAndViewersCannotRecordCommendations()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.CreateAsync(ActingUsers.Monitor, Input(_stp)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.CreateAsync(ActingUsers.Viewer, Input(_stp)));
    }

    [Fact]
    public async Task AnOfficerListsOnlyItsOwnAgencysAndCannotReadAnotherById()
    {
        await _service.CreateAsync(Stp, Input(_stp));
        var theirs = await _service.CreateAsync(Daitu, Input(_daitu, "Bộ phận Một cửa UBND xã Hà Thượng"));

        var mine = await _service.ListAsync(Stp, new CommendationFilter());

        Assert.Equal(1, mine.TotalCount);
        Assert.All(mine.Items, c => Assert.Equal(_stp, c.AgencyId));
        await Assert.ThrowsAsync<NotFoundException>(() => _service.GetAsync(Stp, theirs.Id));
        Assert.Equal(2, (await _service.ListAsync(ActingUsers.Viewer, new CommendationFilter())).TotalCount);
    }

    [Fact]
    public async Task TheListFiltersByAgencyKindDateAndText()
    {
        await _service.CreateAsync(Stp, Input(_stp, "Bà Nguyễn Thị Hà", new DateOnly(2021, 3, 1)));
        var collective = Input(_stp, "Phòng Hành chính tư pháp", new DateOnly(2021, 7, 1));
        collective.Kind = CommendationKind.Collective;
        await _service.CreateAsync(Stp, collective);
        await _service.CreateAsync(Daitu, Input(_daitu, "Ông Ma Văn Long", new DateOnly(2021, 8, 1)));
        var monitor = ActingUsers.Monitor;

        Assert.Equal(2, (await _service.ListAsync(monitor, new CommendationFilter { AgencyId = _stp })).TotalCount);
        Assert.Equal("Phòng Hành chính tư pháp",
            Assert.Single((await _service.ListAsync(monitor, new CommendationFilter { Kind = CommendationKind.Collective })).Items).Recipient);
        var summer = await _service.ListAsync(monitor, new CommendationFilter { From = new DateOnly(2021, 7, 1), To = new DateOnly(2021, 7, 31) });
        Assert.Equal("Phòng Hành chính tư pháp", Assert.Single(summer.Items).Recipient);
        Assert.Equal("Ông Ma Văn Long", Assert.Single((await _service.ListAsync(monitor, new CommendationFilter { Text = "Long" })).Items).Recipient);
    }

    [Fact]
    public async Task TheListIsNewestFirstAndPagedInTheDatabase()
    {
        for (var month = 1; month <= 5; month++)
            await _service.CreateAsync(Stp, Input(_stp, $"Người thứ {month}", new DateOnly(2021, month, 10)));

        var page = await _service.ListAsync(ActingUsers.Monitor, new CommendationFilter(), skip: 1, take: 2);

        Assert.Equal(5, page.TotalCount);
        Assert.Equal(["Người thứ 4", "Người thứ 3"], page.Items.Select(c => c.Recipient).ToArray());
    }

    [Fact]
    public async Task ALinkedActivityMustBelongToTheSameAgency()
    {
        var own = await AddActivityAsync(_stp);
        var other = await AddActivityAsync(_daitu);

        var linked = Input(_stp);
        linked.ActivityId = own;
        var saved = await _service.CreateAsync(Stp, linked);
        Assert.Equal("Hội nghị tuyên truyền cải cách TTHC", saved.ActivityTitle);

        var wrong = Input(_stp);
        wrong.ActivityId = other;
        var ex = await Assert.ThrowsAsync<ValidationException>(() => _service.CreateAsync(Stp, wrong));
        Assert.Contains(ex.Errors, e => e.ErrorMessage == "Hoạt động liên quan phải là một hoạt động của cùng đơn vị.");
    }

    [Fact]
    public async Task ALinkToAnActivityThatDoesNotExistIsRefusedAndNothingIsSaved()
    {
        var input = Input(_stp);
        input.ActivityId = 99_999;

        var ex = await Assert.ThrowsAsync<ValidationException>(() => _service.CreateAsync(Stp, input));

        Assert.Equal(["Hoạt động liên quan phải là một hoạt động của cùng đơn vị."], ex.Errors.Select(e => e.ErrorMessage));
        await using var db = _database.CreateContext();
        Assert.Equal(0, await db.Commendations.CountAsync());
    }

    [Fact]
    public async Task AnEditFromAStaleVersionIsAConflictAndAnOfficerCannotEditAnotherAgencys()
    {
        var saved = await _service.CreateAsync(Stp, Input(_stp));
        var first = saved.ToInput();
        first.Recipient = "Bà Nguyễn Thị Thu Hà";
        var updated = await _service.UpdateAsync(ActingUsers.Officer(_stp, "tuphap2"), saved.Id, first);
        Assert.Equal(saved.Version + 1, updated.Version);

        var stale = saved.ToInput();
        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => _service.UpdateAsync(Stp, saved.Id, stale));
        Assert.Equal("tuphap2", ex.ChangedBy);

        await Assert.ThrowsAsync<NotFoundException>(() => _service.UpdateAsync(Daitu, saved.Id, updated.ToInput()));
        await Assert.ThrowsAsync<NotFoundException>(() => _service.DeleteAsync(Daitu, saved.Id, updated.Version));
    }

    [Fact]
    public async Task AnOfficerDeletesItsOwnCommendation()
    {
        var saved = await _service.CreateAsync(Stp, Input(_stp));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => _service.DeleteAsync(Stp, saved.Id, saved.Version - 1));
        await _service.DeleteAsync(Stp, saved.Id, saved.Version);

        await using var db = _database.CreateContext();
        Assert.Equal(0, await db.Commendations.CountAsync());
    }

    [Fact]
    public async Task SuggestsOnlyTheAgencysOwnActivitiesMatchingTheText()
    {
        var own = await AddActivityAsync(_stp);
        await AddActivityAsync(_daitu);

        var all = await _service.SuggestActivitiesAsync(Stp, _stp, null);
        var matching = await _service.SuggestActivitiesAsync(Stp, _stp, "Hội nghị");
        var none = await _service.SuggestActivitiesAsync(Stp, _stp, "Pano");

        Assert.Equal([own], all.Select(a => a.Id).ToArray());
        Assert.Equal([own], matching.Select(a => a.Id).ToArray());
        Assert.Empty(none);
        await Assert.ThrowsAsync<NotFoundException>(() => _service.SuggestActivitiesAsync(Stp, _daitu, null));
    }

    [Fact]
    public async Task AnOfficerFiltersByItsOwnAgencyOnlyWhileMonitorsChooseAmongAll()
    {
        Assert.Equal(["STP"], (await _service.ListAgenciesAsync(Stp)).Select(a => a.Code).ToArray());
        var all = await _service.ListAgenciesAsync(ActingUsers.Monitor);
        Assert.Equal(33, all.Count);
        Assert.Equal("VPUBND", all[0].Code);
    }

    private async Task<int> AddActivityAsync(int agencyId)
    {
        await using var db = _database.CreateContext();
        var channel = await db.Channels.SingleAsync(c => c.Code == "HOINGHI");
        var activity = new Activity
        {
            AgencyId = agencyId, ChannelId = channel.Id, Title = "Hội nghị tuyên truyền cải cách TTHC",
            StartDate = new DateOnly(2021, 6, 1), Quantity = 1, SecondMeasure = 120,
        };
        db.Activities.Add(activity);
        await db.SaveChangesAsync();
        return activity.Id;
    }

    public sealed class OnSqlite() : CommendationServiceTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : CommendationServiceTests(DatabaseProvider.PostgreSQL), IOnPostgreSql;
}
