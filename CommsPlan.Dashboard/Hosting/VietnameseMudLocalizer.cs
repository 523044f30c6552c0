using Microsoft.Extensions.Localization;
using MudBlazor;
using MudBlazor.Services;

namespace CommsPlan.Dashboard.Hosting;

/// <summary>
/// MudBlazor's own messages in Vietnamese, for every field at once: a letter typed into a numeric field meets the
/// binding converter, whose English "Not a valid number" would otherwise show under the field.
/// Keys not listed fall back to MudBlazor's English.
/// </summary>
public sealed class VietnameseMudLocalizer : MudLocalizer
{
    // The converter's messages carry the target type's name as an argument; an officer needs the fix, not the type.
    private static readonly Dictionary<string, string> Texts = new(StringComparer.Ordinal)
    {
        ["Converter_InvalidNumber"] = "Không phải là số hợp lệ: chỉ nhập chữ số (ví dụ 1.500 hoặc 2,5).",
        ["Converter_InvalidBoolean"] = "Giá trị không hợp lệ.",
        ["Converter_InvalidGUID"] = "Giá trị không hợp lệ.",
        ["Converter_NotValueOf"] = "Giá trị không có trong danh sách.",
        ["Converter_InvalidDateTime"] = "Không phải là ngày hợp lệ (dd/MM/yyyy).",
        ["Converter_InvalidTimeSpan"] = "Không phải là thời lượng hợp lệ.",
        ["Converter_InvalidType"] = "Giá trị không hợp lệ.",
        ["Converter_ConversionNotImplemented"] = "Giá trị không hợp lệ.",
        ["Converter_ConversionError"] = "Giá trị không hợp lệ.",
        ["Converter_ConversionFailed"] = "Giá trị không hợp lệ.",
        ["Converter_UnableToConvert"] = "Giá trị không hợp lệ.",
    };

    public override LocalizedString this[string key] =>
        Texts.TryGetValue(key, out var text) ? new LocalizedString(key, text) : new LocalizedString(key, key, resourceNotFound: true);

    public override LocalizedString this[string key, params object[] arguments] => this[key];

    /// <summary>The one place the app and its component tests set MudBlazor up.</summary>
    public static IServiceCollection AddTo(IServiceCollection services)
    {
        services.AddMudServices();
        services.AddTransient<MudLocalizer, VietnameseMudLocalizer>();
        return services;
    }
}
