using System.Globalization;
using CommsPlan.Core.Access;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Activities.Import;
using CommsPlan.Core.Common;
using CommsPlan.Core.Common.HeavyJobs;
using CommsPlan.Dashboard.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using ValidationException = FluentValidation.ValidationException;

namespace CommsPlan.Dashboard.Components.Pages.Activities;

/// <summary>
/// Upload of the filled template: the file is read and every row checked (nothing saved), the preview lists each bad
/// row with its reasons and each possible duplicate («Có thể trùng») with the record it may repeat, and "Nhập … hoạt động"
/// saves the rows at once, only when every row is good, leaving the possible duplicates out unless the officer keeps them. A preview still running
/// when the page goes (the tab closed, the circuit ended) or the app stops is cancelled: nobody is left to see it.
/// Previews and commits wait their turn in the server's heavy-job limiter, showing "Đang chờ (vị trí N)" meanwhile.
/// </summary>
public sealed partial class ActivityImport : IDisposable
{
    /// <summary>The template of the plan the page works in, so its codes and dates are that year's.</summary>
    private string TemplateUrl => Endpoints.ActivityEndpoints.TemplateUrl(_catalogue?.PlanYear);
    private string TemplateFileName => $"Mau-nhap-hoat-dong-{_catalogue?.PlanYear}.xlsx";
    private const int MaxBadRowsShown = 200;
    private const int MaxGoodRowsShown = 20;
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    [Inject] private ActivityService Activities { get; set; } = null!;
    [Inject] private ActivityImporter Importer { get; set; } = null!;
    [Inject] private HeavyJobLimiter HeavyJobs { get; set; } = null!;
    [Inject] private UserContext UserContext { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private IHostApplicationLifetime Lifetime { get; set; } = null!;
    [Inject] private Shared.PlanSelection Plans { get; set; } = null!;

    [SupplyParameterFromQuery(Name = Shared.PlanSelection.QueryName)] public int? PlanYear { get; set; }

    private List<BreadcrumbItem> _breadcrumbs = [];
    private CurrentUser? _user;
    private ActivityCatalogue? _catalogue;
    private ActivityImportPreview? _preview;
    private string? _fileName;
    private string? _error;
    private bool _busy;
    private bool _keepDuplicates;
    private string _busyText = "";
    private readonly CancellationTokenSource _closing = new();
    private CancellationTokenRegistration _stopping;

    protected override async Task OnInitializedAsync()
    {
        // The host's stopping does not end circuits: without this a running preview would carry on through the shutdown.
        _stopping = Lifetime.ApplicationStopping.Register(static closing => ((CancellationTokenSource)closing!).Cancel(), _closing);
        _user = await UserContext.GetAsync();
    }

    protected override async Task OnParametersSetAsync()
    {
        // The rows are read into the plan the address names (the current plan when none): its codes and its period.
        var year = (await Plans.ResolveAsync(PlanYear))?.Year;
        if (_catalogue is not null && _catalogue.PlanYear == year) return;
        _catalogue = await Activities.GetCatalogueAsync(year);
        _preview = null;
        _breadcrumbs = [new("Hoạt động", ListHref), new("Nhập từ Excel", null, disabled: true)];
    }

    private string ListHref => Shared.PlanSelection.WithPlan("/activities", PlanYear);

    private async Task OnFileChosenAsync(IBrowserFile? file)
    {
        if (file is null || _user is null) return;
        _preview = null;
        _error = null;
        _keepDuplicates = false;
        _fileName = $"{file.Name} ({FormatSize(file.Size)})";
        if (file.Size > ActivityImporter.MaxFileBytes)
        {
            _error = ActivityImporter.FileTooLargeMessage;
            return;
        }

        _busy = true;
        _busyText = ReadingText;
        StateHasChanged();
        try
        {
            // The upload is taken in whole before the preview queues for a slot: a browser stream left unread while the
            // job waits would hold up the circuit's messages and time out. The importer reads at most MaxFileBytes
            // itself; the browser stream's own limit is set just above it.
            using var buffer = new MemoryStream();
            await using (var stream = file.OpenReadStream(ActivityImporter.MaxFileBytes + 1, _closing.Token))
            {
                await stream.CopyToAsync(buffer, _closing.Token);
            }
            buffer.Position = 0;
            var user = _user;
            // A cancelled preview throws: the page is gone or the app is stopping, and Blazor drops a cancelled event quietly.
            var preview = await RunHeavyAsync("activity import preview", ReadingText, token => Importer.PreviewAsync(user, buffer, _catalogue?.PlanYear, token));
            if (preview.FileError is not null) _error = preview.FileError;
            else _preview = preview;
        }
        catch (IOException)
        {
            _error = "Không đọc được tệp từ trình duyệt. Vui lòng chọn lại tệp.";
        }
        catch (HeavyQueueFullException ex)
        {
            _error = ex.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    private const string ReadingText = "Đang đọc và kiểm tra tệp…";

    /// <summary>
    /// Runs heavy work through the server's limiter, showing "Đang chờ (vị trí N)" while it waits and
    /// <paramref name="runningText"/> once it runs; leaving the page leaves the queue.
    /// </summary>
    private async Task<T> RunHeavyAsync<T>(string name, string runningText, Func<CancellationToken, Task<T>> work)
    {
        var request = new HeavyJobRequest(_user!.UserId, name);
        using var watch = HeavyJobs.Watch(request.Ticket, () => _ = ShowJobAsync(request.Ticket, runningText));
        return await HeavyJobs.RunAsync(request, work, _closing.Token);
    }

    private async Task ShowJobAsync(Guid ticket, string runningText)
    {
        if (_closing.IsCancellationRequested) return;
        try
        {
            await InvokeAsync(() =>
            {
                if (!_busy) return;
                var status = HeavyJobs.StatusOf(ticket);
                _busyText = status.State == HeavyJobState.Waiting
                    ? $"Đang chờ (vị trí {status.Position}): máy chủ đang xử lý các yêu cầu trước, tệp của bạn sẽ được kiểm tra khi đến lượt."
                    : runningText;
                StateHasChanged();
            });
        }
        catch (ObjectDisposedException)
        {
            // The page closed while the queue moved.
        }
    }

    private async Task CommitAsync()
    {
        if (_preview is null || _user is null) return;
        _busy = true;
        _busyText = $"Đang nhập {_preview.ImportCount(_keepDuplicates).ToString("N0", Vi)} hoạt động…";
        _error = null;
        StateHasChanged();
        try
        {
            var (user, preview, keep) = (_user, _preview, _keepDuplicates);
            // Leaving the page leaves the queue, but a commit that started runs to its end: all rows or none.
            var count = await RunHeavyAsync("activity import commit", _busyText, _ => Importer.CommitAsync(user, preview, keep));
            var leftOut = preview.GoodCount - count;
            Snackbar.Add(leftOut > 0
                ? $"Đã nhập {count.ToString("N0", Vi)} hoạt động; bỏ qua {leftOut.ToString("N0", Vi)} dòng có thể trùng."
                : $"Đã nhập {count.ToString("N0", Vi)} hoạt động.", Severity.Success);
            Navigation.NavigateTo(ListHref);
        }
        catch (ValidationException ex)
        {
            _error = "Chưa nhập dữ liệu nào: " + string.Join(" ", ex.Errors.Select(e => e.ErrorMessage).Take(5));
            _preview = null;
        }
        catch (Exception ex) when (ex is BusinessRuleException or AccessDeniedException or HeavyQueueFullException or DatabaseUnavailableException)
        {
            // Nothing was saved and the preview stays: the officer can press the import button again.
            _error = ex.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _closing.Cancel();
        _closing.Dispose();
    }

    private static string FormatSize(long bytes) =>
        bytes >= 1024 * 1024 ? $"{(bytes / 1024d / 1024d).ToString("N1", Vi)} MB" : $"{Math.Max(1, bytes / 1024).ToString("N0", Vi)} KB";
}
