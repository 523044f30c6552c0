using CommsPlan.Core.Access;
using CommsPlan.Core.Common;
using CommsPlan.Core.Compare;
using CommsPlan.Dashboard.Components.Shared;
using CommsPlan.Dashboard.Hosting;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CommsPlan.Dashboard.Components.Pages.Compare;

/// <summary>
/// Two plan years side by side (issue 17): the years, the span and the scope are kept in the URL (?base=2021&amp;year=2022),
/// so a link shows the same comparison; every figure comes from <see cref="CompareService"/>.
/// </summary>
public partial class CompareYears
{
    [Inject] private CompareService Comparisons { get; set; } = default!;
    [Inject] private UserContext UserContext { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "base")] public int? BaseKey { get; set; }
    [SupplyParameterFromQuery(Name = "year")] public int? YearKey { get; set; }
    [SupplyParameterFromQuery(Name = "span")] public string? SpanKey { get; set; }
    [SupplyParameterFromQuery(Name = "group")] public string? GroupKey { get; set; }

    private CurrentUser? _user;
    private CompareChoices? _choices;
    private YearComparison? _comparison;
    private int _baseYear;
    private int _currentYear;
    private CompareSpan _span;
    private AgencyGroup? _groupFilter;
    private bool _loading;
    private bool _denied;
    private string? _error;

    private const string SameDaysKey = "same";
    private const string WholeYearKey = "year";
    private static readonly string[] YearPalette = ["#90a4ae", "#1f4e79"];

    protected override async Task OnParametersSetAsync()
    {
        // The prerendered HTML is replaced as soon as the circuit starts: query once, when interactive.
        if (!RendererInfo.IsInteractive) return;
        _error = null;
        try
        {
            _user ??= await UserContext.GetAsync();
            _choices ??= await Comparisons.GetChoicesAsync(_user);
            if (!_choices.CanCompare) return;
            var years = _choices.Plans.Select(p => p.Year).ToHashSet();
            _baseYear = BaseKey is { } b && years.Contains(b) ? b : _choices.DefaultBase!.Value;
            _currentYear = YearKey is { } y && years.Contains(y) ? y : _choices.DefaultCurrent!.Value;
            _span = SpanKey?.ToLowerInvariant() switch
            {
                SameDaysKey => CompareSpan.SameDays,
                WholeYearKey => CompareSpan.WholeYear,
                _ => _choices.DefaultSpan(Math.Max(_baseYear, _currentYear)),
            };
            _groupFilter = Enum.TryParse<AgencyGroup>(GroupKey, ignoreCase: true, out var group) && Enum.IsDefined(group) ? group : null;
            if (_baseYear == _currentYear)
            {
                _comparison = null;
                _error = "Hãy chọn hai năm kế hoạch khác nhau để so sánh.";
                return;
            }
            _loading = true;
            StateHasChanged();
            _comparison = await Comparisons.CompareAsync(_user, _baseYear, _currentYear, _span,
                _groupFilter is { } g ? MonitoringScope.ForGroup(g) : MonitoringScope.Province);
        }
        catch (AccessDeniedException)
        {
            _denied = true;
        }
        catch (Exception e) when (e is BusinessRuleException or NotFoundException)
        {
            _comparison = null;
            _error = e.Message;
        }
        finally
        {
            _loading = false;
        }
    }

    private void Go(int baseYear, int currentYear, CompareSpan span, AgencyGroup? group) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["base"] = baseYear,
            ["year"] = currentYear,
            ["span"] = span == CompareSpan.SameDays ? SameDaysKey : WholeYearKey,
            ["group"] = group?.ToString(),
        }));

    private string ScopeTitle => _comparison?.Scope switch
    {
        { IsOwnAgencyOnly: true, Agency: { } agency } => agency.Name,
        { IsProvince: true } => "Toàn tỉnh",
        { } scope => scope.Description,
        _ => "",
    };

    private static readonly IReadOnlyList<ComparedTable.Measure> ChannelMeasures =
    [
        new("Số hoạt động", r => r.Activities),
        new("Số lượng", r => r.Quantity),
        new("Người tham dự (lượt người)", r => r.Participants),
        new("Kinh phí (đồng)", r => r.Cost),
    ];

    private static readonly IReadOnlyList<ComparedTable.Measure> SumMeasures =
    [
        new("Số hoạt động", r => r.Activities),
        new("Người tham dự (lượt người)", r => r.Participants),
        new("Kinh phí (đồng)", r => r.Cost),
    ];

    /// <summary>Each form group in bold, then its channels.</summary>
    private static List<ComparedTable.Line> ChannelLines(YearComparison c) =>
        [.. c.FormGroups.SelectMany(g => c.Channels.Where(ch => ch.GroupCode == g.Code).Select(ch => new ComparedTable.Line(ch))
            .Prepend(new ComparedTable.Line(g, Subtotal: true))),
         new ComparedTable.Line(c.Total, Subtotal: true)];

    private static List<ComparedTable.Line> Lines(IEnumerable<ComparedRow> rows) => [.. rows.Select(r => new ComparedTable.Line(r))];

    private static List<ChartSeries<double>> MonthSeries(YearComparison c) =>
    [
        new() { Name = $"Năm {c.Base.Year}", Data = c.Months.Select(m => (double)m.BaseActivities).ToArray() },
        new() { Name = $"Năm {c.Current.Year}", Data = c.Months.Select(m => (double)m.CurrentActivities).ToArray() },
    ];

    private static string[] MonthLabels(YearComparison c) =>
        [.. c.Months.Select(m => (m.CurrentMonth ?? m.BaseMonth) is { } month ? CompareText.Month(month) : $"Tháng thứ {m.Index}")];

    private static readonly BarChartOptions MonthOptions = new()
    {
        ShowLegend = true,
        YAxisToStringFunc = v => Vn.Number((long)Math.Round(v)),
        MaxNumYAxisTicks = 6,
        YAxisTicks = 1,
        ChartPalette = YearPalette,
    };
}
