using System.Globalization;
using AngleSharp.Dom;
using Bunit;
using CommsPlan.Dashboard.Components.Shared;
using CommsPlan.Tests.Support;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CommsPlan.Tests.Dashboard.Shared;

/// <summary>
/// StaticMud imitates MudBlazor's markup for elements the overview renders as plain markup. Each piece is rendered next
/// to the MudBlazor component it imitates and must carry the same classes and structure, so a MudBlazor upgrade that
/// changes them fails here rather than silently unstyling the overview.
/// </summary>
public sealed class StaticMudTests : ComponentTestContext
{
    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    public void PaperHasMudPapersClasses(int elevation)
    {
        var mud = Render<MudPaper>(p => p.Add(x => x.Elevation, elevation)).Find("div");

        Assert.Equal(Classes(mud), Classes(StaticMud.Paper(elevation)));
    }

    [Theory]
    [InlineData(Typo.h4, "h1")]
    [InlineData(Typo.h6, "h2")]
    [InlineData(Typo.subtitle2, "h3")]
    [InlineData(Typo.body1, "p")]
    [InlineData(Typo.body2, "p")]
    [InlineData(Typo.caption, "span")]
    public void TextHasMudTextsClasses(Typo typo, string tag)
    {
        var mud = Render<MudText>(p => p.Add(x => x.Typo, typo).Add(x => x.HtmlTag, tag).AddChildContent("Tổng quan")).Find(tag);

        Assert.Equal(Classes(mud), Classes(StaticMud.Text(typo)));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void GridHasMudGridsClasses(int spacing)
    {
        var mud = Render<MudGrid>(p => p.Add(x => x.Spacing, spacing)).Find("div");

        Assert.Equal(Classes(mud), Classes(StaticMud.Grid(spacing)));
    }

    [Theory]
    [InlineData(12, 6, 3, null)]
    [InlineData(12, null, 6, null)]
    [InlineData(12, null, 6, 3)]
    public void ItemHasMudItemsClasses(int xs, int? sm, int? md, int? lg)
    {
        var mud = Render<MudItem>(p =>
        {
            p.Add(x => x.xs, xs);
            if (sm is { } s) p.Add(x => x.sm, s);
            if (md is { } m) p.Add(x => x.md, m);
            if (lg is { } l) p.Add(x => x.lg, l);
        }).Find("div");

        Assert.Equal(Classes(mud), Classes(StaticMud.Item(xs, sm, md, lg)));
    }

    [Fact]
    public void LinkHasMudLinksClasses()
    {
        var mud = Render<MudLink>(p => p.Add(x => x.Href, "/agencies/STP").Add(x => x.Typo, Typo.body2).AddChildContent("Sở Tư pháp")).Find("a");

        Assert.Equal(Classes(mud), Classes(StaticMud.Link));
    }

    [Theory]
    [InlineData(Color.Success, Size.Small)]
    [InlineData(Color.Warning, Size.Medium)]
    [InlineData(Color.Primary, Size.Small)]
    [InlineData(Color.Default, Size.Medium)]
    public void IconIsMudIconsSvg(Color color, Size size)
    {
        var icon = Icons.Material.Filled.NotificationsActive;
        var mud = Render<MudIcon>(p => p.Add(x => x.Icon, icon).Add(x => x.Color, color).Add(x => x.Size, size)).Find("svg");
        var imitation = Render(StaticMud.Icon(icon, color, size)).Find("svg");

        Assert.Equal(Classes(mud), Classes(imitation));
        Assert.Equal(Attributes(mud), Attributes(imitation));
        Assert.Equal(mud.InnerHtml, imitation.InnerHtml);
    }

    [Theory]
    [InlineData(Variant.Filled, Color.Success)]
    [InlineData(Variant.Filled, Color.Warning)]
    [InlineData(Variant.Filled, Color.Error)]
    [InlineData(Variant.Outlined, Color.Default)]
    [InlineData(Variant.Outlined, Color.Info)]
    public void ChipIsASmallMudChip(Variant variant, Color color)
    {
        var mud = Render<MudChip<string>>(p => p.Add(x => x.Size, Size.Small).Add(x => x.Variant, variant).Add(x => x.Color, color)
            .AddChildContent("Đạt")).Find(".mud-chip-container");
        var imitation = Render(StaticMud.Chip(variant, color, "Đạt")).Find(".mud-chip-container");

        Assert.Equal(Shape(mud), Shape(imitation));
        Assert.Equal(mud.TextContent, imitation.TextContent);
    }

    [Fact]
    public void AChipsExtraClassAndDataAttributesComeOnTopOfMudChipsClasses()
    {
        var chip = Render(StaticMud.Chip(Variant.Outlined, Color.Error, "Chưa ban hành", status: "Missing", testId: "unit-plan-status", extraClass: "ma-0"))
            .Find(".mud-chip");

        Assert.Equal(Classes(StaticMud.ChipClasses(Variant.Outlined, Color.Error) + " ma-0"), Classes(chip));
        Assert.Equal("Missing", chip.GetAttribute("data-status"));
        Assert.Equal("unit-plan-status", chip.GetAttribute("data-testid"));
    }

    [Theory]
    [InlineData(0.4, Color.Success)]
    [InlineData(1, Color.Warning)]
    [InlineData(0.125, Color.Error)]
    [InlineData(0.375, Color.Success)]
    public void ProgressBarIsARoundedMediumMudProgressLinear(double share, Color color)
    {
        // The app runs in Vietnamese, where a decimal comma would make the figures differ from MudBlazor's.
        using var culture = new CultureScope(CultureInfo.GetCultureInfo("vi-VN"));
        var mud = Render<MudProgressLinear>(p => p.Add(x => x.Value, share * 100).Add(x => x.Color, color).Add(x => x.Rounded, true)
            .Add(x => x.Size, Size.Medium)).Find("[role=progressbar]");
        var imitation = Render(StaticMud.ProgressBar(share, color)).Find("[role=progressbar]");

        Assert.Equal(Shape(mud), Shape(imitation));
        Assert.Equal(mud.GetAttribute("aria-valuenow"), imitation.GetAttribute("aria-valuenow"));
        Assert.Equal(mud.QuerySelector(".mud-progress-linear-bar")!.GetAttribute("style"),
            imitation.QuerySelector(".mud-progress-linear-bar")!.GetAttribute("style"));
    }

    [Fact]
    public void SortLabelAndItsArrowAreMudTableSortLabels()
    {
        var mud = Render<MudTableSortLabel<string>>(p => p.AddChildContent("Đơn vị")).Find(".mud-table-sort-label");
        var arrow = Render(StaticMud.SortIcon(SortDirection.None)).Find("svg");

        Assert.Contains(StaticMud.SortLabel, Classes(mud));
        var mudArrow = mud.QuerySelector("svg")!;
        Assert.Equal(Classes(mudArrow), Classes(arrow));
        Assert.Equal(Attributes(mudArrow), Attributes(arrow));
        var arrowPath = Assert.Single(arrow.QuerySelectorAll("path")).GetAttribute("d");
        Assert.Contains(mudArrow.QuerySelectorAll("path"), p => p.GetAttribute("d") == arrowPath);
    }

    [Theory]
    [InlineData(SortDirection.Ascending, "mud-direction-asc")]
    [InlineData(SortDirection.Descending, "mud-direction-desc")]
    public void TheArrowPointsAsTheColumnSorts(SortDirection direction, string directionClass)
    {
        var arrow = Render(StaticMud.SortIcon(direction)).Find("svg");

        Assert.Contains(directionClass, Classes(arrow));
        Assert.DoesNotContain("mud-direction-none", Classes(arrow));
    }

    private static string[] Classes(IElement element) => [.. element.ClassList.Order(StringComparer.Ordinal)];

    private static string[] Classes(string classes) =>
        [.. classes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];

    /// <summary>The attributes that matter to the look, without those Blazor or MudBlazor add for behaviour.</summary>
    private static string[] Attributes(IElement element) =>
        [.. element.Attributes.Where(a => a.Name is not ("class" or "id" or "tabindex" or "style") && !a.Name.StartsWith("blazor:", StringComparison.Ordinal)
            && !a.Name.StartsWith("aria-busy", StringComparison.Ordinal) && a.Name != "aria-live")
            .Select(a => $"{a.Name}={a.Value}").Order(StringComparer.Ordinal)];

    /// <summary>The tree of elements with their classes, as text: what CSS selectors see.</summary>
    private static string Shape(IElement element) =>
        $"{element.LocalName}[{string.Join(' ', Classes(element))}]({string.Join(",", element.Children.Select(Shape))})";

    private sealed class CultureScope : IDisposable
    {
        private readonly CultureInfo _culture = CultureInfo.CurrentCulture;

        public CultureScope(CultureInfo culture) => CultureInfo.CurrentCulture = culture;

        public void Dispose() => CultureInfo.CurrentCulture = _culture;
    }
}
