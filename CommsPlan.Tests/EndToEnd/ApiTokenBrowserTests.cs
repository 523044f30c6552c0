using System.Net;
using System.Net.Http.Headers;
using CommsPlan.Core.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CommsPlan.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class ApiTokenBrowserTests(AppFixture app)
{
    [Fact]
    public async Task AnOfficerCreatesAWriteTokenSeesItsSecretOnceAndRevokesIt()
    {
        var name = $"CMS Báo {Guid.NewGuid():N}"[..16];
        var page = await app.LoginAsync("baotn");
        await page.GetByRole(AriaRole.Link, new() { Name = "Mã truy cập API" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/tokens$"));
        await AppFixture.WaitForInteractiveAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Tạo mã truy cập" }).ClickAsync();
        var form = page.Locator(".mud-dialog");
        await Assertions.Expect(form.GetByLabel("Đơn vị", new() { Exact = true })).ToHaveValueAsync("Báo Thái Nguyên");
        await form.GetByRole(AriaRole.Button, new() { Name = "Tạo mã" }).ClickAsync();
        await Assertions.Expect(form).ToContainTextAsync("Vui lòng nhập tên mã truy cập");
        await form.GetByLabel("Tên mã truy cập", new() { Exact = true }).FillAsync(name);
        await form.GetByText("Đọc và ghi", new() { Exact = true }).ClickAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Tạo mã" }).ClickAsync();

        var shown = page.Locator(".mud-dialog");
        await Assertions.Expect(shown.GetByTestId("secret-warning")).ToContainTextAsync("Mã sẽ không hiển thị lại");
        var secret = await shown.GetByLabel("Mã truy cập", new() { Exact = true }).InputValueAsync();
        Assert.StartsWith(ApiTokenService.SecretPrefix, secret);
        await AppFixture.ScreenshotAsync(page, "tokens-secret");

        // The secret is what /api/v1 authenticates: the bearer handler asks exactly this.
        var tokens = app.Services.GetRequiredService<ApiTokenService>();
        var token = await tokens.AuthenticateAsync(secret);
        Assert.NotNull(token);
        Assert.Equal((name, ApiScopes.Read | ApiScopes.Write), (token.Name, token.Scopes));

        await shown.GetByRole(AriaRole.Button, new() { Name = "Tôi đã lưu mã, đóng" }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        var row = page.GetByTestId("tokens-table").Locator("tr", new() { HasText = name });
        await Assertions.Expect(row.GetByTestId("token-status")).ToHaveTextAsync("Còn hiệu lực");
        Assert.DoesNotContain(secret, await page.ContentAsync());
        // The call above is the token's last use, shown once the list is read again.
        await app.GotoAsync(page, "/tokens");
        await Assertions.Expect(row.GetByTestId("token-last-use")).Not.ToHaveTextAsync("Chưa dùng");
        Assert.DoesNotContain(secret, await page.ContentAsync());
        await AppFixture.ScreenshotAsync(page, "tokens");

        await row.GetByRole(AriaRole.Button, new() { Name = $"Thu hồi {name}" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("confirm-message")).ToContainTextAsync(name);
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Thu hồi", Exact = true }).ClickAsync();
        await Assertions.Expect(row.GetByTestId("token-status")).ToHaveTextAsync("Đã thu hồi");

        Assert.Null(await tokens.AuthenticateAsync(secret));
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using var refused = await http.GetAsync("/api/v1/activities");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AnAdministratorCreatesAReadOnlyProvinceTokenForTheReportingSystem()
    {
        var name = $"Báo cáo tỉnh {Guid.NewGuid():N}"[..20];
        var page = await app.LoginAsync("admin");
        await app.GotoAsync(page, "/tokens");

        await page.GetByRole(AriaRole.Button, new() { Name = "Tạo mã truy cập" }).ClickAsync();
        var form = page.Locator(".mud-dialog");
        await form.GetByLabel("Tên mã truy cập", new() { Exact = true }).FillAsync(name);
        await form.GetByText("Đọc và ghi", new() { Exact = true }).ClickAsync();
        await form.GetByLabel("Đơn vị", new() { Exact = true }).ClickAsync();
        await page.Locator(".mud-popover-open").GetByText(ApiTokenRules.ProvinceLabel, new() { Exact = true }).ClickAsync();
        // A province token only reads: choosing the province takes the write scope back and offers it no more.
        await Assertions.Expect(form.GetByRole(AriaRole.Radio, new() { Name = "Đọc và ghi" })).ToBeDisabledAsync();
        await Assertions.Expect(form.GetByRole(AriaRole.Radio, new() { Name = "Chỉ đọc" })).ToBeCheckedAsync();
        await AppFixture.ScreenshotAsync(page, "tokens-create");
        await form.GetByRole(AriaRole.Button, new() { Name = "Tạo mã" }).ClickAsync();

        var secret = await page.Locator(".mud-dialog").GetByLabel("Mã truy cập", new() { Exact = true }).InputValueAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Tôi đã lưu mã, đóng" }).ClickAsync();
        var row = page.GetByTestId("tokens-table").Locator("tr", new() { HasText = name });
        await Assertions.Expect(row).ToContainTextAsync(ApiTokenRules.ProvinceLabel);
        await Assertions.Expect(row).ToContainTextAsync("Đọc");
        var token = await app.Services.GetRequiredService<ApiTokenService>().AuthenticateAsync(secret);
        Assert.Equal((null, ApiScopes.Read), (token?.AgencyId, token?.Scopes));
        await page.Context.CloseAsync();
    }
}
