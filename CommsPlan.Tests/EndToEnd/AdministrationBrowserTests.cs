using CommsPlan.Core.Access;
using CommsPlan.Core.Administration;
using CommsPlan.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CommsPlan.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class AdministrationBrowserTests(AppFixture app)
{
    [Fact]
    public async Task AnAdministratorCreatesAnOfficerWhoMustChooseTheirOwnPasswordAndThenWorksUnderTheirAgency()
    {
        var userName = $"canbo{Guid.NewGuid():N}"[..13];
        var admin = await app.LoginAsync("admin");
        await app.GotoAsync(admin, "/admin/users");

        await admin.GetByRole(AriaRole.Button, new() { Name = "Thêm người dùng" }).ClickAsync();
        var dialog = admin.Locator(".mud-dialog");
        await dialog.GetByLabel("Tên đăng nhập", new() { Exact = true }).FillAsync(userName);
        await dialog.GetByLabel("Họ và tên", new() { Exact = true }).FillAsync("Đỗ Văn Mới");
        await ChooseAsync(admin, dialog.GetByLabel("Vai trò", new() { Exact = true }), "Cán bộ đơn vị");
        await ChooseAsync(admin, dialog.GetByLabel("Đơn vị", new() { Exact = true }), "Sở Tư pháp");
        await dialog.GetByLabel("Mật khẩu ban đầu", new() { Exact = true }).FillAsync("Khoidau@2021");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Tạo tài khoản" }).ClickAsync();

        await Assertions.Expect(admin.Locator(".mud-snackbar")).ToContainTextAsync($"Đã tạo tài khoản {userName}");
        await Assertions.Expect(admin.GetByTestId("users-grid")).ToContainTextAsync(userName);
        await admin.Locator(".mud-snackbar").GetByRole(AriaRole.Button).ClickAsync(); // not over the header in the screenshot
        await Assertions.Expect(admin.Locator(".mud-snackbar")).ToHaveCountAsync(0);
        await AppFixture.ScreenshotAsync(admin, "admin-users");
        await admin.Context.CloseAsync();

        // The administrator knows the first password: the officer must choose their own before anything else.
        var officer = await app.LoginAsync(userName, "Khoidau@2021", waitForInteractive: false);
        await Assertions.Expect(officer).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/password$"));
        await Assertions.Expect(officer.GetByTestId("forced-change")).ToBeVisibleAsync();
        await AppFixture.ScreenshotAsync(officer, "forced-password-change");
        await officer.GotoAsync(new Uri(app.BaseAddress, "/activities").ToString());
        await Assertions.Expect(officer).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/password\\?ReturnUrl=%2Factivities$"));
        await AccountPasswordBrowserTests.ChangePasswordAsync(officer, "Khoidau@2021", "Sông-Cầu#Xanh47");
        await officer.GetByRole(AriaRole.Link, new() { Name = "Tiếp tục làm việc" }).ClickAsync();
        await Assertions.Expect(officer).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/activities$"));
        await AppFixture.WaitForInteractiveAsync(officer);
        await Assertions.Expect(officer.GetByTestId("user-name")).ToHaveTextAsync("Đỗ Văn Mới");
        await Assertions.Expect(officer.GetByTestId("user-role")).ToHaveTextAsync("Cán bộ đơn vị · Sở Tư pháp");
        await officer.Context.CloseAsync();
    }

    [Fact]
    public async Task AnAdministratorLocksAnAccountAndTheLoginPageSaysAnAdministratorLockedIt()
    {
        var userName = await CreateViewerAsync("Người sẽ bị khóa");
        var admin = await app.LoginAsync("admin");
        await app.GotoAsync(admin, "/admin/users");

        await admin.GetByLabel("Tìm theo tên đăng nhập hoặc họ tên").FillAsync(userName);
        await Assertions.Expect(admin.GetByTestId("users-grid").Locator("tbody tr")).ToHaveCountAsync(1);
        await admin.GetByRole(AriaRole.Button, new() { Name = $"Khóa {userName}" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("confirm-message")).ToContainTextAsync(userName);
        await admin.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Khóa", Exact = true }).ClickAsync();

        await Assertions.Expect(admin.GetByTestId("user-status")).ToHaveTextAsync("Bị khóa");
        await admin.Context.CloseAsync();

        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(app.BaseAddress, "/Account/Login").ToString());
        await page.GetByLabel("Tên đăng nhập").FillAsync(userName);
        await page.GetByLabel("Mật khẩu").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("login-error")).ToContainTextAsync("Tài khoản đã bị quản trị viên khóa");
    }

    [Fact]
    public async Task ARenameInTheAgencyDialogShowsInItsHistoryAndOnTheAuditPage()
    {
        var code = "TN" + string.Concat(Guid.NewGuid().ToString("N").Where(char.IsAsciiLetter).Take(8)).ToUpperInvariant();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var agencies = scope.ServiceProvider.GetRequiredService<AgencyAdminService>();
            await agencies.CreateAsync(CurrentUser.System, new NewAgencyInput { Code = code, Name = $"Ban thử {code}", Kind = AgencyKind.Department });
        }
        var admin = await app.LoginAsync("admin");
        await app.GotoAsync(admin, "/admin/agencies");

        await admin.GetByLabel("Tìm theo mã hoặc tên").FillAsync(code);
        await Assertions.Expect(admin.GetByTestId("agencies-grid").Locator("tbody tr")).ToHaveCountAsync(1);
        await admin.GetByRole(AriaRole.Button, new() { Name = $"Sửa {code}" }).ClickAsync();
        var dialog = admin.Locator(".mud-dialog");
        await dialog.GetByLabel("Tên đơn vị", new() { Exact = true }).FillAsync($"Ban mới {code}");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("agencies-grid")).ToContainTextAsync($"Ban mới {code}");

        await admin.GetByRole(AriaRole.Button, new() { Name = $"Sửa {code}" }).ClickAsync();
        await admin.Locator(".mud-dialog").GetByRole(AriaRole.Tab, new() { Name = "Lịch sử" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("audit-history")).ToContainTextAsync($"Ban thử {code}");
        await Assertions.Expect(admin.GetByTestId("audit-history")).ToContainTextAsync("Cập nhật · Quản trị hệ thống");
        await admin.Context.CloseAsync();

        var monitor = await app.LoginAsync("giamsat");
        await app.GotoAsync(monitor, "/audit");
        await ChooseAsync(monitor, monitor.GetByLabel("Loại bản ghi"), "Đơn vị");
        var grid = monitor.GetByTestId("audit-grid");
        await Assertions.Expect(grid.Locator("tbody tr").First).ToContainTextAsync($"Ban mới {code}");
        // The change itself, before and after.
        await Assertions.Expect(grid.Locator("tbody tr").First.GetByTestId("audit-changes")).ToContainTextAsync($"Ban thử {code}");
        await Assertions.Expect(grid.Locator("tbody tr").First.GetByTestId("audit-changes")).ToContainTextAsync($"Ban mới {code}");
        await AppFixture.ScreenshotAsync(monitor, "audit");
        await monitor.Context.CloseAsync();
    }

    [Fact]
    public async Task TheAgencysDocumentDetailsAreEditedInItsDialogAndHeadItsOwnWordReport()
    {
        var code = "TN" + string.Concat(Guid.NewGuid().ToString("N").Where(char.IsAsciiLetter).Take(8)).ToUpperInvariant();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var agencies = scope.ServiceProvider.GetRequiredService<AgencyAdminService>();
            await agencies.CreateAsync(CurrentUser.System, new NewAgencyInput { Code = code, Name = $"Ban thử {code}", Kind = AgencyKind.Department });
        }
        var admin = await app.LoginAsync("admin");
        await app.GotoAsync(admin, "/admin/agencies");
        await admin.GetByLabel("Tìm theo mã hoặc tên").FillAsync(code);
        await Assertions.Expect(admin.GetByTestId("agencies-grid").Locator("tbody tr")).ToHaveCountAsync(1);
        await admin.GetByRole(AriaRole.Button, new() { Name = $"Sửa {code}" }).ClickAsync();
        var dialog = admin.Locator(".mud-dialog");
        await dialog.GetByRole(AriaRole.Tab, new() { Name = "Văn bản" }).ClickAsync();
        // Only the tab's own button saves here: the footer's "Lưu" (name and kind) is not offered beside it.
        await Assertions.Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true })).ToHaveCountAsync(0);

        await dialog.GetByTestId("doc-name").FillAsync("BAN THỬ NGHIỆM");
        await dialog.GetByTestId("doc-symbol").FillAsync("BTN 2");
        await dialog.GetByTestId("save-document").ClickAsync();
        await Assertions.Expect(dialog.GetByTestId("document-error")).ToContainTextAsync("Chữ viết tắt không có dấu cách");
        await dialog.GetByTestId("doc-symbol").FillAsync("BTNG");
        await dialog.GetByTestId("doc-signer-name").FillAsync("Nguyễn Văn Ký");
        await dialog.GetByTestId("doc-email").FillAsync("vanthu@bantn.example");
        await AppFixture.ScreenshotAsync(admin, "agency-documents");
        await dialog.GetByTestId("save-document").ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var agencies = scope.ServiceProvider.GetRequiredService<AgencyAdminService>();
            var id = (await agencies.ListAsync(CurrentUser.System, new AgencyQuery(Search: code, Take: 1))).Items.Single().Id;
            var saved = await agencies.GetDocumentAsync(CurrentUser.System, id);
            Assert.Equal(("BAN THỬ NGHIỆM", "BTNG", "Nguyễn Văn Ký", "vanthu@bantn.example"),
                (saved.IssuerName, saved.DocumentSymbol, saved.SignerName, saved.ContactEmail));
            // The agency's own report (as its officer downloads it) is headed and signed with what was saved.
            var officer = new CurrentUser("id-officer-" + code, "officer-" + code, [Roles.AgencyOfficer], id);
            var report = await scope.ServiceProvider.GetRequiredService<CommsPlan.Core.Reports.ReportDocumentBuilder>().WriteAsync(officer,
                new CommsPlan.Core.Reports.ConsolidatedReportRequest(CommsPlan.Core.ReportingCycle.ReportingPeriods.DecreeQuarter(2021, 1),
                    CommsPlan.Core.Access.MonitoringScope.Province) { Number = "3" });
            using var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(report.Content), false);
            var text = document.MainDocumentPart!.Document.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>()
                .Select(p => p.InnerText).Where(t => t.Length > 0).ToList();
            Assert.Contains("BAN THỬ NGHIỆM", text.Take(3));
            Assert.Contains("Số: 3/BC-BTNG", text.Take(4));
            Assert.Contains("Nguyễn Văn Ký", text);
        }
        await admin.Context.CloseAsync();
    }

    private const string Password = "Hoa-sen#Tim42";

    private async Task<string> CreateViewerAsync(string fullName)
    {
        var userName = $"nguoi{Guid.NewGuid():N}"[..13];
        await using var scope = app.Services.CreateAsyncScope();
        var id = await scope.ServiceProvider.GetRequiredService<UserAdminService>().CreateAsync(CurrentUser.System,
            new NewUserInput { UserName = userName, FullName = fullName, Role = Roles.Viewer, Password = Password });
        await ChosenPasswords.MarkChosenAsync(app.Services, id);
        return userName;
    }

    /// <summary>Opens a MudSelect and picks an option by its text.</summary>
    [Fact]
    public async Task AnAdministratorImportsAccountsFromExcelSeesRowErrorsThenCreatesThemAndGetsThePasswordsOnce()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var admin = await app.LoginAsync("admin");
        await app.GotoAsync(admin, "/admin/users");
        await admin.GetByTestId("import-users").ClickAsync();
        await Assertions.Expect(admin.Locator("h1")).ToHaveTextAsync("Nhập tài khoản từ Excel");
        await AppFixture.WaitForInteractiveAsync(admin);
        var template = await admin.RunAndWaitForDownloadAsync(() => admin.GetByTestId("template-link").ClickAsync());
        Assert.Equal("Mau-nhap-tai-khoan.xlsx", template.SuggestedFilename);

        // A file with mistakes: nothing is created, each bad row says why.
        var bad = Path.Combine(Path.GetTempPath(), $"tai-khoan-loi-{tag}.xlsx");
        await File.WriteAllBytesAsync(bad, Core.Administration.AccountImportServiceTests.Workbook(
            [$"vonhai.{tag}", "Đỗ Văn Võ Nhai", "canbo@vonhai.thainguyen.gov.vn", "Cán bộ đơn vị", "VONHAI"],
            [$"phuluong.{tag}", "Ngô Thị Phú Lương", "khong-phai-email", "Cán bộ đơn vị", "PHULUONG"],
            [$"dongh.{tag}", "Lý Văn Đồng Hỷ", "", "Cán bộ đơn vị", "DONGHI"],
            ["tuphap", "Trùng Tài Khoản", "", "Lãnh đạo", ""]).ToArray());
        await admin.Locator("input[type=file]").SetInputFilesAsync(bad);
        await Assertions.Expect(admin.GetByTestId("bad-count")).ToContainTextAsync("Có lỗi: 3");
        await Assertions.Expect(admin.GetByTestId("all-or-nothing")).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByTestId("preview-rows")).ToContainTextAsync("Mã đơn vị «DONGHI» không có trong danh mục.");
        await Assertions.Expect(admin.GetByTestId("preview-rows")).ToContainTextAsync("«tuphap» đã có tài khoản");
        await Assertions.Expect(admin.GetByTestId("create")).ToHaveCountAsync(0);
        await admin.GetByTestId("preview-row").Last.ScrollIntoViewIfNeededAsync();
        await AppFixture.ScreenshotAsync(admin, "admin-users-import-preview");

        var good = Path.Combine(Path.GetTempPath(), $"tai-khoan-{tag}.xlsx");
        await File.WriteAllBytesAsync(good, Core.Administration.AccountImportServiceTests.Workbook(
            [$"vonhai.{tag}", "Đỗ Văn Võ Nhai", "canbo@vonhai.thainguyen.gov.vn", "Cán bộ đơn vị", "VONHAI"],
            [$"phuluong.{tag}", "Ngô Thị Phú Lương", "", "Cán bộ đơn vị", "PHULUONG"]).ToArray());
        // MudFileUpload adds a fresh input for each choice: the last one is the live one.
        await admin.Locator("input[type=file]").Last.SetInputFilesAsync(good);
        await Assertions.Expect(admin.GetByTestId("bad-count")).ToContainTextAsync("Có lỗi: 0");
        await admin.GetByTestId("create").ClickAsync();
        await admin.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Tạo tài khoản" }).ClickAsync();

        await Assertions.Expect(admin.GetByTestId("password")).ToHaveCountAsync(2);
        var password = await admin.GetByTestId("password").First.TextContentAsync();
        var download = await admin.RunAndWaitForDownloadAsync(() => admin.GetByTestId("download-passwords").ClickAsync());
        Assert.Equal("Mat-khau-tai-khoan-moi.xlsx", download.SuggestedFilename);
        await Assertions.Expect(admin.GetByTestId("downloaded")).ToBeVisibleAsync();
        // The workbook went once: asked again, the server refuses.
        var ticketUrl = new Uri(download.Url).PathAndQuery;
        var again = await admin.Context.APIRequest.GetAsync(ticketUrl);
        Assert.Equal(410, again.Status);
        await admin.Context.CloseAsync();

        // The new officer signs in with the one-time password and must choose their own first.
        var officer = await app.LoginAsync($"vonhai.{tag}", password!.Trim(), waitForInteractive: false);
        await Assertions.Expect(officer).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/password$"));
        await officer.Context.CloseAsync();
        File.Delete(bad);
        File.Delete(good);
    }

    private static async Task ChooseAsync(IPage page, ILocator select, string option)
    {
        await select.ClickAsync();
        await page.Locator(".mud-popover-open").GetByText(option, new() { Exact = true }).ClickAsync();
    }
}
