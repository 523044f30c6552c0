using Microsoft.Playwright;

namespace CommsPlan.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class CompareBrowserTests(AppFixture app)
{
    [Fact]
    public async Task WithOnlyThe2021PlanIssuedTheComparisonSaysThereIsNoSecondYearYet()
    {
        var page = await app.LoginAsync("lanhdao");
        await app.GotoAsync(page, "/");

        await page.GetByRole(AriaRole.Link, new() { Name = "So sánh các năm" }).ClickAsync();

        await page.WaitForURLAsync(url => url.EndsWith("/compare", StringComparison.Ordinal));
        var empty = page.Locator("[data-testid=compare-empty]");
        await Assertions.Expect(empty).ToContainTextAsync("mới có một kế hoạch đã ban hành");
        await Assertions.Expect(empty).ToContainTextAsync("20/KH-UBND");
        await Assertions.Expect(page.Locator("[data-testid=table-channels]")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}
