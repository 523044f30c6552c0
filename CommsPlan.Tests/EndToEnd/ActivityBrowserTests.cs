using CommsPlan.Core.Access;
using CommsPlan.Core.Activities;
using Microsoft.Extensions.DependencyInjection;
using CommsPlan.Tests.Core.Activities;
using Microsoft.Playwright;
using S = CommsPlan.Core.Activities.Import.ActivitySheet;

namespace CommsPlan.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class ActivityBrowserTests(AppFixture app)
{
    private static string Tag() => Guid.NewGuid().ToString("N")[..6];

    /// <summary>Opens a MudSelect by its label and picks the options whose text starts with each of <paramref name="options"/>.</summary>
    internal static async Task PickAsync(IPage page, string testId, params string[] options)
    {
        await page.GetByTestId(testId).ClickAsync();
        var popover = page.Locator(".mud-popover-open");
        foreach (var option in options)
        {
            await popover.Locator(".mud-list-item").Filter(new() { HasText = option }).First.ClickAsync();
        }
        // A multi-select stays open after a pick; a click outside it closes it, as a person would.
        if (await popover.CountAsync() > 0) await page.Locator("h1").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AnOfficerLogsAnActivityThroughTheFormAndFindsItInTheList()
    {
        var title = $"Hội nghị tập huấn kiểm soát TTHC cho cán bộ một cửa cấp xã ({Tag()})";
        var page = await app.LoginAsync("tuphap");
        await app.GotoAsync(page, "/activities");
        await page.GetByTestId("add-activity").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Thêm hoạt động");
        await AppFixture.WaitForInteractiveAsync(page);

        await Assertions.Expect(page.GetByTestId("agency")).ToHaveValueAsync("Sở Tư pháp");
        await PickAsync(page, "channel", "Hội nghị, hội thảo");
        await page.GetByTestId("title").FillAsync(title);
        await page.GetByTestId("quantity").FillAsync("2");
        await Assertions.Expect(page.GetByLabel("Số người tham dự")).ToBeVisibleAsync();
        await page.GetByTestId("second-measure").FillAsync("180");
        await PickAsync(page, "objectives", "MĐ2", "MĐ4");
        await PickAsync(page, "themes", "ND2");
        await PickAsync(page, "district", "Huyện Đại Từ");
        await page.GetByTestId("evidence").FillAsync("https://sotuphap.thainguyen.gov.vn/tin-tuc/hoi-nghi-tap-huan");
        await page.GetByTestId("cost").FillAsync("15000000");
        await page.GetByTestId("funding").FillAsync("Ngân sách tỉnh");
        await page.GetByTestId("notes").FillAsync("Có đại diện bộ phận một cửa của 9 huyện");
        await page.GetByTestId("notes").PressAsync("Tab");
        await AppFixture.ScreenshotAsync(page, "activity-form");

        await page.GetByTestId("save").ClickAsync();

        await page.WaitForURLAsync(url => url.EndsWith("/activities", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Đã ghi nhận hoạt động");
        // Typed as people often do: no diacritics, in capitals ("...CAN BO MOT CUA CAP XA (…)").
        await page.GetByTestId("filter-text").FillAsync(CommsPlan.Core.Common.TextFolding.Fold(title).ToUpperInvariant()[^30..]);
        var row = page.GetByTestId("activity-grid").Locator("tbody tr").Filter(new() { HasText = title });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("Hội nghị, hội thảo");
        await Assertions.Expect(row).ToContainTextAsync("180 lượt người");
        await Assertions.Expect(row).ToContainTextAsync("MĐ2, MĐ4");
        await Assertions.Expect(row).ToContainTextAsync("15.000.000");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AnOfficerImportsTheTemplateFilledWithTwoRowsAndSeesThemInTheList()
    {
        var tag = Tag();
        var first = $"Tin bài giới thiệu dịch vụ công trực tuyến mức độ 4 ({tag})";
        var second = $"Treo băng rôn tuyên truyền tại trụ sở Sở Tư pháp ({tag})";
        var page = await app.LoginAsync("tuphap");
        await app.GotoAsync(page, "/activities");
        await page.GetByTestId("import-link").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Nhập hoạt động từ Excel");
        await AppFixture.WaitForInteractiveAsync(page);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("template-link").ClickAsync());
        // The template of the plan the page works in, named with its year.
        Assert.Equal("Mau-nhap-hoat-dong-2021.xlsx", download.SuggestedFilename);
        var template = await File.ReadAllBytesAsync(await download.PathAsync());
        var filled = ActivityWorkbook.Fill(template,
        [
            new Dictionary<string, object?>
            {
                [S.Channel] = "WEB", [S.Title] = first, [S.StartDate] = new DateTime(2021, 9, 8), [S.Quantity] = 3,
                [S.Objectives] = "MĐ1; MĐ2", [S.Themes] = "ND2", [S.Evidence] = "https://sotuphap.thainguyen.gov.vn/dvc",
            },
            new Dictionary<string, object?>
            {
                [S.Channel] = "Băng rôn", [S.Title] = second, [S.StartDate] = "15/09/2021", [S.Quantity] = "12",
                [S.Objectives] = "MD3", [S.Themes] = "ND1;ND2", [S.Cost] = "2.400.000", [S.Notes] = "Treo trong tuần lễ cải cách hành chính",
            },
        ]);
        var file = Path.Combine(Path.GetTempPath(), $"hoat-dong-{tag}.xlsx");
        await File.WriteAllBytesAsync(file, filled);

        await page.Locator("input[type=file]").SetInputFilesAsync(file);

        await Assertions.Expect(page.GetByTestId("good-count")).ToContainTextAsync("Hợp lệ: 2");
        await Assertions.Expect(page.GetByTestId("bad-count")).ToContainTextAsync("Có lỗi: 0");
        await Assertions.Expect(page.GetByTestId("good-rows")).ToContainTextAsync(second);
        await AppFixture.ScreenshotAsync(page, "activity-import");
        await page.GetByTestId("commit").ClickAsync();

        await page.WaitForURLAsync(url => url.EndsWith("/activities", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Đã nhập 2 hoạt động");
        var grid = page.GetByTestId("activity-grid");
        await Assertions.Expect(grid).ToContainTextAsync(first);
        await Assertions.Expect(grid.Locator("tbody tr").Filter(new() { HasText = second })).ToContainTextAsync("2.400.000");
        // A clean picture for the README: no toast over the user menu, no grid half-way through a refresh.
        await page.Locator(".mud-snackbar button").First.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".mud-table-loading-progress")).ToHaveCountAsync(0);
        await AppFixture.ScreenshotAsync(page, "activities");
        File.Delete(file);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AFileWithABadRowIsRefusedWithItsRowNumberAndTheImportButtonStaysOff()
    {
        var page = await app.LoginAsync("daitu");
        await app.GotoAsync(page, "/activities/import");
        var template = await (await page.Context.APIRequest.GetAsync("/api/activities/template.xlsx")).BodyAsync();
        var filled = ActivityWorkbook.Fill(template,
        [
            ActivityWorkbook.GoodRow($"Hội nghị đối thoại ({Tag()})", new DateTime(2021, 10, 1)),
            ActivityWorkbook.GoodRow("Hội nghị chưa diễn ra", new DateTime(2021, 12, 1)),
        ]);
        var file = Path.Combine(Path.GetTempPath(), $"loi-{Tag()}.xlsx");
        await File.WriteAllBytesAsync(file, filled);

        await page.Locator("input[type=file]").SetInputFilesAsync(file);

        var badRows = page.GetByTestId("bad-rows");
        await Assertions.Expect(badRows).ToContainTextAsync("Ngày thực hiện không được sau ngày hôm nay");
        await Assertions.Expect(badRows.Locator("tbody tr td").First).ToHaveTextAsync("3");
        await Assertions.Expect(page.GetByTestId("commit")).ToBeDisabledAsync();
        File.Delete(file);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ImportingTheSameFileTwiceMarksItsRowsCoTheTrungAndAddsNothingUnlessKept()
    {
        var tag = Tag();
        var title = $"Hội nghị đối thoại doanh nghiệp ({tag})";
        var page = await app.LoginAsync("daitu");
        await app.GotoAsync(page, "/activities/import");
        await AppFixture.WaitForInteractiveAsync(page);
        var template = await (await page.Context.APIRequest.GetAsync("/api/activities/template.xlsx")).BodyAsync();
        var file = Path.Combine(Path.GetTempPath(), $"hai-lan-{tag}.xlsx");
        await File.WriteAllBytesAsync(file, ActivityWorkbook.Fill(template,
        [
            ActivityWorkbook.GoodRow(title, new DateTime(2021, 10, 5)),
            ActivityWorkbook.GoodRow($"Tập huấn chuyển đổi số ({tag})", new DateTime(2021, 10, 6)),
        ]));
        await page.Locator("input[type=file]").SetInputFilesAsync(file);
        await Assertions.Expect(page.GetByTestId("commit")).ToHaveTextAsync("Nhập 2 hoạt động");
        await page.GetByTestId("commit").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/activities", StringComparison.Ordinal));

        await app.GotoAsync(page, "/activities/import");
        await AppFixture.WaitForInteractiveAsync(page);
        await page.Locator("input[type=file]").SetInputFilesAsync(file);

        await Assertions.Expect(page.GetByTestId("duplicate-count")).ToContainTextAsync("Có thể trùng: 2");
        var duplicates = page.GetByTestId("duplicate-rows");
        await Assertions.Expect(duplicates.Locator("tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(duplicates.Locator("tbody tr").First).ToContainTextAsync("Có thể trùng");
        var link = duplicates.GetByTestId("duplicate-link").First;
        await Assertions.Expect(link).ToContainTextAsync(title);
        Assert.Matches(@"^/activities/\d+$", await link.GetAttributeAsync("href"));
        await Assertions.Expect(page.GetByTestId("commit")).ToBeDisabledAsync();
        await Assertions.Expect(page.GetByTestId("commit")).ToHaveTextAsync("Nhập 0 hoạt động");
        await AppFixture.ScreenshotAsync(page, "activity-import-duplicates");

        await page.GetByText("Vẫn nhập các dòng có thể trùng", new() { Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("commit")).ToBeEnabledAsync();
        await Assertions.Expect(page.GetByTestId("commit")).ToHaveTextAsync("Nhập 2 hoạt động");
        File.Delete(file);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AMonitorSeesEveryAgencysOwnActivitiesReadOnlyAndFiltersByAgency()
    {
        var tag = Tag();
        var service = app.Services.GetRequiredService<ActivityService>();
        var catalogue = await service.GetCatalogueAsync();
        foreach (var (code, title) in new[] { ("BAOTN", $"Loạt bài về Trung tâm Phục vụ hành chính công ({tag})"), ("DAITU", $"Phát thanh về một cửa liên thông ({tag})") })
        {
            var agency = catalogue.Agencies.Single(a => a.Code == code);
            var officer = new CurrentUser($"e2e-{code}", $"e2e-{code}", [Roles.AgencyOfficer], agency.Id);
            await service.CreateAsync(officer, new ActivityInput
            {
                ChannelId = catalogue.Channels.Single(c => c.Code == (code == "BAOTN" ? "BAO" : "TTCS")).Id,
                Title = title,
                StartDate = new DateOnly(2021, 10, 5),
                Quantity = 4,
                ObjectiveIds = [catalogue.Objectives[0].Id],
                ThemeIds = [catalogue.Themes[0].Id],
            });
        }
        var page = await app.LoginAsync("giamsat");
        await app.GotoAsync(page, "/activities");
        var grid = page.GetByTestId("activity-grid");
        // The Office enters for agencies on their behalf, never as one of them.
        await Assertions.Expect(page.GetByTestId("add-activity")).ToHaveTextAsync("Nhập thay đơn vị");
        await Assertions.Expect(page.GetByTestId("import-link")).ToHaveCountAsync(0);

        await page.GetByTestId("filter-text").FillAsync(tag);
        await Assertions.Expect(grid.Locator("tbody tr")).ToHaveCountAsync(2);
        await PickAsync(page, "filter-agency", "UBND huyện Đại Từ");

        await Assertions.Expect(grid.Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(grid).ToContainTextAsync("Phát thanh về một cửa liên thông");
        await Assertions.Expect(grid).ToContainTextAsync("UBND huyện Đại Từ");
        await grid.GetByRole(AriaRole.Link, new() { Name = $"Phát thanh về một cửa liên thông ({tag})" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("read-only")).ToContainTextAsync("Bạn chỉ có quyền xem");
        await Assertions.Expect(page.GetByTestId("read-only")).ToContainTextAsync("do đơn vị tự nhập");
        await Assertions.Expect(page.GetByTestId("save")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheOfficeRecordsAnActivityForUbndHuyenVoNhaiAndItSaysVanPhongNhapThay()
    {
        var title = $"Hội nghị tuyên truyền cải cách hành chính tại xã Thần Sa ({Tag()})";
        var page = await app.LoginAsync("giamsat");
        await app.GotoAsync(page, "/activities");
        await page.GetByTestId("add-activity").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Thêm hoạt động");
        await AppFixture.WaitForInteractiveAsync(page);

        await Assertions.Expect(page.GetByTestId("on-behalf")).ToContainTextAsync("Văn phòng nhập thay");
        await PickAsync(page, "agency-picker", "UBND huyện Võ Nhai");
        await PickAsync(page, "channel", "Hội nghị, hội thảo");
        await page.GetByTestId("title").FillAsync(title);
        await page.GetByTestId("quantity").FillAsync("1");
        await PickAsync(page, "objectives", "MĐ1");
        await PickAsync(page, "themes", "ND1");
        await page.GetByTestId("notes").FillAsync("Đơn vị gửi báo cáo bằng văn bản");
        await page.GetByTestId("notes").PressAsync("Tab");
        await page.GetByTestId("save").ClickAsync();

        await page.WaitForURLAsync(url => url.EndsWith("/activities", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Đã ghi nhận hoạt động");
        await page.GetByTestId("filter-text").FillAsync(title[^8..^1]);
        var grid = page.GetByTestId("activity-grid");
        await Assertions.Expect(grid.Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(grid).ToContainTextAsync("UBND huyện Võ Nhai");
        // Opened by its address, as a link sent to a colleague would: the grid re-renders while the filter settles.
        var href = await grid.GetByRole(AriaRole.Link, new() { Name = title }).GetAttributeAsync("href");
        await app.GotoAsync(page, href!);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sửa hoạt động");

        await Assertions.Expect(page.GetByTestId("on-behalf")).ToContainTextAsync("Văn phòng nhập thay");
        await Assertions.Expect(page.GetByTestId("agency-picker")).ToHaveValueAsync("UBND huyện Võ Nhai");
        await Assertions.Expect(page.GetByTestId("save")).ToBeVisibleAsync();
        await AppFixture.ScreenshotAsync(page, "activity-on-behalf");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheTemplateNeedsASignedInUser()
    {
        await using var context = await app.NewContextAsync();

        var response = await context.APIRequest.GetAsync("/api/activities/template.xlsx", new() { MaxRedirects = 0 });

        Assert.Equal(401, response.Status);
    }
}
