using Evse.Core.Charging;
using Evse.Core.Control;
using Evse.Core.Pilot;
using Evse.Core.Ports;
using Evse.Core.Ports.Hardware;
using Evse.Core.Protection;
using Evse.Core.Station;
using Evse.Hardware.Simulated;
using Evse.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Evse.Core.Tests.Control;

/// <summary>The real loop on the simulated board with stores that can be held: storage never holds up a trip.</summary>
public sealed class ConnectorControllerRecordsTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new();
    private readonly MemoryRecordStores _stores = new();
    private readonly SimulatedBoard _board;
    private readonly ConnectorController _controller;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public ConnectorControllerRecordsTests()
    {
        _board = new SimulatedBoard(1, new SimulationOptions(), _time);
        _controller = new ConnectorController(
            new ConnectorContext(
                _board.SimulatedConnectors[0],
                _board.Buzzer,
                _board.Supply,
                new ConnectorStores(_stores, _stores),
                new AcceptAll(),
                new StationEventHub()),
            new ConnectorConfiguration(
                ConnectorSettings.Default with { PlugAndChargeId = "FREEVEND01" },
                ProtectionSettings.ForPhases(1),
                FirmwareSettingAmps: 32,
                ConnectorRatingAmps: 32,
                _board.DipSwitch.Read()),
            _time,
            new ControlLoopOptions(),
            NullLogger<ConnectorController>.Instance);
    }

    private SimContactorView Contactor => new(_board.SimulatedConnectors[0].Contactor);

    [Fact]
    public void PostedFault_WhileTheFaultStoreIsStuck_OpensTheContactorAndTheLoopKeepsStepping()
    {
        StartCharging();
        _stores.Gate.Reset();

        _controller.Post(new FaultRaised(FaultCode.OverCurrent));
        Assert.True(SpinWait.SpinUntil(() => !Contactor.CommandedClosed, Patience), "the contactor did not open");
        Assert.True(SpinWait.SpinUntil(() => _controller.Snapshot.State.ActiveFaults.Contains(FaultCode.OverCurrent), Patience));

        // The loop is free: it steps on while the fault record waits for the store.
        var at = _time.GetUtcNow() + TimeSpan.FromSeconds(1);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(SpinWait.SpinUntil(() => _controller.Snapshot.At >= at, Patience), "the loop stopped stepping");
        Assert.DoesNotContain("open OverCurrent", _stores.Log);
        Assert.True(_controller.PendingRecordWrites > 0);

        _stores.Gate.Set();
        Assert.True(_controller.WaitForRecords(Patience));
        Assert.Contains("open OverCurrent", _stores.Log);
    }

    [Fact]
    public void PostedFault_WhileCharging_DrivesStateFAtOnce()
    {
        StartCharging();

        _controller.Post(new FaultRaised(FaultCode.OverCurrent));

        Assert.True(SpinWait.SpinUntil(() => _board.SimulatedConnectors[0].Pilot.Output == PilotOutput.StateF, Patience), "state F was not driven");
        Assert.False(Contactor.CommandedClosed);
    }

    [Fact]
    public async Task RunAsync_StoppedWithASessionAndFaultRecordsQueued_WritesThemAllBeforeItCompletes()
    {
        StartCharging();
        _stores.Gate.Reset();
        _controller.Post(new FaultRaised(FaultCode.OverCurrent));
        Assert.True(SpinWait.SpinUntil(() => !Contactor.CommandedClosed, Patience));

        await _stop.CancelAsync();
        var stopped = _loop!;
        Assert.False(await RecordWriterTests.FinishesWithin(stopped, TimeSpan.FromMilliseconds(200)), "the loop finished before its records were written");
        _stores.Gate.Set();
        await stopped.WaitAsync(Patience);

        Assert.Equal(["begin", "open OverCurrent", "end Reboot"], _stores.Log.Where(e => !e.StartsWith("progress", StringComparison.Ordinal)));
    }

    public void Dispose()
    {
        _stores.Gate.Set();
        _stop.Cancel();
        _loop?.Wait(Patience);
        _controller.Dispose();
        _stop.Dispose();
        _stores.Dispose();
    }

    private void StartCharging()
    {
        _loop = _controller.RunAsync(StopReason.Reboot, _stop.Token);
        _board.SimulatedConnectors[0].Ev.Set(PilotState.C);
        // Bounded on the real clock, not on a count of fake steps: on a loaded CI machine the loop thread may not run
        // for seconds (StationIndicatorTests saw a fixed count of 20 ms waits run out first).
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!Contactor.CommandedClosed && waited.Elapsed < Patience * 3)
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
            SpinWait.SpinUntil(() => Contactor.CommandedClosed, TimeSpan.FromMilliseconds(50));
        }

        Assert.True(Contactor.CommandedClosed, $"no charging: {_controller.Snapshot.State.Status}");
    }

    private readonly record struct SimContactorView(IContactor Inner)
    {
        public bool CommandedClosed => Inner.IsCommandedClosed;
    }

    private sealed class AcceptAll : IAuthorizer
    {
        public Task<AuthorizationOutcome> AuthorizeAsync(int connectorId, string idTag, CancellationToken cancellationToken) =>
            Task.FromResult(new AuthorizationOutcome(AuthorizationStatus.Accepted, "Test"));
    }
}
