using Evse.Portal.Station;

namespace Evse.Portal.Status;

/// <summary>GET /api/status: the station and each connector as the portal and installers see them; <see cref="Controls"/> says whether the station is locked and Boost is on.</summary>
public sealed record StationStatusDto(StationInfoDto Station, GridDto Grid, IReadOnlyList<ConnectorStatusDto> Connectors, StationControlsDto? Controls = null);

/// <summary>The grid meter at the supply point: household load plus our own charging.</summary>
public sealed record GridDto(
    bool Installed,
    bool Answering,
    DateTimeOffset? SampledAt,
    IReadOnlyList<double> VoltageVolts,
    IReadOnlyList<double> CurrentAmps,
    IReadOnlyList<double> PowerWatts,
    double? ImportEnergyWh,
    double? ExportEnergyWh,
    double? FrequencyHz);

/// <summary>The offered current and why: every contributor with its value; <see cref="Binding"/> is the one that sets it.</summary>
public sealed record LimitDto(double Amps, bool Paused, string Binding, string Why, IReadOnlyList<LimitContributorDto> Contributors);

public sealed record LimitContributorDto(string Source, double Amps, string Detail);

public sealed record StationInfoDto(
    string Vendor,
    string Model,
    string SerialNumber,
    string FirmwareVersion,
    DateTimeOffset StartedAt,
    double UptimeSeconds,
    bool Healthy,
    string? HealthProblem);

/// <summary>One connector. <see cref="StartBlocked"/> says why no new session can start now (station lock, planned restart), null when one can.</summary>
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
    IReadOnlyList<string> Warnings,
    LimitDto? Limit,
    TemperaturesDto Temperatures,
    string? StartBlocked = null);

public sealed record SessionDto(long? RecordId, string IdTag, DateTimeOffset StartedAt, double MeterStartWh);

public sealed record FaultDto(string Code, string ErrorCode, string Description, bool Hard);

public sealed record TemperaturesDto(double? RelayCelsius, double? InputTerminalCelsius, double? SocketCelsius);
