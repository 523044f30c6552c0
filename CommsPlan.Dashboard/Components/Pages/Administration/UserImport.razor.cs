using CommsPlan.Core.Access;
using CommsPlan.Core.Administration;
using CommsPlan.Dashboard.Components.Shared;
using CommsPlan.Dashboard.Hosting;
using FluentValidation;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using Severity = MudBlazor.Severity;

namespace CommsPlan.Dashboard.Components.Pages.Administration;

/// <summary>
/// **Nhập tài khoản từ Excel**: the template, a preview of every row with its errors, then every account created or
/// none; the one-time passwords are shown here once and downloadable once (Core's <see cref="AccountImportService"/>).
/// </summary>
public sealed partial class UserImport : IDisposable
{
    [Inject] private AccountImportService Import { get; set; } = null!;
    [Inject] private UserContext UserContext { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    private readonly CancellationTokenSource _closing = new();
    private readonly List<BreadcrumbItem> _breadcrumbs =
    [
        new("Quản trị", "/admin"),
        new("Người dùng", "/admin/users"),
        new("Nhập từ Excel", null, disabled: true),
    ];

    private CurrentUser? _user;
    private AccountImportPreview? _preview;
    private AccountImportResult? _result;
    private string? _fileName;
    private string? _error;
    private bool _busy;
    private bool _downloaded;

    protected override async Task OnInitializedAsync() => _user = await UserContext.GetAsync();

    private async Task OnFileChosenAsync(IBrowserFile? file)
    {
        if (file is null || _user is null) return;
        _fileName = file.Name;
        _preview = null;
        _error = null;
        if (file.Size > AccountImportService.MaxFileBytes)
        {
            _error = AccountImportService.FileTooLargeMessage;
            return;
        }
        _busy = true;
        try
        {
            using var buffer = new MemoryStream();
            await using (var stream = file.OpenReadStream(AccountImportService.MaxFileBytes + 1, _closing.Token))
            {
                await stream.CopyToAsync(buffer, _closing.Token);
            }
            buffer.Position = 0;
            var preview = await Import.PreviewAsync(_user, buffer, _closing.Token);
            if (preview.FileError is not null) _error = preview.FileError;
            else _preview = preview;
        }
        catch (IOException)
        {
            _error = "Không đọc được tệp từ trình duyệt. Vui lòng chọn lại tệp.";
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task CreateAsync()
    {
        if (_preview is not { CanCreate: true } preview || _user is null) return;
        var confirmed = await ConfirmDialog.AskAsync(Dialogs, "Tạo tài khoản",
            $"Tạo {preview.Rows.Count} tài khoản từ tệp {_fileName}? Mỗi tài khoản nhận một mật khẩu dùng một lần.", "Tạo tài khoản",
            "Mật khẩu sẽ hiển thị một lần ở trang này.", Color.Primary);
        if (!confirmed) return;
        _busy = true;
        try
        {
            _result = await Import.CreateAsync(_user, preview, _closing.Token);
            Snackbar.Add($"Đã tạo {_result.Accounts.Count} tài khoản.", Severity.Success);
        }
        catch (ValidationException ex)
        {
            // Someone created one of these names meanwhile: nothing was created; the preview says which rows.
            _error = string.Join(" ", ex.Errors.Select(e => e.ErrorMessage));
            _preview = null;
        }
        finally
        {
            _busy = false;
        }
    }

    public void Dispose()
    {
        _closing.Cancel();
        _closing.Dispose();
    }
}
