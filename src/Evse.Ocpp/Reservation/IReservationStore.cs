using CoreReservation = Evse.Core.Authorization.Reservation;

namespace Evse.Ocpp.Reservation;

/// <summary>Where reservations survive a restart. Writes are rare (ReserveNow, CancelReservation, use, expiry).</summary>
public interface IReservationStore
{
    /// <summary>Every stored reservation, expired ones included (the caller prunes them).</summary>
    IReadOnlyList<CoreReservation> Load();

    /// <summary>Adds the reservation, or replaces the one with the same reservationId.</summary>
    void Save(CoreReservation reservation);

    /// <summary>Removes the reservation with this id; nothing happens when there is none.</summary>
    void Delete(int reservationId);
}
