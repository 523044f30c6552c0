using Microsoft.Playwright;

namespace CommsPlan.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class FeedbackBrowserTests(AppFixture app)
{
    [Fact]
    public async Task AnOfficerRaisesADifficultyAndTheOfficeAnswersIt()
    {
        var title = $"Thiếu máy quét hồ sơ {Guid.NewGuid():N}"[..32];
        var officer = await app.LoginAsync("daitu");
        await app.GotoAsync(officer, "/difficulties");
        await officer.GetByTestId("raise-difficulty").ClickAsync();
        var dialog = officer.GetByTestId("difficulty-dialog");
        await dialog.GetByLabel("Tiêu đề").FillAsync(title);
        await dialog.GetByLabel("Nội dung").FillAsync("Bộ phận Một cửa các xã chưa có máy quét để số hóa hồ sơ.");
        await officer.GetByTestId("send").ClickAsync();
        var mine = officer.GetByTestId("difficulty-grid").Locator("tr", new() { HasText = title });
        await Assertions.Expect(mine.GetByTestId("difficulty-status")).ToHaveTextAsync("Chưa trả lời");
        await Assertions.Expect(officer.GetByTestId("answer-button")).ToHaveCountAsync(0);
        await officer.Context.CloseAsync();

        var monitor = await app.LoginAsync("giamsat");
        await app.GotoAsync(monitor, "/difficulties");
        var grid = monitor.GetByTestId("difficulty-grid");
        var row = grid.Locator("tr", new() { HasText = title });
        await Assertions.Expect(row).ToBeVisibleAsync();
        Assert.True(await grid.Locator("tbody tr").CountAsync() > 1, "the demo's difficulties are listed before the search");
        // The Office finds it typing without diacritics, in capitals: one search rule for every list.
        await monitor.GetByTestId("filter-text").FillAsync(CommsPlan.Core.Common.TextFolding.Fold(title).ToUpperInvariant());
        await Assertions.Expect(grid.Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("UBND huyện Đại Từ");
        await AppFixture.ScreenshotAsync(monitor, "difficulties");
        await row.GetByTestId("answer-button").ClickAsync();
        var answer = monitor.GetByTestId("difficulty-dialog");
        await answer.GetByLabel("Nội dung trả lời").FillAsync("Văn phòng UBND tỉnh đã đề xuất bố trí kinh phí mua máy quét.");
        await monitor.GetByTestId("send").ClickAsync();

        await Assertions.Expect(row.GetByTestId("difficulty-status")).ToHaveTextAsync("Đã trả lời");
        await Assertions.Expect(row.GetByTestId("answer")).ToHaveTextAsync("Văn phòng UBND tỉnh đã đề xuất bố trí kinh phí mua máy quét.");
        await monitor.Context.CloseAsync();
    }

    [Fact]
    public async Task AnOfficerRecordsACommendationThatTheMonitorFinds()
    {
        var recipient = $"Tổ Một cửa xã Hà Thượng {Guid.NewGuid():N}"[..32];
        var officer = await app.LoginAsync("tuphap");
        await app.GotoAsync(officer, "/commendations");
        await officer.GetByTestId("add-commendation").ClickAsync();
        var dialog = officer.GetByTestId("commendation-dialog");
        await dialog.GetByLabel("Tập thể", new() { Exact = true }).CheckAsync();
        await dialog.GetByLabel("Tên cá nhân, tập thể").FillAsync(recipient);
        await dialog.GetByLabel("Thành tích").FillAsync("Giải quyết 100% hồ sơ chứng thực đúng hạn trong Quý III/2021.");
        await officer.GetByTestId("save").ClickAsync();
        await Assertions.Expect(officer.GetByTestId("commendation-grid").Locator("tr", new() { HasText = recipient }))
            .ToContainTextAsync("Tập thể");
        await officer.Context.CloseAsync();

        var monitor = await app.LoginAsync("giamsat");
        await app.GotoAsync(monitor, "/commendations");
        await monitor.GetByLabel("Tìm theo tên, thành tích").FillAsync(recipient);
        var grid = monitor.GetByTestId("commendation-grid");
        await Assertions.Expect(grid.Locator("tbody tr", new() { HasText = recipient })).ToContainTextAsync("Sở Tư pháp");
        await monitor.GetByLabel("Tìm theo tên, thành tích").FillAsync("");
        await Assertions.Expect(grid.Locator("tbody tr").Nth(5)).ToBeVisibleAsync();
        await AppFixture.ScreenshotAsync(monitor, "commendations");
        await monitor.Context.CloseAsync();
    }
}
