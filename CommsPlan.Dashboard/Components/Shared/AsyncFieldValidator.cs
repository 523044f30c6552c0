using FluentValidation;

namespace CommsPlan.Dashboard.Components.Shared;

/// <summary>
/// Connects a MudForm to a Core validator whose rules may ask the database (the plan's period, active channels,
/// a linked activity), so every check runs through <c>ValidateAsync</c>; one property at a time, so a field shows
/// only its own messages (after MudBlazor's FluentValidation example).
/// </summary>
public sealed class AsyncFieldValidator<T>(IValidator<T> validator) where T : class
{
    /// <summary>For <c>MudForm.Validation</c>: called with the form's model and the property a field's <c>For</c> names.</summary>
    public Func<object, string, Task<IEnumerable<string>>> ValidateValue => async (model, propertyName) =>
        await MessagesAsync((T)model, propertyName);

    /// <summary>
    /// For a field bound through a conversion (a date picker holds a DateTime, the model a DateOnly): checks
    /// <paramref name="propertyName"/> on the model <paramref name="probe"/> builds from the field's value.
    /// </summary>
    public Func<TValue, Task<IEnumerable<string>>> Property<TValue>(string propertyName, Func<TValue, T> probe) =>
        async value => await MessagesAsync(probe(value), propertyName);

    /// <summary>The messages of one property, or of the whole model when <paramref name="propertyName"/> is null.</summary>
    public async Task<IReadOnlyList<string>> MessagesAsync(T model, string? propertyName = null)
    {
        var result = propertyName is null
            ? await validator.ValidateAsync(model)
            : await validator.ValidateAsync(ValidationContext<T>.CreateWithOptions(model, o => o.IncludeProperties(propertyName)));
        return result.Errors.Select(e => e.ErrorMessage).Distinct().ToArray();
    }
}
