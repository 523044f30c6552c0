using CommsPlan.Core.Access;
using CommsPlan.Core.Changes;
using CommsPlan.Core.Common;
using CommsPlan.Core.Feedback;
using CommsPlan.Dashboard.Components.Shared;
using CommsPlan.Dashboard.Hosting;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using DifficultyRow = CommsPlan.Core.Feedback.DifficultyRow;

namespace CommsPlan.Dashboard.Components.Pages.Feedback;

/// <summary>
/// Difficulties: officers raise their agency's, the Office (monitors) answers them; open ones first, the oldest
/// marked. Filters and paging run in the database; the list follows others' changes.
/// </summary>
public sealed partial class DifficultyList : IDisposable
{
    /// <summary>How long an open difficulty may wait before it is flagged (the Office's own service standard).</summary>
    private const int OverdueDays = 15;

    [Inject] private DifficultyService Difficulties { get; set; } = null!;
    [Inject] private UserContext UserContext { get; set; } = null!;
    [Inject] private IDataChangeNotifier Changes { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private TimeProvider Time { get; set; } = null!;
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
    private MudDataGrid<DifficultyRow>? _grid;
    private LiveLoad? _live;
    private DateOnly _today;

    private int? _agencyId;
    private DifficultyStatus? _status;
    private string? _text;
    private DateOnly? _from;
    private DateOnly? _to;

    private bool HasFilters => _agencyId is not null || _status is not null || _from is not null || _to is not null || !string.IsNullOrWhiteSpace(_text);

    protected override async Task OnInitializedAsync()
    {
        _today = Time.Today();
        _user = await UserContext.GetAsync();
        _agencies = await Difficulties.ListAgenciesAsync(_user);
        _live = LiveLoad.Follow(Changes, InvokeAsync, StateHasChanged, () => _grid?.ReloadServerData() ?? Task.CompletedTask,
            LiveLoad.Kinds(DifficultyService.ChangeKind));
    }

    private async Task<GridData<DifficultyRow>> LoadAsync(GridState<DifficultyRow> state, CancellationToken ct)
    {
        var page = await Difficulties.ListAsync(_user!,
            new DifficultyFilter { PlanYear = _planYear == 0 ? null : _planYear, AgencyId = _agencyId, Status = _status, From = _from, To = _to, Text = _text },
            state.Page * state.PageSize, state.PageSize, ct);
        return new GridData<DifficultyRow> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private async Task FilterAsync(Action change)
    {
        change();
        if (_grid is not null) await _grid.ReloadServerData();
    }

    private async Task RaiseAsync()
    {
        if (_user is null) return;
        if (_user.IsOfficer)
        {
            await OpenAsync("Gửi khó khăn, vướng mắc", new DialogParameters<DifficultyDialog>
            {
                { d => d.User, _user },
                { d => d.AgencyId, _user.AgencyId },
            });
        }
        else if (_user.CanEnterRecords && _agencies is not null)
        {
            await OpenAsync($"{OnBehalf.Label}: khó khăn, vướng mắc", new DialogParameters<DifficultyDialog>
            {
                { d => d.User, _user },
                { d => d.AgencyId, _agencyId },
                { d => d.OnBehalfOf, _agencies },
            });
        }
    }

    private Task AnswerAsync(DifficultyRow row) =>
        OpenAsync("Trả lời khó khăn, vướng mắc", new DialogParameters<DifficultyDialog>
        {
            { d => d.User, _user! },
            { d => d.AgencyId, row.AgencyId },
            { d => d.ToAnswer, row },
        });

    private async Task OpenAsync(string title, DialogParameters<DifficultyDialog> parameters)
    {
        var dialog = await Dialogs.ShowAsync<DifficultyDialog>(title, parameters,
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true });
        var result = await dialog.Result;
        if (result is { Canceled: false } && _grid is not null) await _grid.ReloadServerData();
    }

    public void Dispose() => _live?.Dispose();
}
