using Evse.Core.Ports.Storage;

namespace Evse.Portal.Records;

public sealed record ChargingRecordDto(
    long Id,
    int ConnectorId,
    string IdTag,
    DateTimeOffset StartedAt,
    DateTimeOffset? StoppedAt,
    string? StopReason,
    double MeterStartWh,
    double MeterStopWh,
    double EnergyWh)
{
    public static ChargingRecordDto From(ChargingRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Id, r.ConnectorId, r.IdTag, r.StartedAt, r.StoppedAt, r.Reason?.ToString(), r.MeterStartWh, r.MeterLastWh, Math.Round(r.EnergyWh, 3));
    }
}
