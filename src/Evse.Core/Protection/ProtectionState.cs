using System.Collections.Immutable;
using Evse.Core.Pilot;

namespace Evse.Core.Protection;

/// <summary>
/// Everything the protections remember between samples. Immutable: <see cref="ProtectionMonitor"/>
/// returns a new one with every result. Start with <see cref="ProtectionMonitor.Initial"/>.
/// </summary>
public sealed record ProtectionState
{
    public required ImmutableDictionary<FaultCode, FaultTracker> Trackers { get; init; }

    public ImmutableHashSet<ProtectionWarning> ActiveWarnings { get; init; } = [];

    public ImmutableDictionary<ProtectionWarning, DateTimeOffset> WarningPendingSince { get; init; } =
        ImmutableDictionary<ProtectionWarning, DateTimeOffset>.Empty;

    /// <summary>The pilot state of the previous sample (unplug edges reset the restart counters).</summary>
    public PilotState LastPilot { get; init; } = PilotState.A;


    /// <summary>Consecutive failed residual-current self tests (see <see cref="SelfTestPolicy"/>).</summary>
    public int SelfTestFailures { get; init; }

    public IEnumerable<FaultTracker> ActiveFaults => Trackers.Values.Where(t => t.Active).OrderBy(t => t.Code);

    public bool IsActive(FaultCode code) => Trackers.TryGetValue(code, out var t) && t.Active;

    public bool IsLatched(FaultCode code) => Trackers.TryGetValue(code, out var t) && t.Active && t.Latched;

    /// <summary>True while an active fault stops charging (the contactor must stay open).</summary>
    public bool StopsCharging => ActiveFaults.Any(t => FaultCatalog.Describe(t.Code).StopsCharging);
}
