namespace Evse.Core.Ports.Hardware;

/// <summary>Everything one connector owns. Its control loop is the only user.</summary>
public interface IConnectorHardware
{
    /// <summary>1-based, as in OCPP.</summary>
    int ConnectorId { get; }

    IPilotGenerator Pilot { get; }

    IPilotSense PilotSense { get; }

    IContactor Contactor { get; }

    IEnergyMeter Meter { get; }

    IResidualCurrentMonitor ResidualCurrent { get; }

    ITemperatureSensors Temperatures { get; }

    /// <summary>Null on a tethered-cable unit, which has no socket lock.</summary>
    ISocketLock? SocketLock { get; }

    /// <summary>Null on a tethered-cable unit, which has no proximity pilot.</summary>
    IProximityPilot? ProximityPilot { get; }
}
