using Evse.Core.Charging;

namespace Evse.Core.Ports.Storage;

/// <summary>
/// One charging session as stored. While it runs, <see cref="StoppedAt"/> and <see cref="Reason"/>
/// are null and <see cref="MeterLastWh"/> is the last durable progress reading.
/// </summary>
public sealed record ChargingRecord(
    long Id,
    int ConnectorId,
    string IdTag,
    DateTimeOffset StartedAt,
    double MeterStartWh,
    double MeterLastWh,
    DateTimeOffset LastUpdatedAt,
    DateTimeOffset? StoppedAt,
    StopReason? Reason)
{
    public double EnergyWh => Math.Max(0, MeterLastWh - MeterStartWh);

    public bool IsOpen => StoppedAt is null;
}
