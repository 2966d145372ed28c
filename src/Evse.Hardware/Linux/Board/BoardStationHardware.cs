using Evse.Core.Ports.Hardware;

namespace Evse.Hardware.Linux.Board;

/// <summary>
/// The station built from a board file. It owns the real parts it created (and their buses) and
/// disposes them in reverse order of creation; simulated parts belong to whoever passed them in.
/// </summary>
public sealed class BoardStationHardware : IStationHardware, IDisposable
{
    private readonly IReadOnlyList<IDisposable> _owned;

    internal BoardStationHardware(
        IReadOnlyList<IConnectorHardware> connectors,
        IDipSwitch dipSwitch,
        IStatusLed statusLed,
        IBuzzer buzzer,
        ICardReader cardReader,
        IDisplay display,
        ISupplyMonitor supply,
        IGridMeter? gridMeter,
        IReadOnlyList<string> realParts,
        IReadOnlyList<IDisposable> owned)
    {
        Connectors = connectors;
        DipSwitch = dipSwitch;
        StatusLed = statusLed;
        Buzzer = buzzer;
        CardReader = cardReader;
        Display = display;
        Supply = supply;
        GridMeter = gridMeter;
        RealParts = realParts;
        _owned = owned;
    }

    public IReadOnlyList<IConnectorHardware> Connectors { get; }

    public IDipSwitch DipSwitch { get; }

    public IStatusLed StatusLed { get; }

    public IBuzzer Buzzer { get; }

    public ICardReader CardReader { get; }

    public IDisplay Display { get; }

    public ISupplyMonitor Supply { get; }

    public IGridMeter? GridMeter { get; }

    /// <summary>The board-file keys of the parts that are real (for the start-up log and the portal).</summary>
    public IReadOnlyList<string> RealParts { get; }

    public void Dispose()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }
    }
}
