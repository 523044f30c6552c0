using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CommsPlan.Dashboard.Components.Shared;

/// <summary>
/// The one way an editor or dialog saves (or deletes, merges, takes a report's step), shown by <see cref="SaveAlerts"/>:
/// <list type="bullet">
/// <item>while it runs the editor is <see cref="Busy"/> and a second press does nothing;</item>
/// <item>the form's rules, then Core's refusal, become <see cref="Problems"/>; a save that lost a race becomes the
/// <see cref="Conflict"/> (who changed the record), and the editor's input stays until the user reloads;</item>
/// <item>a database that cannot take it now (busy, read-only, unreachable) leaves the input as it is and offers
/// "Thử lại" (<see cref="Retry"/>), which runs the same operation again with the same input, without asking a
/// confirmation twice;</item>
/// <item>a connection that dropped since the form was drawn stops an operation that sends what the user typed before it
/// stores what the server holds as if it were what the user sees: the form is drawn again from the server's values
/// (<see cref="FormKey"/>) and the user is asked to check it.</item>
/// </list>
/// </summary>
/// <param name="connection">The circuit's connection count.</param>
/// <param name="editor">The editor the retried operation belongs to: it renders again when the retry ends.</param>
public sealed class SaveGuard(CircuitConnection connection, IHandleEvent editor)
{
    public const string InterruptedMessage =
        "Kết nối với máy chủ vừa bị gián đoạn nên có thể một phần nội dung bạn vừa nhập chưa đến máy chủ; chưa lưu gì. " +
        "Biểu mẫu đã hiển thị lại đúng nội dung máy chủ nhận được: hãy kiểm tra, nhập lại phần còn thiếu rồi bấm Lưu.";

    private int _seen = connection.Interruptions;

    /// <summary>An operation is running: buttons that start one are disabled.</summary>
    public bool Busy { get; private set; }

    /// <summary>What stopped the last operation: the rules it broke, or Core's one refusal.</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>The problems are rules of the input the user can fix, rather than a refusal of the operation itself.</summary>
    public bool ProblemsAreInput { get; private set; }

    /// <summary>Who saved the record since the editor loaded it; null without a conflict.</summary>
    public string? Conflict { get; private set; }

    /// <summary>Put on the form as its @key: it changes when the form must be drawn again from the server's values.</summary>
    public int FormKey { get; private set; }

    /// <summary>Why nothing was stored although the input was fine (a busy database, a dropped connection), or null.</summary>
    public string? Message { get; private set; }

    /// <summary>The operation to run again from the alert's "Thử lại"; none when retrying cannot help.</summary>
    public EventCallback Retry { get; private set; }

    /// <summary>
    /// Checks the form (each field shows its messages, the alert lists them all) and, when it passes, runs
    /// <paramref name="save"/>, which sends what the user typed.
    /// </summary>
    public Task<SaveOutcome> SaveAsync<T>(MudForm? form, FormValidator<T> fields, T model, Func<Task> save) where T : class =>
        RunAsync(async () =>
        {
            await ThrowIfInvalidAsync(form, fields, model);
            await save();
        });

    /// <summary>
    /// Checks the form as <see cref="SaveAsync{T}"/> does, saving nothing: for a save that asks a confirmation first
    /// (then <see cref="RunAsync"/> with <c>sendsInput: false</c>, so "Thử lại" does not ask twice). True when it passes.
    /// </summary>
    public async Task<bool> CheckAsync<T>(MudForm? form, FormValidator<T> fields, T model) where T : class =>
        await RunAsync(() => ThrowIfInvalidAsync(form, fields, model)) == SaveOutcome.Done;

    private static async Task ThrowIfInvalidAsync<T>(MudForm? form, FormValidator<T> fields, T model) where T : class
    {
        if (form is not null) await form.ValidateAsync();
        var problems = await fields.MessagesAsync(model);
        if (problems.Count > 0) throw new ValidationException(problems.Select(p => new ValidationFailure("", p)));
    }

    /// <summary>
    /// Runs <paramref name="operation"/> and maps what stops it (see the class). <paramref name="sendsInput"/>: the
    /// operation stores what the user typed, so a connection that dropped since stops it first.
    /// </summary>
    public async Task<SaveOutcome> RunAsync(Func<Task> operation, bool sendsInput = true)
    {
        if (Busy) return SaveOutcome.Busy;
        if (sendsInput && !ConnectionIntact()) return SaveOutcome.Interrupted;
        Clear();
        Busy = true;
        try
        {
            await operation();
            return SaveOutcome.Done;
        }
        catch (ConcurrencyConflictException ex)
        {
            Conflict = ex.Message;
            return SaveOutcome.Conflict;
        }
        catch (Exception ex) when (DatabaseFailures.Unavailable(ex) is { } unavailable)
        {
            // The input stays on screen; "Thử lại" runs the same operation again.
            Message = unavailable.Message;
            Retry = EventCallback.Factory.Create(editor, () => RunAsync(operation, sendsInput));
            return SaveOutcome.Unavailable;
        }
        catch (ValidationException ex)
        {
            Problems = [.. ex.Errors.Select(e => e.ErrorMessage).Distinct()];
            ProblemsAreInput = true;
            return SaveOutcome.Invalid;
        }
        catch (Exception ex) when (IsRefusal(ex))
        {
            Problems = [ex.Message];
            return SaveOutcome.Refused;
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>Forgets the last outcome: the editor shows the record as it now is (after a reload, or a new record).</summary>
    public void Clear()
    {
        Problems = [];
        ProblemsAreInput = false;
        Conflict = null;
        Message = null;
        Retry = default;
    }

    /// <summary>False (and the form redrawn, the message set) when the connection dropped since the form was drawn.</summary>
    private bool ConnectionIntact()
    {
        var now = connection.Interruptions;
        if (now == _seen) return true;
        _seen = now;
        FormKey++;
        Clear();
        Message = InterruptedMessage;
        return false;
    }

    /// <summary>
    /// Core's answer to an action without an editor of its own (a list's delete, lock or unlock, a history that cannot
    /// be read) as one line, or null for an exception that is a bug: pressing the button again is their retry.
    /// </summary>
    public static string? Describe(Exception ex) => ex switch
    {
        ValidationException v => string.Join(" ", v.Errors.Select(e => e.ErrorMessage).Distinct()),
        ConcurrencyConflictException => ex.Message,
        _ when IsRefusal(ex) => ex.Message,
        _ when DatabaseFailures.Unavailable(ex) is { } unavailable => unavailable.Message,
        _ => null,
    };

    private static bool IsRefusal(Exception ex) => ex is BusinessRuleException or AccessDeniedException or NotFoundException;
}

/// <summary>How a guarded operation ended.</summary>
public enum SaveOutcome
{
    Done,
    /// <summary>The input breaks a rule; nothing was stored.</summary>
    Invalid,
    /// <summary>Core refused the operation (a locked period, no right, a record gone).</summary>
    Refused,
    Conflict,
    /// <summary>The database could not take it now; "Thử lại" is offered.</summary>
    Unavailable,
    /// <summary>The connection dropped since the form was drawn; the form shows the server's values again.</summary>
    Interrupted,
    /// <summary>Another operation of the editor is still running.</summary>
    Busy,
}
