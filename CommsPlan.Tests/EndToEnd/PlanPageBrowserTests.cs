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
    public async Task TheAppBarsPlanSelectorPutsTheYearInTheUrlAndTheMenuKeepsIt()
    {
        var page = await app.LoginAsync("giamsat");
        await app.GotoAsync(page, "/");

        var selector = page.GetByTestId("plan-selector-button");
        await Assertions.Expect(selector).ToContainTextAsync("Kế hoạch năm 2021");
        await selector.ClickAsync();
        var option = page.GetByTestId("plan-option-2021");
        await Assertions.Expect(option).ToContainTextAsync("20/KH-UBND");
        await AppFixture.ScreenshotAsync(page, "plan-selector");
        await option.ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("[?&]plan=2021"));
        // The menu's links carry the year, so the next page shows the same plan.
        await Assertions.Expect(page.Locator("a.mud-nav-link", new() { HasText = "Hoạt động" })).ToHaveAttributeAsync("href", "/activities?plan=2021");
        await page.Locator("a.mud-nav-link", new() { HasText = "Báo cáo định kỳ" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/reporting\\?plan=2021$"));
        await Assertions.Expect(selector).ToContainTextAsync("Kế hoạch năm 2021");
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
