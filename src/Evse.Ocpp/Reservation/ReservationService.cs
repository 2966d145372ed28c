using Evse.Core.Authorization;
using Evse.Core.Charging;
using Evse.Core.Ports;
using Evse.Core.Station;
using Evse.Ocpp.ChargePoint;
using Evse.Ocpp.Configuration;
using Evse.Ocpp.Messages;
using Microsoft.Extensions.Logging;
using CoreReservation = Evse.Core.Authorization.Reservation;
using CoreStatus = Evse.Core.Charging.ChargePointStatus;

namespace Evse.Ocpp.Reservation;

/// <summary>
/// The charge point's reservations (OCPP 1.6 §3.5 and §5.13): ReserveNow, CancelReservation, who may use a reserved
/// connector, and which reservation a starting session uses up.
/// </summary>
/// <remarks>
/// <para>A connector reservation is posted to its connector as <see cref="ReservationChanged"/>: the Core then shows
/// Reserved, refuses other ids, forgets it at expiry and when its holder starts. A connector-0 reservation is not
/// posted anywhere: <see cref="Admit"/> (through <see cref="ReservationAuthorizer"/>) refuses other ids when they would
/// take the last connector that is free, so one stays free for the holder.</para>
/// <para>A reservation ends when used (<see cref="ReservationIdOf"/>, StartTransaction carries its id), at expiry,
/// on CancelReservation, or when its connector (for connector 0: every connector) goes Faulted or Unavailable.</para>
/// </remarks>
public sealed class ReservationService : IStationEventSink
{
    /// <summary>The authorization source named when a reservation refuses an otherwise accepted id.</summary>
    public const string RefusalSource = "Reservation";

    /// <summary>How many session starts remember which reservation they used.</summary>
    public const int RememberedStartsMax = 1024;

    private readonly IReservationStore _store;
    private readonly IChargePointStation _station;
    private readonly ConfigurationService _configuration;
    private readonly Func<string, string?> _parentOf;
    private readonly TimeProvider _time;
    private readonly ILogger<ReservationService> _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<int, CoreReservation> _reservations;
    private readonly Dictionary<long, int?> _usedByRecord = [];

    /// <param name="store">Durable reservations; loaded once here.</param>
    /// <param name="station">The connectors and their control loops.</param>
    /// <param name="configuration">ReserveConnectorZeroSupported and SupportedFeatureProfiles, read at every call.</param>
    /// <param name="parentOf">An idTag's parentIdTag from the local list, cache or the last Central System answer.</param>
    /// <param name="time">The clock expiry is judged on.</param>
    /// <param name="logger">Log.</param>
    public ReservationService(
        IReservationStore store,
        IChargePointStation station,
        ConfigurationService configuration,
        Func<string, string?> parentOf,
        TimeProvider time,
        ILogger<ReservationService> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _station = station;
        _configuration = configuration;
        _parentOf = parentOf;
        _time = time;
        _logger = logger;
        _reservations = store.Load().ToDictionary(r => r.ReservationId);
    }

    /// <summary>The reservations in force now, by id.</summary>
    public IReadOnlyList<CoreReservation> Active
    {
        get
        {
            lock (_gate)
            {
                PruneExpired();
                return [.. _reservations.Values.OrderBy(r => r.ReservationId)];
            }
        }
    }

    /// <summary>
    /// After a start: drops what expired while the daemon was down and posts every connector reservation to its
    /// connector again (the control loops start without one).
    /// </summary>
    public void Restore()
    {
        lock (_gate)
        {
            PruneExpired();
            foreach (var reservation in _reservations.Values.Where(r => r.ConnectorId > 0))
            {
                _station.Post(reservation.ConnectorId, new ReservationChanged(reservation));
            }

            ReservationLog.Restored(_logger, _reservations.Count);
        }
    }

    /// <summary>ReserveNow.req (OCPP 1.6 §5.13). An existing reservationId is replaced only when the new one is Accepted.</summary>
    public ReservationStatus Reserve(int reservationId, int connectorId, string idTag, string? parentIdTag, DateTimeOffset expiryDate)
    {
        ArgumentException.ThrowIfNullOrEmpty(idTag);
        lock (_gate)
        {
            PruneExpired();
            _reservations.TryGetValue(reservationId, out var replaced);
            var status = Evaluate(reservationId, connectorId, expiryDate);
            if (status == ReservationStatus.Accepted)
            {
                var reservation = new CoreReservation(reservationId, connectorId, idTag, parentIdTag, expiryDate);
                _store.Save(reservation);
                _reservations[reservationId] = reservation;
                if (replaced is { ConnectorId: > 0 } && replaced.ConnectorId != connectorId)
                {
                    _station.Post(replaced.ConnectorId, new ReservationChanged(null));
                }

                if (connectorId > 0)
                {
                    _station.Post(connectorId, new ReservationChanged(reservation));
                }
            }

            ReservationLog.Reserved(_logger, reservationId, connectorId, expiryDate, status);
            return status;
        }
    }

