using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using CommsPlan.Core.Access;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Data;
using CommsPlan.Dashboard.Components.Pages.Activities;
using CommsPlan.Dashboard.Components.Shared;
using CommsPlan.Dashboard.Hosting;
using CommsPlan.Tests.Core.Activities;
using CommsPlan.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommsPlan.Tests.Dashboard.Activities;

public sealed class ActivityEditorTests : DashboardTestContext
{
    private BunitAuthorizationContext _auth = null!;

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(StoppedClock.DemoToday());
        services.AddScoped<UserContext>();
        // A busy database answers after one second, not the production thirty.
        services.Configure<DatabaseOptions>(o => o.BusyTimeoutSeconds = 1);
        // Registered before the first render; each test says who is signed in.
        _auth = AddAuthorization();
    }

    private async Task<int> AgencyIdAsync(string code)
    {
        await using var db = Database.CreateContext();
        return await db.Agencies.Where(a => a.Code == code).Select(a => a.Id).SingleAsync();
    }

    private async Task<CurrentUser> SignInAsOfficerAsync(string userName = "tuphap", string agencyCode = "STP")
    {
        var agencyId = await AgencyIdAsync(agencyCode);
        _auth.SetAuthorized(userName);
        _auth.SetRoles(Roles.AgencyOfficer);
        _auth.SetClaims(new Claim(CommsPlanClaims.AgencyId, agencyId.ToString()));
        return new CurrentUser("", userName, [Roles.AgencyOfficer], agencyId);
    }

    /// <summary>The message a field shows under itself: the element its input is described by.</summary>
    private static string FieldMessage(IRenderedComponent<ActivityEditor> page, string testId)
    {
        var describedBy = page.Find($"input[data-testid={testId}]").GetAttribute("aria-describedby");
        return page.Find($"[id='{describedBy}']").TextContent.Trim();
    }

    [Fact]
    public async Task AnOfficersFormFixesTheAgencyToTheirOwn()
    {
        await SignInAsOfficerAsync();

        var page = Render<ActivityEditor>();

        page.WaitForAssertion(() =>
        {
            var agency = page.Find("input[data-testid=agency]");
            Assert.Equal("Sở Tư pháp", agency.GetAttribute("value"));
            Assert.True(agency.HasAttribute("readonly"));
        });
        Assert.Contains("Đơn vị", page.Markup);
        Assert.Empty(page.FindAll("[data-testid=filter-agency]"));
    }

    [Fact]
    public async Task SavingAnIncompleteFormShowsVietnameseReasonsSavesNothingAndKeepsWhatWasTyped()
    {
        await SignInAsOfficerAsync();
        var page = Render<ActivityEditor>();
        page.WaitForElement("input[data-testid=title]");

        page.Find("input[data-testid=quantity]").Change("0");
        page.Find("input[data-testid=evidence]").Change("ftp://tai-lieu");
        page.Find("[data-testid=save]").Click();

        page.WaitForAssertion(() =>
        {
            var problems = page.Find("[data-testid=problems]").TextContent;
            Assert.Contains("Chưa chọn Hình thức.", problems);
            Assert.Contains("Chưa nhập Tên hoạt động.", problems);
            Assert.Contains("Số lượng phải từ 1 đến 1.000.000.", problems);
            Assert.Contains("Chưa chọn Mục đích (ít nhất một).", problems);
            Assert.Contains("Chưa chọn Nội dung tuyên truyền (ít nhất một).", problems);
            Assert.Contains("Minh chứng phải là đường dẫn bắt đầu bằng http:// hoặc https://.", problems);
        });
        // Each field says what is wrong with it, under the field.
        Assert.Equal("Chưa chọn Mục đích (ít nhất một).", FieldMessage(page, "objectives"));
        Assert.Equal("Chưa nhập Tên hoạt động.", FieldMessage(page, "title"));
        Assert.Equal("Số lượng phải từ 1 đến 1.000.000.", FieldMessage(page, "quantity"));
        Assert.Equal("ftp://tai-lieu", page.Find("input[data-testid=evidence]").GetAttribute("value"));
        Assert.Equal("0", page.Find("input[data-testid=quantity]").GetAttribute("value"));
        await using var db = Database.CreateContext();
        Assert.Equal(0, await db.Activities.CountAsync());
    }

    [Theory]
    [InlineData("quantity")]
    [InlineData("cost")]
    public async Task LettersTypedIntoANumberFieldAreRefusedInVietnamese(string testId)
    {
        await SignInAsOfficerAsync();
        var page = Render<ActivityEditor>();
        page.WaitForElement($"input[data-testid={testId}]");

        page.Find($"input[data-testid={testId}]").Change("abc");

        // The message under the field (a field without helper text has no aria-describedby to follow).
        page.WaitForAssertion(() => Assert.Equal("Không phải là số hợp lệ: chỉ nhập chữ số (ví dụ 1.500 hoặc 2,5).",
            page.Find($"input[data-testid={testId}]").Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text")!.TextContent.Trim()));
    }

    [Fact]
    public async Task AMonitorSeesAnActivityReadOnlyWithoutSaveOrDelete()
    {
        var officer = await SignInAsOfficerAsync();
        var service = Services.GetRequiredService<ActivityService>();
        var catalogue = await service.GetCatalogueAsync();
        var saved = await service.CreateAsync(officer, new ActivityInput
        {
            ChannelId = catalogue.Channels.First(c => c.Code == "BAO").Id,
            Title = "Bài viết về một cửa",
            StartDate = new DateOnly(2021, 5, 4),
            Quantity = 2,
            ObjectiveIds = [catalogue.Objectives[0].Id],
            ThemeIds = [catalogue.Themes[1].Id],
        });
        _auth.SetAuthorized("giamsat");
        _auth.SetRoles(Roles.Monitor);
        _auth.SetClaims();

        var page = Render<ActivityEditor>(p => p.Add(x => x.Id, saved.Id));

        page.WaitForAssertion(() => Assert.Contains("Bạn chỉ có quyền xem", page.Find("[data-testid=read-only]").TextContent));
        Assert.Equal("Bài viết về một cửa", page.Find("input[data-testid=title]").GetAttribute("value"));
        Assert.Empty(page.FindAll("[data-testid=save]"));
        Assert.Empty(page.FindAll("[data-testid=delete]"));
    }

    [Fact]
    public async Task AnEditThatLostARaceSaysWhoChangedTheRecordAndReloadsOnlyWhenAsked()
    {
        var officer = await SignInAsOfficerAsync();
        var service = Services.GetRequiredService<ActivityService>();
        var catalogue = await service.GetCatalogueAsync();
        var saved = await service.CreateAsync(officer, new ActivityInput
        {
            ChannelId = catalogue.Channels.First(c => c.Code == "BAO").Id,
            Title = "Bản gốc",
            StartDate = new DateOnly(2021, 5, 4),
            Quantity = 2,
            ObjectiveIds = [catalogue.Objectives[0].Id],
            ThemeIds = [catalogue.Themes[1].Id],
        });
        var page = Render<ActivityEditor>(p => p.Add(x => x.Id, saved.Id));
        page.WaitForAssertion(() => Assert.Equal("Bản gốc", page.Find("input[data-testid=title]").GetAttribute("value")));

        var colleague = saved.ToInput();
        colleague.Title = "Đồng nghiệp đã sửa";
        await service.UpdateAsync(officer with { UserName = "dongnghiep" }, saved.Id, colleague);
        page.Find("input[data-testid=title]").Change("Tôi sửa sau");
        page.Find("[data-testid=save]").Click();

        page.WaitForAssertion(() => Assert.Contains("dongnghiep", page.Find("[data-testid=conflict]").TextContent));
        Assert.Equal("Tôi sửa sau", page.Find("input[data-testid=title]").GetAttribute("value"));
        Assert.Equal("Đồng nghiệp đã sửa", (await service.GetAsync(officer, saved.Id)).Title);

        page.FindAll("[data-testid=conflict] button").Single(b => b.TextContent.Contains("Tải lại")).Click();

        page.WaitForAssertion(() => Assert.Equal("Đồng nghiệp đã sửa", page.Find("input[data-testid=title]").GetAttribute("value")));
        Assert.Empty(page.FindAll("[data-testid=conflict]"));
    }

    private static string? Value(AngleSharp.Dom.IElement field) => field.GetAttribute("value") ?? field.TextContent;

    [Fact]
    public async Task AnActivityAnAgencysSystemRecordedShowsItsExternalIdAndAPageSaveKeepsIt()
    {
        var officer = await SignInAsOfficerAsync();
        var service = Services.GetRequiredService<ActivityService>();
        var catalogue = await service.GetCatalogueAsync();
        var saved = await service.CreateAsync(officer, new ActivityInput
        {
            ChannelId = catalogue.Channels.First(c => c.Code == "BAO").Id,
            Title = "Bài từ CMS",
            StartDate = new DateOnly(2021, 5, 4),
            Quantity = 1,
            ObjectiveIds = [catalogue.Objectives[0].Id],
            ThemeIds = [catalogue.Themes[1].Id],
            ExternalId = "cms-4711",
        });
        var page = Render<ActivityEditor>(p => p.Add(x => x.Id, saved.Id));
        page.WaitForAssertion(() => Assert.Equal("Mã ở hệ thống nguồn: cms-4711", page.Find("[data-testid=external-id]").TextContent.Trim()));

        page.Find("input[data-testid=title]").Change("Bài từ CMS, đã sửa trên trang");
        page.Find("[data-testid=save]").Click();

        page.WaitForAssertion(() => Assert.EndsWith("/activities", Services.GetRequiredService<NavigationManager>().Uri));
        var stored = await service.GetAsync(officer, saved.Id);
        Assert.Equal("Bài từ CMS, đã sửa trên trang", stored.Title);
        Assert.Equal("cms-4711", stored.ExternalId);
    }

    private async Task<ActivityDetails> SavedActivityAsync(CurrentUser officer, string title)
    {
        var service = Services.GetRequiredService<ActivityService>();
        var catalogue = await service.GetCatalogueAsync();
        return await service.CreateAsync(officer, new ActivityInput
        {
            ChannelId = catalogue.Channels.First(c => c.Code == "BAO").Id,
            Title = title,
            StartDate = new DateOnly(2021, 5, 4),
            Quantity = 2,
            ObjectiveIds = [catalogue.Objectives[0].Id],
            ThemeIds = [catalogue.Themes[1].Id],
        });
    }

    /// <summary>Another connection (a backup, a second process) holding SQLite's write lock until disposed.</summary>
    private async Task<SqliteConnection> HoldWriteLockAsync()
    {
        var holder = new SqliteConnection($"Data Source={Database.FilePath};Pooling=False");
        await holder.OpenAsync();
        await using var begin = holder.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE;";
        await begin.ExecuteNonQueryAsync();
        return holder;
    }

    [Fact]
    public async Task ASaveWhileAnotherConnectionHoldsTheWriteLockKeepsTheInputSaysWhyAndThuLaiSavesIt()
    {
        var officer = await SignInAsOfficerAsync();
        var saved = await SavedActivityAsync(officer, "Bản trước khi bận");
        var page = Render<ActivityEditor>(p => p.Add(x => x.Id, saved.Id));
        page.WaitForAssertion(() => Assert.Equal("Bản trước khi bận", page.Find("input[data-testid=title]").GetAttribute("value")));
        page.Find("input[data-testid=title]").Change("Tên mới nhập lúc cơ sở dữ liệu bận");
        page.Find("textarea[data-testid=notes]").Change("Ghi chú không được mất");

        await using (var holder = await HoldWriteLockAsync())
        {
            page.Find("[data-testid=save]").Click();

            page.WaitForAssertion(() => Assert.Contains("đang bận", page.Find("[data-testid=save-failure]").TextContent));
            Assert.Contains("Nội dung bạn nhập vẫn còn nguyên", page.Find("[data-testid=save-failure]").TextContent);
            Assert.Equal("Tên mới nhập lúc cơ sở dữ liệu bận", page.Find("input[data-testid=title]").GetAttribute("value"));
            Assert.Equal("Ghi chú không được mất", Value(page.Find("textarea[data-testid=notes]")));
            Assert.DoesNotContain("/activities", Services.GetRequiredService<NavigationManager>().Uri);
        }
        Assert.Equal("Bản trước khi bận", (await Services.GetRequiredService<ActivityService>().GetAsync(officer, saved.Id)).Title);

        page.Find("[data-testid=save-failure] [data-testid=retry]").Click();

        page.WaitForAssertion(() => Assert.EndsWith("/activities", Services.GetRequiredService<NavigationManager>().Uri));
        var stored = await Services.GetRequiredService<ActivityService>().GetAsync(officer, saved.Id);
        Assert.Equal("Tên mới nhập lúc cơ sở dữ liệu bận", stored.Title);
        Assert.Equal("Ghi chú không được mất", stored.Notes);
    }

    [Fact]
    public async Task AfterTheConnectionDroppedTheFirstSaveStoresNothingAndRedrawsTheFormFromTheServer()
    {
        var officer = await SignInAsOfficerAsync();
        var saved = await SavedActivityAsync(officer, "Bản đã lưu");
        var page = Render<ActivityEditor>(p => p.Add(x => x.Id, saved.Id));
        page.WaitForAssertion(() => Assert.Equal("Bản đã lưu", page.Find("input[data-testid=title]").GetAttribute("value")));
        page.Find("input[data-testid=title]").Change("Nhập trước khi mất kết nối");

        await Services.GetRequiredService<CircuitConnection>().OnConnectionDownAsync(null!, CancellationToken.None);
        page.Find("[data-testid=save]").Click();

        page.WaitForAssertion(() => Assert.Equal(SaveGuard.InterruptedMessage, page.Find("[data-testid=save-failure] span").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=retry]"));
        Assert.Equal("Bản đã lưu", (await Services.GetRequiredService<ActivityService>().GetAsync(officer, saved.Id)).Title);

        page.Find("[data-testid=save]").Click();

        page.WaitForAssertion(() => Assert.EndsWith("/activities", Services.GetRequiredService<NavigationManager>().Uri));
        Assert.Equal("Nhập trước khi mất kết nối", (await Services.GetRequiredService<ActivityService>().GetAsync(officer, saved.Id)).Title);
    }

    [Fact]
    public async Task SavingALikelyDuplicateAsksFirstAndSavesOnlyWhenTheOfficerConfirms()
    {
        var officer = await SignInAsOfficerAsync();
        var first = await SavedActivityAsync(officer, "Bài viết về một cửa");
        var second = await SavedActivityAsync(officer, "Bài viết khác");
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var page = Render<ActivityEditor>(p => p.Add(x => x.Id, second.Id));
        page.WaitForAssertion(() => Assert.Equal("Bài viết khác", page.Find("input[data-testid=title]").GetAttribute("value")));
        var service = Services.GetRequiredService<ActivityService>();

        page.Find("input[data-testid=title]").Change("BAI VIET VE MOT CUA");
        page.Find("[data-testid=save]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("«Bài viết về một cửa»", dialogs.Find("[data-testid=confirm-message]").TextContent));
        Assert.Contains("Có thể trùng hoạt động đã có", dialogs.Markup);
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Hủy").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=confirm-message]")));
        Assert.Equal("Bài viết khác", (await service.GetAsync(officer, second.Id)).Title);
        Assert.Equal("BAI VIET VE MOT CUA", page.Find("input[data-testid=title]").GetAttribute("value"));

        page.Find("[data-testid=save]").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Vẫn lưu").Click());

        page.WaitForAssertion(() => Assert.EndsWith("/activities", Services.GetRequiredService<NavigationManager>().Uri));
        Assert.Equal("BAI VIET VE MOT CUA", (await service.GetAsync(officer, second.Id)).Title);
        Assert.Equal("Bài viết về một cửa", (await service.GetAsync(officer, first.Id)).Title);
    }

    [Fact]
    public async Task SavingARecordThatRepeatsNothingAsksNothing()
    {
        var officer = await SignInAsOfficerAsync();
        var saved = await SavedActivityAsync(officer, "Bài viết về một cửa");
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var page = Render<ActivityEditor>(p => p.Add(x => x.Id, saved.Id));
        page.WaitForAssertion(() => Assert.Equal("Bài viết về một cửa", page.Find("input[data-testid=title]").GetAttribute("value")));

        page.Find("textarea[data-testid=notes]").Change("Thêm ghi chú");
        page.Find("[data-testid=save]").Click();

        page.WaitForAssertion(() => Assert.EndsWith("/activities", Services.GetRequiredService<NavigationManager>().Uri));
        Assert.Empty(dialogs.FindAll("[data-testid=confirm-message]"));
    }

    [Fact]
    public async Task ASecondSaveOfAnIncompleteFormStillSpeaksVietnameseUnderTheObjectivesAndThemes()
    {
        await SignInAsOfficerAsync();
        var page = Render<ActivityEditor>();
        page.WaitForElement("input[data-testid=title]");

        page.Find("[data-testid=save]").Click();
        page.WaitForAssertion(() => Assert.Contains("Chưa chọn Mục đích (ít nhất một).", page.Find("[data-testid=problems]").TextContent));
        page.Find("[data-testid=save]").Click();

        page.WaitForAssertion(() =>
        {
            Assert.Equal("Chưa chọn Mục đích (ít nhất một).", FieldMessage(page, "objectives"));
            Assert.Equal("Chưa chọn Nội dung tuyên truyền (ít nhất một).", FieldMessage(page, "themes"));
        });
        Assert.DoesNotContain("Required", page.Markup);
    }
}
