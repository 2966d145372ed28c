using Evse.Core.Ports.Storage;
using Evse.Core.Station;
using Evse.Ocpp.Messages;
using Evse.Ocpp.Outbox;
using CoreStatus = Evse.Core.Charging.ChargePointStatus;

namespace Evse.Ocpp.ChargePoint;

/// <summary>StatusNotification: MinimumStatusDuration, connector 0 as the whole station.</summary>
/// <remarks>
/// <list type="bullet">
/// <item>A status change waits MinimumStatusDuration (counted from its timestamp) before it is reported; a newer
/// change in that window replaces it (the last one wins), and when the status it settles on is the one the Central
/// System already has, nothing is sent. Faulted is never delayed, and 0 switches the delay off.</item>
/// <item>Connector 0 is the station as a whole: Unavailable when every connector is, otherwise Available. The station
/// port exposes no station-wide fault (supply and board faults show as Faulted on each connector), so connector 0 is
/// never Faulted. It is re-sent whenever that derived status changes.</item>
/// </list>
/// </remarks>
public sealed partial class ChargePointService
{
    /// <summary>
    /// The longest a connector's StatusNotification waits for the StartTransaction or StopTransaction queued before
    /// it to be delivered (or given up on), so the Central System sees the session's messages in order.
    /// </summary>
    public static readonly TimeSpan StatusHoldForTransactionMessage = TimeSpan.FromSeconds(30);

    private readonly Dictionary<int, ConnectorStatusChanged> _pendingStatus = [];
    private readonly Dictionary<int, (ChargePointStatus Status, ChargePointErrorCode ErrorCode)> _reportedStatus = [];
    private readonly Dictionary<int, OutboxMessageKey> _awaitedTransactionMessage = [];

    /// <summary>The settings store the service keeps its durable state in (ChangeAvailability is stored beside it).</summary>
    internal ISettingsStore SettingsStore => _transactions.Store;
    private readonly Dictionary<int, List<ConnectorStatusChanged>> _heldForTransaction = [];

