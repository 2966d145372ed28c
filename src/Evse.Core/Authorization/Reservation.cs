namespace Evse.Core.Authorization;

/// <summary>An OCPP ReserveNow reservation. <see cref="ConnectorId"/> 0 holds any one connector of the station.</summary>
public sealed record Reservation(int ReservationId, int ConnectorId, string IdTag, string? ParentIdTag, DateTimeOffset ExpiryDate)
{
    public bool ActiveAt(DateTimeOffset now) => now < ExpiryDate;

    /// <summary>The reserved id, or (OCPP 1.6 §5.13) an id with the reservation's parentIdTag.</summary>
    public bool Admits(string idTag, string? parentIdTag) =>
        string.Equals(IdTag, idTag, StringComparison.OrdinalIgnoreCase)
        || (ParentIdTag is not null && string.Equals(ParentIdTag, parentIdTag, StringComparison.OrdinalIgnoreCase));
}
