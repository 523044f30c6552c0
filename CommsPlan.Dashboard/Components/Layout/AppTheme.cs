using MudBlazor;

namespace CommsPlan.Dashboard.Components.Layout;

/// <summary>The dashboard's palette: the deep red and blue of provincial documents, calm greys elsewhere.</summary>
public static class AppTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f4e79",
            Secondary = "#b71c1c",
            AppbarBackground = "#1f4e79",
            Background = "#f5f6f8",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Roboto", "Segoe UI", "Noto Sans", "DejaVu Sans", "Arial", "sans-serif"] },
        },
    };
}
