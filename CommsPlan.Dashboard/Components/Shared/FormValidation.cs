using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using FluentValidation;

namespace CommsPlan.Dashboard.Components.Shared;

/// <summary>
/// MudForm validation through Core's FluentValidation validator, one field at a time (MudBlazor's FluentValidation
/// example): the form shows the same Vietnamese messages the service would refuse with.
/// </summary>
public static class FormValidation
{
    public static Func<object, string, Task<IEnumerable<string>>> For<T>(IValidator<T> validator) => async (model, property) =>
    {
        var result = await validator.ValidateAsync(ValidationContext<T>.CreateWithOptions((T)model, o => o.IncludeProperties(property)));
        return result.IsValid ? [] : result.Errors.Select(e => e.ErrorMessage);
    };

    /// <summary>What to tell the user when Core refuses: its own Vietnamese message, never a stack trace.</summary>
    public static string? Describe(Exception ex) => Problems(ex) is { } problems ? string.Join(" ", problems) : null;

    /// <summary>
    /// Core's refusal as the list of problems an editor shows (one per failed rule), or null for any other exception.
    /// A database that cannot take the operation now is one too, for the actions without an editor of their own (a
    /// list's delete, lock or unlock): pressing the button again is their retry. Editors catch it before, through
    /// <see cref="SaveGuard"/>, to offer "Thử lại" beside their kept input.
    /// </summary>
    public static IReadOnlyList<string>? Problems(Exception ex) => ex switch
    {
        ValidationException v => [.. v.Errors.Select(e => e.ErrorMessage).Distinct()],
        BusinessRuleException or ConcurrencyConflictException or AccessDeniedException or NotFoundException => [ex.Message],
        _ when DatabaseFailures.Unavailable(ex) is { } unavailable => [unavailable.Message],
        _ => null,
    };
}
