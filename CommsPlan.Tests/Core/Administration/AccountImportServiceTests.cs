using ClosedXML.Excel;
using CommsPlan.Core.Access;
using CommsPlan.Core.Administration;
using CommsPlan.Core.Audit;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Tests.Support;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommsPlan.Tests.Core.Administration;

/// <summary>Nhập tài khoản từ Excel: the preview names each bad row, and the accounts are created all together or not at all.</summary>
public abstract class AccountImportServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    private AccessTestServices _app = null!;
    private AccountImportService _import = null!;
    private CurrentUser _admin = null!;

    public async Task InitializeAsync()
    {
        _app = await AccessTestServices.CreateAsync(provider);
        _import = _app.Get<AccountImportService>();
        _admin = await _app.UserAsync("admin");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>A workbook as an administrator fills the template: the header row, then one row per account.</summary>
    internal static MemoryStream Workbook(params string[][] rows)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet(AccountSheet.SheetName);
        for (var c = 0; c < AccountSheet.Headers.Count; c++) sheet.Cell(1, c + 1).Value = AccountSheet.Headers[c];
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < rows[r].Length; c++) sheet.Cell(r + 2, c + 1).SetValue(rows[r][c]);
        }
        var stream = new MemoryStream();
        workbook.SaveAs(stream);
        stream.Position = 0;
        return stream;
    }

    private static readonly string[] Vonhai = ["canbo.vonhai", "Đỗ Văn Võ Nhai", "canbo@vonhai.thainguyen.gov.vn", "Cán bộ đơn vị", "VONHAI"];
    private static readonly string[] Phuluong = ["canbo.phuluong", "Ngô Thị Phú Lương", "", "AgencyOfficer", "phuluong"];
    private static readonly string[] Leader = ["pho.chutich", "Vũ Văn Lãnh Đạo", "", "lanh dao", ""];

    private async Task<int> AccountCountAsync()
    {
        await using var db = await _app.ContextAsync();
        return await db.Users.CountAsync();
    }

    [Fact]
    public async Task TheTemplateHasTheColumnsAndAReferenceSheetOfRolesAndAgencyCodes()
    {
        using var workbook = new XLWorkbook(new MemoryStream(await _import.CreateTemplateAsync(_admin)));

        var sheet = workbook.Worksheet(AccountSheet.SheetName);
        Assert.Equal(AccountSheet.Headers, Enumerable.Range(1, 5).Select(c => sheet.Cell(1, c).GetString()));
        var reference = workbook.Worksheet(AccountSheet.ReferenceSheetName).CellsUsed().Select(c => c.GetString()).ToList();
        Assert.Contains("Cán bộ đơn vị", reference);
        Assert.Contains("Lãnh đạo", reference);
        Assert.Contains("VONHAI", reference);
        Assert.Contains("UBND huyện Võ Nhai", reference);
    }

    [Fact]
    public async Task AGoodFileCreatesEveryAccountWithAOneTimePasswordThatSignsInAndMustBeChanged()
    {
        var before = await AccountCountAsync();
        var preview = await _import.PreviewAsync(_admin, Workbook(Vonhai, Phuluong, Leader));
        Assert.True(preview.CanCreate, string.Join("; ", preview.Rows.SelectMany(r => r.Errors)));
        Assert.Equal([Roles.AgencyOfficer, Roles.AgencyOfficer, Roles.Viewer], preview.Rows.Select(r => r.Role));

        var result = await _import.CreateAsync(_admin, preview);

        Assert.Equal(before + 3, await AccountCountAsync());
        Assert.Equal(3, result.Accounts.Select(a => a.Password).Distinct().Count());
        await using var scope = _app.Services.CreateAsyncScope();
        var identity = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        foreach (var account in result.Accounts)
        {
            var user = await identity.FindByNameAsync(account.UserName);
            Assert.NotNull(user);
            Assert.True(await identity.CheckPasswordAsync(user, account.Password));
            Assert.True(user.MustChangePassword);
        }
        var vonhai = await identity.FindByNameAsync("canbo.vonhai");
        Assert.Equal(await _app.AgencyIdAsync("VONHAI"), vonhai!.AgencyId);
        Assert.Equal("canbo@vonhai.thainguyen.gov.vn", vonhai.Email);
        Assert.True(await identity.IsInRoleAsync(vonhai, Roles.AgencyOfficer));
        Assert.True(await identity.IsInRoleAsync((await identity.FindByNameAsync("pho.chutich"))!, Roles.Viewer));
        // Each account's creation is in the audit history, in the administrator's name, as a single creation is.
        await using var db = await _app.ContextAsync();
        var created = await db.AuditEntries.Where(e => e.EntityType == nameof(AppUser) && e.Action == AuditAction.Created && e.UserName == "admin")
            .CountAsync();
        Assert.Equal(3, created);
    }

    [Fact]
    public async Task BadRowsAreNamedWithTheirReasonsAndNothingCanBeCreated()
    {
        var preview = await _import.PreviewAsync(_admin, Workbook(
            Vonhai,
            ["thieu.hoten", "", "", "Lãnh đạo", ""],
            ["sai.email", "Trần Văn Email", "khong-phai-email", "Lãnh đạo", ""],
            ["sai.vaitro", "Lý Văn Vai Trò", "", "Thư ký", ""],
            ["khong.donvi", "Mai Thị Đơn Vị", "", "Cán bộ đơn vị", ""],
            ["", "Không Tên Đăng Nhập", "", "Giám sát", ""],
            ["giamsat.donvi", "Hà Văn Giám Sát", "", "Giám sát", "STP"]));

        Assert.False(preview.CanCreate);
        Assert.True(preview.Rows[0].IsValid);
        string Errors(int row) => string.Join(" | ", preview.Rows.Single(r => r.RowNumber == row).Errors);
        Assert.Contains("Vui lòng nhập họ và tên.", Errors(3));
        Assert.Contains("email không hợp lệ", Errors(4));
        Assert.Contains("Vai trò «Thư ký» không có trong danh mục", Errors(5));
        Assert.Contains("Cán bộ đơn vị phải thuộc một đơn vị", Errors(6));
        Assert.Contains("Vui lòng nhập tên đăng nhập.", Errors(7));
        Assert.Contains("không gắn với đơn vị", Errors(8));
        Assert.Equal(6, preview.BadRows.Count);

        var before = await AccountCountAsync();
        await Assert.ThrowsAsync<ValidationException>(() => _import.CreateAsync(_admin, preview));
        Assert.Equal(before, await AccountCountAsync());
    }

    [Fact]
    public async Task DuplicateUserNamesWithinTheFileOrAgainstExistingAccountsAreRefused()
    {
        var preview = await _import.PreviewAsync(_admin, Workbook(
            Vonhai,
            ["CANBO.VONHAI", "Người Trùng Tên", "", "Lãnh đạo", ""],
            ["tuphap", "Người Trùng Tài Khoản Có Sẵn", "", "Lãnh đạo", ""]));

        Assert.True(preview.Rows[0].IsValid);
        Assert.Contains("trùng với dòng 2 của tệp", string.Join(" ", preview.Rows[1].Errors));
        Assert.Contains("«tuphap» đã có tài khoản", string.Join(" ", preview.Rows[2].Errors));
        Assert.False(preview.CanCreate);
    }

    [Fact]
    public async Task UnknownAgencyCodesAreNamed()
    {
        var preview = await _import.PreviewAsync(_admin, Workbook(["canbo.x", "Phan Văn X", "", "Cán bộ đơn vị", "KHONGCO"]));

        var row = Assert.Single(preview.Rows);
        Assert.Equal(["Mã đơn vị «KHONGCO» không có trong danh mục."], row.Errors);
    }

    [Fact]
    public async Task AnAccountCreatedMeanwhileStopsTheWholeFileAndNothingIsCreated()
    {
        var preview = await _import.PreviewAsync(_admin, Workbook(Vonhai, Phuluong, Leader));
        Assert.True(preview.CanCreate);
        // Another administrator creates one of the names between the preview and the creation.
        await _app.Get<UserAdminService>().CreateAsync(_admin, new NewUserInput
        {
            UserName = "pho.chutich", FullName = "Vũ Văn Lãnh Đạo", Role = Roles.Viewer, Password = "Hoa-sen#Tim42",
        });
        var before = await AccountCountAsync();

        var refused = await Assert.ThrowsAsync<ValidationException>(() => _import.CreateAsync(_admin, preview));

        Assert.Contains(refused.Errors, e => e.ErrorMessage.StartsWith("Dòng 4:", StringComparison.Ordinal));
        Assert.Equal(before, await AccountCountAsync());
        await using var db = await _app.ContextAsync();
        Assert.False(await db.Users.AnyAsync(u => u.UserName == "canbo.vonhai"));
    }

    [Fact]
    public async Task ThePasswordWorkbookIsDownloadedOnceAndOnlyByTheAdministratorWhoCreatedTheAccounts()
    {
        var result = await _import.CreateAsync(_admin, await _import.PreviewAsync(_admin, Workbook(Vonhai)));
        var downloads = _app.Get<OneTimeDownloads>();

        Assert.Null(downloads.Take("someone-else", result.PasswordSheetTicket));
        var file = downloads.Take(_admin.UserId, result.PasswordSheetTicket);
        Assert.Null(downloads.Take(_admin.UserId, result.PasswordSheetTicket));

        Assert.NotNull(file);
        using var workbook = new XLWorkbook(new MemoryStream(file.Value.Content));
        var cells = workbook.Worksheet(1).CellsUsed().Select(c => c.GetString()).ToList();
        Assert.Contains("canbo.vonhai", cells);
        Assert.Contains(result.Accounts[0].Password, cells);
    }

    [Fact]
    public async Task AFileThatIsNotAWorkbookOrLacksTheSheetIsRefusedInVietnamese()
    {
        var text = await _import.PreviewAsync(_admin, new MemoryStream("tên,vai trò"u8.ToArray()));
        Assert.Equal(CommsPlan.Core.Activities.Import.ActivityImporter.NotXlsxMessage, text.FileError);

        using var other = new XLWorkbook();
        other.AddWorksheet("Sheet1").Cell(1, 1).Value = "x";
        using var stream = new MemoryStream();
        other.SaveAs(stream);
        stream.Position = 0;
        Assert.Equal(AccountImportService.NoSheetMessage, (await _import.PreviewAsync(_admin, stream)).FileError);
    }

    [Fact]
    public async Task OnlyAdministratorsImportAccounts()
    {
        foreach (var name in new[] { "giamsat", "lanhdao", "tuphap" })
        {
            var user = await _app.UserAsync(name);
            await Assert.ThrowsAsync<AccessDeniedException>(() => _import.PreviewAsync(user, Workbook(Vonhai)));
            await Assert.ThrowsAsync<AccessDeniedException>(() => _import.CreateTemplateAsync(user));
        }
    }

    public sealed class OnSqlite() : AccountImportServiceTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : AccountImportServiceTests(DatabaseProvider.PostgreSQL), IOnPostgreSql;
}
