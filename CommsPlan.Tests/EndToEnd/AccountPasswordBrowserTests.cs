using CommsPlan.Core.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Regex = System.Text.RegularExpressions.Regex;

namespace CommsPlan.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class AccountPasswordBrowserTests(AppFixture app)
{
    private const string FirstPassword = "Sao-mai#Thu92";
    private const string NewPassword = "Đồi-chè#Tân53";

    [Fact]
    public async Task AnOfficerChangesTheirPasswordFromTheUserMenuAndSignsInWithTheNewOneOnly()
    {
        var userName = await CreateOfficerAsync();
        var page = await app.LoginAsync(userName, FirstPassword);
        var otherBrowser = await app.LoginAsync(userName, FirstPassword);

        await page.GetByTestId("change-password-link").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/password$"));
        await Assertions.Expect(page.GetByTestId("forced-change")).ToHaveCountAsync(0);
        await AppFixture.ScreenshotAsync(page, "change-password");
        // A wrong current password, a mismatched repeat and a common password are told in Vietnamese; nothing changes.
        await FillAsync(page, "sai-mat-khau", NewPassword, NewPassword);
        await Assertions.Expect(page.Locator(".account-error")).ToHaveTextAsync(["Mật khẩu hiện tại không đúng."]);
        await Assertions.Expect(page.GetByLabel("Mật khẩu hiện tại")).ToHaveValueAsync("");
        await FillAsync(page, FirstPassword, NewPassword, NewPassword + "x");
        await Assertions.Expect(page.Locator(".account-error")).ToHaveTextAsync(["Mật khẩu nhập lại không khớp."]);
        await FillAsync(page, FirstPassword, "Thainguyen@2021", "Thainguyen@2021");
        await Assertions.Expect(page.Locator(".account-error")).ToHaveTextAsync([PasswordRules.CommonMessage]);

        await ChangePasswordAsync(page, FirstPassword, NewPassword);

        // This browser is signed in again; the user's other browser is signed out.
        await page.GetByRole(AriaRole.Link, new() { Name = "Tiếp tục làm việc" }).ClickAsync();
        await AppFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("user-name")).ToHaveTextAsync("Cán bộ đổi mật khẩu");
        await Assertions.Expect(otherBrowser).ToHaveURLAsync(new Regex("/Account/Login"), new() { Timeout = 10_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));

        await page.GetByLabel("Tên đăng nhập").FillAsync(userName);
        await page.GetByLabel("Mật khẩu").FillAsync(FirstPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("login-error")).ToContainTextAsync("Tên đăng nhập hoặc mật khẩu không đúng.");
        await AppFixture.SignInAsync(page, app.BaseAddress, userName, NewPassword);
        await Assertions.Expect(page.GetByTestId("user-role")).ToHaveTextAsync("Cán bộ đơn vị · Sở Tư pháp");
        await page.Context.CloseAsync();
        await otherBrowser.Context.CloseAsync();
    }

    [Fact]
    public async Task OnAPhoneTheUserMenuStaysInsideTheAppBar()
    {
        var userName = await CreateOfficerAsync();
        await using var context = await app.Browser.NewContextAsync(new()
        {
            BaseURL = app.BaseAddress.ToString(), Locale = "vi-VN", ViewportSize = new() { Width = 390, Height = 844 },
            IsMobile = true, HasTouch = true, DeviceScaleFactor = 2,
        });
        var page = await context.NewPageAsync();
        await AppFixture.SignInAsync(page, app.BaseAddress, userName, FirstPassword);

        var bar = await page.Locator(".mud-appbar").BoundingBoxAsync();
        var menu = await page.GetByTestId("user-menu").BoundingBoxAsync();
        var heading = await page.Locator("h1").First.BoundingBoxAsync();
        Assert.NotNull(bar);
        Assert.NotNull(menu);
        Assert.NotNull(heading);
        Assert.True(menu.X >= bar.X && menu.X + menu.Width <= bar.X + bar.Width + 0.5, $"menu {menu.X}+{menu.Width} outside bar {bar.Width}");
        Assert.True(menu.Y >= bar.Y && menu.Y + menu.Height <= bar.Y + bar.Height + 0.5, $"menu {menu.Y}+{menu.Height} outside bar {bar.Height}");
        Assert.True(heading.Y >= bar.Y + bar.Height, $"heading at {heading.Y} under the bar ending at {bar.Y + bar.Height}");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("change-password-link")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("notifications-link")).ToBeVisibleAsync();
        await AppFixture.ScreenshotAsync(page, "phone-app-bar");
    }

    [Fact]
    public async Task AnOfficerTurnsReportRemindersOffFromTheUserMenuButNotUrging()
    {
        var userName = await CreateOfficerAsync();
        var page = await app.LoginAsync(userName, FirstPassword);

        await page.GetByTestId("notifications-link").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/notifications$"));
        await AppFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("mail-no-address")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("mail-kind-Urging").Locator("input")).ToBeDisabledAsync();
        await page.GetByTestId("mail-kind-ReportDue").Locator("input").ClickAsync();
        await Assertions.Expect(page.GetByTestId("mail-kind-ReportDue").Locator("input")).Not.ToBeCheckedAsync();
        await page.GetByTestId("mail-save").ClickAsync();
        await Assertions.Expect(page.GetByText("Đã lưu cài đặt thông báo qua email.")).ToBeVisibleAsync();
        await AppFixture.ScreenshotAsync(page, "mail-notifications");

        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.Equal(CommsPlan.Core.Mail.MailKinds.ReportDue, (await users.FindByNameAsync(userName))!.MailOptOut);
        // Drawn again from what was stored.
        await page.ReloadAsync();
        await AppFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("mail-kind-ReportDue").Locator("input")).Not.ToBeCheckedAsync();
        await Assertions.Expect(page.GetByTestId("mail-kind-ReportSentBack").Locator("input")).ToBeCheckedAsync();
    }

    /// <summary>Fills and sends the "Đổi mật khẩu" form, and waits for its confirmation.</summary>
    internal static async Task ChangePasswordAsync(IPage page, string current, string newPassword)
    {
        await FillAsync(page, current, newPassword, newPassword);
        await Assertions.Expect(page.GetByTestId("password-changed")).ToBeVisibleAsync();
    }

    private static async Task FillAsync(IPage page, string current, string newPassword, string repeat)
    {
        await page.GetByLabel("Mật khẩu hiện tại").FillAsync(current);
        await page.GetByLabel("Mật khẩu mới", new() { Exact = true }).FillAsync(newPassword);
        await page.GetByLabel("Nhập lại mật khẩu mới").FillAsync(repeat);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đổi mật khẩu" }).ClickAsync();
    }

    /// <summary>An officer of Sở Tư pháp of the test's own (the demo's tuphap keeps the shared demo password).</summary>
    private async Task<string> CreateOfficerAsync()
    {
        var userName = $"stp{Guid.NewGuid():N}"[..12];
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var tuphap = await users.FindByNameAsync("tuphap");
        var user = new AppUser { UserName = userName, FullName = "Cán bộ đổi mật khẩu", AgencyId = tuphap!.AgencyId };
        Assert.True((await users.CreateAsync(user, FirstPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.AgencyOfficer)).Succeeded);
        return userName;
    }
}
