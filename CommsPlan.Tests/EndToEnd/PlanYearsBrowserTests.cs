using System.Text.RegularExpressions;
using ClosedXML.Excel;
using CommsPlan.Core.Reports;
using Microsoft.Playwright;

namespace CommsPlan.Tests.EndToEnd;

/// <summary>
/// Issuing and creating plans changes what every page may offer, and the year's story needs the clock to move: these
/// tests get an app instance, database and clock of their own, so the shared browser collection keeps the demo's plans
/// and day as seeded.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PlanYearsCollection : ICollectionFixture<ClockedAppFixture>
{
    public const string Name = "PlanYears";
}

[Collection(PlanYearsCollection.Name)]
public sealed class PlanYearsBrowserTests(ClockedAppFixture app)
{
    private const string ZaloName = "Tài khoản Zalo chính thức của đơn vị";

    /// <summary>
    /// The whole year's turn: the Office issues the 2022 draft with a channel of its own; once 2022 has begun, an agency
    /// reports in that channel, the monitor watching 2022's overview sees it arrive, and it reaches the comparison of
    /// the two years and the workbook's So sánh cùng kỳ sheet.
    /// </summary>
    [Fact]
    public async Task AnIssuedPlanWithANewChannelCarriesAnActivityToTheOverviewTheComparisonAndTheWorkbookOnceItsYearBegins()
    {
        // The other test of the class may have run first; it never moves the clock, but this one starts from the demo's day regardless.
        app.Clock.MoveTo(AppFixture.DemoToday);
        await IssueThe2022PlanWithAZaloChannelAsync();

        // The year turns: 2022's plan runs, and nothing in the app may still think it is 2021.
        app.Clock.MoveTo(new DateOnly(2022, 2, 15));

        var monitor = await app.LoginAsync("giamsat");
        var selector = monitor.GetByTestId("plan-selector-button");
        await Assertions.Expect(selector).ToContainTextAsync("2022");
        await Assertions.Expect(selector).ToContainTextAsync("15/KH-UBND");
        // Last year through the app bar's selector, then this year's, as a person checks both.
        await PickPlanAsync(monitor, 2021);
        await Assertions.Expect(monitor.GetByTestId("overview-subtitle")).ToContainTextAsync("2021");
        await Assertions.Expect(monitor.GetByTestId("kpi-activities")).Not.ToHaveTextAsync("0");
        await PickPlanAsync(monitor, 2022);
        await Assertions.Expect(monitor.GetByTestId("overview-subtitle")).ToContainTextAsync("Quý I/2022 (15/12/2021 – 14/3/2022)");
        var activities = monitor.GetByTestId("kpi-activities");
        await Assertions.Expect(activities).ToHaveTextAsync("0");
        await Assertions.Expect(monitor.GetByTestId("no-activities")).ToBeVisibleAsync();
        // A marker that a reload would wipe out.
        await monitor.EvaluateAsync("() => window.__notReloaded = true");

        var title = $"Tin nhắn Zalo hướng dẫn nộp hồ sơ trực tuyến ({Guid.NewGuid().ToString("N")[..6]})";
        await LogZaloActivityAsync(title);

        // The open overview counts it without a reload: the figure, and the channel chart with the new channel.
        await Assertions.Expect(activities).ToHaveTextAsync("1");
        await Assertions.Expect(monitor.GetByTestId("no-activities")).ToHaveCountAsync(0);
        await Assertions.Expect(monitor.GetByTestId("chart-channels")).ToContainTextAsync("ZALO");
        await Assertions.Expect(monitor.GetByTestId("kpi-agencies")).ToContainTextAsync("1/");
        Assert.True(await monitor.EvaluateAsync<bool>("() => window.__notReloaded === true"));
        Assert.Contains("plan=2022", monitor.Url, StringComparison.Ordinal);
        await AppFixture.ScreenshotAsync(monitor, "overview-plan-2022");

        // The two years side by side: the new channel is 2022's only, its 2021 cell empty, never merged with another.
        await monitor.GetByRole(AriaRole.Link, new() { Name = "So sánh các năm" }).ClickAsync();
        await monitor.WaitForURLAsync(new Regex("/compare"));
        await Assertions.Expect(monitor.GetByTestId("compare-subtitle")).ToContainTextAsync("Năm 2021");
        await Assertions.Expect(monitor.GetByTestId("compare-subtitle")).ToContainTextAsync("năm 2022");
        var zalo = monitor.GetByTestId("table-channels").Locator("tr[data-code=ZALO]");
        await Assertions.Expect(zalo).ToContainTextAsync(ZaloName);
        await Assertions.Expect(zalo.GetByTestId("only-current")).ToHaveTextAsync("Chỉ có năm 2022");
        await Assertions.Expect(zalo.Locator("td[data-year=base]").First).ToHaveTextAsync("");
        await Assertions.Expect(zalo.Locator("td[data-year=current]").First).ToHaveTextAsync("1");
        await Assertions.Expect(monitor.GetByTestId("compare-summary").GetByTestId("summary-activities")).ToContainTextAsync("1");
        await AppFixture.ScreenshotAsync(monitor, "compare-2021-2022");
        await zalo.ScrollIntoViewIfNeededAsync();
        await AppFixture.ScreenshotAsync(monitor, "compare-2021-2022-channels");

        // The consolidated workbook of 2022's quarter compares it with the same days of 2021.
        await app.GotoAsync(monitor, "/reports");
        await Assertions.Expect(monitor.GetByTestId("narrative")).ToContainTextAsync("15/12/2021");
        var download = monitor.WaitForDownloadAsync(new() { Timeout = 120_000 });
        await monitor.GetByTestId("export-excel").ClickAsync();
        var file = await download;
        var path = Path.Combine(Path.GetTempPath(), $"commsplan-e2e-{Guid.NewGuid():N}.xlsx");
        await file.SaveAsAsync(path);
        try
        {
            using var workbook = new XLWorkbook(path);
            Assert.True(workbook.Worksheets.TryGetWorksheet(ConsolidatedReportBuilder.SamePeriodSheet, out var sheet));
            var cells = sheet.CellsUsed().ToList();
            Assert.Contains(cells, c => c.GetString() == "Cùng kỳ 2021");
            Assert.Contains(cells, c => c.GetString() == "Kỳ này 2022");
            var row = Assert.Single(cells, c => c.GetString() == $"{ZaloName} (chỉ có năm 2022)").WorksheetRow();
            Assert.True(row.Cell(ConsolidatedWorkbook.SameActivities).IsEmpty());
            Assert.Equal(1, row.Cell(ConsolidatedWorkbook.SameActivities + 1).GetValue<int>());
            Assert.Equal("mới", row.Cell(ConsolidatedWorkbook.SameActivities + 3).GetString());
        }
        finally
        {
            File.Delete(path);
        }
        await monitor.Context.CloseAsync();
    }

