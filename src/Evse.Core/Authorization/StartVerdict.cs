namespace Evse.Core.Authorization;

/// <summary>The answer of <see cref="StartGate"/>.</summary>
/// <param name="Allowed">The session may start (authorization still applies).</param>
/// <param name="Reason">Why not, for the log and the portal; "ok" when allowed.</param>
/// <param name="ConsumesReservation">The reservation this start uses up (send nothing; StartTransaction carries its id), or null.</param>
public sealed record StartVerdict(bool Allowed, string Reason, Reservation? ConsumesReservation);
