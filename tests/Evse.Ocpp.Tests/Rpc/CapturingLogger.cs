using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Evse.Ocpp.Tests.Rpc;

/// <summary>Records log entries so tests can assert what was (and was not) logged at error level.</summary>
internal sealed class CapturingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<(LogLevel Level, EventId Id, string Message)> _entries = new();

    public IReadOnlyList<(LogLevel Level, EventId Id, string Message)> Entries => [.. _entries];

    public IEnumerable<int> EventIds(LogLevel level) => _entries.Where(e => e.Level == level).Select(e => e.Id.Id);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _entries.Enqueue((logLevel, eventId, formatter(state, exception)));
}
