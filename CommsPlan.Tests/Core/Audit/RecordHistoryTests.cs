using CommsPlan.Core.Access;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Audit;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Core.Feedback;
using CommsPlan.Core.UnitPlans;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Tests.Core.Audit;

/// <summary>
/// The "Lịch sử" of the records agencies keep (activities, unit plans with their targets, commendations,
/// difficulties), written through the services people use and read back as the tab shows it: who by full name,
/// what before → after, and only for those who may read the record.
/// </summary>
public abstract class RecordHistoryTests(DatabaseProvider provider) : IAsyncLifetime
{
    private AccessTestServices _app = null!;
    private AuditService _audit = null!;
    private CurrentUser _tuphap = null!;
    private int _stp;

    public async Task InitializeAsync()
    {
        _app = await AccessTestServices.CreateAsync(provider);
        _audit = _app.Get<AuditService>();
        _tuphap = await _app.UserAsync("tuphap");
        _stp = await _app.AgencyIdAsync("STP");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AnActivitysHistoryListsItsCreationEditAndDeletionWithValuesBeforeAndAfter()
    {
        var activities = _app.Get<ActivityService>();
        var catalogue = await activities.GetCatalogueAsync();
        var saved = await activities.CreateAsync(_tuphap, new ActivityInput
        {
            AgencyId = _stp, ChannelId = catalogue.Channels.First(c => c.Code == "BAO").Id, Title = "Hội nghị tập huấn",
            StartDate = new DateOnly(2021, 5, 4), Quantity = 2, ObjectiveIds = [catalogue.Objectives[0].Id], ThemeIds = [catalogue.Themes[0].Id],
        });
        var input = saved.ToInput();
        input.Title = "Hội nghị tập huấn một cửa liên thông";
        input.Quantity = 3;
        input.ObjectiveIds = [catalogue.Objectives[1].Id];
        var edited = await activities.UpdateAsync(_tuphap, saved.Id, input);
        // The record's stamp names the person, not the login.
        Assert.Equal(("Lê Thị Tư Pháp", "Lê Thị Tư Pháp"), (edited.CreatedByName, edited.UpdatedByName));
        await activities.DeleteAsync(_tuphap, saved.Id, edited.Version);

        // The record is gone: its history stays with the administration and the Office.
        var history = await _audit.HistoryAsync(await _app.UserAsync("giamsat"), nameof(Activity), Key(saved.Id));

        Assert.Equal([AuditAction.Deleted, AuditAction.Updated, AuditAction.Created], history.Select(r => r.Action));
        Assert.All(history, r => Assert.Equal("Lê Thị Tư Pháp", r.By));
        Assert.Equal(("Hội nghị tập huấn", "Hội nghị tập huấn một cửa liên thông"), Change(history[1], "Tiêu đề"));
        Assert.Equal(("2", "3"), Change(history[1], "Số lượng"));
        Assert.Equal((null, "Hội nghị tập huấn"), Change(history[2], "Tiêu đề"));
        // Agencies and channels by name, not by the codes the entries hold.
        Assert.Equal((null, "Sở Tư pháp"), Change(history[2], "Đơn vị"));
        Assert.Equal((null, "Tin, bài trên báo"), Change(history[2], "Kênh"));
        // Objectives and themes as the plan names them, not by the codes the entries hold.
        static string Named(CatalogueOption item) => $"{item.DisplayCode} {item.ShortName}";
        Assert.Equal((null, Named(catalogue.Objectives[0])), Change(history[2], "Mục đích"));
        Assert.Equal((null, Named(catalogue.Themes[0])), Change(history[2], "Nội dung tuyên truyền"));
        Assert.Equal((Named(catalogue.Objectives[0]), Named(catalogue.Objectives[1])), Change(history[1], "Mục đích"));
        Assert.Equal(("Hội nghị tập huấn một cửa liên thông", null), Change(history[0], "Tiêu đề"));
        Assert.Equal("Hội nghị tập huấn một cửa liên thông", history[0].EntityLabel);
    }

    [Fact]
    public async Task AUnitPlansHistoryHoldsTheChangesOfItsTargets()
    {
        var unitPlans = _app.Get<UnitPlanService>();
        var (bao, web) = await ChannelsAsync();
        var created = await unitPlans.SaveAsync(_tuphap, _stp, new UnitPlanInput
        {
            DocumentNumber = "15/KH-STP", IssuedOn = new DateOnly(2021, 3, 1), Targets = [new() { ChannelId = bao, Quantity = 12 }],
        });
        var input = created.ToInput();
        input.DocumentNumber = "15/KH-STP (sửa đổi)";
        input.Targets = [new() { ChannelId = bao, Quantity = 20 }, new() { ChannelId = web, Quantity = 40 }];
        await unitPlans.SaveAsync(_tuphap, _stp, input);

        var history = await _audit.HistoryAsync(_tuphap, nameof(UnitPlan), Key(created.Id));

        Assert.Equal([AuditAction.Updated, AuditAction.Created], history.Select(r => r.Action));
        // Each target by its channel's name, not by the code the entry holds.
        Assert.Equal((null, "12"), Change(history[1], "Chỉ tiêu Tin, bài trên báo · Số lượng"));
        Assert.Equal(("12", "20"), Change(history[0], "Chỉ tiêu Tin, bài trên báo · Số lượng"));
        Assert.Equal((null, "40"), Change(history[0], $"Chỉ tiêu {await ChannelNameAsync("WEB")} · Số lượng"));
        Assert.Equal("Lê Thị Tư Pháp", (await unitPlans.GetAsync(_tuphap, created.Id)).UpdatedByName);
        Assert.Equal(("15/KH-STP", "15/KH-STP (sửa đổi)"), Change(history[0], "Số, ký hiệu văn bản"));
        Assert.Equal("15/KH-STP (sửa đổi) · Sở Tư pháp", history[0].EntityLabel);
        // Targets are parts of the plan: they have no history of their own.
        Assert.Empty(await _audit.HistoryAsync(await _app.UserAsync("admin"), nameof(UnitPlanTarget), "1"));
    }

    [Fact]
    public async Task ACommendationsHistoryListsItsCreationEditAndDeletion()
    {
        var commendations = _app.Get<CommendationService>();
        var saved = await commendations.CreateAsync(_tuphap, new CommendationInput
        {
            AgencyId = _stp, Kind = CommendationKind.Individual, Recipient = "Bà Nguyễn Thị Hà",
            Achievement = "Hướng dẫn người dân nộp hồ sơ trực tuyến", Date = new DateOnly(2021, 6, 15),
        });
        var input = saved.ToInput();
        input.Kind = CommendationKind.Collective;
        input.Recipient = "Bộ phận Một cửa Sở Tư pháp";
        var edited = await commendations.UpdateAsync(_tuphap, saved.Id, input);
        await commendations.DeleteAsync(_tuphap, saved.Id, edited.Version);

        // The record is gone: its history stays with the administration and the Office.
        var history = await _audit.HistoryAsync(await _app.UserAsync("giamsat"), nameof(Commendation), Key(saved.Id));

        Assert.Equal([AuditAction.Deleted, AuditAction.Updated, AuditAction.Created], history.Select(r => r.Action));
        Assert.Equal(("Bà Nguyễn Thị Hà", "Bộ phận Một cửa Sở Tư pháp"), Change(history[1], "Cá nhân, tập thể"));
        Assert.Equal(("Cá nhân", "Tập thể"), Change(history[1], "Loại"));
        Assert.Equal((null, "15/06/2021"), Change(history[2], "Ngày"));
        Assert.Equal(("Bộ phận Một cửa Sở Tư pháp", null), Change(history[0], "Cá nhân, tập thể"));
        Assert.All(history, r => Assert.Equal("Lê Thị Tư Pháp", r.By));
    }

    [Fact]
    public async Task ADifficultysHistoryListsItsRaisingAndTheOfficesAnswersByName()
    {
        var difficulties = _app.Get<DifficultyService>();
        var giamsat = await _app.UserAsync("giamsat");
        var raised = await difficulties.RaiseAsync(_tuphap, new DifficultyInput
        {
            AgencyId = _stp, Title = "Thiếu kinh phí in tờ rơi", Content = "Đơn vị chưa được cấp kinh phí in tờ rơi quý III.",
        });
        var answered = await difficulties.AnswerAsync(giamsat, raised.Id, new DifficultyAnswerInput { Answer = "Đã đề nghị Sở Tài chính bổ sung.", Version = raised.Version });
        await difficulties.AnswerAsync(giamsat, raised.Id, new DifficultyAnswerInput { Answer = "Sở Tài chính đã bổ sung kinh phí.", Version = answered.Version });

        var history = await _audit.HistoryAsync(_tuphap, nameof(Difficulty), Key(raised.Id));

        Assert.Equal([AuditAction.Updated, AuditAction.Updated, AuditAction.Created], history.Select(r => r.Action));
        Assert.Equal(["Nguyễn Thị Giám Sát", "Nguyễn Thị Giám Sát", "Lê Thị Tư Pháp"], history.Select(r => r.By));
        Assert.Equal((null, "Thiếu kinh phí in tờ rơi"), Change(history[2], "Tiêu đề"));
        Assert.Equal(("Chưa trả lời", "Đã trả lời"), Change(history[1], "Trạng thái"));
        Assert.Equal(("Đã đề nghị Sở Tài chính bổ sung.", "Sở Tài chính đã bổ sung kinh phí."), Change(history[0], "Trả lời"));
        // The replier by full name, not by the login the entry holds.
        Assert.Equal((null, "Nguyễn Thị Giám Sát"), Change(history[1], "Người trả lời"));
        Assert.Equal("Thiếu kinh phí in tờ rơi", history[0].EntityLabel);
    }

    [Fact]
    public async Task AnOfficerCannotReadTheHistoryOfAnotherAgencysRecordsButReadOnlyViewersCan()
    {
        var daitu = await _app.UserAsync("daitu");
        var (bao, _) = await ChannelsAsync();
        var catalogue = await _app.Get<ActivityService>().GetCatalogueAsync();
        var activity = await _app.Get<ActivityService>().CreateAsync(_tuphap, new ActivityInput
        {
            AgencyId = _stp, ChannelId = bao, Title = "Bài viết về hòa giải cơ sở", StartDate = new DateOnly(2021, 5, 4), Quantity = 1,
            ObjectiveIds = [catalogue.Objectives[0].Id], ThemeIds = [catalogue.Themes[0].Id],
        });
        var plan = await _app.Get<UnitPlanService>().SaveAsync(_tuphap, _stp, new UnitPlanInput
        {
            DocumentNumber = "15/KH-STP", IssuedOn = new DateOnly(2021, 3, 1), Targets = [new() { ChannelId = bao, Quantity = 12 }],
        });
        var commendation = await _app.Get<CommendationService>().CreateAsync(_tuphap, new CommendationInput
        {
            AgencyId = _stp, Kind = CommendationKind.Individual, Recipient = "Bà Nguyễn Thị Hà", Achievement = "Tận tình", Date = new DateOnly(2021, 6, 15),
        });
        var difficulty = await _app.Get<DifficultyService>().RaiseAsync(_tuphap, new DifficultyInput
        {
            AgencyId = _stp, Title = "Thiếu kinh phí", Content = "Chưa được cấp kinh phí.",
        });
        (string Type, int Id)[] records =
            [(nameof(Activity), activity.Id), (nameof(UnitPlan), plan.Id), (nameof(Commendation), commendation.Id), (nameof(Difficulty), difficulty.Id)];

        foreach (var (type, id) in records)
        {
            await Assert.ThrowsAsync<NotFoundException>(() => _audit.HistoryAsync(daitu, type, Key(id)));
            Assert.Single(await _audit.HistoryAsync(await _app.UserAsync("lanhdao"), type, Key(id)));
            Assert.Single(await _audit.HistoryAsync(_tuphap, type, Key(id)));
        }
    }

    [Fact]
    public async Task TheAuditLogNamesRecordsAndPeopleInsteadOfCodesAndLoginNames()
    {
        var activities = _app.Get<ActivityService>();
        var catalogue = await activities.GetCatalogueAsync();
        var saved = await activities.CreateAsync(_tuphap, new ActivityInput
        {
            AgencyId = _stp, ChannelId = catalogue.Channels.First(c => c.Code == "BAO").Id, Title = "Hội nghị tập huấn Luật Hòa giải",
            StartDate = new DateOnly(2021, 5, 4), Quantity = 1, ObjectiveIds = [catalogue.Objectives[0].Id], ThemeIds = [catalogue.Themes[0].Id],
        });
        var admin = await _app.UserAsync("admin");
        var tuphapAccount = await _app.UserAsync("tuphap");

        var page = await _audit.SearchAsync(admin, new AuditQuery(Take: 200));

        var activityRow = Assert.Single(page.Items, r => r.EntityType == nameof(Activity) && r.EntityId == Key(saved.Id));
        Assert.Equal(("Hoạt động", "Hội nghị tập huấn Luật Hòa giải", "Lê Thị Tư Pháp", "tuphap"),
            (activityRow.EntityTypeLabel, activityRow.EntityLabel, activityRow.By, activityRow.UserName));
        var agency = await _audit.SearchAsync(admin, new AuditQuery(EntityType: nameof(Agency), EntityId: Key(_stp)));
        Assert.All(agency.Items, r => Assert.Equal("Sở Tư pháp", r.EntityLabel));
        var account = await _audit.SearchAsync(admin, new AuditQuery(EntityType: nameof(AppUser), EntityId: tuphapAccount.UserId));
        Assert.All(account.Items, r => Assert.Equal("Lê Thị Tư Pháp (tuphap)", r.EntityLabel));
        Assert.NotEmpty(account.Items);
        // An agency's document details are named in Vietnamese too.
        Assert.Equal(("Thể thức văn bản", "Nghị định 30/2020/NĐ-CP"),
            (AuditLabels.Property("DocumentStyle"), AuditLabels.Value("DocumentStyle", System.Text.Json.Nodes.JsonValue.Create("State"))));
        Assert.Equal("Hộp thư của đơn vị", AuditLabels.Property("ContactEmail"));
    }

    private async Task<(int Bao, int Web)> ChannelsAsync()
    {
        await using var db = await _app.ContextAsync();
        var ids = await db.Channels.Where(c => c.Code == "BAO" || c.Code == "WEB").ToDictionaryAsync(c => c.Code, c => c.Id);
        return (ids["BAO"], ids["WEB"]);
    }

    private async Task<string> ChannelNameAsync(string code)
    {
        await using var db = await _app.ContextAsync();
        return await db.Channels.Where(c => c.Code == code).Select(c => c.Name).SingleAsync();
    }

    private static (string? Before, string? After) Change(AuditRow row, string label)
    {
        var change = Assert.Single(row.Changes, c => c.Label == label);
        return (change.Before, change.After);
    }

    private static string Key(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public sealed class OnSqlite() : RecordHistoryTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : RecordHistoryTests(DatabaseProvider.PostgreSQL), IOnPostgreSql;
}
