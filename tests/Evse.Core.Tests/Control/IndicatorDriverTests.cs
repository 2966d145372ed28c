using Evse.Core.Indication;
using Evse.Core.Ports.Hardware;
using Microsoft.Extensions.Logging;

namespace Evse.Core.Tests.Control;

public sealed class IndicatorDriverTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly IndicationFrame Frame = new(LedPattern.GreenSteady, new DisplayContent("READY", null, '-'));

    [Fact]
    public async Task Play_FromTheCallersThread_BeepsOnTheIndicatorThread()
    {
        var parts = new Parts();
        using var driver = new IndicatorDriver(parts, parts, parts, () => Frame, new ListLogger());
        using var stop = new CancellationTokenSource();
        var run = driver.RunAsync(stop.Token);

        driver.Play(BuzzerPattern.Rejected);

        Assert.True(SpinWait.SpinUntil(() => parts.BeepThread is not null, Patience));
        Assert.Equal("indicators", parts.BeepThread);
        Assert.Equal(BuzzerPattern.Rejected, parts.LastBeep);
        await stop.CancelAsync();
        await run.WaitAsync(Patience);
    }

    [Fact]
    public async Task RunAsync_ComposeThrows_TheThreadEndsWithACriticalLogInsteadOfEndingTheProcess()
    {
        var parts = new Parts();
        var logger = new ListLogger();
        using var driver = new IndicatorDriver(parts, parts, parts, () => throw new KeyNotFoundException("bug"), logger);
        using var stop = new CancellationTokenSource();
        var run = driver.RunAsync(stop.Token);

        driver.Refresh();

        await run.WaitAsync(Patience);
        Assert.Contains(LogLevel.Critical, logger.Levels);
        Assert.Equal(LedPattern.Off, parts.Pattern);
    }

    private sealed class Parts : IStatusLed, IDisplay, IBuzzer
    {
        public LedPattern Pattern { get; private set; }

        public string? BeepThread { get; private set; }

        public BuzzerPattern? LastBeep { get; private set; }

        public void Show(LedPattern pattern) => Pattern = pattern;

        public void Show(DisplayContent content)
        {
        }

        public void Play(BuzzerPattern pattern)
        {
            LastBeep = pattern;
            BeepThread = Thread.CurrentThread.Name;
        }
    }

    private sealed class ListLogger : ILogger
    {
        private readonly List<LogLevel> _levels = [];

        public IReadOnlyList<LogLevel> Levels
        {
            get
            {
                lock (_levels)
                {
                    return [.. _levels];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_levels)
            {
                _levels.Add(logLevel);
            }
        }
    }
}
