namespace Evse.Portal.Status;

/// <summary>GET /api/status: the station and each connector as the portal and installers see them.</summary>
public sealed record StationStatusDto(StationInfoDto Station, IReadOnlyList<ConnectorStatusDto> Connectors);

public sealed record StationInfoDto(
    string Vendor,
    string Model,
    string SerialNumber,
    string FirmwareVersion,
    DateTimeOffset StartedAt,
    double UptimeSeconds,
    bool Healthy,
    string? HealthProblem);

public sealed record ConnectorStatusDto(
    int ConnectorId,
    string Status,
    string ErrorCode,
    string PilotState,
    string PilotOutput,
    double OfferedCurrentAmps,
    double LimitAmps,
    bool ContactorClosed,
    bool ContactorFeedbackClosed,
    IReadOnlyList<double> CurrentAmps,
    IReadOnlyList<double> VoltageVolts,
    double PowerWatts,
    double MeterEnergyWh,
    double SessionEnergyWh,
    SessionDto? Session,
    IReadOnlyList<FaultDto> ActiveFaults,
    TemperaturesDto Temperatures);

public sealed record SessionDto(long? RecordId, string IdTag, DateTimeOffset StartedAt, double MeterStartWh);

public sealed record FaultDto(string Code, string ErrorCode, string Description, bool Hard);

public sealed record TemperaturesDto(double? RelayCelsius, double? InputTerminalCelsius, double? SocketCelsius);
