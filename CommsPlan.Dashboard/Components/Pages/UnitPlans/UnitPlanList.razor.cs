using System.Globalization;
using CommsPlan.Core.Access;
using CommsPlan.Core.Changes;
using CommsPlan.Core.Plans;
using CommsPlan.Core.UnitPlans;
using CommsPlan.Dashboard.Components.Shared;
using CommsPlan.Dashboard.Hosting;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CommsPlan.Dashboard.Components.Pages.UnitPlans;

/// <summary>
/// NV1 at a glance: monitors, leadership and administrators see every bound agency with its status, grouped by
/// kind and filterable; an officer records its own unit plan and targets, the Office one on an agency's behalf. Refreshes when anyone saves one.
/// </summary>
public sealed partial class UnitPlanList : IDisposable
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");
    private static readonly UnitPlanStatus[] SummaryStatuses =
        [UnitPlanStatus.OnTime, UnitPlanStatus.Late, UnitPlanStatus.Missing, UnitPlanStatus.NotDue];

    [Inject] private UnitPlanService UnitPlans { get; set; } = null!;
    [Inject] private PlanService Plans { get; set; } = null!;
    [Inject] private UserContext UserContext { get; set; } = null!;
    [Inject] private IDataChangeNotifier Changes { get; set; } = null!;
    [Inject] private MudBlazor.IDialogService Dialogs { get; set; } = null!;
    [Inject] private PlanSelection Selection { get; set; } = null!;
    [CascadingParameter] private Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState>? Authentication { get; set; }

    [SupplyParameterFromQuery(Name = PlanSelection.QueryName)] public int? PlanYear { get; set; }

    private readonly TableGroupDefinition<UnitPlanStatusRow> _grouping = new() { Selector = r => r.AgencyKind.Group() };
    private readonly HashSet<int> _expanded = [];

    private CurrentUser? _user;
    private Plan? _plan;
    private Assignment? _nv1;
    private LiveLoad<UnitPlanOverview> _live = null!;
    private int? _ownAgencyId;
    private string _ownAgencyName = "";
    private UnitPlanStatus? _status;
    private AgencyGroup? _group;
    /// <summary>The agency whose plan the Office is entering on its behalf.</summary>
    private int? _onBehalfAgencyId;

    private IEnumerable<UnitPlanStatusRow> VisibleRows =>
        Overview?.Agencies.Where(a => (_status is null || a.Status == _status) && (_group is null || a.AgencyKind.Group() == _group)) ?? [];

    /// <summary>The officer's own NV1 status, or null when NV1 does not bind its agency.</summary>
    private UnitPlanStatus? OwnStatus => Overview?.Agencies.FirstOrDefault(a => a.AgencyId == _ownAgencyId)?.Status;

    /// <summary>Every bound agency's status; refreshed when anyone saves a unit plan.</summary>
    private UnitPlanOverview? Overview => _live.Value;

    protected override async Task OnInitializedAsync()
    {
        _live = new LiveLoad<UnitPlanOverview>(Changes, InvokeAsync, StateHasChanged, ct => UnitPlans.GetOverviewAsync(_user!, _plan?.Year, ct),
            LiveLoad.Kinds(UnitPlanService.ChangeKind));
        _user = await UserContext.GetAsync();
        if (_user.IsOfficer)
        {
            _ownAgencyId = _user.AgencyId;
            var principal = Authentication is null ? null : (await Authentication).User;
            _ownAgencyName = principal?.FindFirst(CommsPlanClaims.AgencyName)?.Value ?? "";
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        // The unit plans under the plan the address names (the current plan when none).
        var year = (await Selection.ResolveAsync(PlanYear))?.Year;
        if (_plan is not null && _plan.Year == year && _live.Value is not null) return;
        _plan = await Plans.GetPlanAsync(year);
        _nv1 = _plan?.UnitPlanAssignment();
        await _live.LoadAsync();
    }

    private string AgencyNameOf(int? id) => Overview?.Agencies.FirstOrDefault(a => a.AgencyId == id)?.AgencyName ?? "";

    private void ToggleStatus(UnitPlanStatus status) => _status = _status == status ? null : status;

    private void ToggleTargets(int agencyId)
    {
        if (!_expanded.Remove(agencyId)) _expanded.Add(agencyId);
    }

    private static Color ChipColor(UnitPlanStatus status) => status switch
    {
        UnitPlanStatus.OnTime => Color.Success,
        UnitPlanStatus.Late => Color.Warning,
        UnitPlanStatus.Missing => Color.Error,
        _ => Color.Default,
    };

    public void Dispose() => _live.Dispose();
}
