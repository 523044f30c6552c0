using System.Collections.Concurrent;
using CommsPlan.Dashboard.Endpoints.Api;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommsPlan.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class ApiReferenceBrowserTests(AppFixture app)
{
    /// <summary>
    /// An agency officer opens the API's reference from the menu: Scalar renders the document under the app's
    /// Content-Security-Policy without a violation or a script error, and every request the page makes goes to the app
    /// itself (the machines it runs on have no internet: a CDN font or script would be a broken page).
    /// </summary>
    [Fact]
    public async Task AnOfficerOpensTheApiReferenceFromTheMenuAndItLoadsEverythingFromTheAppUnderItsPolicy()
    {
        var page = await app.LoginAsync("baotn");
        var problems = new ConcurrentQueue<string>();
        var requests = new ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" || message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                problems.Enqueue($"console {message.Type}: {message.Text}");
        };
        page.PageError += (_, error) => problems.Enqueue($"page error: {error}");
        page.RequestFailed += (_, request) => problems.Enqueue($"failed: {request.Url} {request.Failure}");
        page.Request += (_, request) => requests.Enqueue(request.Url);
        await page.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));");

        await page.GetByRole(AriaRole.Link, new() { Name = "Tài liệu API" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Uri(app.BaseAddress, ApiReference.Path + "/").ToString());
        await Expect(page).ToHaveTitleAsync(ApiReference.PageTitle);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = ApiDocument.Title, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("Tài liệu API cho hệ thống của các cơ quan, đơn vị")).ToBeVisibleAsync();
        // The document's Vietnamese description, rendered from /openapi/v1.json.
        await Expect(page.GetByText("Xác thực").First).ToBeVisibleAsync();
        await AppFixture.ScreenshotAsync(page, "api-reference");

        var origin = app.BaseAddress.GetLeftPart(UriPartial.Authority);
        var foreign = requests.Where(url => !url.StartsWith(origin + "/", StringComparison.Ordinal) && !url.StartsWith("data:", StringComparison.Ordinal)).ToList();
        Assert.True(foreign.Count == 0, "Requests outside the app: " + string.Join(", ", foreign.Distinct()));
        Assert.Contains(requests, url => url.EndsWith(ApiDocument.Path, StringComparison.Ordinal));
        Assert.True(problems.IsEmpty, string.Join(Environment.NewLine, problems));
        await page.Context.CloseAsync();
    }
}
