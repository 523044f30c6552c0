using CommsPlan.Core.Access;
using CommsPlan.Core.Administration;
using CommsPlan.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Regex = System.Text.RegularExpressions.Regex;

namespace CommsPlan.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class SignInBrowserTests(AppFixture app)
{
    [Theory]
    [InlineData("admin", "Quản trị hệ thống", "Quản trị")]
    [InlineData("giamsat", "Nguyễn Thị Giám Sát", "Giám sát")]
    [InlineData("lanhdao", "Trần Văn Lãnh Đạo", "Lãnh đạo")]
    [InlineData("tuphap", "Lê Thị Tư Pháp", "Cán bộ đơn vị · Sở Tư pháp")]
    [InlineData("daitu", "Hoàng Văn Đại Từ", "Cán bộ đơn vị · UBND huyện Đại Từ")]
    [InlineData("baotn", "Phạm Thị Báo", "Cán bộ đơn vị · Báo Thái Nguyên")]
    public async Task EachDemoAccountSignsInAndSeesItsNameAndRole(string userName, string fullName, string role)
    {
        var page = await app.LoginAsync(userName);

        await Assertions.Expect(page.GetByTestId("user-name")).ToHaveTextAsync(fullName);
        await Assertions.Expect(page.GetByTestId("user-role")).ToHaveTextAsync(role);
        if (userName == "giamsat") await AppFixture.ScreenshotAsync(page, "signed-in");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AnonymousVisitorsAreSentToTheLoginPage()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(app.BaseAddress, "/plan").ToString());

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login\\?ReturnUrl=%2Fplan"));
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" })).ToBeVisibleAsync();
        await AppFixture.ScreenshotAsync(page, "login");
    }

    [Fact]
    public async Task AWrongPasswordFiveTimesLocksTheNameOnThisMachineWithAMessageThatSaysSo()
    {
        var userName = $"khoa{Guid.NewGuid():N}"[..12];
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = userName, FullName = "Người thử khóa" };
            Assert.True((await users.CreateAsync(user, "Sao-mai#Thu92")).Succeeded);
            await users.AddToRoleAsync(user, Roles.Viewer);
        }
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await page.GotoAsync(new Uri(app.BaseAddress, "/Account/Login").ToString());
            await page.GetByLabel("Tên đăng nhập").FillAsync(userName);
            await page.GetByLabel("Mật khẩu").FillAsync("sai-mat-khau");
            await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
            var expected = attempt < 5 ? "Tên đăng nhập hoặc mật khẩu không đúng." : "tạm bị khóa do nhập sai mật khẩu 5 lần";
            await Assertions.Expect(page.GetByTestId("login-error")).ToContainTextAsync(expected);
        }

        // Even the right password is refused while locked.
        await page.GetByLabel("Tên đăng nhập").FillAsync(userName);
        await page.GetByLabel("Mật khẩu").FillAsync("Sao-mai#Thu92");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("login-error")).ToContainTextAsync("Vui lòng thử lại sau 15 phút");
        await AppFixture.ScreenshotAsync(page, "login-locked-out");
    }

    [Fact]
    public async Task AnOpenPageOfAUserLockedByAnAdministratorGoesToTheSignInPageWithinTenSeconds()
    {
        var (userId, userName) = await CreateViewerAsync(app.Services);
        var page = await app.LoginAsync(userName, ViewerPassword);
        await app.GotoAsync(page, "/activities");

        var users = app.Services.GetRequiredService<UserAdminService>();
        await users.LockAsync(CurrentUser.System, userId, (await users.GetAsync(CurrentUser.System, userId)).ConcurrencyStamp);

        // The open circuit is told at once; the page loads the sign-in page, keeping where the user was.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Account/Login\\?ReturnUrl=%2Factivities"), new() { Timeout = 10_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" })).ToBeVisibleAsync();
        // Signing in again with the right password tells why.
        await page.GetByLabel("Tên đăng nhập").FillAsync(userName);
        await page.GetByLabel("Mật khẩu").FillAsync(ViewerPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("login-error")).ToContainTextAsync("Tài khoản đã bị quản trị viên khóa");
        await AppFixture.ScreenshotAsync(page, "login-locked-by-administrator");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SigningOutSendsTheSessionsOtherTabsToTheSignInPageButLeavesTheUsersOtherBrowsersSignedIn()
    {
        var (_, userName) = await CreateViewerAsync(app.Services);
        var page = await app.LoginAsync(userName, ViewerPassword);
        var otherTab = await page.Context.NewPageAsync();
        await app.GotoAsync(otherTab, "/plan");
        var otherBrowser = await app.LoginAsync(userName, ViewerPassword);

        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));
        await Assertions.Expect(otherTab).ToHaveURLAsync(new Regex("/Account/Login\\?ReturnUrl=%2Fplan"), new() { Timeout = 10_000 });
        // The other browser's open page re-checked too (the notice names the user) and kept its session: it still
        // navigates within its own circuit.
        await otherBrowser.GetByRole(AriaRole.Link, new() { Name = "Kế hoạch", Exact = true }).ClickAsync();
        await Assertions.Expect(otherBrowser).ToHaveURLAsync(new Regex("/plan$"));
        await Assertions.Expect(otherBrowser.GetByTestId("user-name")).ToHaveTextAsync("Người xem thử");
        await page.Context.CloseAsync();
        await otherBrowser.Context.CloseAsync();
    }

    private const string ViewerPassword = "Hoa-sen#Tim42";

    /// <summary>A Leadership account of the test's own, made as an administrator makes it.</summary>
    internal static async Task<(string Id, string UserName)> CreateViewerAsync(IServiceProvider services)
    {
        var userName = $"xem{Guid.NewGuid():N}"[..12];
        var id = await services.GetRequiredService<UserAdminService>().CreateAsync(CurrentUser.System,
            new NewUserInput { UserName = userName, FullName = "Người xem thử", Role = Roles.Viewer, Password = ViewerPassword });
        await ChosenPasswords.MarkChosenAsync(services, id);
        return (id, userName);
    }

    [Fact]
    public async Task SigningOutReturnsToTheLoginPage()
    {
        var page = await app.LoginAsync("lanhdao");

        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
        await page.GotoAsync(new Uri(app.BaseAddress, "/plan").ToString());
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
        await page.Context.CloseAsync();
    }
}
