using System.Globalization;
using CommsPlan.Core.Access;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Changes;
using CommsPlan.Dashboard.Components.Shared;
using CommsPlan.Dashboard.Hosting;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CommsPlan.Dashboard.Components.Pages.Activities;

/// <summary>
/// The activity list: filters, sort and paging are applied by the database. An officer sees only their agency; the
/// list refreshes itself when anyone saves, deletes or imports activities.
/// </summary>
public sealed partial class ActivityList : IDisposable
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    [Inject] private ActivityService Activities { get; set; } = null!;
    [Inject] private UserContext UserContext { get; set; } = null!;
    [Inject] private IDataChangeNotifier Changes { get; set; } = null!;

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

    private bool HasFilters =>
        _agencyId is not null || _formGroupId is not null || _channelId is not null || _objectiveId is not null
        || _themeId is not null || _from is not null || _to is not null || !string.IsNullOrWhiteSpace(_text);

    protected override async Task OnInitializedAsync()
    {
        _user = await UserContext.GetAsync();
        _catalogue = await Activities.GetCatalogueAsync();
        // An officer's list follows its own agency's saves only.
        _live = LiveLoad.Follow(Changes, InvokeAsync, StateHasChanged, () => _grid?.ReloadServerData() ?? Task.CompletedTask,
            change => change.Kind == ActivityService.ChangeKind && (_user is not { IsOfficer: true } || change.AgencyId == _user.AgencyId));
    }

    private async Task<GridData<ActivityListRow>> LoadAsync(GridState<ActivityListRow> state, CancellationToken ct)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        var page = await Activities.ListAsync(_user!, new ActivityQuery
        {
            AgencyId = _agencyId,
            FormGroupId = _formGroupId,
            ChannelId = _channelId,
            ObjectiveId = _objectiveId,
            ThemeId = _themeId,
            From = _from,
            To = _to,
            Text = _text,
            SortBy = SortOf(sort?.SortBy),
            Descending = sort?.Descending ?? true,
            Page = state.Page,
            PageSize = state.PageSize,
        }, ct);
        return new GridData<ActivityListRow> { Items = page.Rows, TotalItems = page.TotalCount };
    }

    private static ActivitySort SortOf(string? column) => column switch
    {
        nameof(ActivityListRow.Title) => ActivitySort.Title,
        nameof(ActivityListRow.AgencyName) => ActivitySort.Agency,
        nameof(ActivityListRow.Quantity) => ActivitySort.Quantity,
        nameof(ActivityListRow.Cost) => ActivitySort.Cost,
        _ => ActivitySort.StartDate,
    };

    private async Task FilterAsync(Action change)
    {
        change();
        if (_grid is not null) await _grid.ReloadServerData();
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

    private static DateTime? ToDateTime(DateOnly? date) => date?.ToDateTime(TimeOnly.MinValue);

    private static DateOnly? ToDateOnly(DateTime? date) => date is { } d ? DateOnly.FromDateTime(d) : null;

    public void Dispose() => _live?.Dispose();
}
