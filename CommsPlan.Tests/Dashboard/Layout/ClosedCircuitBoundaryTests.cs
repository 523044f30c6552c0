using Bunit;
using CommsPlan.Dashboard.Components.Layout;
using CommsPlan.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;

namespace CommsPlan.Tests.Dashboard.Layout;

/// <summary>
/// A page closed while a component still calls JavaScript (MudBlazor's charts from OnAfterRenderAsync) ends quietly at
/// Debug; any other exception still fails the circuit.
/// </summary>
public sealed class ClosedCircuitBoundaryTests : ComponentTestContext
{
    private readonly RecordingLoggerProvider _logs = new();

    public ClosedCircuitBoundaryTests()
    {
        Services.AddLogging(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
    }

    [Fact]
    public void AJavaScriptCallAfterThePageClosedIsLoggedAtDebugAndTheClosingPageDrawsNothingMore()
    {
        var boundary = Render<ClosedCircuitBoundary>(p => p.AddChildContent<ThrowsAfterRender>(c =>
            c.Add(x => x.Failure, new JSDisconnectedException("JavaScript interop calls cannot be issued at this time."))));

        boundary.WaitForAssertion(() => Assert.Empty(boundary.FindComponents<ThrowsAfterRender>()));
        var entry = Assert.Single(_logs.Entries, e => e.Category == typeof(ClosedCircuitBoundary).FullName);
        Assert.Equal(LogLevel.Debug, entry.Level);
        Assert.DoesNotContain(_logs.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task AnyOtherExceptionIsThrownOnAsWithoutTheBoundary()
    {
        var failure = new InvalidOperationException("a real fault");

        // The renderer's unhandled exception (in the app, the circuit fails and logs it at Error): bUnit throws it from
        // the render when it surfaces at once, and reports it afterwards when it surfaces later.
        var unhandled = Record.Exception(() => Render<ClosedCircuitBoundary>(p => p.AddChildContent<ThrowsAfterRender>(c => c.Add(x => x.Failure, failure))))
            ?? await Renderer.UnhandledException.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Same(failure, unhandled is AggregateException aggregate ? aggregate.InnerException : unhandled);
    }

    /// <summary>Renders a line, then fails after rendering as a chart does when its circuit is gone.</summary>
    private sealed class ThrowsAfterRender : ComponentBase
    {
        [Parameter, EditorRequired] public required Exception Failure { get; set; }

        protected override void BuildRenderTree(RenderTreeBuilder builder) => builder.AddContent(0, "chart");

        protected override async Task OnAfterRenderAsync(bool firstRender)
        {
            if (!firstRender) return;
            await Task.Yield();
            throw Failure;
        }
    }

    private sealed class RecordingLoggerProvider : ILoggerProvider
    {
        private readonly List<(string Category, LogLevel Level)> _entries = [];

        public IReadOnlyList<(string Category, LogLevel Level)> Entries
        {
            get
            {
                lock (_entries) return [.. _entries];
            }
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose() { }

        private sealed class Logger(RecordingLoggerProvider provider, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (provider._entries) provider._entries.Add((category, logLevel));
            }
        }
    }
}
