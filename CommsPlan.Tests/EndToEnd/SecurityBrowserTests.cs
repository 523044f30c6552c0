using Microsoft.Playwright;

namespace CommsPlan.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class SecurityBrowserTests(AppFixture app)
{
    /// <summary>
    /// The Content-Security-Policy is strict (no inline script, no eval): the main pages must still load, connect their
    /// circuit and render MudBlazor without a single violation in the console.
    /// </summary>
    [Fact]
    public async Task TheMainPagesWorkUnderTheContentSecurityPolicyWithoutViolations()
    {
        var violations = new List<string>();
        var page = await app.LoginAsync("admin");
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || message.Text.Contains("Refused to", StringComparison.Ordinal))
                lock (violations) violations.Add($"{page.Url}: {message.Text}");
        };
        page.PageError += (_, error) => { lock (violations) violations.Add($"{page.Url}: {error}"); };
        await page.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));");

        foreach (var path in new[] { "/", "/plan", "/activities", "/unit-plans", "/reports", "/audit", "/admin/users" })
        {
            await app.GotoAsync(page, path);
            await Assertions.Expect(page.Locator("h1").First).ToBeVisibleAsync();
        }
        // The administration page with its cards (the backup one is new).
        await app.GotoAsync(page, "/admin");
        await Assertions.Expect(page.GetByTestId("backup-card")).ToBeVisibleAsync();

        Assert.Empty(violations);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AnAdministratorBacksUpNowAfterConfirmingAndSeesTheNewBackup()
    {
        var page = await app.LoginAsync("admin");
        await app.GotoAsync(page, "/admin");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sao lưu ngay" }).ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Assertions.Expect(dialog).ToContainTextAsync("Tạo ngay một bản sao lưu");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Sao lưu", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Đã sao lưu: commsplan-");
        await Assertions.Expect(page.GetByTestId("latest-backup")).ToContainTextAsync("Bản gần nhất:");
        await AppFixture.ScreenshotAsync(page, "admin-backup");
        await page.Context.CloseAsync();
    }
}
