using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CommsPlan.Tests.Support;

/// <summary>A log provider keeping every formatted message with its category, for tests that read what was logged.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, string Message)> _messages = new();

    public IReadOnlyList<(string Category, string Message)> Messages => [.. _messages];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) owner._messages.Enqueue((category, formatter(state, exception)));
        }
    }
}
