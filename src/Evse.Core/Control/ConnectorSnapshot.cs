using Evse.Core.Charging;
using Evse.Core.Limits;
using Evse.Core.Measurements;
using Evse.Core.Protection;

namespace Evse.Core.Control;

/// <summary>What a connector looks like after its latest step; read by the status API and the station.</summary>
/// <param name="State">The state machine's state.</param>
/// <param name="Meter">The last meter reading, or null when the meter has not answered yet.</param>
/// <param name="Temperatures">The last temperature reading.</param>
/// <param name="ContactorFeedbackClosed">What the contactor's feedback said at the last step.</param>
/// <param name="Limit">The current limit with its "why" trace, or null before the first sample.</param>
/// <param name="Warnings">Active station warnings (seed 001 warning settings): logged, never trips.</param>
/// <param name="LatchedFaults">Active faults that only a person (or an unplug, for some) can clear.</param>
/// <param name="At">When the snapshot was taken.</param>
public sealed record ConnectorSnapshot(
    ConnectorState State,
    MeterSample? Meter,
    TemperatureReadings Temperatures,
    bool ContactorFeedbackClosed,
    CurrentLimitResult? Limit,
    IReadOnlyCollection<ProtectionWarning> Warnings,
    IReadOnlyCollection<FaultCode> LatchedFaults,
    DateTimeOffset At);
