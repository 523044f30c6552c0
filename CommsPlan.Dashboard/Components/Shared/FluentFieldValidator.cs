using FluentValidation;

namespace CommsPlan.Dashboard.Components.Shared;

/// <summary>
/// Connects a MudForm to a Core FluentValidation validator, checking one property at a time so a field shows only its
/// own messages (after MudBlazor's FluentValidation example). The same validator guards the service, so the form never
/// accepts what the save would refuse.
/// </summary>
public sealed class FluentFieldValidator<T>(IValidator<T> validator) where T : class
{
    /// <summary>For <c>MudForm.Validation</c>: called with the form's model and the property a field's <c>For</c> names.</summary>
    public Func<object, string, Task<IEnumerable<string>>> ValidateValue => async (model, propertyName) =>
    {
        var result = await validator.ValidateAsync(ValidationContext<T>.CreateWithOptions((T)model, o => o.IncludeProperties(propertyName)));
        return result.IsValid ? [] : result.Errors.Select(e => e.ErrorMessage).ToArray();
    };

    /// <summary>
    /// For a field that cannot name its property with <c>For</c> (a date picker bound through a conversion): checks
    /// <paramref name="propertyName"/> on the model <paramref name="probe"/> builds with the field's value.
    /// </summary>
    public Func<TValue, IEnumerable<string>> Property<TValue>(string propertyName, Func<TValue, T> probe) =>
        value => Messages(probe(value), propertyName);

    /// <summary>The messages of one property, or of the whole model when <paramref name="propertyName"/> is null.</summary>
    public IReadOnlyList<string> Messages(T model, string? propertyName = null)
    {
        var result = propertyName is null
            ? validator.Validate(model)
            : validator.Validate(model, o => o.IncludeProperties(propertyName));
        return result.Errors.Select(e => e.ErrorMessage).ToArray();
    }
}
