using CommsPlan.Core.Access;
using CommsPlan.Core.Changes;
using CommsPlan.Core.Feedback;
using CommsPlan.Dashboard.Components.Shared;
using CommsPlan.Dashboard.Hosting;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using CommendationRow = CommsPlan.Core.Feedback.CommendationRow;

namespace CommsPlan.Dashboard.Components.Pages.Feedback;

/// <summary>
/// Commendations of every agency for monitors and leadership, of its own agency for an officer, who also adds,
/// edits and deletes them. Filtering, sorting and paging happen in the database; the list follows others' saves.
/// </summary>
public sealed partial class CommendationList : IDisposable
{
    [Inject] private CommendationService Commendations { get; set; } = null!;
    [Inject] private UserContext UserContext { get; set; } = null!;
    [Inject] private IDataChangeNotifier Changes { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private PlanSelection Plans { get; set; } = null!;

    [SupplyParameterFromQuery(Name = PlanSelection.QueryName)] public int? PlanYear { get; set; }

    /// <summary>The plan year listed (the current plan when the address names none); 0 until resolved.</summary>
    private int _planYear;

    protected override async Task OnParametersSetAsync()
    {
        var year = (await Plans.ResolveAsync(PlanYear))?.Year ?? 0;
        if (year == _planYear) return;
        _planYear = year;
        if (_grid is not null) await _grid.ReloadServerData();
    }

    private CurrentUser? _user;
    private IReadOnlyList<AgencyChoice>? _agencies;
    private MudDataGrid<CommendationRow>? _grid;
    private LiveLoad? _live;

    private int? _agencyId;
    private CommendationKind? _kind;
    private DateOnly? _from;
    private DateOnly? _to;
    private string? _text;

    private bool HasFilters => _agencyId is not null || _kind is not null || _from is not null || _to is not null || !string.IsNullOrWhiteSpace(_text);

    protected override async Task OnInitializedAsync()
    {
        _user = await UserContext.GetAsync();
        _agencies = await Commendations.ListAgenciesAsync(_user);
        _live = LiveLoad.Follow(Changes, InvokeAsync, StateHasChanged, () => _grid?.ReloadServerData() ?? Task.CompletedTask,
            LiveLoad.Kinds(CommendationService.ChangeKind));
    }

    private async Task<GridData<CommendationRow>> LoadAsync(GridState<CommendationRow> state, CancellationToken ct)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        var by = sort?.SortBy switch
        {
            nameof(CommendationRow.AgencyName) or nameof(CommendationRow.AgencyId) => CommendationSort.Agency,
            nameof(CommendationRow.Recipient) => CommendationSort.Recipient,
            _ => CommendationSort.Date,
        };
        var page = await Commendations.ListAsync(_user!,
            new CommendationFilter { PlanYear = PlanOrNull, AgencyId = _agencyId, Kind = _kind, From = _from, To = _to, Text = _text },
            state.Page * state.PageSize, state.PageSize, by, sort?.Descending ?? true, ct);
        return new GridData<CommendationRow> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private async Task FilterAsync(Action change)
    {
        change();
        if (_grid is not null) await _grid.ReloadServerData();
    }

    private Task AddAsync() => OpenAsync(null);

    private Task EditAsync(CommendationRow row) => OpenAsync(row);

    private async Task OpenAsync(CommendationRow? existing)
    {
        if (_user?.AgencyId is not { } agencyId) return;
        var parameters = new DialogParameters<CommendationDialog>
        {
            { d => d.User, _user },
            { d => d.AgencyId, agencyId },
            { d => d.Existing, existing },
            { d => d.PlanYear, PlanOrNull },
        };
        var dialog = await Dialogs.ShowAsync<CommendationDialog>(existing is null ? "Thêm biểu dương" : "Sửa biểu dương", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true });
        var result = await dialog.Result;
        if (result is { Canceled: false } && _grid is not null) await _grid.ReloadServerData();
    }

    private async Task DeleteAsync(CommendationRow row)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Xóa biểu dương",
            $"Xóa biểu dương «{row.Recipient}»? Sau khi xóa không khôi phục được.", yesText: "Xóa", cancelText: "Hủy");
        if (confirmed != true) return;
        try
        {
            await Commendations.DeleteAsync(_user!, row.Id, row.Version);
            Snackbar.Add("Đã xóa biểu dương.", Severity.Success);
        }
        catch (Exception ex) when (SaveGuard.Describe(ex) is { } message)
        {
            // A conflict, a refusal, or a database that cannot take it now: the message says which; nothing was deleted.
            Snackbar.Add(message, Severity.Warning);
        }
        if (_grid is not null) await _grid.ReloadServerData();
    }

    private int? PlanOrNull => _planYear == 0 ? null : _planYear;

    public void Dispose() => _live?.Dispose();
}
