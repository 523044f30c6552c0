using CommsPlan.Core.Access;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Changes;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Tests.Support;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Tests.Core.Activities;

public abstract class ActivityServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private ActivityTestKit _kit = null!;
    private ActivityService _service = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _kit = await ActivityTestKit.CreateAsync(_database);
        _service = _kit.Service();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private CurrentUser Tuphap => _kit.Officer("STP", "tuphap");
    private CurrentUser Daitu => _kit.Officer("DAITU", "daitu");

    [Fact]
    public async Task AnOfficerRecordsAnActivityOfTheirAgencyStampedWithTheirNameAndAnnounced()
    {
        var saved = await _service.CreateAsync(Tuphap, _kit.Input(title: "  Hội nghị triển khai một cửa  "));

        Assert.Equal(_kit.Agencies["STP"], saved.AgencyId);
        Assert.Equal("Hội nghị triển khai một cửa", saved.Title);
        Assert.Equal("tuphap", saved.CreatedBy);
        Assert.Equal("tuphap", saved.UpdatedBy);
        Assert.Equal(_kit.Clock.GetUtcNow().UtcDateTime, saved.CreatedAt);
        Assert.Equal(1, saved.Version);
        Assert.True(saved.CanEdit);
        Assert.Equal(new DataChange("Activity", _kit.Agencies["STP"]), Assert.Single(_kit.Notifier.Changes));
    }

    [Fact]
    public async Task AnInputWithoutAnAgencyIsRecordedUnderTheOfficersAgency()
    {
        var input = _kit.Input();
        input.AgencyId = null;

        var saved = await _service.CreateAsync(Tuphap, input);

        Assert.Equal(_kit.Agencies["STP"], saved.AgencyId);
    }

    [Fact]
    public async Task AnOfficerCannotRecordForAnotherAgency()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.CreateAsync(Tuphap, _kit.Input("DAITU")));

        Assert.Equal(0, await _kit.CountActivitiesAsync());
        Assert.Empty(_kit.Notifier.Changes);
    }

    public static TheoryData<string> NonOfficers => ["giamsat", "lanhdao", "admin"];

    private static CurrentUser NonOfficer(string name) => name switch
    {
        "giamsat" => ActivityTestKit.Monitor,
        "lanhdao" => ActivityTestKit.Viewer,
        _ => ActivityTestKit.Admin,
    };

    public static TheoryData<string> ReadOnlyUsers => ["lanhdao", "admin"];

    /// <summary>The Office may record for an agency on its behalf (OnBehalfEntryTests); leadership and IT staff only read.</summary>
    [Theory]
    [MemberData(nameof(ReadOnlyUsers))]
    public async Task ViewersAndAdministratorsCannotRecordActivities(string user)
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.CreateAsync(NonOfficer(user), _kit.Input()));

        Assert.Equal(0, await _kit.CountActivitiesAsync());
    }

    [Theory]
    [MemberData(nameof(NonOfficers))]
    public async Task MonitorsViewersAndAdministratorsReadAnAgencysOwnActivityButCannotChangeOrDeleteIt(string name)
    {
        var saved = await _service.CreateAsync(Tuphap, _kit.Input());
        var user = NonOfficer(name);

        var read = await _service.GetAsync(user, saved.Id);
        Assert.False(read.CanEdit);
        var edit = read.ToInput();
        edit.Title = "Sửa bởi người không có quyền";
        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.UpdateAsync(user, saved.Id, edit));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.DeleteAsync(user, saved.Id, saved.Version));

        var after = await _service.GetAsync(Tuphap, saved.Id);
        Assert.Equal(saved.Title, after.Title);
        Assert.Equal(saved.Version, after.Version);
    }

    [Fact]
    public async Task AnInvalidInputIsRefusedWithVietnameseReasonsAndNothingIsSaved()
    {
        var input = _kit.Input();
        input.Quantity = 0;
        input.EvidenceUrl = "ftp://x";

        var ex = await Assert.ThrowsAsync<ValidationException>(() => _service.CreateAsync(Tuphap, input));

        Assert.Contains(ex.Errors, e => e.PropertyName == "Quantity" && e.ErrorMessage.Contains("Số lượng"));
        Assert.Contains(ex.Errors, e => e.PropertyName == "EvidenceUrl" && e.ErrorMessage.Contains("Minh chứng"));
        Assert.Equal(0, await _kit.CountActivitiesAsync());
        Assert.Empty(_kit.Notifier.Changes);
    }

    [Fact]
    public async Task AnOfficerAskingForAnotherAgencysActivityByIdGetsNotFound()
    {
        var other = await _service.CreateAsync(Daitu, _kit.Input("DAITU"));

        await Assert.ThrowsAsync<NotFoundException>(() => _service.GetAsync(Tuphap, other.Id));
    }

    [Fact]
    public async Task AMissingActivityAndAnotherAgencysActivityAnswerTheSame()
    {
        var other = await _service.CreateAsync(Daitu, _kit.Input("DAITU"));

        var missing = await Assert.ThrowsAsync<NotFoundException>(() => _service.GetAsync(Tuphap, other.Id + 1000));
        var foreign = await Assert.ThrowsAsync<NotFoundException>(() => _service.GetAsync(Tuphap, other.Id));

        Assert.Equal(missing.Message, foreign.Message);
    }

    [Fact]
    public async Task AnOfficerUpdatingAnotherAgencysActivityGetsNotFoundAndNothingChanges()
    {
        var other = await _service.CreateAsync(Daitu, _kit.Input("DAITU", "Tin bài của Đại Từ"));
        var edit = other.ToInput();
        edit.AgencyId = _kit.Agencies["STP"];
        edit.Title = "Đã bị sửa";

        await Assert.ThrowsAsync<NotFoundException>(() => _service.UpdateAsync(Tuphap, other.Id, edit));

        var after = await _service.GetAsync(ActivityTestKit.Monitor, other.Id);
        Assert.Equal("Tin bài của Đại Từ", after.Title);
        Assert.Equal(_kit.Agencies["DAITU"], after.AgencyId);
        Assert.Equal(other.Version, after.Version);
    }

    [Fact]
    public async Task AnOfficerDeletingAnotherAgencysActivityGetsNotFoundAndItRemains()
    {
        var other = await _service.CreateAsync(Daitu, _kit.Input("DAITU"));

        await Assert.ThrowsAsync<NotFoundException>(() => _service.DeleteAsync(Tuphap, other.Id, other.Version));

        Assert.Equal(1, await _kit.CountActivitiesAsync());
    }

    [Fact]
    public async Task AnOfficerCannotMoveTheirActivityToAnotherAgency()
    {
        var saved = await _service.CreateAsync(Tuphap, _kit.Input());
        var edit = saved.ToInput();
        edit.AgencyId = _kit.Agencies["DAITU"];

        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.UpdateAsync(Tuphap, saved.Id, edit));

        Assert.Equal(_kit.Agencies["STP"], (await _service.GetAsync(Tuphap, saved.Id)).AgencyId);
    }

    [Fact]
    public async Task AnUpdateChangesEveryFieldAndMovesTheVersion()
    {
        var saved = await _service.CreateAsync(Tuphap, _kit.Input());
        var edit = saved.ToInput();
        edit.ChannelId = _kit.Channel("PTTH");
        edit.Title = "Phóng sự về một cửa liên thông";
        edit.Description = "Phát trên kênh TN1";
        edit.StartDate = new DateOnly(2021, 7, 1);
        edit.EndDate = new DateOnly(2021, 7, 3);
        edit.Quantity = 3;
        edit.SecondMeasure = 45;
        edit.ObjectiveIds = [_kit.Objective("MD1"), _kit.Objective("MD4")];
        edit.ThemeIds = [_kit.Theme("ND3")];
        edit.DistrictId = _kit.District("DAITU");
        edit.EvidenceUrl = "https://thainguyentv.vn/phong-su";
        edit.Cost = 12_500_000;
        edit.FundingSource = "Ngân sách tỉnh";
        edit.Notes = "Phát lại 2 lần";

        var updated = await _service.UpdateAsync(Tuphap, saved.Id, edit);

        Assert.Equal(saved.Version + 1, updated.Version);
        Assert.Equal(edit.ChannelId, updated.ChannelId);
        Assert.Equal(edit.Title, updated.Title);
        Assert.Equal(edit.Description, updated.Description);
        Assert.Equal(edit.StartDate, updated.StartDate);
        Assert.Equal(edit.EndDate, updated.EndDate);
        Assert.Equal(3, updated.Quantity);
        Assert.Equal(45, updated.SecondMeasure);
        Assert.Equal(edit.ObjectiveIds.Order(), updated.ObjectiveIds.Order());
        Assert.Equal(edit.ThemeIds, updated.ThemeIds);
        Assert.Equal(edit.DistrictId, updated.DistrictId);
        Assert.Equal(edit.EvidenceUrl, updated.EvidenceUrl);
        Assert.Equal(12_500_000, updated.Cost);
        Assert.Equal(edit.FundingSource, updated.FundingSource);
        Assert.Equal(edit.Notes, updated.Notes);
        Assert.Equal(2, _kit.Notifier.Changes.Count);
    }

    [Fact]
    public async Task ChangingOnlyTheObjectivesStillMovesTheVersion()
    {
        var saved = await _service.CreateAsync(Tuphap, _kit.Input());
        var edit = saved.ToInput();
        edit.ObjectiveIds = [_kit.Objective("MD3")];

        var updated = await _service.UpdateAsync(Tuphap, saved.Id, edit);

        Assert.Equal(saved.Version + 1, updated.Version);
        Assert.Equal([_kit.Objective("MD3")], updated.ObjectiveIds);
    }

    [Fact]
    public async Task TheSecondOfTwoEditsFromTheSameVersionGetsAConflictNamingTheFirstEditor()
    {
        await using (var db = _kit.Context())
        {
            db.Users.Add(new AppUser { UserName = "tuphap", NormalizedUserName = "TUPHAP", FullName = "Nguyễn Thị Hoa" });
            await db.SaveChangesAsync();
        }
        var saved = await _service.CreateAsync(Tuphap, _kit.Input());
        var first = saved.ToInput();
        var second = saved.ToInput();
        first.Title = "Sửa lần thứ nhất";
        second.Title = "Sửa lần thứ hai";
        var colleague = _kit.Officer("STP", "tuphap");

        await _service.UpdateAsync(colleague, saved.Id, first);
        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => _service.UpdateAsync(Tuphap, saved.Id, second));

        Assert.Equal("Nguyễn Thị Hoa", conflict.ChangedBy);
        Assert.Equal(_kit.Clock.GetUtcNow().UtcDateTime, conflict.ChangedAtUtc);
        Assert.Contains("Nguyễn Thị Hoa", conflict.Message);
        var after = await _service.GetAsync(Tuphap, saved.Id);
        Assert.Equal("Sửa lần thứ nhất", after.Title);
        Assert.Equal(saved.Version + 1, after.Version);
    }

    [Fact]
    public async Task DeletingAStaleVersionIsAConflictAndTheActivityRemains()
    {
        var saved = await _service.CreateAsync(Tuphap, _kit.Input());
        var edit = saved.ToInput();
        edit.Title = "Đã sửa";
        await _service.UpdateAsync(Tuphap, saved.Id, edit);

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => _service.DeleteAsync(Tuphap, saved.Id, saved.Version));

        Assert.Equal("tuphap", conflict.ChangedBy);
        Assert.Equal(1, await _kit.CountActivitiesAsync());
    }

    [Fact]
    public async Task DeletingTheCurrentVersionRemovesTheActivityAndItsLinksAndIsAnnounced()
    {
        var saved = await _service.CreateAsync(Tuphap, _kit.Input());

        await _service.DeleteAsync(Tuphap, saved.Id, saved.Version);

        Assert.Equal(0, await _kit.CountActivitiesAsync());
        await using var db = _kit.Context();
        Assert.Equal(0, await db.Set<Dictionary<string, object>>("ActivityObjectives").CountAsync());
        Assert.Equal(2, _kit.Notifier.Changes.Count);
        await Assert.ThrowsAsync<NotFoundException>(() => _service.GetAsync(Tuphap, saved.Id));
    }

    [Fact]
    public async Task EditingAnActivityDeletedMeanwhileAnswersNotFound()
    {
        var saved = await _service.CreateAsync(Tuphap, _kit.Input());
        await _service.DeleteAsync(Tuphap, saved.Id, saved.Version);

        await Assert.ThrowsAsync<NotFoundException>(() => _service.UpdateAsync(Tuphap, saved.Id, saved.ToInput()));
    }

    [Fact]
    public async Task AnOfficersListHoldsOnlyTheirAgencyEvenWhenTheyAskForAnother()
    {
        await _service.CreateAsync(Tuphap, _kit.Input(title: "Của Sở Tư pháp"));
        await _service.CreateAsync(Daitu, _kit.Input("DAITU", "Của Đại Từ"));

        var page = await _service.ListAsync(Tuphap, new ActivityQuery { AgencyId = _kit.Agencies["DAITU"] });

        var row = Assert.Single(page.Rows);
        Assert.Equal("Của Sở Tư pháp", row.Title);
        Assert.Equal(1, page.TotalCount);
    }

    [Fact]
    public async Task AMonitorSeesEveryAgencyAndCanFilterByOne()
    {
        await _service.CreateAsync(Tuphap, _kit.Input(title: "Của Sở Tư pháp"));
        await _service.CreateAsync(Daitu, _kit.Input("DAITU", "Của Đại Từ"));

        var all = await _service.ListAsync(ActivityTestKit.Monitor, new ActivityQuery());
        var daitu = await _service.ListAsync(ActivityTestKit.Monitor, new ActivityQuery { AgencyId = _kit.Agencies["DAITU"] });

        Assert.Equal(2, all.TotalCount);
        Assert.Equal("Của Đại Từ", Assert.Single(daitu.Rows).Title);
    }

    [Fact]
    public async Task AUserWithoutARoleCannotList()
    {
        var nobody = new CurrentUser("x", "x", [], null);

        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.ListAsync(nobody, new ActivityQuery()));
    }

    [Fact]
    public async Task TheListFiltersByFormGroupChannelObjectiveThemeDatesAndText()
    {
        var conference = _kit.Input(title: "Hội nghị tập huấn TTHC");
        conference.StartDate = new DateOnly(2021, 3, 10);
        conference.ObjectiveIds = [_kit.Objective("MD1"), _kit.Objective("MD2")];
        conference.ThemeIds = [_kit.Theme("ND1")];
        var article = _kit.Input(title: "Bài viết về dịch vụ công trực tuyến", channel: "BAO");
        article.StartDate = new DateOnly(2021, 8, 5);
        article.ObjectiveIds = [_kit.Objective("MD3")];
        article.ThemeIds = [_kit.Theme("ND2")];
        article.Notes = "Đăng trên Báo Thái Nguyên";
        var banner = _kit.Input(title: "Treo băng rôn tại trụ sở", channel: "BANGRON");
        banner.StartDate = new DateOnly(2021, 9, 1);
        banner.ThemeIds = [_kit.Theme("ND4")];
        foreach (var input in new[] { conference, article, banner }) await _service.CreateAsync(Tuphap, input);

        async Task<string[]> Titles(ActivityQuery q) =>
            (await _service.ListAsync(ActivityTestKit.Monitor, q)).Rows.Select(r => r.Title).Order().ToArray();

        var ht1 = _kit.Catalogue.FormGroups.Single(g => g.Code == "HT1").Id;
        Assert.Equal(["Bài viết về dịch vụ công trực tuyến"], await Titles(new() { FormGroupId = ht1 }));
        Assert.Equal(["Treo băng rôn tại trụ sở"], await Titles(new() { ChannelId = _kit.Channel("BANGRON") }));
        Assert.Equal(["Hội nghị tập huấn TTHC"], await Titles(new() { ObjectiveId = _kit.Objective("MD1") }));
        Assert.Equal(["Bài viết về dịch vụ công trực tuyến"], await Titles(new() { ThemeId = _kit.Theme("ND2") }));
        Assert.Equal(["Bài viết về dịch vụ công trực tuyến", "Treo băng rôn tại trụ sở"],
            await Titles(new() { From = new DateOnly(2021, 8, 5) }));
        Assert.Equal(["Bài viết về dịch vụ công trực tuyến", "Hội nghị tập huấn TTHC"],
            await Titles(new() { To = new DateOnly(2021, 8, 5) }));
        Assert.Equal(["Treo băng rôn tại trụ sở"], await Titles(new() { Text = "băng rôn" }));
        Assert.Equal(["Bài viết về dịch vụ công trực tuyến"], await Titles(new() { Text = "báo thái" }));
        Assert.Equal(["Hội nghị tập huấn TTHC"], await Titles(new() { Text = "tthc" }));
    }

    [Fact]
    public async Task TheListPagesAndSortsInTheDatabaseAndCountsEveryMatch()
    {
        for (var day = 1; day <= 7; day++)
        {
            var input = _kit.Input(title: $"Hoạt động {day}");
            input.StartDate = new DateOnly(2021, 4, day);
            input.Quantity = 10 - day;
            await _service.CreateAsync(Tuphap, input);
        }

        var newestFirst = await _service.ListAsync(Tuphap, new ActivityQuery { PageSize = 3, Page = 0 });
        var secondPage = await _service.ListAsync(Tuphap, new ActivityQuery { PageSize = 3, Page = 1 });
        var byQuantity = await _service.ListAsync(Tuphap, new ActivityQuery { SortBy = ActivitySort.Quantity, Descending = false, PageSize = 2 });

        Assert.Equal(7, newestFirst.TotalCount);
        Assert.Equal(["Hoạt động 7", "Hoạt động 6", "Hoạt động 5"], newestFirst.Rows.Select(r => r.Title));
        Assert.Equal(["Hoạt động 4", "Hoạt động 3", "Hoạt động 2"], secondPage.Rows.Select(r => r.Title));
        Assert.Equal([3, 4], byQuantity.Rows.Select(r => r.Quantity));
    }

    [Fact]
    public async Task AListRowCarriesTheNamesAndCodesTheGridShows()
    {
        var input = _kit.Input();
        input.ObjectiveIds = [_kit.Objective("MD4"), _kit.Objective("MD2")];
        input.ThemeIds = [_kit.Theme("ND2")];
        input.SecondMeasure = 80;
        input.DistrictId = _kit.District("DAITU");
        input.Cost = 2_000_000;
        await _service.CreateAsync(Tuphap, input);

        var row = Assert.Single((await _service.ListAsync(Tuphap, new ActivityQuery())).Rows);

        Assert.Equal("Sở Tư pháp", row.AgencyName);
        Assert.Equal("HOINGHI", row.ChannelCode);
        Assert.Equal("HT2", row.FormGroupCode);
        Assert.Equal("lượt người", row.SecondMeasureUnit);
        Assert.Equal(["MĐ2", "MĐ4"], row.Objectives);
        Assert.Equal(["ND2"], row.Themes);
        Assert.Equal("Huyện Đại Từ", row.DistrictName);
        Assert.Equal(2_000_000, row.Cost);
    }

    public sealed class OnSqlite() : ActivityServiceTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : ActivityServiceTests(DatabaseProvider.PostgreSQL), IOnPostgreSql;
}
