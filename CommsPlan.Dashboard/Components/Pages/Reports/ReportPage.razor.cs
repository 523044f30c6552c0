using CommsPlan.Core.Access;
using CommsPlan.Core.Changes;
using CommsPlan.Core.Common;
using CommsPlan.Core.Common.HeavyJobs;
using CommsPlan.Core.Monitoring;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Core.Reports;
using CommsPlan.Dashboard.Components.Shared;
using CommsPlan.Dashboard.Endpoints;
using CommsPlan.Dashboard.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

using CommsPlan.Core.Plans;
namespace CommsPlan.Dashboard.Components.Pages.Reports;

/// <summary>
/// The consolidated report: pick a period and a scope, check the figures and the narrative on screen, copy the
/// narrative, and download the workbook. The preview and the workbook are built from the same
/// <see cref="ConsolidatedReport"/>; the download is the minimal-API endpoint, fetched so the page knows when the
/// file is complete. The endpoint builds the file through the heavy-job limiter; the page gives the request a ticket
/// and watches it there, so while the request waits its turn the page shows its place in the queue
/// (docs/decisions/0011-heavy-job-limiter.md).
/// </summary>
public partial class ReportPage : IDisposable
{
    private const string ProvinceValue = "";
    private const string ModulePath = "./Components/Pages/Reports/ReportPage.razor.js";
    // The server builds the whole file before answering, after the requests queued before it: a large year on a busy
    // server takes a while.
    private static readonly TimeSpan DownloadTimeout = TimeSpan.FromMinutes(30);

    [Inject] private ReportDocumentBuilder Documents { get; set; } = default!;
    [Inject] private HeavyJobLimiter HeavyJobs { get; set; } = default!;
    [Inject] private OverviewService Overviews { get; set; } = default!;
    [Inject] private PlanSelection Plans { get; set; } = default!;
    [Inject] private UserContext UserContext { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDataChangeNotifier Changes { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "period")] public string? PeriodKey { get; set; }
    [SupplyParameterFromQuery(Name = "group")] public string? GroupKey { get; set; }
    [SupplyParameterFromQuery(Name = "agency")] public string? AgencyKey { get; set; }
    [SupplyParameterFromQuery(Name = PlanSelection.QueryName)] public int? PlanYear { get; set; }

    private CurrentUser? _user;
    private int _planYear;
    private ReportingPeriod? _period;
    private MonitoringScope _scope = MonitoringScope.Province;
    private IReadOnlyList<AgencyRef> _agencies = [];
    private LiveLoad<ReportDraft> _live = null!;
    // The sections' texts as typed and not yet saved: a reload (data changed elsewhere) keeps them.
    private readonly Dictionary<string, string> _edits = [];
    private readonly HashSet<string> _dirty = [];
    private bool _saving;
    private string? _number;
    private string _exportKind = "Excel";
    private string? _exportName;
    private bool _exporting;
    private HeavyJobStatus _job = HeavyJobStatus.None;
    private string? _exportError;
    private IJSObjectReference? _module;

    /// <summary>The report on screen with its editable sections; refreshed when anyone saves.</summary>
    private ReportDraft? Draft => _live.Value;

    private ConsolidatedReport? Report => Draft?.Report;

    private CancellationToken PageToken => _live.Token;

    protected override void OnInitialized() => _live = new LiveLoad<ReportDraft>(Changes, InvokeAsync, StateHasChanged, LoadAsync);

    protected override Task OnParametersSetAsync() => _live.LoadAsync();