    /// <summary>CancelReservation.req (OCPP 1.6 §5.2): true when the reservation was in force (its connector is released).</summary>
    public bool Cancel(int reservationId)
    {
        lock (_gate)
        {
            PruneExpired();
            if (!_reservations.TryGetValue(reservationId, out var reservation))
            {
                return false;
            }

            End(reservation, "cancelled");
            return true;
        }
    }

    /// <summary>
    /// May <paramref name="idTag"/> start on <paramref name="connectorId"/> as far as reservations go? Uses Core's
    /// <see cref="StartGate"/>. When a connector reservation admits the id through its parentIdTag only, it is handed
    /// over to the id first (the Core compares idTags only), so the start that follows is let through.
    /// </summary>
    public StartVerdict Admit(int connectorId, string idTag)
    {
        ArgumentException.ThrowIfNullOrEmpty(idTag);
        lock (_gate)
        {
            PruneExpired();
            if (_reservations.Count == 0)
            {
                return new StartVerdict(true, "ok", null);
            }

            var now = _time.GetUtcNow();
            var reserved = _reservations.Values.Where(r => r.ConnectorId > 0).Select(r => r.ConnectorId).ToHashSet();
            var free = _station.Connectors.Count(c => c.ConnectorId == connectorId
                || (c.ActiveRecordId is null && c.Status == CoreStatus.Available && !reserved.Contains(c.ConnectorId)));
            var request = new StartRequest(connectorId, idTag, _parentOf(idTag), false, [.. _reservations.Values], free);
            var verdict = StartGate.Check(request, now);
            if (!verdict.Allowed)
            {
                ReservationLog.Refused(_logger, connectorId, verdict.Reason);
            }
            else if (verdict.ConsumesReservation is { ConnectorId: > 0 } own)
            {
                // Posted even for the reserved id itself: the connector may still hold a copy handed to another id
                // of the group earlier, which would refuse this one.
                _station.Post(own.ConnectorId, new ReservationChanged(own with { IdTag = idTag }));
                if (!string.Equals(own.IdTag, idTag, StringComparison.OrdinalIgnoreCase))
                {
                    ReservationLog.HandedOver(_logger, own.ReservationId, own.ConnectorId);
                }
            }

            return verdict;
        }
    }

    /// <summary>
    /// The reservationId a starting session uses up, for its StartTransaction.req; the reservation ends. The same
    /// record always gets the same answer (a replayed event). Null when the start used none.
    /// </summary>
    public int? ReservationIdOf(SessionStarted started)
    {
        ArgumentNullException.ThrowIfNull(started);
        lock (_gate)
        {
            if (_usedByRecord.TryGetValue(started.RecordId, out var known))
            {
                return known;
            }

            // The Core lets a session start on a reserved connector only for the holder, so any start there uses it.
            var used = _reservations.Values.FirstOrDefault(r => r.ConnectorId == started.ConnectorId && r.ActiveAt(started.At));
            if (used is null)
            {
                var parent = _parentOf(started.IdTag);
                used = _reservations.Values
                    .Where(r => r.ConnectorId == 0 && r.ActiveAt(started.At) && r.Admits(started.IdTag, parent))
                    .OrderBy(r => r.ExpiryDate)
                    .FirstOrDefault();
            }

            if (used is not null)
            {
                // The Core already dropped its copy when the session started; posting null again would be harmless.
                _reservations.Remove(used.ReservationId);
                _store.Delete(used.ReservationId);
                ReservationLog.Ended(_logger, used.ReservationId, used.ConnectorId, "used");
            }

            if (_usedByRecord.Count >= RememberedStartsMax)
            {
                _usedByRecord.Clear(); // only a replay of a very recent event needs the answer again
            }

            _usedByRecord[started.RecordId] = used?.ReservationId;
            return used?.ReservationId;
        }
    }

