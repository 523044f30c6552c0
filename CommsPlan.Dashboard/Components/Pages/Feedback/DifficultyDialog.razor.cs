using CommsPlan.Core.Access;
using CommsPlan.Core.Feedback;
using CommsPlan.Dashboard.Components.Shared;
using FluentValidation;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Severity = MudBlazor.Severity;

namespace CommsPlan.Dashboard.Components.Pages.Feedback;

/// <summary>
/// An officer raises a difficulty for its agency, the Office raises one on an agency's behalf (<see cref="OnBehalfOf"/>),
/// or the Office answers one (<see cref="ToAnswer"/>).
/// </summary>
public sealed partial class DifficultyDialog
{
    [Inject] private DifficultyService Difficulties { get; set; } = null!;
    [Inject] private IValidator<DifficultyInput> RaiseValidator { get; set; } = null!;
    [Inject] private IValidator<DifficultyAnswerInput> AnswerValidator { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private CircuitConnection Connection { get; set; } = null!;

    [CascadingParameter] private IMudDialogInstance MudDialog { get; set; } = null!;

    [Parameter, EditorRequired] public required CurrentUser User { get; set; }
    /// <summary>The agency raising or answered; null when the Office has yet to choose it.</summary>
    [Parameter] public int? AgencyId { get; set; }
    /// <summary>The agencies the Office may raise a difficulty for, on their behalf; null for an officer, whose agency is its own.</summary>
    [Parameter] public IReadOnlyList<AgencyChoice>? OnBehalfOf { get; set; }
    /// <summary>The difficulty to answer; null to raise a new one.</summary>
    [Parameter] public CommsPlan.Core.Feedback.DifficultyRow? ToAnswer { get; set; }

    private MudForm? _form;
    private FormValidator<DifficultyInput> _raiseFields = null!;
    private FormValidator<DifficultyAnswerInput> _answerFields = null!;
    private DifficultyInput _input = new();
    private DifficultyAnswerInput _answer = new();
    private SaveGuard _save = null!;

    protected override void OnInitialized()
    {
        _save = new SaveGuard(Connection, this);
        _raiseFields = new FormValidator<DifficultyInput>(RaiseValidator);
        _answerFields = new FormValidator<DifficultyAnswerInput>(AnswerValidator);
        _input = new DifficultyInput { AgencyId = AgencyId };
        _answer = new DifficultyAnswerInput { Answer = ToAnswer?.Answer ?? "", Version = ToAnswer?.Version ?? 0 };
    }

    private Task SaveAsync() => ToAnswer is null
        ? _save.SaveAsync(_form, _raiseFields, _input, async () =>
        {
            var saved = await Difficulties.RaiseAsync(User, _input);
            Snackbar.Add($"Đã gửi «{saved.Title}» tới Văn phòng UBND tỉnh.", Severity.Success);
            MudDialog.Close(DialogResult.Ok(saved));
        })
        : _save.SaveAsync(_form, _answerFields, _answer, async () =>
        {
            var saved = await Difficulties.AnswerAsync(User, ToAnswer.Id, _answer);
            Snackbar.Add($"Đã trả lời «{saved.Title}».", Severity.Success);
            MudDialog.Close(DialogResult.Ok(saved));
        });
}