    private async Task<ReportDraft> LoadAsync(CancellationToken ct)
    {
        _user ??= await UserContext.GetAsync();
        _planYear = (await Plans.ResolveAsync(PlanYear, ct))?.Year ?? Time.Today().Year;
        if (_agencies.Count == 0 && _user.CanReadAllAgencies) _agencies = await Overviews.GetScopeAgenciesAsync(_user, ct);
        _period = ReportingPeriods.FromKeyOrDefault(PeriodKey, Time.Today(), _planYear);
        _scope = ScopeFromQuery();
        var draft = await Documents.LoadDraftAsync(_user, _period, _scope, _planYear, ct);
        if (Draft is { } shown && (shown.Report.Period != draft.Report.Period || shown.Report.Plan?.Id != draft.Report.Plan?.Id
                || ReportDocumentBuilder.ScopeKey(shown.Report.Scope) != ReportDocumentBuilder.ScopeKey(draft.Report.Scope)))
        {
            // Another period or scope is another document: what was typed for the previous one does not carry over.
            _edits.Clear();
            _dirty.Clear();
        }
        return draft;
    }

    private MonitoringScope ScopeFromQuery()
    {
        if (!string.IsNullOrWhiteSpace(AgencyKey) && _agencies.Any(a => string.Equals(a.Code, AgencyKey, StringComparison.OrdinalIgnoreCase)))
            return MonitoringScope.ForAgency(_agencies.First(a => string.Equals(a.Code, AgencyKey, StringComparison.OrdinalIgnoreCase)).Code);
        return Enum.TryParse<AgencyGroup>(GroupKey, ignoreCase: true, out var group) && Enum.IsDefined(group)
            ? MonitoringScope.ForGroup(group)
            : MonitoringScope.Province;
    }

    private string ScopeValue => _scope switch
    {
        { AgencyCode: { } code } => AgencyValue(code),
        { Group: { } group } => GroupValue(group),
        _ => ProvinceValue,
    };

    private static string GroupValue(AgencyGroup group) => $"group:{group}";

    private static string AgencyValue(string code) => $"agency:{code}";

