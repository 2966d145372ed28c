namespace Evse.Core.Authorization;

/// <summary>
/// The checks before a new session, apart from authorization itself: station lock (seed 004 §9: a locked
/// charger starts no new session; one under way finishes, so this gate is only asked at start) and
/// reservations (OCPP 1.6 §5.13: a reserved connector admits only its id or parent until expiry; a
/// connector-0 reservation keeps one connector free for its id).
/// </summary>
public static class StartGate
{
    public static StartVerdict Check(StartRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.StationLocked)
        {
            return new StartVerdict(false, "the station is locked", null);
        }

        var active = request.Reservations.Where(r => r.ActiveAt(now)).ToList();
        if (active.FirstOrDefault(r => r.ConnectorId == request.ConnectorId) is { } own)
        {
            return own.Admits(request.IdTag, request.ParentIdTag)
                ? new StartVerdict(true, "ok", own)
                : new StartVerdict(false, $"connector {request.ConnectorId} is reserved (reservation {own.ReservationId})", null);
        }

        var stationWide = active.Where(r => r.ConnectorId == 0).ToList();
        if (stationWide.FirstOrDefault(r => r.Admits(request.IdTag, request.ParentIdTag)) is { } mine)
        {
            return new StartVerdict(true, "ok", mine);
        }

        return stationWide.Count > 0 && request.FreeConnectors <= stationWide.Count
            ? new StartVerdict(false, $"the last free connector is held by reservation {stationWide[0].ReservationId}", null)
            : new StartVerdict(true, "ok", null);
    }

    /// <summary>Should the connector show Reserved (and the LED pink)? Only when idle and reserved on its own id.</summary>
    public static Reservation? ReservationFor(int connectorId, IEnumerable<Reservation> reservations, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reservations);
        return reservations.FirstOrDefault(r => r.ConnectorId == connectorId && r.ActiveAt(now));
    }
}
