using Evse.Core.Charging;
using Evse.Core.Control;
using Evse.Core.Indication;
using Evse.Core.Ports;
using Evse.Core.Ports.Hardware;
using Evse.Core.Protection;
using Evse.Core.Station;
using Evse.Core.Tests.Control;
using Evse.Hardware.Linux.Drivers;
using Evse.Hardware.Linux.Gpio;
using Evse.Hardware.Simulated;
using Evse.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Evse.Core.Tests.Indication;

/// <summary>
/// The real station (loops, indicator thread) on the simulated board and a fake clock, with three parts swapped: the
/// display records every frame with the LED pattern shown just before it, the buzzer is the real <see cref="GpioBuzzer"/>
/// on an output that notes each edge at its fake time, and the residual-current self test waits for <see cref="ReleaseSelfTest"/>.
/// Cards: "GOOD" is accepted, any other is rejected.
/// </summary>
internal sealed class StationIndicationRig : IDisposable
{
    // Only a bound on real time for the loops to start and step: a loaded CI machine took longer than 10 s once.
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly MemoryRecordStores _stores = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly GpioBuzzer _buzzer;
    private readonly CountingBuzzer _counting;
    private int _playsSeen;
    private readonly TaskCompletionSource _selfTestGate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _run;

    public StationIndicationRig()
    {
        Board = new SimulatedBoard(1, new SimulationOptions(), Time);
        BuzzerOutput = new EdgeRecorder(Time);
        _buzzer = new GpioBuzzer(BuzzerOutput, Time);
        _counting = new CountingBuzzer(_buzzer);
        Display = new FrameRecorder(Board.StatusLed);
        var connector = new SelfTestGatedConnector(Board.Connectors[0], _selfTestGate.Task);
        Station = new StationController(
            new Swapped(Board, connector, Display, _counting),
            (c, sink, watch, buzzer) => new ConnectorController(
                new ConnectorContext(c, buzzer, Board.Supply, new ConnectorStores(_stores, _stores), new GoodCardOnly(), sink, watch),
                new ConnectorConfiguration(ConnectorSettings.Default, ProtectionSettings.ForPhases(1), FirmwareSettingAmps: 32, ConnectorRatingAmps: 32, Board.DipSwitch.Read()),
                Time,
                new ControlLoopOptions(),
                NullLogger<ConnectorController>.Instance),
            new StationEventHub(),
            Time,
            TimeSpan.FromSeconds(1),
            activity: Activity);
    }

    public FakeTimeProvider Time { get; } = new();

    public SimulatedBoard Board { get; }

    public StationActivity Activity { get; } = new();

    public StationController Station { get; }

    public FrameRecorder Display { get; }

    public EdgeRecorder BuzzerOutput { get; }

    public ConnectorController Connector => Station.ConnectorControllers[0];

    public void Start() => _run = Station.RunAsync(StopReason.Reboot, _stop.Token);

    public void ReleaseSelfTest() => _selfTestGate.TrySetResult();

    /// <summary>Stops the station as SIGTERM does and waits for the loops to withdraw power.</summary>
    public void Stop()
    {
        _stop.Cancel();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (_run is { IsCompleted: false } && waited.Elapsed < Patience)
        {
            Time.Advance(TimeSpan.FromMilliseconds(100));
            _run.Wait(TimeSpan.FromMilliseconds(20));
        }

        Assert.True(_run?.IsCompleted, "the station did not stop");
    }

    /// <summary>Starts the station, lets the boot self test pass and waits for the first frame after it.</summary>
    public void StartReady()
    {
        Start();
        ReleaseSelfTest();
        Assert.True(Station.Ready.Wait(Patience), "the station never became ready");
        Assert.True(WaitForFrame(f => f.Display.StatusLine == "AVAILABLE"), $"no AVAILABLE frame: {Display.Last}");
    }

    /// <summary>Waits on the real clock for the indicator thread to draw a frame that matches.</summary>
    public bool WaitForFrame(Func<ShownFrame, bool> match) =>
        SpinWait.SpinUntil(() => Display.Last is { } last && match(last), Patience);

