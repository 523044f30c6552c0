using CommsPlan.Core.Access;
using CommsPlan.Core.Common;
using CommsPlan.Core.Feedback;
using CommsPlan.Dashboard.Components.Shared;
using FluentValidation;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Severity = MudBlazor.Severity;

namespace CommsPlan.Dashboard.Components.Pages.Feedback;

/// <summary>An officer raises a difficulty for its agency, or the Office answers one (<see cref="ToAnswer"/>).</summary>
public sealed partial class DifficultyDialog
{
    [Inject] private DifficultyService Difficulties { get; set; } = null!;
    [Inject] private IValidator<DifficultyInput> RaiseValidator { get; set; } = null!;
    [Inject] private IValidator<DifficultyAnswerInput> AnswerValidator { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private CircuitConnection Connection { get; set; } = null!;

    [CascadingParameter] private IMudDialogInstance MudDialog { get; set; } = null!;

    [Parameter, EditorRequired] public required CurrentUser User { get; set; }
    [Parameter, EditorRequired] public required int AgencyId { get; set; }
    /// <summary>The difficulty to answer; null to raise a new one.</summary>
    [Parameter] public CommsPlan.Core.Feedback.DifficultyRow? ToAnswer { get; set; }

    private MudForm? _form;
    private AsyncFieldValidator<DifficultyInput> _raiseFields = null!;
    private AsyncFieldValidator<DifficultyAnswerInput> _answerFields = null!;
    private DifficultyInput _input = new();
    private DifficultyAnswerInput _answer = new();
    private IReadOnlyList<string> _problems = [];
    private string? _conflict;
    private bool _busy;
    private SaveGuard _guard = null!;

    protected override void OnInitialized()
    {
        _guard = new SaveGuard(Connection, this);
        _raiseFields = new AsyncFieldValidator<DifficultyInput>(RaiseValidator);
        _answerFields = new AsyncFieldValidator<DifficultyAnswerInput>(AnswerValidator);
        _input = new DifficultyInput { AgencyId = AgencyId };
        _answer = new DifficultyAnswerInput { Answer = ToAnswer?.Answer ?? "", Version = ToAnswer?.Version ?? 0 };
    }

    private async Task SaveAsync()
    {
        if (_form is null) return;
        if (!_guard.ConnectionIntact()) return;
        _guard.Clear();
        _busy = true;
        _problems = [];
        _conflict = null;
        try
        {
            await _form.ValidateAsync();
            var problems = ToAnswer is null ? await _raiseFields.MessagesAsync(_input) : await _answerFields.MessagesAsync(_answer);
            if (problems.Count > 0)
            {
                _problems = problems;
                return;
            }
            var saved = ToAnswer is null
                ? await Difficulties.RaiseAsync(User, _input)
                : await Difficulties.AnswerAsync(User, ToAnswer.Id, _answer);
            Snackbar.Add(ToAnswer is null ? $"Đã gửi «{saved.Title}» tới Văn phòng UBND tỉnh." : $"Đã trả lời «{saved.Title}».",
                Severity.Success);
            MudDialog.Close(DialogResult.Ok(saved));
        }
        catch (ConcurrencyConflictException ex)
        {
            _conflict = ex.Message;
        }
        catch (Exception ex) when (_guard.Failed(ex, SaveAsync))
        {
            // Shown with "Thử lại"; the form keeps what the user typed.
        }
        catch (Exception ex) when (FormValidation.Problems(ex) is { } problems)
        {
            _problems = problems;
        }
        finally
        {
            _busy = false;
        }
    }
}
