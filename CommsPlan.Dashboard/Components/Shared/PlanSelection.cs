using System.Globalization;
using CommsPlan.Core.Plans;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;

namespace CommsPlan.Dashboard.Components.Shared;

/// <summary>
/// The plan year a page works in, as its URL names it (<c>?plan=2022</c>), so a link shows the same year. Every page
/// reads it the same way: <c>[SupplyParameterFromQuery(Name = PlanSelection.QueryName)] int? PlanYear</c>, then
/// <see cref="ResolveAsync"/>, which falls back to the current plan (<see cref="PlanQueries.CurrentFirst"/>) when the URL
/// names none, or a year without an issued plan. Links keep the year with <see cref="Href"/>.
/// </summary>
public sealed class PlanSelection(PlanService plans, NavigationManager navigation)
{
    public const string QueryName = "plan";

    /// <summary>Query parameters that name dates of one year: a change of plan drops them.</summary>
    private static readonly string[] YearBound = ["period", "from", "to"];

    public Task<PlanChoices> ChoicesAsync(CancellationToken ct = default) => plans.GetChoicesAsync(ct);

    /// <summary>The plan of <paramref name="year"/> if issued, else the current plan; null only when no plan is issued.</summary>
    public async Task<PlanChoice?> ResolveAsync(int? year, CancellationToken ct = default) => (await plans.GetChoicesAsync(ct)).Pick(year);

    /// <summary>The year the current URL names, if any.</summary>
    public int? YearInUrl => YearIn(navigation.Uri);

    /// <summary><paramref name="href"/> carrying the year the current URL names (unchanged when it names none).</summary>
    public string Href(string href) => WithPlan(href, YearInUrl);

    /// <summary>Opens the same page in the plan of <paramref name="year"/>, without the dates of the year left behind.</summary>
    public void Select(int year)
    {
        var parameters = new Dictionary<string, object?> { [QueryName] = year };
        foreach (var name in YearBound) parameters[name] = null;
        navigation.NavigateTo(navigation.GetUriWithQueryParameters(parameters));
    }

    public static int? YearIn(string uri)
    {
        var query = new Uri(uri, UriKind.Absolute).Query;
        return QueryHelpers.ParseQuery(query).TryGetValue(QueryName, out var values)
               && int.TryParse(values.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            ? year
            : null;
    }

    /// <summary><paramref name="href"/> with <c>plan=<paramref name="year"/></c> added (unless it names a plan already).</summary>
    public static string WithPlan(string href, int? year)
    {
        ArgumentNullException.ThrowIfNull(href);
        if (year is not { } y || href.Contains(QueryName + "=", StringComparison.Ordinal)) return href;
        return QueryHelpers.AddQueryString(href, QueryName, y.ToString(CultureInfo.InvariantCulture));
    }
}
