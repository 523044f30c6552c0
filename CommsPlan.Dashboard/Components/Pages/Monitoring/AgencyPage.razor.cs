using CommsPlan.Core.Access;
using CommsPlan.Core.Changes;
using CommsPlan.Core.Common;
using CommsPlan.Core.Monitoring;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Dashboard.Components.Shared;
using CommsPlan.Dashboard.Hosting;
using Microsoft.AspNetCore.Components;
using MudBlazor;

using CommsPlan.Core.Plans;
namespace CommsPlan.Dashboard.Components.Pages.Monitoring;

/// <summary>
/// One agency for a period: its targets against what it did, its unit plan, commendations, difficulties and
/// activities. Figures come from the same query service as the overview, so the two pages agree.
/// </summary>
public partial class AgencyPage : LiveComponentBase
{
    [Inject] private AgencyDetailService Agencies { get; set; } = default!;
    [Inject] private PlanService Plans { get; set; } = default!;
    [Inject] private UserContext UserContext { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    [Parameter] public string Code { get; set; } = "";
    [SupplyParameterFromQuery(Name = "period")] public string? PeriodKey { get; set; }

    private CurrentUser? _user;
    private int _planYear;
    private ReportingPeriod? _period;
    private AgencyDetail? _detail;
    private bool _notFound;
    private bool _loading;
    private DateTimeOffset? _refreshedAt;
    private int _loadVersion;
    private MudDataGrid<ActivityRow>? _grid;
    private (string Code, string Key)? _gridShows;

    protected override async Task OnParametersSetAsync()
    {
        // The prerendered HTML is replaced as soon as the circuit starts: query once, when interactive.
        if (!RendererInfo.IsInteractive)
        {
            _loading = true;
            return;
        }
        _user ??= await UserContext.GetAsync();
        if (_planYear == 0) _planYear = await Plans.GetPlanYearAsync(ComponentToken);
        _period = ReportingPeriods.FromKeyOrDefault(PeriodKey, Time.Today(), _planYear);
        await LoadAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // The grid loads itself the first time; after a change of agency or period it must be told.
        if (_grid is not null && _period is not null && _gridShows is { } shown && shown != (Code, _period.Key))
        {
            _gridShows = (Code, _period.Key);
            await _grid.ReloadServerData();
        }
    }

    protected override async Task OnDataChangedAsync(DataChange change)
    {
        await LoadAsync();
        if (_grid is not null) await _grid.ReloadServerData();
    }

    private async Task LoadAsync()
    {
        if (_user is null || _period is null) return;
        var version = ++_loadVersion;
        _loading = true;
        try
        {
            var detail = await Agencies.GetAgencyDetailAsync(_user, Code, _period, ComponentToken);
            if (version != _loadVersion) return;
            _detail = detail;
            _notFound = false;
            _refreshedAt = Time.VietnamNow();
        }
        catch (NotFoundException)
        {
            if (version != _loadVersion) return;
            _detail = null;
            _notFound = true;
        }
        finally
        {
            if (version == _loadVersion) _loading = false;
        }
    }

    private async Task<GridData<ActivityRow>> LoadActivitiesAsync(GridState<ActivityRow> state, CancellationToken ct)
    {
        if (_user is null || _period is null || _notFound) return new GridData<ActivityRow> { Items = [], TotalItems = 0 };
        _gridShows = (Code, _period.Key);
        try
        {
            var page = await Agencies.GetAgencyActivitiesAsync(_user, Code, _period, state.Page * state.PageSize, state.PageSize, ct);
            return new GridData<ActivityRow> { Items = page.Items, TotalItems = page.TotalCount };
        }
        catch (NotFoundException)
        {
            return new GridData<ActivityRow> { Items = [], TotalItems = 0 };
        }
    }

    private string OverviewHref => $"/?period={Uri.EscapeDataString(_period?.Key ?? "")}";

    private static string Quantity(ActivityRow row) => $"{Vn.Number(row.Quantity)} {row.Unit}";

    private static string SecondMeasure(ActivityRow row) =>
        row.SecondMeasure is { } value ? $"{Vn.Number(value)} {row.SecondMeasureUnit}" : "—";
}