    /// <summary>
    /// A connector going Faulted or Unavailable ends its reservation (OCPP 1.6 §5.13); connector-0 reservations end
    /// when every connector is. Called on the control loop's thread, so the work goes to the thread pool.
    /// </summary>
    public void Publish(StationEvent stationEvent)
    {
        if (stationEvent is not ConnectorStatusChanged { Status: CoreStatus.Faulted or CoreStatus.Unavailable } changed)
        {
            return;
        }

        lock (_gate)
        {
            if (_reservations.Count == 0)
            {
                return;
            }
        }

        ThreadPool.QueueUserWorkItem(_ => EndOnOutOfService(changed.ConnectorId));
    }

    /// <summary>Ends the reservations that a Faulted or Unavailable <paramref name="connectorId"/> can no longer honour.</summary>
    public void EndOnOutOfService(int connectorId)
    {
        try
        {
            lock (_gate)
            {
                PruneExpired();
                var connectors = _station.Connectors;
                static bool OutOfService(ChargePointConnector c) => c.Status is CoreStatus.Faulted or CoreStatus.Unavailable;
                var allOut = connectors.All(c => c.ConnectorId == connectorId || OutOfService(c));
                var ending = _reservations.Values
                    .Where(r => r.ConnectorId == connectorId || (r.ConnectorId == 0 && allOut))
                    .ToList();
                foreach (var reservation in ending)
                {
                    End(reservation, "connector out of service");
                }
            }
        }
#pragma warning disable CA1031 // a failed store write must not take the thread pool down; the reservation still expires
        catch (Exception e)
#pragma warning restore CA1031
        {
            ReservationLog.EndFailed(_logger, e, connectorId);
        }
    }

    private ReservationStatus Evaluate(int reservationId, int connectorId, DateTimeOffset expiryDate)
    {
        var supported = _configuration.GetList(OcppConfigurationKeys.SupportedFeatureProfiles).Contains("Reservation", StringComparer.Ordinal);
        if (!supported || connectorId < 0 || expiryDate <= _time.GetUtcNow())
        {
            return ReservationStatus.Rejected;
        }

        var others = _reservations.Values.Where(r => r.ReservationId != reservationId).ToList();
        var connectors = _station.Connectors;
        if (connectorId == 0)
        {
            if (!_configuration.GetBoolean(OcppConfigurationKeys.ReserveConnectorZeroSupported) || connectors.Count == 0)
            {
                return ReservationStatus.Rejected;
            }

            if (connectors.All(c => c.Status == CoreStatus.Faulted))
            {
                return ReservationStatus.Faulted;
            }

            if (connectors.All(c => c.Status is CoreStatus.Faulted or CoreStatus.Unavailable))
            {
                return ReservationStatus.Unavailable;
            }

            var free = connectors.Count(c => IsFree(c, others));
            return free > others.Count(r => r.ConnectorId == 0) ? ReservationStatus.Accepted : ReservationStatus.Occupied;
        }

        if (connectors.FirstOrDefault(c => c.ConnectorId == connectorId) is not { } connector)
        {
            return ReservationStatus.Rejected;
        }

        return connector.Status switch
        {
            CoreStatus.Faulted => ReservationStatus.Faulted,
            CoreStatus.Unavailable => ReservationStatus.Unavailable,
            _ => IsFree(connector, others) ? ReservationStatus.Accepted : ReservationStatus.Occupied,
        };
    }

    /// <summary>No session, nobody plugged in or authorizing, and no other reservation on it (Reserved is ours to judge).</summary>
    private static bool IsFree(ChargePointConnector connector, List<CoreReservation> others) =>
        connector.ActiveRecordId is null
        && connector.Status is CoreStatus.Available or CoreStatus.Reserved
        && others.All(r => r.ConnectorId != connector.ConnectorId);

    private void End(CoreReservation reservation, string reason)
    {
        _reservations.Remove(reservation.ReservationId);
        _store.Delete(reservation.ReservationId);
        if (reservation.ConnectorId > 0)
        {
            _station.Post(reservation.ConnectorId, new ReservationChanged(null));
        }

        ReservationLog.Ended(_logger, reservation.ReservationId, reservation.ConnectorId, reason);
    }

    /// <summary>The Core forgets an expired reservation on its own timer; the store forgets it here.</summary>
    private void PruneExpired()
    {
        var now = _time.GetUtcNow();
        foreach (var expired in _reservations.Values.Where(r => !r.ActiveAt(now)).ToList())
        {
            _reservations.Remove(expired.ReservationId);
            _store.Delete(expired.ReservationId);
            ReservationLog.Ended(_logger, expired.ReservationId, expired.ConnectorId, "expired");
        }
    }
}
