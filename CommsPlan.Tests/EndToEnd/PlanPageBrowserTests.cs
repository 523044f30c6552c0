using Microsoft.Playwright;

namespace CommsPlan.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class PlanPageBrowserTests(AppFixture app)
{
    [Fact]
    public async Task ShowsThePlanNumberAndItsFourObjectives()
    {
        var page = await app.LoginAsync("lanhdao");
        await app.GotoAsync(page, "/plan");

        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("20/KH-UBND");
        var objectives = page.Locator("[data-testid=objectives]");
        foreach (var code in new[] { "MĐ1", "MĐ2", "MĐ3", "MĐ4" })
            await Assertions.Expect(objectives).ToContainTextAsync(code);
        await Assertions.Expect(page.Locator("[data-testid=channels-HT1]")).ToContainTextAsync("tin, bài");

        await AppFixture.ScreenshotAsync(page, "plan");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task HealthEndpointAnswersWhenTheDatabaseIsReachable()
    {
        await using var context = await app.NewContextAsync();
        var response = await context.APIRequest.GetAsync("/healthz");

        Assert.Equal(200, response.Status);
        Assert.Contains("Healthy", await response.TextAsync());
    }
}