    /// <summary>
    /// Waits for the next beep to have been handed to the buzzer (its first edge is written and its later edges'
    /// timers are set, at the fake time it is then: the clock must not move in between), then moves the fake clock in 50 ms steps over <paramref name="span"/>. Returns the edges relative to
    /// the first on edge, in milliseconds.
    /// </summary>
    public IReadOnlyList<(double Ms, bool On)> PlayedEdges(TimeSpan span)
    {
        Assert.True(SpinWait.SpinUntil(() => _counting.Plays > _playsSeen, Patience), "no beep started");
        _playsSeen = _counting.Plays;
        for (var moved = TimeSpan.Zero; moved < span; moved += TimeSpan.FromMilliseconds(50))
        {
            Time.Advance(TimeSpan.FromMilliseconds(50));
        }

        var edges = BuzzerOutput.Edges;
        var start = edges.First(e => e.On).At;
        return [.. edges.Where(e => e.At >= start).Select(e => ((e.At - start).TotalMilliseconds, e.On))];
    }

    public void Dispose()
    {
        _selfTestGate.TrySetResult();
        if (!_stop.IsCancellationRequested)
        {
            _stop.Cancel();
        }

        Time.Advance(TimeSpan.FromSeconds(5));
        _run?.Wait(Patience);
        Station.Dispose();
        _buzzer.Dispose();
        _stop.Dispose();
        _stores.Dispose();
    }

    internal sealed record ShownFrame(LedPattern Led, DisplayContent Display);

    /// <summary>The display; notes each frame with the LED pattern the indicator thread set just before it.</summary>
    internal sealed class FrameRecorder(IStatusLed led) : IDisplay
    {
        private readonly Lock _gate = new();
        private readonly List<ShownFrame> _frames = [];

        public ShownFrame? Last
        {
            get
            {
                lock (_gate)
                {
                    return _frames.Count == 0 ? null : _frames[^1];
                }
            }
        }

        public IReadOnlyList<ShownFrame> Frames
        {
            get
            {
                lock (_gate)
                {
                    return [.. _frames];
                }
            }
        }

        public void Show(DisplayContent content)
        {
            var pattern = led.Pattern;
            lock (_gate)
            {
                _frames.Add(new ShownFrame(pattern, content));
            }
        }
    }

    /// <summary>A GPIO output that notes each change of level at the fake time it happens.</summary>
    internal sealed class EdgeRecorder(TimeProvider time) : IGpioOutput
    {
        private readonly Lock _gate = new();
        private readonly List<(DateTimeOffset At, bool On)> _edges = [];

        public bool IsActive { get; private set; }

        public IReadOnlyList<(DateTimeOffset At, bool On)> Edges
        {
            get
            {
                lock (_gate)
                {
                    return [.. _edges];
                }
            }
        }

        public void Clear()
        {
            lock (_gate)
            {
                _edges.Clear();
            }
        }

        public void Write(bool active)
        {
            lock (_gate)
            {
                if (active != IsActive)
                {
                    _edges.Add((time.GetUtcNow(), active));
                }

                IsActive = active;
            }
        }

        public void Dispose()
        {
        }
    }

    /// <summary>Counts the patterns handed to the real buzzer, after it has set them up.</summary>
    private sealed class CountingBuzzer(IBuzzer inner) : IBuzzer
    {
        private int _plays;

        public int Plays => Volatile.Read(ref _plays);

        public void Play(BuzzerPattern pattern)
        {
            inner.Play(pattern);
            Interlocked.Increment(ref _plays);
        }
    }

    private sealed class Swapped(SimulatedBoard board, IConnectorHardware connector, IDisplay display, IBuzzer buzzer) : IStationHardware
    {
        public IReadOnlyList<IConnectorHardware> Connectors => [connector];

        public IDipSwitch DipSwitch => board.DipSwitch;

        public IStatusLed StatusLed => board.StatusLed;

        public IBuzzer Buzzer => buzzer;

        public ICardReader CardReader => board.CardReader;

        public IDisplay Display => display;

        public ISupplyMonitor Supply => board.Supply;

        public IGridMeter? GridMeter => board.GridMeter;
    }

    private sealed class GoodCardOnly : IAuthorizer
    {
        public Task<AuthorizationOutcome> AuthorizeAsync(int connectorId, string idTag, CancellationToken cancellationToken) =>
            Task.FromResult(new AuthorizationOutcome(idTag == "GOOD" ? AuthorizationStatus.Accepted : AuthorizationStatus.Invalid, "Test"));
    }
}
