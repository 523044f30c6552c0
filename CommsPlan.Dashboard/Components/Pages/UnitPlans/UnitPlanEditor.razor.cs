using System.Globalization;
using CommsPlan.Core.Access;
using CommsPlan.Core.Common;
using CommsPlan.Core.Plans;
using CommsPlan.Core.UnitPlans;
using CommsPlan.Dashboard.Components.Shared;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Severity = MudBlazor.Severity;

namespace CommsPlan.Dashboard.Components.Pages.UnitPlans;

/// <summary>
/// An agency's unit plan (NV1), by its officer or by the Office on its behalf: document number, date, link and the
/// year's target per channel; read-only to the Office when the agency entered it (<see cref="UnitPlanService.CanSave"/>). Validated by
/// Core's validator field by field, saved as a whole; a save that lost a race says who won and offers a reload.
/// </summary>
public sealed partial class UnitPlanEditor
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    [Inject] private UnitPlanService UnitPlans { get; set; } = null!;
    [Inject] private TimeProvider Time { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private CircuitConnection Connection { get; set; } = null!;

    [Parameter, EditorRequired] public required CurrentUser User { get; set; }
    [Parameter, EditorRequired] public required int AgencyId { get; set; }
    [Parameter, EditorRequired] public required string AgencyName { get; set; }
    [Parameter, EditorRequired] public required Plan Plan { get; set; }
    /// <summary>The agency's NV1 status; null when NV1 does not bind it.</summary>
    [Parameter] public UnitPlanStatus? Status { get; set; }
    /// <summary>Raised after a successful save, so the page can refresh its figures.</summary>
    [Parameter] public EventCallback Saved { get; set; }

    private MudForm? _form;
    private FormValidator<UnitPlanInput>? _fields;
    private Func<DateTime?, Task<IEnumerable<string>>>? _issuedOnValidation;
    private readonly Func<decimal?, IEnumerable<string>> _targetValidation = v => UnitPlanTargetInputValidator.MessagesFor(v);

    private UnitPlanDetails? _details;
    private UnitPlanInput? _input;
    private DateTime? _issuedOn;
    private DateTime _today;
    /// <summary>Each channel's target as typed, checked only when saved or left.</summary>
    private Dictionary<int, decimal?> _targets = [];
    private SaveGuard _save = null!;

    private bool CanSave => UnitPlanService.CanSave(User, AgencyId, _details);

    protected override async Task OnInitializedAsync()
    {
        _save = new SaveGuard(Connection, this);
        _today = Time.Today().ToDateTime(TimeOnly.MinValue);
        _fields = new FormValidator<UnitPlanInput>(await UnitPlans.CreateValidatorAsync(Plan.Year));
        _issuedOnValidation = _fields.Field<DateTime?>(nameof(UnitPlanInput.IssuedOn),
            v => new UnitPlanInput { DocumentNumber = _input?.DocumentNumber ?? "", IssuedOn = ToDateOnly(v) });
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _details = await UnitPlans.FindForAgencyAsync(User, AgencyId, Plan.Year);
        _input = _details?.ToInput() ?? new UnitPlanInput();
        _issuedOn = _input.IssuedOn?.ToDateTime(TimeOnly.MinValue);
        _targets = _input.Targets.ToDictionary(t => t.ChannelId, t => (decimal?)t.Quantity);
    }

    private void OnIssuedOnChanged(DateTime? value)
    {
        _issuedOn = value;
        if (_input is not null) _input.IssuedOn = ToDateOnly(value);
    }

    private async Task SaveAsync()
    {
        if (_input is null || _fields is null) return;
        var input = _input;
        input.IssuedOn = ToDateOnly(_issuedOn);
        await _save.SaveAsync(_form, _fields, input, async () =>
        {
            // A target refused (negative, with a decimal part) or text the field could not read as a number
            // stops the save: nothing is stored in its place.
            var refused = TargetProblems();
            if (refused.Count > 0) throw new ValidationException(refused.Select(p => new ValidationFailure("Targets", p)));
            input.Targets = _targets.Where(t => t.Value is { } v && v != 0)
                .Select(t => new UnitPlanTargetInput { ChannelId = t.Key, Quantity = (int)t.Value!.Value }).ToList();
            _details = await UnitPlans.SaveAsync(User, AgencyId, input, Plan.Year);
            _input = _details.ToInput();
            _targets = _input.Targets.ToDictionary(t => t.ChannelId, t => (decimal?)t.Quantity);
            Snackbar.Add($"Đã lưu kế hoạch {_details.DocumentNumber}.", Severity.Success);
            await Saved.InvokeAsync();
        });
    }

    /// <summary>What is wrong with the typed targets, each message naming its channel, then the fields' own errors.</summary>
    private List<string> TargetProblems()
    {
        var channels = Plan.FormGroups.SelectMany(g => g.Channels).ToDictionary(c => c.Id, c => c.Name);
        var problems = _targets
            .SelectMany(t => UnitPlanTargetInputValidator.MessagesFor(t.Value)
                .Select(m => $"{channels.GetValueOrDefault(t.Key, "")}: {m}"))
            .ToList();
        // Text that is no number at all never reaches _targets: the field alone knows (its conversion error).
        if (problems.Count == 0 && _form is { IsValid: false }) problems.Add(NotANumberMessage);
        return problems;
    }

    public const string NotANumberMessage = "Có chỉ tiêu không phải là số. Hãy nhập số nguyên từ 0, ví dụ 12 hoặc 1.500.";

    /// <summary>Discards the edit on purpose after a conflict and shows the unit plan as it now is.</summary>
    private async Task ReloadAsync()
    {
        await LoadAsync();
        if (_form is not null) await _form.ResetValidationAsync();
    }

    private static DateOnly? ToDateOnly(DateTime? value) => value is { } d ? DateOnly.FromDateTime(d) : null;
}
