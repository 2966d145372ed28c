namespace Evse.Core.Ports.Hardware;

/// <summary>The whole board: the station-wide parts and one <see cref="IConnectorHardware"/> per connector.</summary>
public interface IStationHardware
{
    IReadOnlyList<IConnectorHardware> Connectors { get; }

    IDipSwitch DipSwitch { get; }

    IStatusLed StatusLed { get; }

    IBuzzer Buzzer { get; }

    ICardReader CardReader { get; }

    IDisplay Display { get; }

    ISupplyMonitor Supply { get; }

    /// <summary>Null when no grid meter or CT is installed.</summary>
    IGridMeter? GridMeter { get; }
}
