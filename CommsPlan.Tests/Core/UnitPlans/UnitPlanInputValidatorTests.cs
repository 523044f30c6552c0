using CommsPlan.Core.Data;
using CommsPlan.Core.UnitPlans;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Tests.Core.UnitPlans;

public abstract class UnitPlanInputValidatorTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2021, 10, 20);
    private TestDatabase _database = null!;
    private int _web;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        await using var db = _database.CreateContext();
        _web = await db.Channels.Where(c => c.Code == "WEB").Select(c => c.Id).SingleAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private UnitPlanInput Valid() => new()
    {
        DocumentNumber = "15/KH-STP",
        IssuedOn = new DateOnly(2021, 3, 15),
        Link = "https://stp.thainguyen.gov.vn/kh-15",
        Targets = [new() { ChannelId = _web, Quantity = 40 }],
    };

    private async Task<IReadOnlyList<string>> ErrorsAsync(Action<UnitPlanInput> change)
    {
        var input = Valid();
        change(input);
        // Built on the database as it is now, as the service builds one per save.
        await using var db = _database.CreateContext();
        var result = await new UnitPlanInputValidator(await UnitPlanValidationContext.LoadAsync(db, Today)).ValidateAsync(input);
        return result.Errors.Select(e => e.ErrorMessage).ToList();
    }

    [Fact]
    public async Task AcceptsAValidUnitPlan() => Assert.Empty(await ErrorsAsync(_ => { }));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task RejectsAnEmptyDocumentNumber(string number) =>
        Assert.Equal(["Số văn bản là bắt buộc."], await ErrorsAsync(i => i.DocumentNumber = number));

    [Fact]
    public async Task AcceptsADocumentNumberAtTheLengthLimitAndRejectsOneLonger()
    {
        Assert.Empty(await ErrorsAsync(i => i.DocumentNumber = new string('1', UnitPlanLimits.DocumentNumberMaxLength)));
        Assert.Equal(["Số văn bản không được dài quá 100 ký tự."],
            await ErrorsAsync(i => i.DocumentNumber = new string('1', UnitPlanLimits.DocumentNumberMaxLength + 1)));
    }

    [Fact]
    public async Task RejectsAMissingDate() =>
        Assert.Equal(["Ngày ban hành là bắt buộc."], await ErrorsAsync(i => i.IssuedOn = null));

    [Fact]
    public async Task AcceptsTodayAndRejectsTomorrow()
    {
        Assert.Empty(await ErrorsAsync(i => i.IssuedOn = Today));
        Assert.Equal(["Ngày ban hành không được sau ngày hôm nay (20/10/2021)."], await ErrorsAsync(i => i.IssuedOn = Today.AddDays(1)));
    }

    [Fact]
    public async Task AcceptsTheFirstDayOfThePlanYearAndRejectsTheDayBefore()
    {
        Assert.Empty(await ErrorsAsync(i => i.IssuedOn = new DateOnly(2021, 1, 1)));
        Assert.Equal(["Ngày ban hành phải trong năm kế hoạch (01/01/2021 – 31/12/2021)."],
            await ErrorsAsync(i => i.IssuedOn = new DateOnly(2020, 12, 31)));
    }

    [Theory]
    [InlineData("ftp://stp.thainguyen.gov.vn/kh.pdf")]
    [InlineData("javascript:alert(1)")]
    [InlineData("stp.thainguyen.gov.vn/kh")]
    [InlineData("file:///etc/passwd")]
    public async Task RejectsALinkThatIsNotHttp(string link) =>
        Assert.Equal(["Đường dẫn phải là địa chỉ http:// hoặc https:// đầy đủ."], await ErrorsAsync(i => i.Link = link));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("http://vpubnd.thainguyen.gov.vn/van-ban?id=15")]
    public async Task AcceptsNoLinkOrAnHttpOne(string? link) => Assert.Empty(await ErrorsAsync(i => i.Link = link));

    [Fact]
    public async Task RejectsALinkLongerThanTheLimit() =>
        Assert.Contains("Đường dẫn không được dài quá 1000 ký tự.",
            await ErrorsAsync(i => i.Link = "https://a.vn/" + new string('x', UnitPlanLimits.LinkMaxLength)));

    [Fact]
    public async Task AcceptsAZeroTargetAndRejectsANegativeOne()
    {
        Assert.Empty(await ErrorsAsync(i => i.Targets[0].Quantity = 0));
        Assert.Equal(["Chỉ tiêu không được là số âm."], await ErrorsAsync(i => i.Targets[0].Quantity = -1));
    }

    [Fact]
    public async Task RejectsATargetAboveTheLimit()
    {
        Assert.Empty(await ErrorsAsync(i => i.Targets[0].Quantity = UnitPlanLimits.MaxTargetQuantity));
        Assert.Equal(["Chỉ tiêu không được vượt quá 1.000.000."],
            await ErrorsAsync(i => i.Targets[0].Quantity = UnitPlanLimits.MaxTargetQuantity + 1));
    }

    [Fact]
    public async Task RejectsTwoTargetsOnOneChannel() =>
        Assert.Equal(["Mỗi hình thức chỉ được nhập một chỉ tiêu."],
            await ErrorsAsync(i => i.Targets.Add(new() { ChannelId = _web, Quantity = 3 })));

    [Fact]
    public async Task RejectsATargetOnAnInactiveOrUnknownChannel()
    {
        Assert.Equal(["Chỉ tiêu chỉ được đặt cho hình thức tuyên truyền đang sử dụng."],
            await ErrorsAsync(i => i.Targets[0].ChannelId = 99_999));

        await using (var db = _database.CreateContext())
        {
            await db.Channels.Where(c => c.Id == _web).ExecuteUpdateAsync(s => s.SetProperty(c => c.IsActive, false));
        }
        Assert.Equal(["Chỉ tiêu chỉ được đặt cho hình thức tuyên truyền đang sử dụng."], await ErrorsAsync(_ => { }));
    }

    public sealed class OnSqlite() : UnitPlanInputValidatorTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : UnitPlanInputValidatorTests(DatabaseProvider.PostgreSQL), IOnPostgreSql;
}
