using Evse.Core.Measurements;
using Evse.Core.Pilot;
using Evse.Core.Ports.Hardware;

namespace Evse.Core.Protection;

/// <summary>
/// What one connector's protections see at one sample. The control loop builds it from the hardware
/// ports and its own state. A nullable member that is null means "not fitted / not watched here".
/// </summary>
public sealed record ProtectionSnapshot
{
    /// <summary>The energy meter's reading; null when the meter IC did not answer.</summary>
    public MeterSample? Meter { get; init; }

    /// <summary>The current the pilot offers now (0 when it offers none).</summary>
    public double OfferedAmps { get; init; }

    public TemperatureReadings Temperatures { get; init; } = TemperatureReadings.NotFitted;

    public SupplyCheck Supply { get; init; } = SupplyCheck.Healthy;

    public bool ContactorCommandedClosed { get; init; }

    public bool ContactorFeedbackClosed { get; init; }

    public bool ResidualCurrentTripped { get; init; }

    public PilotState Pilot { get; init; } = PilotState.A;

    /// <summary>True while we drive state F ourselves, so E/F on the line is expected.</summary>
    public bool DrivingStateF { get; init; }

    /// <summary>
    /// True from the first contactor close of a session until the loop considers the start over
    /// (we recommend 2 s): a residual-current trip then is a hard fault.
    /// </summary>
    public bool SessionJustStarted { get; init; }

    /// <summary>
    /// The control loop saw the pilot go from C or D straight to A while the contactor was closed (the EV skipped
    /// state B: the plug left under load). Judged from the pilot event itself, which a 10 Hz sample can miss.
    /// </summary>
    public bool UnpluggedUnderLoad { get; init; }

    /// <summary>The position the socket lock was last told to take; null on a tethered unit.</summary>
    public SocketLockState? LockCommanded { get; init; }

    public SocketLockState LockFeedback { get; init; } = SocketLockState.Unknown;

    /// <summary>The PP resistance; null when there is no socket or no plug in it.</summary>
    public double? ProximityOhms { get; init; }

    /// <summary>The card reader's health; null when this monitor does not watch it (watch it on one connector only).</summary>
    public bool? CardReaderOnline { get; init; }

    /// <summary>When the grid meter last answered; watched only when <see cref="GridMeterInstalled"/>.</summary>
    public DateTimeOffset? GridMeterSampleAt { get; init; }

    public bool GridMeterInstalled { get; init; }

    /// <summary>The PE conductor's leakage current in mA; null when the board has no PE leakage sensor.</summary>
    public double? ProtectiveEarthLeakageMilliamps { get; init; }

    /// <summary>A leakage on the vehicle side was reported (seed 004 "Vehicle Leakage Alarm"); false where nothing reports it.</summary>
    public bool VehicleLeakageDetected { get; init; }
}
