using Evse.Core.Control;
using Evse.Host.Systemd;

namespace Evse.Host.Station;

/// <summary>The systemd watchdog's view of health: every control loop runs and steps on time.</summary>
public sealed class StationServiceHealth(IStationView station) : IServiceHealth
{
    public bool IsHealthy(out string reason) => station.IsHealthy(out reason);
}
