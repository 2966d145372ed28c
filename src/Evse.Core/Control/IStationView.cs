namespace Evse.Core.Control;

/// <summary>A read-only view of the running station for the status page, the health check and the watchdog.</summary>
public interface IStationView
{
    IReadOnlyList<ConnectorSnapshot> Connectors { get; }

    /// <summary>The grid meter (household load at the supply point).</summary>
    GridReading Grid { get; }

    /// <summary>True while every control loop runs and steps on time.</summary>
    bool IsHealthy(out string reason);
}
