using CoreReservation = Evse.Core.Authorization.Reservation;

namespace Evse.Ocpp.Reservation;

/// <summary>An <see cref="IReservationStore"/> for tests and for a station without a database.</summary>
public sealed class InMemoryReservationStore : IReservationStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, CoreReservation> _reservations = [];

    public IReadOnlyList<CoreReservation> Load()
    {
        lock (_gate)
        {
            return [.. _reservations.Values.OrderBy(r => r.ReservationId)];
        }
    }

    public void Save(CoreReservation reservation)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        lock (_gate)
        {
            _reservations[reservation.ReservationId] = reservation;
        }
    }

    public void Delete(int reservationId)
    {
        lock (_gate)
        {
            _reservations.Remove(reservationId);
        }
    }
}
