using Evse.Core.Ports.Hardware;

namespace Evse.Hardware.Linux.Board;

/// <summary>One connector whose parts are each real or simulated, as the board file says.</summary>
public sealed record BoardConnectorHardware(
    int ConnectorId,
    IPilotGenerator Pilot,
    IPilotSense PilotSense,
    IContactor Contactor,
    IEnergyMeter Meter,
    IResidualCurrentMonitor ResidualCurrent,
    ITemperatureSensors Temperatures,
    ISocketLock? SocketLock,
    IProximityPilot? ProximityPilot) : IConnectorHardware;
