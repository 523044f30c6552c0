using Microsoft.Playwright;

namespace CommsPlan.Tests.EndToEnd;

/// <summary>
/// Issuing and creating plans changes what every page may offer: these tests get an app instance and database of their
/// own, so the shared browser collection keeps the demo's plans as seeded.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PlanYearsCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "PlanYears";
}

[Collection(PlanYearsCollection.Name)]
public sealed class PlanYearsBrowserTests(AppFixture app)
{
    [Fact]
    public async Task AnAdministratorOpensTheSeededDraftAddsAChannelAndIssuesIt()
    {
        var page = await app.LoginAsync("admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "Kế hoạch các năm" }).ClickAsync();
        var row2022 = page.GetByTestId("plans-table").Locator("tr", new() { HasText = "2022" });
        await Assertions.Expect(row2022).ToContainTextAsync("Dự thảo");
        await Assertions.Expect(page.GetByTestId("plans-table").Locator("tr", new() { HasText = "20/KH-UBND" })).ToContainTextAsync("Đang thực hiện");

        await page.GetByTestId("open-plan-2022").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kế hoạch năm 2022" })).ToBeVisibleAsync();
        // The demo's draft, made by the app's copy: the new social-media channel and NV1 due at the end of February.
        await Assertions.Expect(page.GetByTestId("channel-MXH")).ToContainTextAsync("Trang mạng xã hội của đơn vị");
        await Assertions.Expect(page.GetByTestId("item-NV1")).ToContainTextAsync("28/02/2022");

        await page.GetByTestId("add-channel-HT1").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await dialog.GetByLabel("Mã kênh").FillAsync("zalo");
        await dialog.GetByLabel("Tên kênh").FillAsync("Tài khoản Zalo chính thức của đơn vị");
        await dialog.GetByLabel("Đơn vị tính", new() { Exact = true }).FillAsync("tin, bài");
        await dialog.GetByLabel("Chỉ số phụ (không bắt buộc)").FillAsync("Lượt xem");
        await dialog.GetByTestId("save-channel").ClickAsync();
        // The second measure needs its unit: the dialog says so and keeps what was typed.
        await Assertions.Expect(dialog).ToContainTextAsync("Vui lòng nhập đơn vị tính của chỉ số phụ.");
        await dialog.GetByLabel("Đơn vị tính của chỉ số phụ").FillAsync("lượt");
        await dialog.GetByTestId("save-channel").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("channel-ZALO")).ToContainTextAsync("Lượt xem (lượt)");

        // Issuing needs the plan's own number first.
        await page.GetByTestId("issue-plan").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Ban hành" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("plan-action-error")).ToContainTextAsync("Vui lòng nhập số, ký hiệu của kế hoạch trước khi ban hành.");

        await page.GetByLabel("Số, ký hiệu").FillAsync("15/KH-UBND");
        await page.GetByTestId("save-header").ClickAsync();
        var saved = page.Locator(".mud-snackbar", new() { HasText = "Đã lưu thông tin chung của kế hoạch." });
        await Assertions.Expect(saved).ToBeVisibleAsync();
        await saved.GetByRole(AriaRole.Button).ClickAsync(); // not over the page in the screenshot
        await Assertions.Expect(saved).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("plan-action-error")).ToHaveCountAsync(0);
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await AppFixture.ScreenshotAsync(page, "plan-editor");
        await page.GetByTestId("group-HT1").ScrollIntoViewIfNeededAsync();
        await AppFixture.ScreenshotAsync(page, "plan-editor-channels");

        await page.GetByTestId("issue-plan").ClickAsync();
        var confirm = page.Locator(".mud-dialog");
        await Assertions.Expect(confirm.GetByTestId("confirm-message")).ToContainTextAsync("Ban hành Kế hoạch số 15/KH-UBND năm 2022?");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Ban hành" }).ClickAsync();

        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "Đã ban hành Kế hoạch số 15/KH-UBND." })).ToBeVisibleAsync();
        // Issued before its period: upcoming, and 2021 stays the plan every page shows today.
        await Assertions.Expect(page.GetByTestId("plan-status").First).ToHaveTextAsync("Sắp thực hiện");
        await Assertions.Expect(page.GetByTestId("issue-plan")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("plan-selector-button")).ToContainTextAsync("20/KH-UBND");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AMonitorCreatesThePlanOfAYearThatHasNone()
    {
        var page = await app.LoginAsync("giamsat");
        await app.GotoAsync(page, "/plans");
        await Assertions.Expect(page.GetByTestId("plans-table")).ToContainTextAsync("20/KH-UBND");
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await AppFixture.ScreenshotAsync(page, "plans");

        await page.GetByLabel("Năm", new() { Exact = true }).FillAsync("2024");
        await page.GetByTestId("create-plan").ClickAsync();
        var confirm = page.Locator(".mud-dialog");
        await Assertions.Expect(confirm.GetByTestId("confirm-message")).ToContainTextAsync("Tạo dự thảo kế hoạch năm 2024");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Tạo dự thảo" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/plans/2024$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kế hoạch năm 2024" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("plan-status").First).ToHaveTextAsync("Dự thảo");
        await Assertions.Expect(page.GetByLabel("Thực hiện từ ngày")).ToHaveValueAsync("01/01/2024");
        await Assertions.Expect(page.GetByTestId("channel-BAO")).ToBeVisibleAsync();

        // The same year again is refused with the reason; nothing is created twice.
        await app.GotoAsync(page, "/plans");
        await Assertions.Expect(page.GetByTestId("plans-table").Locator("tr", new() { HasText = "2024" })).ToContainTextAsync("Dự thảo");
        await page.GetByLabel("Năm", new() { Exact = true }).FillAsync("2024");
        await page.GetByTestId("create-plan").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Tạo dự thảo" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("plans-error")).ToContainTextAsync("Đã có kế hoạch năm 2024; mỗi năm chỉ có một kế hoạch.");
        await page.Context.CloseAsync();
    }
}
