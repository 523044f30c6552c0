using FluentValidation;

namespace CommsPlan.Dashboard.Components.Shared;

/// <summary>
/// The one bridge from a MudForm to Core's FluentValidation validator (after MudBlazor's FluentValidation example):
/// each field asks for its own property only, so it shows only its own Vietnamese messages; rules may be
/// asynchronous. The same validator guards the service, so the form never accepts what the save would refuse. A
/// validator that needs data comes from its service (<c>CreateValidatorAsync</c>); the others from the container.
/// </summary>
public sealed class FormValidator<T>(IValidator<T> validator) where T : class
{
    /// <summary>For <c>MudForm.Validation</c>: called with the form's model and the property a field's <c>For</c> names.</summary>
    public Func<object, string, Task<IEnumerable<string>>> Validation => async (model, propertyName) =>
        await MessagesAsync((T)model, propertyName);

    /// <summary>
    /// For a field that cannot name its property with <c>For</c> (a date picker bound through a conversion): checks
    /// <paramref name="propertyName"/> on the model <paramref name="probe"/> builds with the field's value.
    /// </summary>
    public Func<TValue, Task<IEnumerable<string>>> Field<TValue>(string propertyName, Func<TValue, T> probe) =>
        async value => await MessagesAsync(probe(value), propertyName);

    /// <summary>The messages of one property, or of the whole model when <paramref name="propertyName"/> is null.</summary>
    public async Task<IReadOnlyList<string>> MessagesAsync(T model, string? propertyName = null)
    {
        var result = propertyName is null
            ? await validator.ValidateAsync(model)
            : await validator.ValidateAsync(ValidationContext<T>.CreateWithOptions(model, o => o.IncludeProperties(propertyName)));
        return [.. result.Errors.Select(e => e.ErrorMessage).Distinct()];
    }
}
