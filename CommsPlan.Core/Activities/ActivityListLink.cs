using System.Globalization;
using System.Text;

namespace CommsPlan.Core.Activities;

/// <summary>
/// The activity list's plan year, filters, sort and page as a link: <c>plan=2022&amp;agency=STP&amp;channel=BAO&amp;from=2021-01-01&amp;q=…&amp;sort=-date&amp;page=2</c>,
/// with the catalogue's stable codes (domain.md), not database ids, so a link stays valid across databases and can be
/// sent to a colleague. Parsing is forgiving: an unknown code or a malformed value is dropped, never an error page.
/// </summary>
public static class ActivityListLink
{
    public const int DefaultPageSize = 25;

    /// <summary>The plan year, as every page's URL carries it (<c>plan=2022</c>).</summary>
    public const string PlanKey = "plan";

    /// <summary>The plan year a link names, if any: which catalogue its codes are read in.</summary>
    public static int? PlanYearOf(Func<string, string?> get)
    {
        ArgumentNullException.ThrowIfNull(get);
        return int.TryParse(get(PlanKey), NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? year : null;
    }

    private static readonly (ActivitySort Sort, string Key)[] SortKeys =
    [
        (ActivitySort.StartDate, "date"), (ActivitySort.Title, "title"), (ActivitySort.Agency, "agency"),
        (ActivitySort.Channel, "channel"), (ActivitySort.Quantity, "quantity"), (ActivitySort.Cost, "cost"),
        (ActivitySort.UpdatedAt, "updated"),
    ];

    /// <summary>
    /// The query string (without "?") of <paramref name="query"/>; defaults are left out, so the plain list is "". The plan
    /// year is written when the query names one; <paramref name="catalogue"/> must be that plan's, whose codes the link uses.
    /// </summary>
    public static string ToQueryString(ActivityQuery query, ActivityCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(catalogue);
        var parts = new List<(string, string)>();
        if (query.PlanYear is { } plan) parts.Add((PlanKey, plan.ToString(CultureInfo.InvariantCulture)));
        if (catalogue.FindAgency(query.AgencyId) is { } agency) parts.Add(("agency", agency.Code));
        if (catalogue.FormGroups.FirstOrDefault(g => g.Id == query.FormGroupId) is { } group) parts.Add(("group", group.Code));
        if (catalogue.FindChannel(query.ChannelId) is { } channel) parts.Add(("channel", channel.Code));
        if (catalogue.Objectives.FirstOrDefault(o => o.Id == query.ObjectiveId) is { } objective) parts.Add(("objective", objective.Code));
        if (catalogue.Themes.FirstOrDefault(t => t.Id == query.ThemeId) is { } theme) parts.Add(("theme", theme.Code));
        if (query.From is { } from) parts.Add(("from", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        if (query.To is { } to) parts.Add(("to", to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        if (!string.IsNullOrWhiteSpace(query.Text)) parts.Add(("q", query.Text.Trim()));
        if (query.SortBy != ActivitySort.StartDate || !query.Descending)
            parts.Add(("sort", (query.Descending ? "-" : "") + SortKeys.First(k => k.Sort == query.SortBy).Key));
        if (query.Page > 0) parts.Add(("page", (query.Page + 1).ToString(CultureInfo.InvariantCulture)));
        if (query.PageSize != DefaultPageSize) parts.Add(("size", query.PageSize.ToString(CultureInfo.InvariantCulture)));

        var text = new StringBuilder();
        foreach (var (key, value) in parts)
        {
            if (text.Length > 0) text.Append('&');
            text.Append(key).Append('=').Append(Uri.EscapeDataString(value));
        }
        return text.ToString();
    }

    /// <summary>
    /// The query a link asks for; <paramref name="get"/> returns a parameter's (unescaped) value or null. A channel
    /// outside the chosen form group is dropped, as the list's own filters do, so a link never silently shows nothing.
    /// </summary>
    public static ActivityQuery Parse(Func<string, string?> get, ActivityCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(get);
        ArgumentNullException.ThrowIfNull(catalogue);
        var group = catalogue.FormGroups.FirstOrDefault(g => Same(g.Code, get("group")));
        var channel = catalogue.Channels.FirstOrDefault(c => Same(c.Code, get("channel")));
        if (group is not null && channel is not null && channel.FormGroupId != group.Id) channel = null;
        var (sort, descending) = ParseSort(get("sort"));
        var page = int.TryParse(get("page"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p >= 1 ? p - 1 : 0;
        var size = int.TryParse(get("size"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s is >= 1 and <= ActivityQuery.MaxPageSize
            ? s : DefaultPageSize;
        var text = get("q")?.Trim();
        return new ActivityQuery
        {
            PlanYear = PlanYearOf(get),
            AgencyId = catalogue.Agencies.FirstOrDefault(a => Same(a.Code, get("agency")))?.Id,
            FormGroupId = group?.Id,
            ChannelId = channel?.Id,
            // An objective's code or how the screen shows it (MD1 or MĐ1), as the import accepts both.
            ObjectiveId = catalogue.Objectives.FirstOrDefault(o => Same(o.Code, get("objective")) || Same(o.DisplayCode, get("objective")))?.Id,
            ThemeId = catalogue.Themes.FirstOrDefault(t => Same(t.Code, get("theme")) || Same(t.DisplayCode, get("theme")))?.Id,
            From = Day(get("from")),
            To = Day(get("to")),
            Text = string.IsNullOrEmpty(text) ? null : text[..Math.Min(text.Length, ActivityLimits.DescriptionMaxLength)],
            SortBy = sort,
            Descending = descending,
            Page = page,
            PageSize = size,
        };
    }

    private static (ActivitySort Sort, bool Descending) ParseSort(string? value) =>
        string.IsNullOrWhiteSpace(value) ? (ActivitySort.StartDate, true) : TryParseSort(value) ?? (ActivitySort.StartDate, true);

    /// <summary>A sort key ("title", "-date"), or null when it names no column.</summary>
    internal static (ActivitySort Sort, bool Descending)? TryParseSort(string value)
    {
        var descending = value.StartsWith('-');
        var key = value.TrimStart('-');
        foreach (var (sort, name) in SortKeys)
            if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase)) return (sort, descending);
        return null;
    }

    /// <summary>The sort keys a link accepts, for a message listing them.</summary>
    internal static IEnumerable<string> SortKeyNames => SortKeys.Select(k => k.Key);

    private static DateOnly? Day(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private static bool Same(string code, string? value) =>
        value is not null && string.Equals(code, value.Trim(), StringComparison.OrdinalIgnoreCase);
}
