using CommsPlan.Core.Common;

namespace CommsPlan.Core.Activities;

/// <summary>
/// How an import row or an API call names the catalogue of one plan: a channel by its code or name ("BAO"), an
/// objective or theme by its code or as the screen shows it ("MD1" or "MĐ1"), a district by its code or name with or
/// without "Huyện", an agency by its code ("BAOTN"); case and diacritics are ignored (<see cref="TextFolding"/>).
/// </summary>
public sealed class ActivityCodes
{
    private readonly Dictionary<string, ChannelOption> _channels;
    private readonly Dictionary<string, CatalogueOption> _objectives;
    private readonly Dictionary<string, CatalogueOption> _themes;
    private readonly Dictionary<string, DistrictOption> _districts;
    private readonly Dictionary<string, AgencyOption> _agencies;

    public ActivityCodes(ActivityCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        Catalogue = catalogue;
        _channels = Index(catalogue.Channels, c => [c.Code, c.Name]);
        _objectives = Index(catalogue.Objectives, o => [o.Code, o.DisplayCode]);
        _themes = Index(catalogue.Themes, t => [t.Code, t.DisplayCode]);
        _districts = Index(catalogue.Districts, d => [d.Code, d.Name, WithoutPrefix(d.Name)]);
        _agencies = Index(catalogue.Agencies, a => [a.Code]);
    }

    public ActivityCatalogue Catalogue { get; }

    public ChannelOption? Channel(string text) => Find(_channels, text);
    public CatalogueOption? Objective(string text) => Find(_objectives, text);
    public CatalogueOption? Theme(string text) => Find(_themes, text);
    public DistrictOption? District(string text) => Find(_districts, text);
    public AgencyOption? Agency(string text) => Find(_agencies, text);

    private static T? Find<T>(Dictionary<string, T> index, string text) where T : class =>
        index.GetValueOrDefault(TextFolding.Fold(text.Trim()));

    private static Dictionary<string, T> Index<T>(IEnumerable<T> items, Func<T, string[]> keys)
    {
        var index = new Dictionary<string, T>();
        foreach (var item in items)
        {
            foreach (var key in keys(item)) index.TryAdd(TextFolding.Fold(key), item);
        }
        return index;
    }

    /// <summary>"Huyện Đại Từ" is also found as "Đại Từ".</summary>
    private static string WithoutPrefix(string name)
    {
        foreach (var prefix in new[] { "Thành phố ", "Thị xã ", "Huyện " })
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return name[prefix.Length..];
        }
        return name;
    }
}
