using Evse.Ocpp.Messages;

namespace Evse.Ocpp.SmartCharging;

/// <summary>One stretch of a composite schedule, from <paramref name="Start"/> to the next period's start.</summary>
/// <param name="Start">When the stretch begins.</param>
/// <param name="LimitAmps">The limit per phase in A; null where no profile applies.</param>
/// <param name="NumberPhases">The phases of the limiting period, as the profile said (null: the spec's default, 3).</param>
/// <param name="LimitingProfileId">The profile whose period sets the limit, for "why this current".</param>
/// <param name="LimitingPurpose">That profile's purpose.</param>
public sealed record CompositePeriod(
    DateTimeOffset Start,
    decimal? LimitAmps,
    int? NumberPhases,
    int? LimitingProfileId,
    ChargingProfilePurpose? LimitingPurpose);
