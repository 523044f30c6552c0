using CommsPlan.Core.Access;
using CommsPlan.Core.Common;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Dashboard.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CommsPlan.Dashboard.Components.Pages.ReportingCycle;

/// <summary>One period report: what the period holds, and the step the user may take (send it; accept or send it back).</summary>
public sealed partial class PeriodReportDialog
{
    [Inject] private PeriodReportService Reports { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private CircuitConnection Connection { get; set; } = null!;

    [CascadingParameter] private IMudDialogInstance MudDialog { get; set; } = null!;

    [Parameter, EditorRequired] public required CurrentUser User { get; set; }
    [Parameter, EditorRequired] public required int AgencyId { get; set; }
    [Parameter, EditorRequired] public required string PeriodKey { get; set; }

    private PeriodReportDetails? _details;
    private string? _commentary;
    private string? _comment;
    private SaveGuard _save = null!;

    protected override async Task OnInitializedAsync()
    {
        _save = new SaveGuard(Connection, this);
        await _save.RunAsync(async () =>
        {
            _details = await Reports.GetAsync(User, AgencyId, PeriodKey);
            _commentary = _details.Commentary;
        }, sendsInput: false);
    }

    private Task SubmitAsync() => RunAsync(d => Reports.SubmitAsync(User, AgencyId, PeriodKey, _commentary, d.Report.Version),
        d => $"Đã gửi báo cáo {d.Report.Period.Title}.");

    private Task AcceptAsync() => RunAsync(d => Reports.AcceptAsync(User, AgencyId, PeriodKey, d.Report.Version),
        d => $"Đã duyệt báo cáo {d.Report.Period.Title} của {d.Agency.Name}.");

    private Task SendBackAsync() => RunAsync(d => Reports.SendBackAsync(User, AgencyId, PeriodKey, _comment, d.Report.Version),
        d => $"Đã trả lại báo cáo {d.Report.Period.Title} của {d.Agency.Name}.");

    private async Task RunAsync(Func<PeriodReportDetails, Task<PeriodReportDetails>> step, Func<PeriodReportDetails, string> done)
    {
        if (_details is not { } details) return;
        // "Thử lại" takes the same step again, with the same commentary or comment.
        var outcome = await _save.RunAsync(async () =>
        {
            var saved = await step(details);
            Snackbar.Add(done(saved), Severity.Success);
            MudDialog.Close(DialogResult.Ok(saved));
        });
        if (outcome is SaveOutcome.Refused or SaveOutcome.Conflict)
        {
            // Show the report as it now is (someone else may have moved it).
            try { _details = await Reports.GetAsync(User, AgencyId, PeriodKey); }
            catch (NotFoundException) { _details = null; }
        }
    }
}
