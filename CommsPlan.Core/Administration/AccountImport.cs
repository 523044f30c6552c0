using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using ClosedXML.Excel;
using CommsPlan.Core.Access;
using CommsPlan.Core.Activities.Import;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CommsPlan.Core.Administration;

/// <summary>The account workbook's sheets and columns: the template writes them, the import reads them.</summary>
public static class AccountSheet
{
    public const string SheetName = "Tài khoản";
    public const string ReferenceSheetName = "Danh mục";
    public const string UserName = "Tên đăng nhập";
    public const string FullName = "Họ và tên";
    public const string Email = "Thư điện tử";
    public const string Role = "Vai trò";
    public const string AgencyCode = "Mã đơn vị";

    public static readonly IReadOnlyList<string> Headers = [UserName, FullName, Email, Role, AgencyCode];
}

/// <summary>One row of the account workbook as read, with what is wrong with it (empty: it can be created).</summary>
public sealed record AccountImportRow(int RowNumber, string UserName, string FullName, string Email, string RoleText, string AgencyCode,
    string? Role, int? AgencyId, string? AgencyName, IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0;

    public string RoleName => Role is null ? RoleText : Roles.DisplayName(Role);
}

/// <summary>What a file holds: its rows with their errors, or why the file itself was refused.</summary>
public sealed record AccountImportPreview(IReadOnlyList<AccountImportRow> Rows, string? FileError)
{
    public IReadOnlyList<AccountImportRow> BadRows { get; } = [.. Rows.Where(r => !r.IsValid)];

    /// <summary>All or nothing: every row must be valid, and there must be one.</summary>
    public bool CanCreate => FileError is null && Rows.Count > 0 && BadRows.Count == 0;

    public static AccountImportPreview Refused(string reason) => new([], reason);
}

/// <summary>An account the import created, with the one-time password only this result carries.</summary>
public sealed record CreatedAccount(string UserName, string FullName, string RoleName, string? AgencyName, string Password);

/// <summary>
/// The accounts created, and the ticket of their one-time password workbook (<see cref="OneTimeDownloads"/>): the
/// passwords are shown once on the page that created them and downloaded once; nothing stores them.
/// </summary>
public sealed record AccountImportResult(IReadOnlyList<CreatedAccount> Accounts, string PasswordSheetTicket);

/// <summary>
/// Files handed out once to the user who asked for them (the one-time password workbook): taken on first download,
/// gone after <see cref="Lifetime"/> if nobody takes it. Held in this instance's memory only, never in the database or a
/// backup; the page and its download are served by the same instance (Blazor Server's circuits are sticky).
/// </summary>
public sealed class OneTimeDownloads(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    private sealed record Entry(string OwnerId, string FileName, byte[] Content, DateTimeOffset Expires);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Keeps <paramref name="content"/> for <paramref name="ownerId"/>; returns the unguessable ticket.</summary>
    public string Put(string ownerId, string fileName, byte[] content)
    {
        var now = time.GetUtcNow();
        foreach (var (key, stale) in _entries)
        {
            if (stale.Expires <= now) _entries.TryRemove(key, out _);
        }
        var ticket = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        _entries[ticket] = new Entry(ownerId, fileName, content, now + Lifetime);
        return ticket;
    }

    /// <summary>The file, once, to its owner; null when the ticket is unknown, taken, expired or someone else's.</summary>
    public (string FileName, byte[] Content)? Take(string ownerId, string ticket)
    {
        if (!_entries.TryGetValue(ticket, out var entry) || entry.OwnerId != ownerId) return null;
        if (!_entries.TryRemove(KeyValuePair.Create(ticket, entry))) return null;
        return entry.Expires > time.GetUtcNow() ? (entry.FileName, entry.Content) : null;
    }
}

