namespace Evse.Core.Authorization;

/// <summary>A wish to start a new session on a connector, with what the gate must know about the station.</summary>
/// <param name="ConnectorId">1-based connector.</param>
/// <param name="IdTag">Who wants to charge.</param>
/// <param name="ParentIdTag">Their parentIdTag, if known.</param>
/// <param name="StationLocked">The Hydra "State Locking": no new session.</param>
/// <param name="Reservations">Every reservation the station holds (expired ones are ignored).</param>
/// <param name="FreeConnectors">How many connectors are Available now, this one included (for connector-0 reservations).</param>
public sealed record StartRequest(
    int ConnectorId,
    string IdTag,
    string? ParentIdTag,
    bool StationLocked,
    IReadOnlyList<Reservation> Reservations,
    int FreeConnectors);
