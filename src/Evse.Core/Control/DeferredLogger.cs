using Microsoft.Extensions.Logging;

namespace Evse.Core.Control;

/// <summary>
/// The control loop's logger: the level check runs on the loop, the sink (console, journald pipe, file) runs on
/// the record writer's thread, in order with the records. A sink that blocks then holds up the books, not the
/// contactor. A line carries the time the sink sees it, at most a few writes later than the event.
/// </summary>
internal sealed class DeferredLogger(ILogger inner, RecordWriter writer) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!inner.IsEnabled(logLevel))
        {
            return;
        }

        writer.Log(() => inner.Log(logLevel, eventId, state, exception, formatter));
    }
}
