using Evse.Core.Charging;
using Evse.Core.Measurements;

namespace Evse.Core.Control;

/// <summary>What a connector looks like after its latest decision step; read by the status API.</summary>
public sealed record ConnectorSnapshot(
    ConnectorState State,
    MeterSample? Meter,
    TemperatureReadings Temperatures,
    bool ContactorFeedbackClosed,
    DateTimeOffset At);
