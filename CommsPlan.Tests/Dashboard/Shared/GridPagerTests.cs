using System.Globalization;
using System.Linq.Expressions;
using System.Text.RegularExpressions;
using Bunit;
using CommsPlan.Dashboard.Components.Shared;
using CommsPlan.Tests.Support;
using MudBlazor;

namespace CommsPlan.Tests.Dashboard.Shared;

/// <summary>
/// MudBlazor's grid formats its pager's counts ("1–25 / 3.026") and its columns with the grid's own Culture, which is
/// the invariant culture unless the grid says otherwise, whatever the thread's culture: every grid of the app says vi-VN.
/// </summary>
public sealed partial class GridPagerTests : ComponentTestContext
{
    [Fact]
    public void AGridInVietnameseCountsItsRowsWithVietnameseSeparators()
    {
        var grid = Render<MudDataGrid<int>>(p => p
            .Add(g => g.Items, Enumerable.Range(1, 3026).ToList())
            .Add(g => g.RowsPerPage, 25)
            .Add(g => g.Culture, Vn.Culture)
            .Add(g => g.Columns, b =>
            {
                b.OpenComponent<PropertyColumn<int, int>>(0);
                b.AddAttribute(1, "Property", (Expression<Func<int, int>>)(x => x));
                b.CloseComponent();
            })
            .Add(g => g.PagerContent, b =>
            {
                b.OpenComponent<MudDataGridPager<int>>(0);
                b.AddAttribute(1, "InfoFormat", "{first_item}–{last_item} / {all_items}");
                b.CloseComponent();
            }));

        Assert.Contains(grid.FindAll(".mud-table-pagination-caption"), e => e.TextContent.Trim() == "1–25 / 3.026");
    }

    [Fact]
    public void EveryGridOfTheAppFormatsInVietnamese()
    {
        var components = Path.Combine(RepositoryRoot(), "CommsPlan.Dashboard", "Components");
        var grids = Directory.EnumerateFiles(components, "*.razor", SearchOption.AllDirectories)
            .SelectMany(file => GridTag().Matches(File.ReadAllText(file)).Select(m => (File: Path.GetFileName(file), Tag: m.Value)))
            .ToList();

        Assert.NotEmpty(grids);
        var english = grids.Where(g => !g.Tag.Contains("Culture=\"Vn.Culture\"", StringComparison.Ordinal)).Select(g => g.File).ToList();
        Assert.True(english.Count == 0, "Grids without Culture=\"Vn.Culture\": " + string.Join(", ", english));
    }

    [GeneratedRegex(@"<MudDataGrid\b[^>]*>", RegexOptions.Singleline)]
    private static partial Regex GridTag();

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CommsPlan.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("CommsPlan.sln not found above the test output.");
    }
}
