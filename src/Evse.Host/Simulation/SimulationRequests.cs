namespace Evse.Host.Simulation;

/// <summary>POST /api/sim/connectors/{id}/ev: any subset of the virtual EV's properties.</summary>
public sealed record EvRequest(string? State, double? MaxCurrentAmps, int? Phases, bool? HasDiode, double? ResponseDelaySeconds);

/// <summary>POST /api/sim/rfid.</summary>
public sealed record RfidRequest(string? Uid);

/// <summary>POST /api/sim/faults.</summary>
public sealed record FaultRequest(string? Kind, bool? Active, int? ConnectorId);

/// <summary>POST /api/sim/grid: per-phase arrays of 1 to 3 values.</summary>
public sealed record GridRequest(double[]? Voltage, double? FrequencyHz, double[]? HouseholdAmps);

/// <summary>POST /api/sim/dip: the three poles, true = ON.</summary>
public sealed record DipRequest(bool[]? Switches);

/// <summary>POST /api/sim/connectors/{id}/stall: hang that connector's control loop for a while.</summary>
public sealed record StallRequest(double? Seconds);