/// <summary>
/// **Nhập tài khoản từ Excel**, for administrators: the template (<see cref="CreateTemplate"/>), a preview naming every
/// row's errors (<see cref="PreviewAsync"/>), and the creation of every account or none (<see cref="CreateAsync"/>) in one
/// transaction through the write path, so each is audited as a single creation is. Each account gets a generated
/// one-time password (Identity's rules) and must choose its own at the first sign-in (<see cref="AppUser.MustChangePassword"/>).
/// The file is read by the activity import's budgeted reader (<see cref="SheetReader"/>, <see cref="ImportBudgets"/>).
/// </summary>
public sealed class AccountImportService(
    IDbContextFactory<CommsPlanDbContext> factory,
    IServiceScopeFactory scopes,
    IValidator<NewUserInput> validator,
    TimeProvider time,
    OneTimeDownloads downloads,
    ILogger<AccountImportService> logger)
{
    /// <summary>More than the province's agencies have officers: a file beyond it is a mistake.</summary>
    public const int MaxRows = 500;

    public const long MaxFileBytes = 1024 * 1024;

    public const string PasswordSheetFileName = "Mat-khau-tai-khoan-moi.xlsx";

    public static readonly string FileTooLargeMessage = "Tệp lớn hơn 1 MB. Tệp tài khoản chỉ cần vài chục dòng.";
    public static readonly string NoSheetMessage = $"Không tìm thấy trang «{AccountSheet.SheetName}». Hãy dùng tệp mẫu.";
    public static readonly string NoRowsMessage = $"Trang «{AccountSheet.SheetName}» không có dòng dữ liệu nào.";
    public static readonly string TooManyRowsMessage = $"Tệp có hơn {MaxRows} dòng. Hãy chia thành nhiều tệp.";
    public static string MissingColumnsMessage(IEnumerable<string> columns) =>
        $"Thiếu cột: {string.Join(", ", columns)}. Hãy dùng tệp mẫu (dòng 1 là tiêu đề).";

    /// <summary>The empty account workbook with a reference sheet of the roles and the active agencies' codes.</summary>
    public async Task<byte[]> CreateTemplateAsync(CurrentUser actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        await using var db = await factory.CreateDbContextAsync(ct);
        var agencies = await db.Agencies.AsNoTracking().Where(a => a.IsActive).OrderBy(a => a.Kind).ThenBy(a => a.SortOrder)
            .Select(a => new { a.Code, a.Name }).ToListAsync(ct);
        return CreateTemplate([.. agencies.Select(a => (a.Code, a.Name))]);
    }

    internal static byte[] CreateTemplate(IReadOnlyList<(string Code, string Name)> agencies)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet(AccountSheet.SheetName);
        double[] widths = [20, 32, 34, 18, 14];
        for (var i = 0; i < AccountSheet.Headers.Count; i++)
        {
            // Text columns, so Excel keeps codes and names as typed (no dates, no dropped zeros).
            sheet.Column(i + 1).Style.NumberFormat.Format = "@";
            sheet.Column(i + 1).Width = widths[i];
            Header(sheet.Cell(1, i + 1), AccountSheet.Headers[i]);
        }
        sheet.SheetView.FreezeRows(1);

        var reference = workbook.AddWorksheet(AccountSheet.ReferenceSheetName);
        Header(reference.Cell(1, 1), AccountSheet.Role);
        Header(reference.Cell(1, 2), "Quyền");
        string[] roleNotes =
        [
            "Quản lý tài khoản, đơn vị, danh mục kế hoạch; xem mọi dữ liệu",
            "Văn phòng UBND tỉnh: xem, duyệt, xuất mọi dữ liệu; nhập thay đơn vị",
            "Nhập và sửa dữ liệu của một đơn vị (bắt buộc ghi Mã đơn vị)",
            "Lãnh đạo: xem và xuất mọi dữ liệu",
        ];
        for (var i = 0; i < Roles.All.Count; i++)
        {
            reference.Cell(i + 2, 1).Value = Roles.DisplayName(Roles.All[i]);
            reference.Cell(i + 2, 2).Value = roleNotes[i];
        }
        var agencyTop = Roles.All.Count + 3;
        Header(reference.Cell(agencyTop, 1), AccountSheet.AgencyCode);
        Header(reference.Cell(agencyTop, 2), "Tên đơn vị");
        for (var i = 0; i < agencies.Count; i++)
        {
            reference.Cell(agencyTop + 1 + i, 1).SetValue(agencies[i].Code);
            reference.Cell(agencyTop + 1 + i, 2).Value = agencies[i].Name;
        }
        reference.Column(1).Width = 18;
        reference.Column(2).Width = 70;

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private static void Header(IXLCell cell, string text)
    {
        cell.Value = text;
        cell.Style.Font.Bold = true;
        cell.Style.Fill.BackgroundColor = XLColor.FromHtml("#DCE6F1");
    }

    /// <summary>Reads the file and checks every row against the rules and the accounts that exist; creates nothing.</summary>
    public async Task<AccountImportPreview> PreviewAsync(CurrentUser actor, Stream file, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        using var buffer = new MemoryStream();
        if (!await ActivityImporter.CopyUpToAsync(file, buffer, MaxFileBytes, ct)) return AccountImportPreview.Refused(FileTooLargeMessage);
        if (buffer.Length == 0) return AccountImportPreview.Refused(ActivityImporter.EmptyFileMessage);
        buffer.Position = 0;
        if (ActivityImporter.LooksLikeOldExcel(buffer)) return AccountImportPreview.Refused(ActivityImporter.OldExcelMessage);
        if (!ActivityImporter.LooksLikeZip(buffer)) return AccountImportPreview.Refused(ActivityImporter.NotXlsxMessage);
        // A zip bomb is refused before anything is unpacked for good, as in the activity import.
        if (ActivityImporter.CheckPackage(buffer, ct) is { } refusal) return AccountImportPreview.Refused(refusal);
        buffer.Position = 0;

        List<RawRow> raw;
        try
        {
            var read = ReadSheet(buffer, ct);
            if (read.Error is not null) return AccountImportPreview.Refused(read.Error);
            raw = read.Rows;
        }
        catch (ImportBudgetExceededException ex)
        {
            return AccountImportPreview.Refused(ActivityImporter.TooComplexMessage(ex.Message));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The zip and XML readers throw many types for a damaged or foreign file: all mean the same to the user.
            return AccountImportPreview.Refused(ActivityImporter.NotXlsxMessage);
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await CheckAsync(db, raw, ct);
        logger.LogInformation("Account import preview by {UserName}: {Rows} rows, {BadRows} with errors.",
            actor.UserName, rows.Count, rows.Count(r => !r.IsValid));
        return new AccountImportPreview(rows, null);
    }

    /// <summary>
    /// Creates every account of <paramref name="preview"/> in one transaction, or none: the rows are checked again
    /// against the accounts that exist now (another administrator may have created one meanwhile).
    /// </summary>
    /// <exception cref="ValidationException">A row is wrong (named by its row number); nothing was created.</exception>
    public async Task<AccountImportResult> CreateAsync(CurrentUser actor, AccountImportPreview preview, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        ArgumentNullException.ThrowIfNull(preview);
        if (preview.FileError is not null || preview.Rows.Count == 0)
            throw UserAdminService.Invalid("File", preview.FileError ?? NoRowsMessage);

        await using var db = await factory.CreateForAsync(actor, time, ct);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var rows = await CheckAsync(db, [.. preview.Rows.Select(r => new RawRow(r.RowNumber, r.UserName, r.FullName, r.Email, r.RoleText, r.AgencyCode))], ct);
        var failures = rows.SelectMany(r => r.Errors.Select(e => new FluentValidation.Results.ValidationFailure("Rows", $"Dòng {r.RowNumber}: {e}"))).ToList();
        if (failures.Count > 0) throw new ValidationException(failures);

        var roleIds = await db.Roles.Where(r => r.Name != null).ToDictionaryAsync(r => r.Name!, r => r.Id, ct);
        var created = new List<CreatedAccount>(rows.Count);
        foreach (var row in rows)
        {
            var user = new AppUser
            {
                UserName = row.UserName,
                NormalizedUserName = users.NormalizeName(row.UserName),
                FullName = row.FullName,
                Email = row.Email.Length == 0 ? null : row.Email,
                NormalizedEmail = row.Email.Length == 0 ? null : users.NormalizeEmail(row.Email),
                AgencyId = row.AgencyId,
                LockoutEnabled = users.Options.Lockout.AllowedForNewUsers,
                SecurityStamp = UserAdminService.NewStamp(),
                // An administrator's file made this password: the user replaces it at the first sign-in.
                MustChangePassword = true,
            };
            var password = await GeneratePasswordAsync(users, user);
            user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleIds[row.Role!] });
            created.Add(new CreatedAccount(row.UserName, row.FullName, row.RoleName, row.AgencyName, password));
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("User {UserName} created {Count} accounts from a file.", actor.UserName, created.Count);

        var ticket = downloads.Put(actor.UserId, PasswordSheetFileName, PasswordSheet(created, time.GetUtcNow()));
        return new AccountImportResult(created, ticket);
    }

    /// <summary>The one-time passwords as a workbook, for the administrator to hand to each person.</summary>
    internal static byte[] PasswordSheet(IReadOnlyList<CreatedAccount> accounts, DateTimeOffset createdAt)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("Mật khẩu");
        sheet.Cell(1, 1).Value = $"Mật khẩu dùng một lần, tạo lúc {VietnameseFormat.Time(createdAt.UtcDateTime)}. "
            + "Mỗi người phải đổi mật khẩu ở lần đăng nhập đầu tiên. Hãy xóa tệp này sau khi đã trao mật khẩu.";
        sheet.Cell(1, 1).Style.Font.Italic = true;
        string[] headers = [AccountSheet.UserName, AccountSheet.FullName, AccountSheet.Role, "Đơn vị", "Mật khẩu"];
        double[] widths = [20, 32, 18, 40, 24];
        for (var i = 0; i < headers.Length; i++)
        {
            Header(sheet.Cell(3, i + 1), headers[i]);
            sheet.Column(i + 1).Width = widths[i];
            sheet.Column(i + 1).Style.NumberFormat.Format = "@";
        }
        for (var i = 0; i < accounts.Count; i++)
        {
            var a = accounts[i];
            sheet.Cell(4 + i, 1).SetValue(a.UserName);
            sheet.Cell(4 + i, 2).SetValue(a.FullName);
            sheet.Cell(4 + i, 3).SetValue(a.RoleName);
            sheet.Cell(4 + i, 4).SetValue(a.AgencyName ?? "");
            sheet.Cell(4 + i, 5).SetValue(a.Password);
        }
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private sealed record RawRow(int RowNumber, string UserName, string FullName, string Email, string Role, string AgencyCode);

    private sealed record SheetRead(List<RawRow> Rows, string? Error);

    private static SheetRead ReadSheet(Stream package, CancellationToken ct)
    {
        var sheetKey = TextFolding.Fold(AccountSheet.SheetName);
        using var sheet = SheetReader.Open(package, name => TextFolding.Fold(name) == sheetKey, ImportBudgets.Default, ct);
        if (sheet is null) return new SheetRead([], NoSheetMessage);
        var wantedHeaders = AccountSheet.Headers.ToDictionary(TextFolding.Fold);
        Dictionary<string, int>? columns = null;
        HashSet<int> wanted = [];
        var rows = new List<RawRow>();
        foreach (var (number, cells) in sheet.Rows(wanted.Contains))
        {
            ct.ThrowIfCancellationRequested();
            if (columns is null)
            {
                if (number != 1) break;
                columns = [];
                foreach (var (column, value) in cells)
                {
                    if (wantedHeaders.TryGetValue(TextFolding.Fold(Text(value)), out var header)) columns.TryAdd(header, column);
                }
                var missing = AccountSheet.Headers.Where(h => !columns.ContainsKey(h)).ToList();
                if (missing.Count > 0) return new SheetRead([], MissingColumnsMessage(missing));
                wanted.UnionWith(columns.Values);
                continue;
            }
            string Cell(string header) => cells.TryGetValue(columns[header], out var v) ? Text(v).Trim() : "";
            var row = new RawRow(number, Cell(AccountSheet.UserName), Cell(AccountSheet.FullName), Cell(AccountSheet.Email),
                Cell(AccountSheet.Role), Cell(AccountSheet.AgencyCode));
            if (row is { UserName: "", FullName: "", Email: "", Role: "", AgencyCode: "" }) continue;
            if (rows.Count == MaxRows) return new SheetRead([], TooManyRowsMessage);
            rows.Add(row);
        }
        if (columns is null) return new SheetRead([], MissingColumnsMessage(AccountSheet.Headers));
        return rows.Count == 0 ? new SheetRead([], NoRowsMessage) : new SheetRead(rows, null);
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        string text => text,
        double number => number.ToString(CultureInfo.InvariantCulture),
        DateTime date => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        bool flag => flag ? "TRUE" : "FALSE",
        _ when ReferenceEquals(value, SheetReader.Unreadable) => "#?",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>Every rule a row must pass, with the messages the single-account form gives, plus the file's own.</summary>
    private async Task<List<AccountImportRow>> CheckAsync(CommsPlanDbContext db, IReadOnlyList<RawRow> raw, CancellationToken ct)
    {
        var agencies = await db.Agencies.AsNoTracking().Select(a => new { a.Id, a.Code, a.Name, a.IsActive }).ToListAsync(ct);
        var byCode = agencies.ToDictionary(a => a.Code.Trim().ToUpperInvariant());
        var normalizedNames = raw.Select(r => r.UserName.ToUpperInvariant()).Where(n => n.Length > 0).Distinct().ToList();
        var taken = (await db.Users.AsNoTracking().Where(u => u.NormalizedUserName != null && normalizedNames.Contains(u.NormalizedUserName))
            .Select(u => u.NormalizedUserName!).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var firstRowOf = new Dictionary<string, int>(StringComparer.Ordinal);

        var result = new List<AccountImportRow>(raw.Count);
        foreach (var r in raw)
        {
            var errors = new List<string>();
            var role = RoleOf(r.Role);
            if (r.Role.Length > 0 && role is null)
                errors.Add($"Vai trò «{r.Role}» không có trong danh mục (Quản trị, Giám sát, Cán bộ đơn vị, Lãnh đạo).");
            int? agencyId = null;
            string? agencyName = null;
            if (r.AgencyCode.Length > 0)
            {
                if (!byCode.TryGetValue(r.AgencyCode.ToUpperInvariant(), out var agency))
                    errors.Add($"Mã đơn vị «{r.AgencyCode}» không có trong danh mục.");
                else if (!agency.IsActive)
                    errors.Add($"{agency.Name} đã ngừng hoạt động: hãy ghi mã đơn vị đang hoạt động.");
                else
                    (agencyId, agencyName) = (agency.Id, agency.Name);
            }

            var input = new NewUserInput
            {
                UserName = r.UserName,
                FullName = r.FullName,
                Email = r.Email,
                // An unknown role was named above; "Vui lòng chọn vai trò" is for an empty cell.
                Role = role ?? (r.Role.Length > 0 ? Roles.Viewer : ""),
                // An unknown code was named above; the officer-needs-an-agency rule is for an empty cell.
                AgencyId = agencyId ?? (r.AgencyCode.Length > 0 && role == Roles.AgencyOfficer ? 0 : null),
                Password = SamplePassword,
            };
            var checkedInput = await validator.ValidateAsync(input, ct);
            foreach (var failure in checkedInput.Errors.Where(e => e.PropertyName != nameof(NewUserInput.Password)))
            {
                // An agency named for a role that has none: said once, in the file's words.
                if (failure.PropertyName == nameof(NewUserInput.AgencyId) && role is not null && role != Roles.AgencyOfficer)
                {
                    errors.Add($"Vai trò {Roles.DisplayName(role)} không gắn với đơn vị: hãy để trống Mã đơn vị.");
                    continue;
                }
                if (failure.PropertyName == nameof(NewUserInput.AgencyId) && r.AgencyCode.Length > 0) continue;
                errors.Add(failure.ErrorMessage);
            }

            var normalized = r.UserName.ToUpperInvariant();
            if (normalized.Length > 0)
            {
                if (taken.Contains(normalized)) errors.Add($"Tên đăng nhập «{r.UserName}» đã có tài khoản.");
                if (firstRowOf.TryGetValue(normalized, out var first)) errors.Add($"Tên đăng nhập «{r.UserName}» trùng với dòng {first} của tệp.");
                else firstRowOf[normalized] = r.RowNumber;
            }
            result.Add(new AccountImportRow(r.RowNumber, r.UserName, r.FullName, r.Email, r.Role, r.AgencyCode, role, agencyId,
                agencyName, [.. errors.Distinct()]));
        }
        return result;
    }

    /// <summary>A password that passes every rule, so the validator's other checks run on the row's own values.</summary>
    private const string SamplePassword = "Kx7#mQ2v!Lp9";

    /// <summary>"Cán bộ đơn vị", "can bo don vi", "AgencyOfficer" all name the officer role.</summary>
    internal static string? RoleOf(string text)
    {
        var key = TextFolding.Fold(text);
        if (key.Length == 0) return null;
        return Roles.All.FirstOrDefault(r => TextFolding.Fold(r) == key || TextFolding.Fold(Roles.DisplayName(r)) == key);
    }

    // No look-alikes (0/O, 1/l/I): the administrator reads the password out or copies it by hand.
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnpqrstuvwxyz";
    private const string Digits = "23456789";
    private const string Symbols = "@#$%&*!?";

    /// <summary>A random 14-character password with each kind of character, checked by Identity's own validators.</summary>
    private static async Task<string> GeneratePasswordAsync(UserManager<AppUser> users, AppUser user)
    {
        for (var attempt = 0; ; attempt++)
        {
            var all = Upper + Lower + Digits + Symbols;
            var chars = new List<char>
            {
                Upper[RandomNumberGenerator.GetInt32(Upper.Length)], Lower[RandomNumberGenerator.GetInt32(Lower.Length)],
                Digits[RandomNumberGenerator.GetInt32(Digits.Length)], Symbols[RandomNumberGenerator.GetInt32(Symbols.Length)],
            };
            while (chars.Count < 14) chars.Add(all[RandomNumberGenerator.GetInt32(all.Length)]);
            var password = new string([.. chars.OrderBy(_ => RandomNumberGenerator.GetInt32(int.MaxValue))]);
            var passes = true;
            foreach (var check in users.PasswordValidators)
                passes &= (await check.ValidateAsync(users, user, password)).Succeeded;
            if (passes) return password;
            if (attempt > 20) throw new InvalidOperationException("No generated password passed the password rules.");
        }
    }

    private static void RequireAdmin(CurrentUser actor)
    {
        if (!actor.IsAdmin) throw new AccessDeniedException();
    }
}
