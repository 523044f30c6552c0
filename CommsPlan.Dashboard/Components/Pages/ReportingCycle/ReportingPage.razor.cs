using CommsPlan.Core.Access;
using CommsPlan.Core.Changes;
using CommsPlan.Core.Common;
using CommsPlan.Core.Monitoring;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Dashboard.Components.Shared;
using CommsPlan.Dashboard.Hosting;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CommsPlan.Dashboard.Components.Pages.ReportingCycle;

/// <summary>
/// The reporting cycle of the plan's year: completeness and timeliness per period, every agency's report per period;
/// a report opens in a dialog where its officer sends it and the Office accepts or sends it back. Follows others' changes.
/// </summary>
public sealed partial class ReportingPage : IDisposable
{
    [Inject] private PeriodReportService Reports { get; set; } = null!;
    [Inject] private UserContext UserContext { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private IDataChangeNotifier Changes { get; set; } = null!;
    [Inject] private PlanSelection Plans { get; set; } = null!;

    [SupplyParameterFromQuery(Name = PlanSelection.QueryName)] public int? PlanYear { get; set; }

    /// <summary>The plan year whose periods the board shows (the current plan's when the address names none).</summary>
    private int? _planYear;

    /// <summary>With <see cref="PeriodKey"/>, the report the page opens on (a reminder's link).</summary>
    [SupplyParameterFromQuery(Name = "agency")] public string? AgencyCode { get; set; }
    [SupplyParameterFromQuery(Name = "period")] public string? PeriodKey { get; set; }

    private CurrentUser? _user;
    private LiveLoad<ReportingBoard> _live = null!;
    private string? _openedFor;

    private ReportingBoard? Board => _live.Value;

    /// <summary>The officer's reports the Office sent back, with its comment, until they are sent again.</summary>
    private IEnumerable<PeriodReportCell> SentBack => _user?.IsOfficer == true && Board is not null
        ? Board.Status.Agencies.SelectMany(a => a.Reports).Where(r => r.Status == PeriodReportStatus.SentBack)
        : [];

    protected override void OnInitialized() =>
        _live = new LiveLoad<ReportingBoard>(Changes, InvokeAsync, StateHasChanged, ct => Reports.GetBoardAsync(_user!, _planYear, ct));

    protected override async Task OnParametersSetAsync()
    {
        // The prerendered HTML is replaced once the circuit starts: query once, when interactive.
        if (!RendererInfo.IsInteractive) return;
        _user ??= await UserContext.GetAsync();
        _planYear = (await Plans.ResolveAsync(PlanYear))?.Year;
        await _live.LoadAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // A reminder's link names a report: open it once the board is there (a dialog needs the interactive renderer).
        var target = $"{AgencyCode}|{PeriodKey}";
        if (Board is null || AgencyCode is null || PeriodKey is null || _openedFor == target) return;
        _openedFor = target;
        var agency = Board.Status.Agencies.FirstOrDefault(a => string.Equals(a.Agency.Code, AgencyCode, StringComparison.OrdinalIgnoreCase));
        if (agency is not null && PeriodReportRules.Find(PeriodKey) is not null) await OpenAsync(agency.Agency, PeriodKey);
    }

    public void Dispose() => _live.Dispose();

    private string AgencyHref(string code, string? periodKey = null) => PlanSelection.WithPlan(
        periodKey is null ? $"/agencies/{Uri.EscapeDataString(code)}" : $"/agencies/{Uri.EscapeDataString(code)}?period={Uri.EscapeDataString(periodKey)}",
        _planYear);

    /// <summary>Đôn đốc: the Office picks the period's overdue agencies and sends them the urging notice.</summary>
    private async Task UrgeAsync(ReportingPeriod period)
    {
        if (_user is null) return;
        await UrgingDialog.ShowAsync(Dialogs, _user, period);
    }

    private async Task OpenAsync(AgencyRef agency, string periodKey)
    {
        if (_user is null) return;
        var dialog = await Dialogs.ShowAsync<PeriodReportDialog>($"Báo cáo định kỳ · {agency.Name}", new DialogParameters<PeriodReportDialog>
        {
            { d => d.User, _user },
            { d => d.AgencyId, agency.Id },
            { d => d.PeriodKey, periodKey },
        }, new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true });
        var result = await dialog.Result;
        if (result is { Canceled: false })
        {
            await _live.LoadAsync();
            StateHasChanged();
        }
    }
}
