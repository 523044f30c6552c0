using CommsPlan.Core.Access;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Changes;
using CommsPlan.Core.Common;
using CommsPlan.Core.Monitoring;
using CommsPlan.Core.Plans;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Dashboard.Components.Shared;
using CommsPlan.Dashboard.Hosting;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CommsPlan.Dashboard.Components.Pages.Monitoring;

/// <summary>
/// One agency for a period: its targets against what it did, its unit plan, commendations, difficulties and
/// activities. Figures come from the same query service as the overview, so the two pages agree.
/// </summary>
public partial class AgencyPage : IDisposable
{
    [Inject] private AgencyDetailService Agencies { get; set; } = default!;
    [Inject] private PlanSelection Plans { get; set; } = default!;
    [Inject] private UserContext UserContext { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private IDataChangeNotifier Changes { get; set; } = default!;

    [Parameter] public string Code { get; set; } = "";
    [SupplyParameterFromQuery(Name = "period")] public string? PeriodKey { get; set; }
    [SupplyParameterFromQuery(Name = PlanSelection.QueryName)] public int? PlanYear { get; set; }

    private CurrentUser? _user;
    private int _planYear;
    private ReportingPeriod? _period;
    private LiveLoad<AgencyDetail> _live = null!;
    private MudDataGrid<ActivityRow>? _grid;
    private (string Code, string Key)? _gridShows;

    private AgencyDetail? Detail => _live.Value;

    protected override void OnInitialized() =>
        _live = new LiveLoad<AgencyDetail>(Changes, InvokeAsync, StateHasChanged,
            ct => Agencies.GetAgencyDetailAsync(_user!, Code, _period!, _planYear, ct),
            afterChange: () => _grid?.ReloadServerData() ?? Task.CompletedTask, time: Time);

    protected override async Task OnParametersSetAsync()
    {
        // The prerendered HTML is replaced as soon as the circuit starts: query once, when interactive.
        if (!RendererInfo.IsInteractive) return;
        _user ??= await UserContext.GetAsync();
        _planYear = (await Plans.ResolveAsync(PlanYear, _live.Token))?.Year ?? Time.Today().Year;
        _period = ReportingPeriods.FromKeyOrDefault(PeriodKey, Time.Today(), _planYear);
        await _live.LoadAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // The grid loads itself the first time; after a change of agency or period it must be told.
        if (_grid is not null && _period is not null && _gridShows is { } shown && shown != (Code, GridKey))
        {
            _gridShows = (Code, GridKey);
            await _grid.ReloadServerData();
        }
    }

    public void Dispose() => _live.Dispose();

    /// <summary>What the grid's rows depend on besides the agency: the period and the plan.</summary>
    private string GridKey => $"{_period!.Key}|{_planYear}";

    private async Task<GridData<ActivityRow>> LoadActivitiesAsync(GridState<ActivityRow> state, CancellationToken ct)
    {
        if (_user is null || _period is null || _live.NotFound) return new GridData<ActivityRow> { Items = [], TotalItems = 0 };
        _gridShows = (Code, GridKey);
        try
        {
            var page = await Agencies.GetAgencyActivitiesAsync(_user, Code, _period, state.Page * state.PageSize, state.PageSize, _planYear, ct);
            return new GridData<ActivityRow> { Items = page.Items, TotalItems = page.TotalCount };
        }
        catch (NotFoundException)
        {
            return new GridData<ActivityRow> { Items = [], TotalItems = 0 };
        }
    }

    private string OverviewHref => PlanSelection.WithPlan($"/?period={Uri.EscapeDataString(_period?.Key ?? "")}", PlanYear);

    private static string Quantity(ActivityRow row) => $"{Vn.Number(row.Quantity)} {row.Unit}";

    private static string SecondMeasure(ActivityRow row) =>
        row.SecondMeasure is { } value ? $"{Vn.Number(value)} {row.SecondMeasureUnit}" : "—";
}
