using System.Collections.Immutable;
using Evse.Core.Authorization;
using Evse.Core.Pilot;
using Evse.Core.Ports.Hardware;
using Evse.Core.Protection;

namespace Evse.Core.Charging;

/// <summary>
/// Everything one connector's decision step knows. Immutable: <see cref="ConnectorStateMachine.Decide"/>
/// returns a new one. The first group of properties are facts fed in by events; the second group are
/// the outputs as last commanded, which the step compares with what it wants.
/// </summary>
public sealed record ConnectorState
{
    public required int ConnectorId { get; init; }

    public ConnectorSettings Settings { get; init; } = ConnectorSettings.Default;

    // Facts.
    public PilotState Pilot { get; init; } = PilotState.A;

    public bool Operative { get; init; } = true;

    public double LimitAmps { get; init; }

    public double MeterWh { get; init; }

    public ImmutableHashSet<FaultCode> ActiveFaults { get; init; } = [];

    /// <summary>An id being authorized now (a request is out), or null.</summary>
    public string? Authorizing { get; init; }

    /// <summary>An authorized id waiting for the plug, or null.</summary>
    public string? AuthorizedIdTag { get; init; }

    public DateTimeOffset? AuthorizedAt { get; init; }

    /// <summary>The parentIdTag of <see cref="AuthorizedIdTag"/> from its authorization, carried into the session.</summary>
    public string? AuthorizedParentIdTag { get; init; }

    /// <summary>A different card presented during a session, being authorized to learn its parentIdTag (OCPP 1.6 §3.5.2), or null.</summary>
    public string? AuthorizingStop { get; init; }

    public Session? Session { get; init; }

    /// <summary>A session ended while the vehicle stays plugged in: Finishing until it unplugs.</summary>
    public bool Finished { get; init; }

    public bool SelfTestPassed { get; init; }

    public bool SelfTestRunning { get; init; }

    public DateTimeOffset? StateFUntil { get; init; }

    public bool ShuttingDown { get; init; }

    /// <summary>A reservation holding this connector for one idTag, or null.</summary>
    public Reservation? Reservation { get; init; }

    /// <summary>The station lock (seed 004): no new session starts while it is on.</summary>
    public bool StationLocked { get; init; }

    /// <summary>A planned restart is pending (<see cref="RestartPendingChanged"/>): no new session starts.</summary>
    public bool RestartPending { get; init; }

    // Outputs as last commanded.
    public PilotOutput PilotOutput { get; init; } = PilotOutput.NoPowerOffered;

    public bool ContactorClosed { get; init; }

    public ChargePointStatus Status { get; init; } = ChargePointStatus.Available;

    /// <summary>The current the pilot offers now, 0 when it offers none.</summary>
    public double OfferedAmps => PilotOutput.Mode == PilotOutputMode.Pwm ? PilotDuty.AmpsFor(PilotOutput.DutyPercent) : 0;

    /// <summary>The OCPP errorCode of the most important active fault.</summary>
    public ChargePointErrorCode ErrorCode => ActiveFaults.Count == 0
        ? ChargePointErrorCode.NoError
        : ActiveFaults.Min() is var worst ? FaultCatalog.Describe(worst).ErrorCode : ChargePointErrorCode.NoError;

    /// <summary>The earliest moment at which time alone changes something, or null.</summary>
    public DateTimeOffset? NextDeadline
    {
        get
        {
            DateTimeOffset? next = StateFUntil;
            if (Reservation is { } reservation && (next is null || reservation.ExpiryDate < next))
            {
                next = reservation.ExpiryDate;
            }

            if (AuthorizedAt is { } at && Session is null)
            {
                var expiry = at + Settings.ConnectionTimeOut;
                next = next is null || expiry < next ? expiry : next;
            }

            return next;
        }
    }

    public bool HasStoppingFault => ActiveFaults.Any(f => FaultCatalog.Describe(f).StopsCharging);

    public double SessionEnergyWh => Session is null ? 0 : Math.Max(0, MeterWh - Session.MeterStartWh);
}
