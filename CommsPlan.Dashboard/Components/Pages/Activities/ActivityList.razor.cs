using System.Globalization;
using CommsPlan.Core.Access;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Changes;
using CommsPlan.Core.Common.HeavyJobs;
using CommsPlan.Core.Reports;
using CommsPlan.Dashboard.Components.Shared;
using CommsPlan.Dashboard.Endpoints;
using CommsPlan.Dashboard.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.JSInterop;
using MudBlazor;

namespace CommsPlan.Dashboard.Components.Pages.Activities;

/// <summary>
/// The activity list: filters, sort and paging are applied by the database. An officer sees only their agency; the
/// list refreshes itself when anyone saves, deletes or imports activities. Filters, sort and page live in the address
/// (<see cref="ActivityListLink"/>): a reload or a link sent to a colleague shows the same list, and each change replaces
/// the address without reloading the page. Under the grid, the totals of the whole filtered list; <b>Xuất Excel</b>
/// downloads it through the export endpoint with the report page's progress indicator.
/// </summary>
public sealed partial class ActivityList : IDisposable
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    [Inject] private ActivityService Activities { get; set; } = null!;
    [Inject] private UserContext UserContext { get; set; } = null!;
    [Inject] private IDataChangeNotifier Changes { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private HeavyJobLimiter HeavyJobs { get; set; } = null!;
    [Inject] private IJSRuntime JS { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private PlanSelection Plans { get; set; } = null!;

    [SupplyParameterFromQuery(Name = PlanSelection.QueryName)] public int? PlanYear { get; set; }

    // The report page's download helper: fetch, then save the blob, so the indicator lasts until the file is complete.
    private const string DownloadModulePath = "./Components/Pages/Reports/ReportPage.razor.js";
    private static readonly TimeSpan DownloadTimeout = TimeSpan.FromMinutes(30);

    private CurrentUser? _user;
    private ActivityCatalogue? _catalogue;
    private MudDataGrid<ActivityListRow>? _grid;
    private LiveLoad? _live;

    private int? _agencyId;
    private int? _formGroupId;
    private int? _channelId;
    private int? _objectiveId;
    private int? _themeId;
    private DateOnly? _from;
    private DateOnly? _to;
    private string? _text;
    // The grid's page and sort as the address gave them, then as the grid reports them.
    private int _page;
    // The page the address asked for, until the grid has been moved there (it starts every list at the first page).
    private int? _requestedPage;
    private int _pageSize = ActivityListLink.DefaultPageSize;
    private ActivitySort _sort = ActivitySort.StartDate;
    private bool _descending = true;
    // The address the list last wrote or read, so a navigation elsewhere to /activities (the menu) is told apart.
    private string? _shownQuery;
    private ActivityTotals? _totals;
    private string? _totalsKey;
    private bool _exporting;
    private HeavyJobStatus _job = HeavyJobStatus.None;
    private string? _exportError;
    private IJSObjectReference? _module;

    private bool HasFilters =>
        _agencyId is not null || _formGroupId is not null || _channelId is not null || _objectiveId is not null
        || _themeId is not null || _from is not null || _to is not null || !string.IsNullOrWhiteSpace(_text);

    protected override async Task OnInitializedAsync()
    {
        _user = await UserContext.GetAsync();
        _catalogue = await CatalogueOfAsync(PlanYear);
        ApplyAddress();
        // An officer's list follows its own agency's saves only.
        _live = LiveLoad.Follow(Changes, InvokeAsync, StateHasChanged, () => _grid?.ReloadServerData() ?? Task.CompletedTask,
            change => change.Kind == ActivityService.ChangeKind && (_user is not { IsOfficer: true } || change.AgencyId == _user.AgencyId));
    }

    protected override async Task OnParametersSetAsync()
    {
        // Another navigation to this page (the menu's "Hoạt động", a pasted link) while it is open: show what it asks for.
        if (_catalogue is null || _shownQuery is null || CurrentQuery() == _shownQuery) return;
        // Another plan year: its own channels and tags, which the address's codes are read in.
        var catalogue = await CatalogueOfAsync(PlanYear);
        if (catalogue.PlanYear != _catalogue.PlanYear) _catalogue = catalogue;
        ApplyAddress();
        if (_grid is not null) await _grid.ReloadServerData();
    }

    /// <summary>The catalogue of the plan the address names (the current plan when it names none).</summary>
    private async Task<ActivityCatalogue> CatalogueOfAsync(int? planYear) =>
        await Activities.GetCatalogueAsync((await Plans.ResolveAsync(planYear))?.Year);

    /// <summary>The filters, sort and page the address asks for.</summary>
    private void ApplyAddress()
    {
        var parameters = QueryHelpers.ParseQuery(new Uri(Navigation.Uri).Query);
        var query = ActivityListLink.Parse(name => parameters.TryGetValue(name, out var v) ? v.ToString() : null, _catalogue!);
        // An officer's list is its own agency's; an agency in the address would only be ignored.
        _agencyId = _user is { IsOfficer: true } ? null : query.AgencyId;
        _formGroupId = query.FormGroupId;
        _channelId = query.ChannelId;
        _objectiveId = query.ObjectiveId;
        _themeId = query.ThemeId;
        _from = query.From;
        _to = query.To;
        _text = query.Text;
        _sort = query.SortBy;
        _descending = query.Descending;
        _page = query.Page;
        _requestedPage = query.Page;
        _pageSize = query.PageSize;
        _shownQuery = CurrentQuery();
    }

    private string CurrentQuery() => new Uri(Navigation.Uri).Query.TrimStart('?');

    /// <summary>The list's query: the filters on screen with the grid's page and sort.</summary>
    private ActivityQuery Query() => new()
    {
        // Always one plan's activities: the current plan's when the address names none.
        PlanYear = _catalogue!.PlanYear,
        AgencyId = _agencyId,
        FormGroupId = _formGroupId,
        ChannelId = _channelId,
        ObjectiveId = _objectiveId,
        ThemeId = _themeId,
        From = _from,
        To = _to,
        Text = string.IsNullOrWhiteSpace(_text) ? null : _text.Trim(),
        SortBy = _sort,
        Descending = _descending,
        Page = _page,
        PageSize = _pageSize,
    };

    private async Task<GridData<ActivityListRow>> LoadAsync(GridState<ActivityListRow> state, CancellationToken ct)
    {
        if (state.SortDefinitions.FirstOrDefault() is { } sort)
        {
            _sort = SortOf(sort.SortBy);
            _descending = sort.Descending;
        }
        else
        {
            (_sort, _descending) = (ActivitySort.StartDate, true);
        }
        if (_requestedPage is { } requested && _grid is not null)
        {
            _requestedPage = null;
            if (requested != state.Page)
            {
                // The grid takes a page only from its pager; set once, as the pager would, then loaded below.
#pragma warning disable BL0005
                _grid.CurrentPage = requested;
#pragma warning restore BL0005
                state.Page = requested;
            }
        }
        _page = state.Page;
        _pageSize = state.PageSize;
        var query = Query();
        ShowInAddress(query);
        var page = await Activities.ListAsync(_user!, query, ct);
        await LoadTotalsAsync(query, ct);
        return new GridData<ActivityListRow> { Items = page.Rows, TotalItems = page.TotalCount };
    }

    /// <summary>Replaces the address with the list's, without a reload or a history entry per keystroke.</summary>
    private void ShowInAddress(ActivityQuery query)
    {
        // The address keeps the plan year only when the user chose one, as every other page's.
        var link = ActivityListLink.ToQueryString(query with { PlanYear = PlanYear }, _catalogue!);
        if (link == CurrentQuery()) return;
        _shownQuery = link;
        Navigation.NavigateTo(link.Length == 0 ? "/activities" : "/activities?" + link, replace: true);
    }

    /// <summary>The totals depend on the filters only: paging and sorting do not ask for them again.</summary>
    private async Task LoadTotalsAsync(ActivityQuery query, CancellationToken ct)
    {
        var key = ActivityListLink.ToQueryString(query with { Page = 0, PageSize = ActivityListLink.DefaultPageSize, SortBy = ActivitySort.StartDate, Descending = true }, _catalogue!);
        if (_totals is not null && key == _totalsKey) return;
        var totals = await Activities.TotalsAsync(_user!, query, ct);
        // A load the grid has superseded (a newer filter) must not leave its totals under the newer rows.
        ct.ThrowIfCancellationRequested();
        _totals = totals;
        // No render here: the grid shows the totals (its pager's content) in the same render as the rows they belong to.
        _totalsKey = key;
    }

    /// <summary>The export link of the list on screen (every page, in its order).</summary>
    private string ExportUrl => ActivityEndpoints.ExportUrl(ActivityListLink.ToQueryString(Query() with { Page = 0, PageSize = ActivityListLink.DefaultPageSize }, _catalogue!));

    /// <summary>As the report page: the indicator stays on until the browser has the whole file, with the queue position while waiting.</summary>
    private async Task ExportAsync()
    {
        if (_exporting || _catalogue is null) return;
        _exporting = true;
        _exportError = null;
        _job = HeavyJobStatus.None;
        StateHasChanged();
        var ticket = Guid.NewGuid();
        using var watch = HeavyJobs.Watch(ticket, () => _ = ShowJobAsync(ticket));
        try
        {
            _module ??= await JS.InvokeAsync<IJSObjectReference>("import", DownloadModulePath);
            var url = ExportUrl;
            var result = await _module.InvokeAsync<DownloadResult>("download", DownloadTimeout,
                $"{url}{(url.Contains('?', StringComparison.Ordinal) ? '&' : '?')}ticket={ticket:N}", ActivityListExport.ContentType);
            if (result.Ok)
                Snackbar.Add($"Đã tải xuống tệp {result.FileName} ({Vn.Decimal(result.Size / 1024.0 / 1024.0)} MB).", Severity.Success);
            else
                _exportError = result.Message ?? "Không tạo được tệp Excel.";
        }
        catch (TaskCanceledException)
        {
            _exportError = "Quá thời gian chờ tạo tệp Excel. Vui lòng thử lại, hoặc lọc danh sách hẹp hơn.";
        }
        catch (JSException ex)
        {
            _exportError = $"Trình duyệt không lưu được tệp: {ex.Message}";
        }
        catch (JSDisconnectedException)
        {
            // The page closed during the download.
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

    private sealed record DownloadResult(bool Ok, string? FileName, long Size, string? Message);

    /// <summary>How the grid's column for a sort shows it initially: the address's sort, once.</summary>
    private SortDirection InitialDirection(ActivitySort sort) =>
        sort != _sort || (sort == ActivitySort.StartDate && _descending) ? SortDirection.None
        : _descending ? SortDirection.Descending : SortDirection.Ascending;

    private static ActivitySort SortOf(string? column) => column switch
    {
        nameof(ActivityListRow.Title) => ActivitySort.Title,
        nameof(ActivityListRow.AgencyName) => ActivitySort.Agency,
        nameof(ActivityListRow.Quantity) => ActivitySort.Quantity,
        nameof(ActivityListRow.Cost) => ActivitySort.Cost,
        nameof(ActivityListRow.ChannelName) => ActivitySort.Channel,
        _ => ActivitySort.StartDate,
    };

    private async Task FilterAsync(Action change)
    {
        change();
        // A new filter starts at its first page, as a new link would (moving the page reloads the grid itself).
        if (_grid is null) return;
        if (_grid.CurrentPage != 0)
        {
            _grid.NavigateTo(Page.First);
        }
        else
        {
            await _grid.ReloadServerData();
        }
    }

    private Task OnFormGroupChangedAsync(int? groupId) => FilterAsync(() =>
    {
        _formGroupId = groupId;
        // A channel of another group would make the list silently empty.
        if (groupId is not null && _catalogue?.FindChannel(_channelId) is { } channel && channel.FormGroupId != groupId) _channelId = null;
    });

    private Task ClearFiltersAsync() => FilterAsync(() =>
    {
        _agencyId = _formGroupId = _channelId = _objectiveId = _themeId = null;
        _from = _to = null;
        _text = null;
    });

    private string FormGroupName(int? id) => _catalogue?.FormGroups.FirstOrDefault(g => g.Id == id) is { } g ? $"{g.DisplayCode} – {g.ShortName}" : "";

    private string ObjectiveName(int? id) => _catalogue?.Objectives.FirstOrDefault(o => o.Id == id)?.DisplayCode ?? "";

    private string ThemeName(int? id) => _catalogue?.Themes.FirstOrDefault(t => t.Id == id)?.DisplayCode ?? "";

    private string Href(string path) => PlanSelection.WithPlan(path, PlanYear);

    private static DateTime? ToDateTime(DateOnly? date) => date?.ToDateTime(TimeOnly.MinValue);

    private static DateOnly? ToDateOnly(DateTime? date) => date is { } d ? DateOnly.FromDateTime(d) : null;

    public void Dispose()
    {
        _live?.Dispose();
        _ = _module?.DisposeAsync().AsTask().ContinueWith(_ => { }, TaskScheduler.Default);
    }
}
