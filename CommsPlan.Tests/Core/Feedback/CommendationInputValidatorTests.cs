using CommsPlan.Core.Data;
using CommsPlan.Core.Feedback;
using CommsPlan.Core.Plans;
using CommsPlan.Tests.Support;

namespace CommsPlan.Tests.Core.Feedback;

public abstract class CommendationInputValidatorTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2021, 10, 20);
    private TestDatabase _database = null!;
    private CommendationInputValidator _validator = null!;
    private int _stp;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        await using var db = _database.CreateContext();
        _validator = new CommendationInputValidator(await PlanDates.LoadAsync(db, Today));
        _stp = await _database.AgencyIdAsync("STP");
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task<IReadOnlyList<string>> ErrorsAsync(Action<CommendationInput> change)
    {
        var input = new CommendationInput
        {
            AgencyId = _stp, Kind = CommendationKind.Collective, Recipient = "Bộ phận Một cửa Sở Tư pháp",
            Achievement = "100% hồ sơ giải quyết đúng hạn", Date = new DateOnly(2021, 5, 5),
        };
        change(input);
        return (await _validator.ValidateAsync(input)).Errors.Select(e => e.ErrorMessage).ToList();
    }

    [Fact]
    public async Task AcceptsAValidCommendation() => Assert.Empty(await ErrorsAsync(_ => { }));

    [Fact]
    public async Task RequiresTheAgency() => Assert.Equal(["Đơn vị là bắt buộc."], await ErrorsAsync(i => i.AgencyId = null));

    [Fact]
    public async Task RequiresIndividualOrCollective()
    {
        Assert.Equal(["Đối tượng (cá nhân hoặc tập thể) là bắt buộc."], await ErrorsAsync(i => i.Kind = null));
        Assert.Equal(["Đối tượng phải là cá nhân hoặc tập thể."], await ErrorsAsync(i => i.Kind = (CommendationKind)7));
    }

    [Fact]
    public async Task RequiresABoundedRecipient()
    {
        Assert.Equal(["Tên cá nhân, tập thể là bắt buộc."], await ErrorsAsync(i => i.Recipient = " "));
        Assert.Empty(await ErrorsAsync(i => i.Recipient = new string('a', FeedbackLimits.RecipientMaxLength)));
        Assert.Equal(["Tên cá nhân, tập thể không được dài quá 300 ký tự."],
            await ErrorsAsync(i => i.Recipient = new string('a', FeedbackLimits.RecipientMaxLength + 1)));
    }

    [Fact]
    public async Task RequiresABoundedAchievement()
    {
        Assert.Equal(["Thành tích là bắt buộc."], await ErrorsAsync(i => i.Achievement = ""));
        Assert.Equal(["Thành tích không được dài quá 2000 ký tự."],
            await ErrorsAsync(i => i.Achievement = new string('a', FeedbackLimits.AchievementMaxLength + 1)));
    }

    [Fact]
    public async Task RequiresADateInThePlanYearAndNotAfterToday()
    {
        Assert.Equal(["Ngày biểu dương là bắt buộc."], await ErrorsAsync(i => i.Date = null));
        Assert.Empty(await ErrorsAsync(i => i.Date = Today));
        Assert.Equal(["Ngày biểu dương không được sau ngày hôm nay (20/10/2021)."], await ErrorsAsync(i => i.Date = Today.AddDays(1)));
        Assert.Empty(await ErrorsAsync(i => i.Date = new DateOnly(2021, 1, 1)));
        Assert.Equal(["Ngày biểu dương phải trong năm kế hoạch (01/01/2021 – 31/12/2021)."],
            await ErrorsAsync(i => i.Date = new DateOnly(2020, 12, 31)));
    }

    public sealed class OnSqlite() : CommendationInputValidatorTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : CommendationInputValidatorTests(DatabaseProvider.PostgreSQL), IOnPostgreSql;
}