    private void OnScopeChanged(string value)
    {
        string? group = null, agency = null;
        if (value.StartsWith("group:", StringComparison.Ordinal)) group = value["group:".Length..];
        else if (value.StartsWith("agency:", StringComparison.Ordinal)) agency = value["agency:".Length..];
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["group"] = group,
            ["agency"] = agency,
        }));
    }

    private async Task<IJSObjectReference> ModuleAsync() =>
        _module ??= await JS.InvokeAsync<IJSObjectReference>("import", PageToken, ModulePath);

    private ConsolidatedReportRequest Request => new(_period!, _scope)
    {
        Number = string.IsNullOrWhiteSpace(_number) ? null : _number.Trim(),
        // The downloads are of the plan on screen, whatever plan the period's end falls in.
        PlanYear = _planYear,
    };

    private string TextOf(ReportSectionDraft section) => _edits.TryGetValue(section.Key, out var typed) ? typed : section.Text;

    private void OnSectionEdited(string key, string? text)
    {
        _edits[key] = text ?? "";
        _dirty.Add(key);
    }

    private Task ResetSectionAsync(ReportSectionDraft section) => SaveSectionAsync(section.Key, "");

    /// <summary>Saves one section; an empty text goes back to the generated one. A concurrent edit is shown, nothing lost.</summary>
    private async Task SaveSectionAsync(string key, string text)
    {
        if (_user is null || _period is null || Draft is null || _saving) return;
        var loaded = Draft.Sections.Single(s => s.Key == key);
        _saving = true;
        try
        {
            await Documents.SaveSectionAsync(_user, _period, _scope, _planYear, key, text, loaded.Version, PageToken);
            _edits.Remove(key);
            _dirty.Remove(key);
            Snackbar.Add(text.Trim().Length == 0 ? $"Đã dùng lại nội dung soạn tự động cho phần “{loaded.Label}”."
                : $"Đã lưu phần “{loaded.Label}”.", Severity.Success);
            await _live.LoadAsync();
        }
        catch (FluentValidation.ValidationException ex)
        {
            Snackbar.Add(string.Join(" ", ex.Errors.Select(e => e.ErrorMessage)), Severity.Error);
        }
        catch (Exception ex) when (ex is ConcurrencyConflictException or AccessDeniedException or NotFoundException or BusinessRuleException)
        {
            // The typed text stays in the box, so the user can copy it before reloading the other edit.
            Snackbar.Add(ex.Message, Severity.Error);
        }
        finally
        {
            _saving = false;
        }
    }

    private Task DownloadDocumentAsync() =>
        DownloadAsync("Word", Report is null ? null : ReportDocumentBuilder.FileName(Report.Period, Report.Scope),
            ReportEndpoints.DocumentUrl(Request), CommsPlan.Core.Reports.Word.Decree30Document.ContentType);

    private Task ExportAsync() =>
        DownloadAsync("Excel", Report?.FileName, ReportEndpoints.ConsolidatedUrl(Request), ConsolidatedReportBuilder.ContentType);

    /// <summary>The indicator stays on until the browser has the whole file: it is tied to the fetch's completion.</summary>
    private async Task DownloadAsync(string kind, string? fileName, string url, string contentType)
    {
        if (_exporting || _period is null) return;
        if (_dirty.Count > 0 && kind == "Word")
            Snackbar.Add("Có phần nội dung chưa lưu; tệp Word dùng nội dung đã lưu.", Severity.Warning);
        _exporting = true;
        _exportKind = kind;
        _exportName = fileName;
        _exportError = null;
        _job = HeavyJobStatus.None;
        StateHasChanged();
        var ticket = Guid.NewGuid();
        using var watch = HeavyJobs.Watch(ticket, () => _ = ShowJobAsync(ticket));
        try
        {
            var module = await ModuleAsync();
            var result = await module.InvokeAsync<DownloadResult>("download", DownloadTimeout, $"{url}&ticket={ticket:N}", contentType);
            if (result.Ok)
                Snackbar.Add($"Đã tải xuống tệp {result.FileName} ({Vn.Decimal(result.Size / 1024.0 / 1024.0)} MB).", Severity.Success);
            else
                _exportError = result.Message ?? $"Không tạo được tệp {kind}.";
        }
        catch (TaskCanceledException) when (!PageToken.IsCancellationRequested)
        {
            _exportError = $"Quá thời gian chờ tạo tệp {kind}. Vui lòng thử lại, hoặc chọn kỳ hay phạm vi nhỏ hơn.";
        }
        catch (JSException ex)
        {
            _exportError = $"Trình duyệt không lưu được tệp: {ex.Message}";
        }
        finally
        {
            _exporting = false;
            _job = HeavyJobStatus.None;
        }
    }

    /// <summary>The request moved in the heavy-job queue (called from whichever thread moved it).</summary>
    private async Task ShowJobAsync(Guid ticket)
    {
        if (PageToken.IsCancellationRequested) return;
        try
        {
            await InvokeAsync(() =>
            {
                if (!_exporting) return;
                _job = HeavyJobs.StatusOf(ticket);
                StateHasChanged();
            });
        }
        catch (ObjectDisposedException)
        {
            // The page closed while the queue moved.
        }
    }

    private async Task CopyNarrativeAsync()
    {
        if (Report is null) return;
        var module = await ModuleAsync();
        var copied = await module.InvokeAsync<bool>("copyText", PageToken, Report.Narrative.ToPlainText());
        if (copied) Snackbar.Add("Đã sao chép thuyết minh vào bộ nhớ tạm.", Severity.Success);
        else Snackbar.Add("Trình duyệt không cho sao chép; hãy bôi đen đoạn thuyết minh và nhấn Ctrl+C.", Severity.Warning);
    }

    public void Dispose()
    {
        _live.Dispose();
        if (_module is not null) _ = DisposeModuleAsync(_module);
    }

    private static async Task DisposeModuleAsync(IJSObjectReference module)
    {
        try
        {
            await module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone and the module with it.
        }
    }

    private sealed record DownloadResult(bool Ok, string? FileName, long Size, string? Message);
}
