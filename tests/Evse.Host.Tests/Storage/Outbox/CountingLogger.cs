using Microsoft.Extensions.Logging;

namespace Evse.Host.Tests.Storage.Outbox;

/// <summary>Counts warnings and errors so a test fails on an unexpected one.</summary>
internal sealed class CountingLogger<T> : ILogger<T>
{
    private int _errors;
    private int _warnings;

    public int Errors => Volatile.Read(ref _errors);

    public int Warnings => Volatile.Read(ref _warnings);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel >= LogLevel.Error)
        {
            Interlocked.Increment(ref _errors);
        }
        else if (logLevel == LogLevel.Warning)
        {
            Interlocked.Increment(ref _warnings);
        }
    }
}
