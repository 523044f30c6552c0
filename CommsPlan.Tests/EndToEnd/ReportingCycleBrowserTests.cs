using CommsPlan.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CommsPlan.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class ReportingCycleBrowserTests(AppFixture app)
{
    private const string LockReason = "Kỳ báo cáo Quý I/2021 đã gửi ngày 20/10/2021 (tuphap); đề nghị Văn phòng UBND tỉnh trả lại để sửa";

    [Fact]
    public async Task AnOfficerSubmitsQuarterOneTheOfficeSendsItBackAndTheOfficerEditsAgain()
    {
        var activityId = await StpActivityInQuarterOneAsync();
        var comment = $"Đề nghị bổ sung đường dẫn minh chứng ({Guid.NewGuid().ToString("N")[..6]}).";

        // Sở Tư pháp sends Quý I/2021.
        var officer = await app.LoginAsync("tuphap");
        await app.GotoAsync(officer, "/reporting");
        await officer.GetByTestId("report-STP-2021-Q1").ClickAsync();
        var dialog = Dialog(officer);
        await dialog.GetByTestId("commentary").FillAsync("Đã cập nhật đủ hoạt động quý I.");
        await dialog.GetByTestId("submit-report").ClickAsync();
        await Assertions.Expect(officer.GetByTestId("report-STP-2021-Q1").GetByTestId("report-status")).ToHaveTextAsync("Đã gửi");

        // Its Q1 activity is now locked, with the reason.
        await app.GotoAsync(officer, $"/activities/{activityId}");
        await Assertions.Expect(officer.GetByTestId("locked")).ToContainTextAsync(LockReason);
        await Assertions.Expect(officer.GetByTestId("save")).ToHaveCountAsync(0);

        // The Office opens it from its bell and sends it back; a send-back without a comment is refused.
        var monitor = await app.LoginAsync("giamsat");
        await monitor.GetByTestId("reminders-bell").ClickAsync();
        await Assertions.Expect(monitor.GetByTestId("reminder-list")).ToBeVisibleAsync();
        var reminder = monitor.GetByTestId("reminder").Filter(new() { HasText = "Sở Tư pháp gửi báo cáo Quý I/2021 ngày 20/10/2021" });
        await Assertions.Expect(reminder).ToBeVisibleAsync();
        await AppFixture.ScreenshotAsync(monitor, "reporting-bell");
        await reminder.ClickAsync();
        var review = Dialog(monitor);
        await Assertions.Expect(review).ToContainTextAsync("Đã cập nhật đủ hoạt động quý I.");
        await review.GetByTestId("send-back-report").ClickAsync();
        await Assertions.Expect(review.GetByTestId("problems")).ToContainTextAsync("Nhập ý kiến trả lại");
        await review.GetByTestId("review-comment").FillAsync(comment);
        await review.GetByTestId("send-back-report").ClickAsync();
        await Assertions.Expect(monitor.GetByTestId("report-STP-2021-Q1").GetByTestId("report-status")).ToHaveTextAsync("Trả lại");
        await AppFixture.ScreenshotAsync(monitor, "reporting");

        // The officer sees the comment and can edit the activity again.
        await app.GotoAsync(officer, "/reporting");
        await Assertions.Expect(officer.GetByTestId("sent-back-comment")).ToHaveTextAsync(comment);
        await AppFixture.ScreenshotAsync(officer, "reporting-sent-back");
        await app.GotoAsync(officer, $"/activities/{activityId}");
        await Assertions.Expect(officer.GetByTestId("locked")).ToHaveCountAsync(0);
        await officer.GetByTestId("evidence").FillAsync("https://stp.thainguyen.gov.vn/minh-chung-quy-1");
        await officer.GetByTestId("save").ClickAsync();
        await Assertions.Expect(officer.Locator(".mud-snackbar")).ToContainTextAsync("Đã lưu thay đổi");

        await officer.Context.CloseAsync();
        await monitor.Context.CloseAsync();
    }

    [Fact]
    public async Task OnANarrowScreenTheAgencyNamesStayInViewWhileTheQuartersScrollAndAReportLooksClickable()
    {
        var page = await app.LoginAsync("giamsat");
        await page.SetViewportSizeAsync(700, 900);
        await app.GotoAsync(page, "/reporting");
        var table = page.GetByTestId("reporting-table");
        var scroller = table.Locator(".mud-table-container");
        var name = table.Locator("[data-testid=reporting-row][data-agency=STP] td").First;
        await Assertions.Expect(name).ToBeVisibleAsync();
        await name.ScrollIntoViewIfNeededAsync();

        // The table is wider than the screen; scrolled to its far edge, the agency's name is still at the left.
        var widths = await scroller.EvaluateAsync<int[]>("e => [e.scrollWidth, e.clientWidth]");
        Assert.True(widths[0] > widths[1], $"The table ({widths[0]} px) should be wider than its frame ({widths[1]} px) at 700 px.");
        await Assertions.Expect(scroller).ToHaveJSPropertyAsync("scrollLeft", 0);
        var frame = (await scroller.BoundingBoxAsync())!;
        await scroller.EvaluateAsync("e => e.scrollLeft = e.scrollWidth");
        await Assertions.Expect(scroller).Not.ToHaveJSPropertyAsync("scrollLeft", 0);
        var stuck = (await name.BoundingBoxAsync())!;
        Assert.InRange(stuck.X, frame.X - 1, frame.X + 1);
        await Assertions.Expect(table.GetByTestId("report-STP-2021-Q4")).ToBeInViewportAsync();

        // A report cell is a button: a pointer over it, an outline on hover.
        var cell = table.GetByTestId("report-STP-2021-Q4");
        Assert.Equal("pointer", await cell.EvaluateAsync<string>("e => getComputedStyle(e).cursor"));
        await cell.HoverAsync();
        // Retried: the hover style may land a frame after the pointer does.
        await Assertions.Expect(cell).Not.ToHaveCSSAsync("border-top-color", "rgba(0, 0, 0, 0)");
        await AppFixture.ScreenshotAsync(page, "reporting-narrow");
        await page.Context.CloseAsync();
    }

    /// <summary>One of Sở Tư pháp's seeded activities in Quý I/2021 (15/12/2020 – 14/3/2021).</summary>
    private async Task<int> StpActivityInQuarterOneAsync()
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<CommsPlanDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.Activities.Where(a => a.Agency!.Code == "STP" && a.StartDate >= new DateOnly(2021, 1, 4) && a.StartDate <= new DateOnly(2021, 3, 10))
            .OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();
    }

    /// <summary>The whole report dialog: MudDialog puts the test id on its content, the buttons sit beside it.</summary>
    private static ILocator Dialog(IPage page) =>
        page.Locator(".mud-dialog").Filter(new() { Has = page.GetByTestId("period-report-dialog") });
}