    /// <summary>The app bar's plan selector, as a person uses it: open it, pick the year, and the URL names it.</summary>
    private static async Task PickPlanAsync(IPage page, int year)
    {
        await page.GetByTestId("plan-selector-button").ClickAsync();
        await page.GetByTestId($"plan-option-{year}").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"plan={year}"));
        await Assertions.Expect(page.GetByTestId("plan-selector-button")).ToContainTextAsync(year.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Sở Tư pháp's officer logs an activity in the 2022 plan's new Zalo channel, dated today (in 2022), through the form.</summary>
    private async Task LogZaloActivityAsync(string title)
    {
        var officer = await app.LoginAsync("tuphap");
        await Assertions.Expect(officer.GetByTestId("plan-selector-button")).ToContainTextAsync("2022");
        await app.GotoAsync(officer, "/activities");
        await officer.GetByTestId("add-activity").ClickAsync();
        await Assertions.Expect(officer.Locator("h1")).ToHaveTextAsync("Thêm hoạt động");
        await AppFixture.WaitForInteractiveAsync(officer);
        await ActivityBrowserTests.PickAsync(officer, "channel", ZaloName);
        await officer.GetByTestId("title").FillAsync(title);
        await officer.GetByTestId("quantity").FillAsync("4");
        await officer.GetByTestId("second-measure").FillAsync("2500");
        await ActivityBrowserTests.PickAsync(officer, "objectives", "MĐ1");
        await ActivityBrowserTests.PickAsync(officer, "themes", "ND2");
        await officer.GetByTestId("save").ClickAsync();
        await officer.WaitForURLAsync(new Regex(@"/activities(\?.*)?$"));
        await Assertions.Expect(officer.Locator(".mud-snackbar")).ToContainTextAsync("Đã ghi nhận hoạt động");
        var row = officer.GetByTestId("activity-grid").Locator("tbody tr").Filter(new() { HasText = title });
        await Assertions.Expect(row).ToContainTextAsync("15/02/2022");
        await officer.Context.CloseAsync();
    }

    /// <summary>The administrator opens the seeded 2022 draft, adds the Zalo channel and issues the plan as 15/KH-UBND.</summary>
    private async Task IssueThe2022PlanWithAZaloChannelAsync()
    {
        var page = await app.LoginAsync("admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "Kế hoạch các năm" }).ClickAsync();
        var row2022 = page.GetByTestId("plans-table").Locator("tr", new() { Has = page.GetByTestId("open-plan-2022") });
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
        await dialog.GetByLabel("Tên kênh").FillAsync(ZaloName);
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

        // Which assignment is the unit-plan assignment is the Office's to choose: marking NV3 moves it there from NV1.
        await Assertions.Expect(page.GetByTestId("item-NV1").GetByTestId("unit-plan-chip")).ToBeVisibleAsync();
        await page.GetByTestId("edit-NV3").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        var unitPlan = dialog.GetByLabel("Là nhiệm vụ xây dựng kế hoạch của đơn vị");
        await Assertions.Expect(unitPlan).Not.ToBeCheckedAsync();
        await unitPlan.CheckAsync();
        await Assertions.Expect(dialog.GetByTestId("unit-plan-note")).ToContainTextAsync("Khi lưu, nhiệm vụ NV1 sẽ không còn là nhiệm vụ xây dựng kế hoạch của đơn vị.");
        // Unit plans are judged against its deadline: NV3 has none yet, so the dialog asks for one and keeps the switch on.
        await dialog.GetByTestId("save-item").ClickAsync();
        await Assertions.Expect(dialog).ToContainTextAsync(CommsPlan.Core.Plans.PlanItemInputValidator.UnitPlanDeadlineMessage);
        await Assertions.Expect(unitPlan).ToBeCheckedAsync();
        var deadline = dialog.Locator("input[data-testid=item-deadline], [data-testid=item-deadline] input").First;
        await deadline.FillAsync("15/04/2024");
        await deadline.PressAsync("Tab");
        // The field takes the date: its own message goes (the summary of the refused save stays until the next one).
        await Assertions.Expect(dialog.GetByText(CommsPlan.Core.Plans.PlanItemInputValidator.UnitPlanDeadlineMessage)).ToHaveCountAsync(1);
        await AppFixture.ScreenshotAsync(page, "plan-editor-unit-plan-assignment");
        await dialog.GetByTestId("save-item").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("item-NV3").GetByTestId("unit-plan-chip")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("item-NV3")).ToContainTextAsync("15/04/2024");
        await Assertions.Expect(page.GetByTestId("item-NV1").GetByTestId("unit-plan-chip")).ToHaveCountAsync(0);
        // Saved, not only shown: the dialog opened again reads it back.
        await page.GetByTestId("edit-NV3").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog").GetByLabel("Là nhiệm vụ xây dựng kế hoạch của đơn vị")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator(".mud-dialog").GetByTestId("unit-plan-note")).Not.ToContainTextAsync("sẽ không còn");
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Hủy" }).ClickAsync();

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
