using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace CommsPlan.Dashboard.Components.Shared;

/// <summary>
/// Renders a fragment to one HTML string, to be shown as a <see cref="MarkupString"/>: one render-tree frame instead of
/// one per element, attribute and text. A live component keeps its current and previous render trees for the
/// circuit's life, so a long table of static rows (no event handlers, no components) costs far less this way
/// (docs/performance.md, server memory per open overview circuit). The markup stays Razor, and Razor's encoding.
/// The string is kept per circuit too, so it is kept short: whitespace between tags (the template's indentation) is
/// dropped, which suits table rows and block elements; keep a space that matters inside an element's text.
/// </summary>
public static partial class StaticHtml
{
    /// <summary>The fragment's HTML. It must not hold event handlers or interactive components: they would be lost.</summary>
    public static async Task<MarkupString> RenderAsync(IServiceProvider services, ILoggerFactory loggers, RenderFragment fragment)
    {
        await using var renderer = new HtmlRenderer(services, loggers);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?> { [FragmentHost.Content] = fragment });
            var root = await renderer.RenderComponentAsync<FragmentHost>(parameters);
            return new MarkupString(BetweenTags().Replace(root.ToHtmlString(), "><"));
        });
    }

    /// <summary>
    /// The fragment's HTML, shared by every caller that renders the same <paramref name="owner"/> with the same
    /// <paramref name="key"/>: the overview's figures are one object for all the circuits that load them together
    /// (MonitoringQueryService shares a computation, and a save reloads every open overview at once), so their tables
    /// can be one string too. The entry lives as long as the owner. The caller vouches that the fragment's output
    /// depends on nothing but the owner and the key.
    /// </summary>
    public static async Task<MarkupString> RenderSharedAsync(object owner, string key, IServiceProvider services, ILoggerFactory loggers,
        RenderFragment fragment)
    {
        var rendered = Shared.GetValue(owner, _ => new ConcurrentDictionary<string, MarkupString>());
        if (rendered.TryGetValue(key, out var html)) return html;
        return rendered.GetOrAdd(key, await RenderAsync(services, loggers, fragment));
    }

    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<string, MarkupString>> Shared = new();

    [GeneratedRegex(@">\s+<")]
    private static partial Regex BetweenTags();

    /// <summary>Renders the fragment it is given, once.</summary>
    internal sealed class FragmentHost : IComponent
    {
        public const string Content = nameof(Content);

        private RenderHandle _handle;

        public void Attach(RenderHandle renderHandle) => _handle = renderHandle;

        public Task SetParametersAsync(ParameterView parameters)
        {
            var content = parameters.GetValueOrDefault<RenderFragment>(Content);
            _handle.Render(content ?? (_ => { }));
            return Task.CompletedTask;
        }
    }
}
