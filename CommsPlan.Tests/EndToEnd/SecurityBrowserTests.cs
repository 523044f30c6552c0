using System.Net;
using System.Net.WebSockets;
using CommsPlan.Tests.Support;
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

    /// <summary>
    /// The circuit's socket, opened with a signed-in user's cookie as a page of another site of the province would open
    /// it: refused with 403 before it reaches the hub; the same socket from the app's own origin opens.
    /// </summary>
    [Fact]
    public async Task ACircuitSocketFromAForeignOriginIsRefusedAndFromTheAppsOwnOriginOpens()
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = app.BaseAddress };
        await InProcessApp.SignInAsync(http, "lanhdao");
        var ownOrigin = app.BaseAddress.GetLeftPart(UriPartial.Authority);
        using var negotiate = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        negotiate.Headers.Add("Origin", ownOrigin);
        using var negotiated = await http.SendAsync(negotiate);
        negotiated.EnsureSuccessStatusCode();
        var token = System.Text.Json.JsonDocument.Parse(await negotiated.Content.ReadAsStringAsync()).RootElement.GetProperty("connectionToken").GetString();
        var socketAddress = new Uri($"ws://{app.BaseAddress.Authority}/_blazor?id={Uri.EscapeDataString(token!)}");

        using var foreign = Socket(cookies, "http://sotuphap.thainguyen.gov.vn");
        await Assert.ThrowsAsync<WebSocketException>(() => foreign.ConnectAsync(socketAddress, CancellationToken.None));
        using var own = Socket(cookies, ownOrigin);
        await own.ConnectAsync(socketAddress, CancellationToken.None);

        Assert.Equal(HttpStatusCode.Forbidden, foreign.HttpStatusCode);
        Assert.Equal(WebSocketState.Open, own.State);
        await own.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
    }

    private static ClientWebSocket Socket(CookieContainer cookies, string origin)
    {
        var socket = new ClientWebSocket();
        socket.Options.Cookies = cookies;
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Origin", origin);
        return socket;
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