    private async Task OnStatusChangedAsync(ConnectorStatusChanged changed, CancellationToken cancellationToken)
    {
        _lastStatus[changed.ConnectorId] = changed;
        var hold = _configuration.MinimumStatusDuration;
        if (changed.Status == CoreStatus.Faulted || hold <= TimeSpan.Zero)
        {
            _pendingStatus.Remove(changed.ConnectorId);
            await ReportStatusAsync(changed, cancellationToken).ConfigureAwait(false);
            return;
        }

        _pendingStatus[changed.ConnectorId] = changed;

        // Counted from when the status began, not from when this loop got to it.
        var remaining = changed.At + hold - _time.GetUtcNow();
        _ = ReleaseStatusAfterAsync(changed, remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
    }

    private async Task ReleaseStatusAfterAsync(ConnectorStatusChanged changed, TimeSpan hold)
    {
        try
        {
            await Task.Delay(hold, _time, _stopping).ConfigureAwait(false);
            _events.Writer.TryWrite(new StatusDue(changed));
        }
        catch (OperationCanceledException)
        {
            // Shutdown.
        }
    }

    private async Task OnStatusDueAsync(ConnectorStatusChanged changed, CancellationToken cancellationToken)
    {
        if (!_pendingStatus.TryGetValue(changed.ConnectorId, out var pending) || !ReferenceEquals(pending, changed))
        {
            // A newer change replaced it (or a Faulted one went out at once).
            return;
        }

        _pendingStatus.Remove(changed.ConnectorId);
        if (_reportedStatus.TryGetValue(changed.ConnectorId, out var reported)
            && reported == (changed.Status.ToOcpp(), changed.ErrorCode.ToOcpp()))
        {
            return;
        }

        await ReportStatusAsync(changed, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>After a session's StartTransaction or StopTransaction was queued: hold the connector's next statuses.</summary>
    private void AwaitTransactionMessage(int connectorId, OutboxMessageKey key)
    {
        // The outbox is FIFO: a later Start/Stop of the same connector is delivered after the earlier one, so only the latest counts.
        _awaitedTransactionMessage[connectorId] = key;
        _ = ExpireTransactionHoldAfterAsync(connectorId, key);
    }

    private async Task ExpireTransactionHoldAfterAsync(int connectorId, OutboxMessageKey key)
    {
        try
        {
            await Task.Delay(StatusHoldForTransactionMessage, _time, _stopping).ConfigureAwait(false);
            _events.Writer.TryWrite(new TransactionHoldExpired(connectorId, key));
        }
        catch (OperationCanceledException)
        {
            // Shutdown.
        }
    }

    /// <summary>The outbox delivered or discarded <paramref name="key"/>, or the hold's bound passed: release the held status.</summary>
    private async Task ReleaseTransactionHoldAsync(OutboxMessageKey key, CancellationToken cancellationToken)
    {
        foreach (var (connectorId, awaited) in _awaitedTransactionMessage.ToList())
        {
            if (awaited != key)
            {
                continue;
            }

            _awaitedTransactionMessage.Remove(connectorId);
            if (_heldForTransaction.Remove(connectorId, out var held))
            {
                foreach (var changed in held)
                {
                    await ReportStatusAsync(changed, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private async Task ReportStatusAsync(ConnectorStatusChanged changed, CancellationToken cancellationToken)
    {
        if (!IsOnline)
        {
            // Not queued: the current statuses are sent after the reconnect.
            _heldForTransaction.Remove(changed.ConnectorId);
            return;
        }

        if (_awaitedTransactionMessage.ContainsKey(changed.ConnectorId))
        {
            // Every transition is kept, in order: only MinimumStatusDuration may merge them.
            if (!_heldForTransaction.TryGetValue(changed.ConnectorId, out var held))
            {
                _heldForTransaction[changed.ConnectorId] = held = [];
            }

            held.Add(changed);
            return;
        }

        await SendStatusAsync(changed.ConnectorId, changed.Status.ToOcpp(), changed.ErrorCode.ToOcpp(), changed.Info, changed.At, cancellationToken).ConfigureAwait(false);
        var station = StationStatus(id => _reportedStatus.TryGetValue(id, out var r) ? r.Status : null);
        if (!_reportedStatus.TryGetValue(0, out var zero) || zero.Status != station)
        {
            await SendStatusAsync(0, station, ChargePointErrorCode.NoError, null, changed.At, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Connector 0: Unavailable when every connector is, otherwise Available.</summary>
    private ChargePointStatus StationStatus(Func<int, ChargePointStatus?> known)
    {
        var connectors = _station.Connectors;
        return connectors.Count > 0 && connectors.All(c => (known(c.ConnectorId) ?? c.Status.ToOcpp()) == ChargePointStatus.Unavailable)
            ? ChargePointStatus.Unavailable
            : ChargePointStatus.Available;
    }

    private async Task SendAllStatusesAsync(int? onlyConnector, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var connectors = _station.Connectors;
        if (onlyConnector is null or 0)
        {
            await SendStatusAsync(0, StationStatus(_ => null), ChargePointErrorCode.NoError, null, now, cancellationToken).ConfigureAwait(false);
            if (onlyConnector == 0)
            {
                // TriggerMessage for connector 0 asks for connector 0 only (OCPP 1.6 §5.17); no connectorId means all.
                return;
            }
        }

        foreach (var connector in connectors)
        {
            if (onlyConnector is > 0 && onlyConnector != connector.ConnectorId)
            {
                continue;
            }

            _lastStatus.TryGetValue(connector.ConnectorId, out var last);
            await SendStatusAsync(
                connector.ConnectorId,
                connector.Status.ToOcpp(),
                connector.ErrorCode.ToOcpp(),
                last is not null && last.Status == connector.Status ? last.Info : null,
                now,
                cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SendStatusAsync(int connectorId, ChargePointStatus status, ChargePointErrorCode errorCode, string? info, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var request = new StatusNotificationRequest
        {
            ConnectorId = connectorId,
            Status = status,
            ErrorCode = errorCode,
            Info = info is { Length: > 50 } ? info[..50] : info,
            Timestamp = at,
        };
        _reportedStatus[connectorId] = (status, errorCode);
        var outcome = await _dispatcher.CallAsync(request, cancellationToken).ConfigureAwait(false);
        if (!outcome.IsConfirmed)
        {
            ChargePointLog.StatusNotDelivered(_logger, connectorId, outcome.Status);
        }
    }

    private sealed record StatusDue(ConnectorStatusChanged Changed);

    private sealed record TransactionHoldExpired(int ConnectorId, OutboxMessageKey Key);
}
