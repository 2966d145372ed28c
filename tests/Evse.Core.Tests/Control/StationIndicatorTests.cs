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

/// <summary>The station's LED, display and buzzer are driven off the loops' threads: a hung display never delays a trip.</summary>
public sealed class StationIndicatorTests : IDisposable
{
    // Only a bound on real time for threads to start and step: a loaded CI machine took longer than 10 s once.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly FakeTimeProvider _time = new();
    private readonly MemoryRecordStores _stores = new();
    private readonly SimulatedBoard _board;
    private readonly BlockingDisplay _display;
    private readonly StationController _station;
    private readonly CancellationTokenSource _stop = new();
    private Task? _run;

    public StationIndicatorTests()
    {
        _board = new SimulatedBoard(1, new SimulationOptions(), _time);
        _display = new BlockingDisplay(_time, TimeSpan.FromSeconds(1));
        _station = new StationController(
            new DisplaySwapped(_board, _display),
            (connector, sink, watch, buzzer) => new ConnectorController(
                new ConnectorContext(connector, buzzer, _board.Supply, new ConnectorStores(_stores, _stores), new AcceptAll(), sink, watch),
                new ConnectorConfiguration(
                    ConnectorSettings.Default with { PlugAndChargeId = "FREEVEND01" },
                    ProtectionSettings.ForPhases(1),
                    FirmwareSettingAmps: 32,
                    ConnectorRatingAmps: 32,
                    _board.DipSwitch.Read()),
                _time,
                new ControlLoopOptions(),
                NullLogger<ConnectorController>.Instance),
            new StationEventHub(),
            _time,
            TimeSpan.FromSeconds(1));
    }

    private ConnectorController Connector => _station.ConnectorControllers[0];

    private IContactor Contactor => _board.SimulatedConnectors[0].Contactor;

    [Fact]
    public void PostedFault_WhileTheDisplayBlocksForOneSecond_OpensTheContactorWithoutWaitingForIt()
    {
        StartCharging();
        _display.Hold();

        // A fault that leaves the contactor closed but changes the errorCode: a status change, so a frame is drawn and hangs.
        Connector.Post(new FaultRaised(FaultCode.CardReaderOffline));
        Assert.True(WaitForHungFrame(), "the status change drew no frame");
        Assert.True(Contactor.IsCommandedClosed);

        Connector.Post(new FaultRaised(FaultCode.OverCurrent));

        Assert.True(SpinWait.SpinUntil(() => !Contactor.IsCommandedClosed, Patience), "the contactor waited for the display");
        Assert.True(_display.Blocked, "the display was released before the open; the test proves nothing");
        // The loop opens the contactor first and drives state F right after: on a loaded machine the test can look
        // between the two.
        Assert.True(SpinWait.SpinUntil(() => _board.SimulatedConnectors[0].Pilot.Output == PilotOutput.StateF, Patience), $"pilot {_board.SimulatedConnectors[0].Pilot.Output}");
    }

    [Fact]
    public void StatusChange_AfterAHungFrameReturns_ShowsTheLatestStateInOneMoreFrame()
    {
        StartCharging();
        _display.Hold();
        Connector.Post(new FaultRaised(FaultCode.CardReaderOffline));
        Assert.True(WaitForHungFrame(), "no frame was drawn");
        var shown = _display.Shown;

        Connector.Post(new FaultRaised(FaultCode.OverCurrent));
        Assert.True(SpinWait.SpinUntil(() => Connector.Snapshot.State.Status == ChargePointStatus.Faulted, Patience));
        _time.Advance(TimeSpan.FromSeconds(1));

        // The hung frame ends, then one more frame shows the fault (the changes in between were folded into it).
        Assert.True(SpinWait.SpinUntil(() => _display.Shown >= shown + 2 && _board.StatusLed.Pattern == LedPattern.RedFlashing, Patience), $"LED {_board.StatusLed.Pattern}, frames {_display.Shown - shown}");
    }

    public void Dispose()
    {
        _stop.Cancel();
        _time.Advance(TimeSpan.FromSeconds(5));
        _run?.Wait(Patience);
        _station.Dispose();
        _stop.Dispose();
        _stores.Dispose();
    }

    /// <summary>
    /// Waits for the next frame to hang in the display. Which frame it is does not matter: a frame drawn between the
    /// charging start and <see cref="BlockingDisplay.Hold"/> can take the status change's redraw with it (CI saw that
    /// on a loaded machine), so samples are let through, 100 ms of fake time at a time, until one draws: less than the
    /// display's 1 s hang in all, so the hung frame stays hung.
    /// </summary>
    private bool WaitForHungFrame()
    {
        for (var step = 0; step < 9 && !SpinWait.SpinUntil(() => _display.Blocked, TimeSpan.FromMilliseconds(200)); step++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
        }

        return SpinWait.SpinUntil(() => _display.Blocked, Patience);
    }

    private void StartCharging()
    {
        _run = _station.RunAsync(StopReason.Reboot, _stop.Token);
        _board.SimulatedConnectors[0].Ev.Set(PilotState.C);
        // Bounded on the real clock, not on a count of fake steps: on a loaded CI machine the loop threads may not run
        // at all for seconds, and a fixed count of 20 ms waits ran out before they did (CI saw "no charging: Available").
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!Contactor.IsCommandedClosed && waited.Elapsed < Patience * 3)
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
            SpinWait.SpinUntil(() => Contactor.IsCommandedClosed, TimeSpan.FromMilliseconds(50));
        }

        Assert.True(Contactor.IsCommandedClosed, $"no charging: {Connector.Snapshot.State.Status}");
    }

    private sealed class DisplaySwapped(SimulatedBoard board, IDisplay display) : IStationHardware
    {
        public IReadOnlyList<IConnectorHardware> Connectors => board.Connectors;

        public IDipSwitch DipSwitch => board.DipSwitch;

        public IStatusLed StatusLed => board.StatusLed;

        public IBuzzer Buzzer => board.Buzzer;

        public ICardReader CardReader => board.CardReader;

        public IDisplay Display => display;

        public ISupplyMonitor Supply => board.Supply;

        public IGridMeter? GridMeter => board.GridMeter;
    }

    private sealed class AcceptAll : IAuthorizer
    {
        public Task<AuthorizationOutcome> AuthorizeAsync(int connectorId, string idTag, CancellationToken cancellationToken) =>
            Task.FromResult(new AuthorizationOutcome(AuthorizationStatus.Accepted, "Test"));
    }
}
