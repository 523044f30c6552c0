using CommsPlan.Core.Access;
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
/// The province at a glance for a period: headline figures, charts, agencies against their targets, coverage
/// gaps and alerts — every figure from <see cref="OverviewService"/>, refreshed when anyone saves.
/// </summary>
public partial class Overview : IDisposable
{
    [Inject] private OverviewService Overviews { get; set; } = default!;
    [Inject] private PlanSelection Plans { get; set; } = default!;
    [Inject] private UserContext UserContext { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IDataChangeNotifier Changes { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "period")] public string? PeriodKey { get; set; }
    [SupplyParameterFromQuery(Name = "group")] public string? GroupKey { get; set; }
    [SupplyParameterFromQuery(Name = PlanSelection.QueryName)] public int? PlanYear { get; set; }

    private CurrentUser? _user;
    private int _planYear;
    private ReportingPeriod? _period;
    private AgencyGroup? _groupFilter;
    private LiveLoad<MonitoringOverview> _live = null!;

    private static readonly string[] GroupPalette = ["#1f4e79", "#2e7d32", "#ef6c00"];

    /// <summary>The figures on screen; refreshed when anyone saves.</summary>
    private MonitoringOverview? Figures => _live.Value;

    protected override void OnInitialized() =>
        _live = new LiveLoad<MonitoringOverview>(Changes, InvokeAsync, StateHasChanged, ct => Overviews.GetOverviewAsync(_user!, _period!,
            _groupFilter is { } g ? MonitoringScope.ForGroup(g) : MonitoringScope.Province, _planYear, ct), time: Time);

    protected override async Task OnParametersSetAsync()
    {
        // The prerendered HTML is replaced as soon as the circuit starts: query once, when interactive.
        if (!RendererInfo.IsInteractive) return;
        _user ??= await UserContext.GetAsync();
        _planYear = (await Plans.ResolveAsync(PlanYear, _live.Token))?.Year ?? Time.Today().Year;
        _period = ReportingPeriods.FromKeyOrDefault(PeriodKey, Time.Today(), _planYear);
        _groupFilter = Enum.TryParse<AgencyGroup>(GroupKey, ignoreCase: true, out var group) && Enum.IsDefined(group) ? group : null;
        await _live.LoadAsync();
    }

    public void Dispose() => _live.Dispose();

    /// <summary>Đôn đốc from the alerts: the same dialog and service as /reporting.</summary>
    private Task UrgeAsync(ReportingPeriod period) =>
        _user is null ? Task.CompletedTask : ReportingCycle.UrgingDialog.ShowAsync(Dialogs, _user, period);

    private void OnGroupFilterChanged(AgencyGroup? group) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("group", group?.ToString()));

    private string AgencyHref(string code) =>
        PlanSelection.WithPlan($"/agencies/{Uri.EscapeDataString(code)}?period={Uri.EscapeDataString(_period!.Key)}", PlanYear);

    private List<ChartSeries<double>> MonthSeries() =>
        [new ChartSeries<double> { Name = "Số hoạt động", Data = Figures!.ByMonth.Select(m => (double)m.Activities).ToArray() }];

    private string[] MonthLabels() => [.. Figures!.ByMonth.Select(m => m.Label)];

    /// <summary>One series per form group over all channels, stacked, so each channel's bar takes its group's colour.</summary>
    private List<ChartSeries<double>> ChannelSeries()
    {
        var channels = Figures!.ByChannel.ToList();
        return [.. Figures.ByFormGroup.Select(g => new ChartSeries<double>
        {
            Name = $"{g.Code} – {g.Name}",
            Data = channels.Select(c => g.Channels.Contains(c) ? (double)c.Activities : 0).ToArray(),
        })];
    }

    private string[] ChannelLabels() => [.. Figures!.ByChannel.Select(c => c.Code)];

    private static List<ChartSeries<double>> CountSeries(IEnumerable<CatalogueCount> counts) =>
        [new ChartSeries<double> { Name = "Số hoạt động", Data = counts.Select(c => (double)c.Activities).ToArray() }];

    private static string[] CountLabels(IEnumerable<CatalogueCount> counts) => [.. counts.Select(c => c.DisplayCode)];

    private static readonly BarChartOptions BarOptions = new()
    {
        ShowLegend = false,
        YAxisToStringFunc = v => Vn.Number((long)Math.Round(v)),
        MaxNumYAxisTicks = 6,
        YAxisTicks = 1,
        ChartPalette = [GroupPalette[0]],
    };

    private static readonly StackedBarChartOptions ChannelOptions = new()
    {
        ShowLegend = true,
        YAxisToStringFunc = v => Vn.Number((long)Math.Round(v)),
        MaxNumYAxisTicks = 6,
        YAxisTicks = 1,
        XAxisLabelRotation = 40,
        ChartPalette = GroupPalette,
    };

    private string ScopeTitle => Figures?.Scope switch
    {
        { IsOwnAgencyOnly: true, Agency: { } agency } => agency.Name,
        { IsProvince: true } => "Toàn tỉnh",
        { } scope => scope.Description,
        _ => "",
    };

    private bool ShowsProvinceTotals => Figures?.ProvinceKpis is not null;

    /// <summary>"Kế hoạch đơn vị (NV1)": the code of this plan's unit-plan assignment, whatever it is.</summary>
    private static string UnitPlanTitle(string? code) => code is null ? "Kế hoạch đơn vị" : $"Kế hoạch đơn vị ({code})";
}
