using CommsPlan.Core.Access;
using CommsPlan.Core.Common;
using CommsPlan.Core.Feedback;
using CommsPlan.Dashboard.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Severity = MudBlazor.Severity;

namespace CommsPlan.Dashboard.Components.Pages.Feedback;

/// <summary>Adds or edits one of the officer's agency's commendations; closes with the saved row.</summary>
public sealed partial class CommendationDialog
{
    [Inject] private CommendationService Commendations { get; set; } = null!;
    [Inject] private TimeProvider Time { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private CircuitConnection Connection { get; set; } = null!;

    [CascadingParameter] private IMudDialogInstance MudDialog { get; set; } = null!;

    [Parameter, EditorRequired] public required CurrentUser User { get; set; }
    [Parameter, EditorRequired] public required int AgencyId { get; set; }
    /// <summary>The commendation to edit; null to add one.</summary>
    [Parameter] public CommendationRow? Existing { get; set; }
    /// <summary>The plan year the list shows: the date must lie in its period (the current plan when null).</summary>
    [Parameter] public int? PlanYear { get; set; }

    private MudForm? _form;
    private FormValidator<CommendationInput>? _fields;
    private Func<DateTime?, Task<IEnumerable<string>>>? _dateValidation;
    private CommendationInput _input = new();
    private DateTime? _date;
    private DateTime _today;
    private ActivityChoice? _activity;
    private SaveGuard _save = null!;

    protected override async Task OnInitializedAsync()
    {
        _save = new SaveGuard(Connection, this);
        _today = Time.Today().ToDateTime(TimeOnly.MinValue);
        _fields = new FormValidator<CommendationInput>(await Commendations.CreateValidatorAsync(PlanYear));
        _input = Existing?.ToInput() ?? new CommendationInput { AgencyId = AgencyId, Kind = CommendationKind.Individual, Date = Time.Today() };
        _input.PlanYear = PlanYear;
        _date = _input.Date?.ToDateTime(TimeOnly.MinValue);
        if (Existing is { ActivityId: { } activityId, ActivityTitle: { } title })
            _activity = new ActivityChoice(activityId, title, Existing.Date);
        _dateValidation = _fields.Field<DateTime?>(nameof(CommendationInput.Date),
            v => new CommendationInput { AgencyId = AgencyId, Date = v is { } d ? DateOnly.FromDateTime(d) : null });
    }

    private void OnDateChanged(DateTime? value)
    {
        _date = value;
        _input.Date = value is { } d ? DateOnly.FromDateTime(d) : null;
    }

    private void OnActivityChanged(ActivityChoice? choice)
    {
        _activity = choice;
        _input.ActivityId = choice?.Id;
    }

    private async Task<IEnumerable<ActivityChoice>> SearchActivitiesAsync(string? text, CancellationToken ct) =>
        await Commendations.SuggestActivitiesAsync(User, AgencyId, text, 20, ct);

    private static string Describe(ActivityChoice? choice) =>
        choice is null ? string.Empty : $"{choice.StartDate:dd/MM/yyyy} – {choice.Title}";

    private async Task SaveAsync()
    {
        if (_fields is null) return;
        await _save.SaveAsync(_form, _fields, _input, async () =>
        {
            var saved = Existing is null
                ? await Commendations.CreateAsync(User, _input)
                : await Commendations.UpdateAsync(User, Existing.Id, _input);
            Snackbar.Add($"Đã lưu biểu dương «{saved.Recipient}».", Severity.Success);
            MudDialog.Close(DialogResult.Ok(saved));
        });
    }
}
