using Microsoft.Playwright;

namespace CommsPlan.Tests.EndToEnd;

/// <summary>The activity list as a tool: its filters in the address, restored on reload, with the totals of the whole filtered list.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ActivityListBrowserTests(AppFixture app)
{
    private static async Task<string[]> TitlesAsync(IPage page)
    {
        var rows = page.GetByTestId("activity-grid").Locator("tbody tr td:nth-child(2) a");
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        return [.. await rows.AllInnerTextsAsync()];
    }

    [Fact]
    public async Task AFilteredListKeepsItsFiltersSortAndPageInTheAddressAndShowsTheSameRowsAfterAReload()
    {
        var page = await app.LoginAsync("giamsat");
        await app.GotoAsync(page, "/activities?channel=BAO&from=2021-01-01&to=2021-09-30&sort=title&page=2&size=10");
        await Assertions.Expect(page.GetByTestId("filter-channel")).Not.ToHaveValueAsync("");
        await Assertions.Expect(page.GetByTestId("activity-totals")).ToBeVisibleAsync();
        var before = await TitlesAsync(page);
        Assert.Equal(10, before.Length);
        // Sorted by the database (code point order, as SQLite compares), ascending as the address asks.
        Assert.Equal(before.Order(StringComparer.Ordinal), before);
        await Assertions.Expect(page.Locator(".mud-table-pagination-caption").Last).ToContainTextAsync("11–20");

        var unfiltered = await page.GetByTestId("activity-totals").InnerTextAsync();
        var caption = page.Locator(".mud-table-pagination-caption").Last;
        var unfilteredCount = (await caption.InnerTextAsync()).Split("/ ")[1];

        // A filter chosen on screen goes into the address at once, without a reload, and starts at the first page.
        await page.GetByTestId("filter-objective").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "MĐ2" }).First.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("objective=MD2", StringComparison.Ordinal) && !url.Contains("page=", StringComparison.Ordinal));
        Assert.Contains("channel=BAO", page.Url, StringComparison.Ordinal);
        Assert.Contains("sort=title", page.Url, StringComparison.Ordinal);
        // The rows and the totals arrive together: fewer activities once the objective applies.
        await Assertions.Expect(page.GetByTestId("activity-totals")).Not.ToHaveTextAsync(unfiltered);
        // The pager's count arrives with the rows it counts: once it is the filtered count, the rows are the filtered ones.
        await Assertions.Expect(caption).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^1–"));
        await Assertions.Expect(caption).Not.ToHaveTextAsync(new System.Text.RegularExpressions.Regex("/ " + unfilteredCount + "$"));
        var filtered = await TitlesAsync(page);
        var totals = await page.GetByTestId("activity-totals").InnerTextAsync();
        Assert.Contains("tin, bài", totals, StringComparison.Ordinal);

        await page.ReloadAsync();
        await AppFixture.WaitForInteractiveAsync(page);
        Assert.Equal(filtered, await TitlesAsync(page));
        Assert.Equal(totals, await page.GetByTestId("activity-totals").InnerTextAsync());
        await Assertions.Expect(page.GetByTestId("filter-objective")).ToHaveValueAsync("MĐ2");
        // Tall enough to show the totals under the ten rows.
        await page.SetViewportSizeAsync(1440, 1280);
        await AppFixture.ScreenshotAsync(page, "activity-list-totals");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task XuatExcelOverHttpGivesAnOfficerOnlyItsOwnAgencysRowsWhateverTheLinkAsks()
    {
        var page = await app.LoginAsync("tuphap");

        var response = await page.Context.APIRequest.GetAsync("/api/activities/export.xlsx?agency=DAITU&sort=title");

        Assert.Equal(200, response.Status);
        Assert.Equal(CommsPlan.Core.Reports.ActivityListExport.ContentType, response.Headers["content-type"]);
        Assert.Contains("attachment", response.Headers["content-disposition"]);
        Assert.Contains("filename=HoatDong_STP_", response.Headers["content-disposition"]);
        using var workbook = new ClosedXML.Excel.XLWorkbook(new MemoryStream(await response.BodyAsync()));
        var detail = workbook.Worksheet("Chi tiết");
        var agencies = detail.RowsUsed().Where(r => r.RowNumber() > 10 && !r.Cell(7).IsEmpty()).Select(r => r.Cell(4).GetString()).Distinct().ToList();
        Assert.Equal(["Sở Tư pháp"], agencies);
        Assert.Equal("SỞ TƯ PHÁP", detail.Cell("A2").GetString());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task XuatExcelOnTheListDownloadsTheFilteredList()
    {
        var page = await app.LoginAsync("giamsat");
        await app.GotoAsync(page, "/activities?channel=BAO&from=2021-01-01&to=2021-03-31");
        await Assertions.Expect(page.GetByTestId("activity-totals")).ToBeVisibleAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-activities").ClickAsync());

        Assert.Equal("HoatDong_2021-01-01_2021-03-31.xlsx", download.SuggestedFilename);
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Đã tải xuống tệp HoatDong_2021-01-01_2021-03-31.xlsx");
        await page.Context.CloseAsync();
    }
}
