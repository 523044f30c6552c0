using Microsoft.Playwright;

namespace CommsPlan.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class UnitPlanBrowserTests(AppFixture app)
{
    [Fact]
    public async Task TheMonitorSeesEveryBoundAgencysStatusFromTheDemoYear()
    {
        var page = await app.LoginAsync("giamsat");
        await app.GotoAsync(page, "/unit-plans");

        var table = page.GetByTestId("unit-plan-table");
        await Assertions.Expect(table.Locator("[data-status=OnTime]").First).ToHaveTextAsync("Đúng hạn");
        await Assertions.Expect(table.Locator("[data-status=Late]").First).ToHaveTextAsync("Trễ hạn");
        await Assertions.Expect(table.Locator("[data-status=Missing]").First).ToHaveTextAsync("Chưa ban hành");
        await Assertions.Expect(page.GetByTestId("nv1")).ToContainTextAsync("31/03/2021");
        await Assertions.Expect(table.GetByText("UBND huyện Đại Từ")).ToBeVisibleAsync();
        await Assertions.Expect(table.GetByText("Báo Thái Nguyên")).ToHaveCountAsync(0);
        await AppFixture.ScreenshotAsync(page, "unit-plans");

        await page.GetByTestId("summary-Late").ClickAsync();
        await Assertions.Expect(table.Locator("[data-status=OnTime]")).ToHaveCountAsync(0);
        await Assertions.Expect(table.Locator("[data-status=Late]").First).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AnOfficerSavesItsUnitPlanAndTargets()
    {
        var number = $"{Random.Shared.Next(100, 999)}/KH-STP";
        var page = await app.LoginAsync("tuphap");
        await app.GotoAsync(page, "/unit-plans");
        var editor = page.GetByTestId("unit-plan-editor");
        await Assertions.Expect(editor).ToContainTextAsync("Kế hoạch của Sở Tư pháp");

        await editor.GetByLabel("Số văn bản").FillAsync(number);
        await editor.GetByLabel("Ngày ban hành").FillAsync("30/03/2021");
        await editor.GetByLabel("Ngày ban hành").PressAsync("Tab");
        await editor.Locator("#target-WEB").FillAsync("60");
        await editor.Locator("#target-WEB").PressAsync("Tab");
        await editor.GetByTestId("save").ClickAsync();

        await Assertions.Expect(page.GetByText($"Đã lưu kế hoạch {number}.")).ToBeVisibleAsync();
        await Assertions.Expect(editor.GetByTestId("unit-plan-status")).ToHaveTextAsync("Đúng hạn");
        await app.GotoAsync(page, "/unit-plans");
        await Assertions.Expect(page.GetByTestId("unit-plan-editor").GetByLabel("Số văn bản")).ToHaveValueAsync(number);
        await Assertions.Expect(page.GetByTestId("unit-plan-editor").Locator("#target-WEB")).ToHaveValueAsync("60");
        await AppFixture.ScreenshotAsync(page, "unit-plan-editor");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ANegativeOrFractionalTargetIsRefusedInVietnameseAndNothingIsSaved()
    {
        var number = $"{Random.Shared.Next(100, 999)}/KH-UBND";
        var page = await app.LoginAsync("daitu");
        await app.GotoAsync(page, "/unit-plans");
        var editor = page.GetByTestId("unit-plan-editor");
        await Assertions.Expect(editor).ToContainTextAsync("Kế hoạch của UBND huyện Đại Từ");
        await AppFixture.WaitForInteractiveAsync(page);

        await editor.GetByLabel("Số văn bản").FillAsync(number);
        await editor.GetByLabel("Ngày ban hành").FillAsync("30/03/2021");
        await editor.GetByLabel("Ngày ban hành").PressAsync("Tab");
        await editor.Locator("#target-WEB").FillAsync("-3");
        await editor.Locator("#target-WEB").PressAsync("Tab");
        await editor.Locator("#target-BAO").FillAsync("2,5");
        await editor.Locator("#target-BAO").PressAsync("Tab");
        await editor.GetByTestId("save").ClickAsync();

        var problems = editor.GetByTestId("problems");
        await Assertions.Expect(problems).ToContainTextAsync("Chỉ tiêu không được là số âm.");
        await Assertions.Expect(problems).ToContainTextAsync("Chỉ tiêu phải là số nguyên");
        await Assertions.Expect(editor.Locator("#target-WEB")).ToHaveValueAsync("-3");
        await Assertions.Expect(editor.Locator("#target-BAO")).ToHaveValueAsync("2,5");
        await Assertions.Expect(editor).Not.ToContainTextAsync("Not a valid number");
        await Assertions.Expect(page.GetByText("Đã lưu kế hoạch")).ToHaveCountAsync(0);
        await AppFixture.ScreenshotAsync(page, "unit-plan-bad-targets");
        await app.GotoAsync(page, "/unit-plans");
        await Assertions.Expect(page.GetByTestId("unit-plan-editor").GetByLabel("Số văn bản")).Not.ToHaveValueAsync(number);
        await page.Context.CloseAsync();
    }
}
