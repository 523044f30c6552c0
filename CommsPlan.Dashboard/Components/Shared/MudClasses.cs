using MudBlazor;

namespace CommsPlan.Dashboard.Components.Shared;

/// <summary>
/// MudBlazor's own CSS classes, for the few elements rendered as plain markup rather than as components: rows of long
/// tables, where every component's render tree is kept for the circuit's life (docs/performance.md).
/// </summary>
public static class MudClasses
{
    /// <summary>The palette name in MudBlazor's classes: "success", "warning", "error", "default"…</summary>
    public static string Name(Color color) => color.ToString().ToLowerInvariant();

    /// <summary>The classes of a small MudChip.</summary>
    public static string Chip(Variant variant, Color color) =>
        $"mud-chip mud-chip-{variant.ToString().ToLowerInvariant()} mud-chip-size-small mud-chip-color-{Name(color)}";
}
