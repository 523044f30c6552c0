using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Playwright;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace CommsPlan.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class ReportBrowserTests(AppFixture app)
{
    [Fact]
    public async Task TheMonitorPicksQuarterOneAndDownloadsTheWorkbookWithItsSevenSheets()
    {
        var title = ReportTestData.UniqueTitle("Hội nghị phổ biến TTHC");
        await ReportTestData.AddQuarterOneActivitiesAsync(app, ("STP", title), ("DAITU", ReportTestData.UniqueTitle("Hội nghị Đại Từ")));
        // A quarter's worth of different work, so the page and its screenshot show what a real quarter reads like.
        TestActivity Make(string agency, string channel, int month, int quantity, long? second, long? cost) =>
            new(agency, channel, ReportTestData.UniqueTitle($"Tuyên truyền {channel}"), new DateOnly(2021, month, 10), quantity, second, cost);
        await ReportTestData.AddAsync(app,
        [
            Make("BAOTN", "BAO", 1, 24, null, null), Make("STP", "WEB", 1, 9, null, null), Make("SNV", "CONG", 2, 14, null, null),
            Make("DAIPTTH", "PTTH", 2, 6, 90, 18_000_000), Make("DAITU", "TTCS", 3, 45, 225, null), Make("TPTN", "TTCS", 1, 30, 150, null),
            Make("TTPVHCC", "TAILIEU", 2, 2, 1_500, 9_000_000), Make("SYT", "TAPHUAN", 3, 1, 85, 6_500_000),
            Make("TPTN", "BANGRON", 1, 40, null, 8_000_000), Make("PHUBINH", "PANO", 2, 3, null, 21_000_000),
            Make("VPUBND", "TOROI", 2, 12_000, null, 14_400_000), Make("DINHHOA", "TOROI", 3, 3_500, null, 4_200_000),
        ]);
        var page = await app.LoginAsync("giamsat");
        await app.GotoAsync(page, "/reports");

        await page.GetByTestId("period-key").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Quý I/2021 (15/12/2020 – 14/3/2021)" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("period=2021-Q1"));
        var narrative = page.GetByTestId("narrative");
        await Assertions.Expect(narrative).ToContainTextAsync("Trong kỳ báo cáo (từ ngày 15/12/2020 đến ngày 14/3/2021), các cơ quan, đơn vị đã thực hiện");
        await Assertions.Expect(narrative).ToContainTextAsync("hội nghị, hội thảo với");
        await Assertions.Expect(page.GetByTestId("report-agencies").Locator("tr[data-agency=STP]")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("channel-table")).ToContainTextAsync("Hội nghị, hội thảo");
        await AppFixture.ScreenshotAsync(page, "reports");

        // Hold the request so the indicator can be seen while the file is on its way, then let it through.
        var release = new TaskCompletionSource();
        await page.RouteAsync("**/api/reports/consolidated.xlsx**", async route =>
        {
            await release.Task;
            await route.ContinueAsync();
        });
        var download = page.WaitForDownloadAsync(new() { Timeout = 120_000 });
        await page.GetByTestId("export-excel").ClickAsync();
        await Assertions.Expect(page.GetByTestId("export-progress")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("export-excel")).ToBeDisabledAsync();
        await Assertions.Expect(page.GetByTestId("export-excel")).ToContainTextAsync("Đang tạo tệp Excel");
        release.SetResult();

        var file = await download;
        Assert.Equal("BaoCao_TruyenThong_TTHC_2020-12-15_2021-03-14.xlsx", file.SuggestedFilename);
        await Assertions.Expect(page.GetByTestId("export-progress")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("export-excel")).ToHaveTextAsync("Xuất Excel");
        await Assertions.Expect(page.GetByText("Đã tải xuống tệp BaoCao_TruyenThong_TTHC_2020-12-15_2021-03-14.xlsx")).ToBeVisibleAsync();
        var path = Path.Combine(Path.GetTempPath(), $"commsplan-e2e-{Guid.NewGuid():N}.xlsx");
        await file.SaveAsAsync(path);
        try
        {
            using var workbook = new XLWorkbook(path);
            Assert.Equal(
                ["Tổng hợp", "Theo đơn vị", "Chi tiết", "Kế hoạch đơn vị", "Biểu dương", "Khó khăn vướng mắc", "So sánh cùng kỳ", "Thuyết minh"],
                workbook.Worksheets.Select(w => w.Name));
            Assert.Contains(title, workbook.Worksheet("Chi tiết").Column(7).CellsUsed().Select(c => c.GetString()));
        }
        finally
        {
            File.Delete(path);
        }
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AnOfficerEditsASectionAndDownloadsTheWordReportCarryingIt()
    {
        const string edited = "Đường truyền Internet ở các xã vùng cao chưa ổn định, việc cập nhật hoạt động lên phần mềm còn chậm.";
        var page = await app.LoginAsync("daitu");
        await app.GotoAsync(page, "/reports?period=2021-Q2");
        await Assertions.Expect(page.GetByTestId("report-sections")).ToBeVisibleAsync();

        await page.GetByTestId("section-difficulties").Locator(".mud-expand-panel-header").ClickAsync();
        var box = page.GetByTestId("section-text-difficulties");
        await Assertions.Expect(box).ToBeVisibleAsync();
        await box.FillAsync(edited + "\nKinh phí in tờ rơi còn hạn chế.");
        await Assertions.Expect(page.GetByTestId("section-difficulties")).ToContainTextAsync("Chưa lưu");
        await page.GetByTestId("section-save-difficulties").ClickAsync();
        await Assertions.Expect(page.GetByText("Đã lưu phần “II.1. Khó khăn, vướng mắc”.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("section-difficulties")).ToContainTextAsync("Đã sửa");
        await page.GetByTestId("report-sections").ScrollIntoViewIfNeededAsync();
        await page.EvaluateAsync("() => document.querySelector('[data-testid=report-sections]').scrollIntoView()");
        await AppFixture.ScreenshotAsync(page, "reports-word");
        await page.GetByTestId("report-number").FillAsync("18");

        var download = page.WaitForDownloadAsync(new() { Timeout = 120_000 });
        await page.GetByTestId("export-word").ClickAsync();
        var file = await download;

        Assert.Equal("BaoCao_TruyenThong_TTHC_DAITU_2021-03-15_2021-06-14.docx", file.SuggestedFilename);
        var path = Path.Combine(Path.GetTempPath(), $"commsplan-e2e-{Guid.NewGuid():N}.docx");
        await file.SaveAsAsync(path);
        try
        {
            using var document = WordprocessingDocument.Open(path, false);
            var text = document.MainDocumentPart!.Document.Body!.Descendants<W.Paragraph>().Select(p => p.InnerText).Where(t => t.Length > 0).ToList();
            Assert.Equal(["ỦY BAN NHÂN DÂN", "HUYỆN ĐẠI TỪ", "Số: 18/BC-UBND"], text.Take(3));
            var at = text.IndexOf("1. Khó khăn, vướng mắc");
            Assert.Equal([edited, "Kinh phí in tờ rơi còn hạn chế."], text.Skip(at + 1).Take(2));
        }
        finally
        {
            File.Delete(path);
        }
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SaoChepPutsTheNarrativeOnTheClipboard()
    {
        var page = await app.LoginAsync("giamsat");
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await app.GotoAsync(page, "/reports?period=2021-Q1");
        await Assertions.Expect(page.GetByTestId("narrative")).ToContainTextAsync("1. Kết quả thực hiện các hoạt động truyền thông");

        await page.GetByTestId("copy-narrative").ClickAsync();

        await Assertions.Expect(page.GetByText("Đã sao chép thuyết minh vào bộ nhớ tạm.")).ToBeVisibleAsync();
        var clipboard = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        Assert.StartsWith("1. Kết quả thực hiện các hoạt động truyền thông\nTrong kỳ báo cáo (từ ngày 15/12/2020 đến ngày 14/3/2021)", clipboard);
        Assert.Contains("\n\n2. ", clipboard);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AnOfficersScopeIsFixedToItsOwnAgency()
    {
        var page = await app.LoginAsync("tuphap");
        await app.GotoAsync(page, "/reports?period=2021-Q1&group=District");

        await Assertions.Expect(page.GetByTestId("report-scope-fixed")).ToContainTextAsync("Sở Tư pháp");
        await Assertions.Expect(page.GetByTestId("report-scope")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("narrative")).ToContainTextAsync("Sở Tư pháp");
        var rows = page.GetByTestId("report-agencies").Locator("tr[data-agency]");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-agency", "STP");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheMonitorNarrowsTheScopeToAGroup()
    {
        var page = await app.LoginAsync("giamsat");
        await app.GotoAsync(page, "/reports?period=2021-Q1");

        await page.GetByTestId("report-scope").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Nhóm: UBND cấp huyện" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("group=District"));
        await Assertions.Expect(page.GetByTestId("narrative")).ToContainTextAsync("UBND các huyện, thành phố, thị xã");
        await Assertions.Expect(page.GetByTestId("report-agencies").Locator("tr[data-agency=STP]")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}
