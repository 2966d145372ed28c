using Evse.Core.Charging;
using Evse.Core.Control;
using Evse.Core.Ports;
using Evse.Core.Protection;
using Evse.Core.Station;
using Evse.Hardware.Simulated;
using Evse.Testing;
using Microsoft.Extensions.Logging;

namespace Evse.Core.Tests.Control;

/// <summary>When the kernel refuses SCHED_FIFO the loops carry on as ordinary threads, and the daemon says so once.</summary>
public sealed class RealTimeRefusalTests
{
    // Only a bound on real time for threads to start and step: a loaded CI machine took longer than 10 s once.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task RunAsync_SchedFifoRefusedOnTwoConnectors_BothLoopsStepAndOneWarningIsLogged()
    {
        var time = new FakeTimeProvider();
        var board = new SimulatedBoard(2, new SimulationOptions(), time);
        var logger = new CapturingLogger();
        using var stores = new MemoryRecordStores();

        // 1000 is outside SCHED_FIFO's 1–99: the kernel refuses it (EINVAL) even for root, as it refuses 50 (EPERM) to
        // a service without LimitRTPRIO.
        var options = new ControlLoopOptions { RealTimePriority = 1000 };
        using var station = new StationController(
            board,
            (connector, sink, watch, buzzer) => new ConnectorController(
                new ConnectorContext(connector, buzzer, board.Supply, new ConnectorStores(stores, stores), new NobodyAuthorizer(), sink, watch),
                new ConnectorConfiguration(ConnectorSettings.Default, ProtectionSettings.ForPhases(1), 32, 32, board.DipSwitch.Read()),
                time,
                options,
                logger),
            new StationEventHub(),
            time,
            TimeSpan.FromSeconds(1));
        using var stop = new CancellationTokenSource();
        var run = station.RunAsync(StopReason.Reboot, stop.Token);

        var at = time.GetUtcNow() + TimeSpan.FromSeconds(1);
        Assert.True(SpinWait.SpinUntil(() => station.ConnectorControllers.All(c => c.IsRunning), Patience), "a loop did not start");
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(SpinWait.SpinUntil(() => station.ConnectorControllers.All(c => c.Snapshot.At >= at), Patience), "a loop does not step");
        Assert.All(station.ConnectorControllers, c => Assert.True(c.WaitForRecords(Patience)));

        Assert.Single(logger.Warnings, w => w.EventId.Id == 1116);
        await stop.CancelAsync();
        await run.WaitAsync(Patience);
    }

    private sealed class NobodyAuthorizer : IAuthorizer
    {
        public Task<AuthorizationOutcome> AuthorizeAsync(int connectorId, string idTag, CancellationToken cancellationToken) =>
            Task.FromResult(new AuthorizationOutcome(AuthorizationStatus.Invalid, "Test"));
    }

    private sealed class CapturingLogger : ILogger<ConnectorController>
    {
        private readonly List<(EventId EventId, string Message)> _warnings = [];

        public IReadOnlyList<(EventId EventId, string Message)> Warnings
        {
            get
            {
                lock (_warnings)
                {
                    return [.. _warnings];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                lock (_warnings)
                {
                    _warnings.Add((eventId, formatter(state, exception)));
                }
            }
        }
    }
}
