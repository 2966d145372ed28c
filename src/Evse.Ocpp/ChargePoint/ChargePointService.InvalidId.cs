using System.Text.Json;
using System.Text.Json.Nodes;
using Evse.Core.Charging;
using Evse.Core.Limits;
using Evse.Core.Station;
using Evse.Ocpp.Configuration;
using Evse.Ocpp.Outbox;

namespace Evse.Ocpp.ChargePoint;

/// <summary>StopTransactionOnInvalidId and MaxEnergyOnInvalidId (OCPP 1.6 §4.8, §9.1).</summary>
/// <remarks>
/// When StartTransaction.conf answers an idTagInfo other than Accepted for a transaction that still runs, the
/// authorization cache is updated (<see cref="OcppAuthorizer.OnTransactionMessageDelivered"/>) and the connector may
/// still deliver MaxEnergyOnInvalidId Wh, counted from the register at the answer (0 = act at once). Then, with
/// StopTransactionOnInvalidId true the session is stopped with reason DeAuthorized; with false the energy is
/// suspended (a 0 A <see cref="LimitSource.Authorization"/> limit: the connector goes SuspendedEVSE) until the session
/// ends, when the limit is lifted. The invalidation lives in memory: after a restart the session runs on (the cache
/// then refuses the tag for any new session). An Authorize.conf for the session's idTag that is not Accepted
/// (<see cref="OnIdTagAnswered"/>) has the same effect.
/// </remarks>
public sealed partial class ChargePointService
{
    private readonly Dictionary<int, Invalidation> _invalidated = [];
    private readonly Dictionary<int, (long RecordId, string IdTag)> _sessionIdTags = [];

    /// <summary>
    /// Subscribe to <see cref="OcppAuthorizer.IdTagAnswered"/>: an Authorize.conf that no longer accepts the idTag of
    /// a running session (e.g. the card presented again at another connector) invalidates that session like a
    /// non-Accepted StartTransaction.conf does.
    /// </summary>
    public void OnIdTagAnswered(object? sender, IdTagAnsweredEventArgs answered)
    {
        ArgumentNullException.ThrowIfNull(answered);
        _events.Writer.TryWrite(answered);
    }

    private void OnIdTagAnsweredOnLoop(IdTagAnsweredEventArgs answered)
    {
        // ConcurrentTx only says the tag is busy, which it is: with this very session.
        if (answered.Status is "Accepted" or "ConcurrentTx")
        {
            return;
        }

        foreach (var connector in _station.Connectors)
        {
            if (connector.ActiveRecordId is { } recordId
                && _sessionIdTags.TryGetValue(connector.ConnectorId, out var session)
                && session.RecordId == recordId
                && string.Equals(session.IdTag, answered.IdTag, StringComparison.OrdinalIgnoreCase)
                && !_invalidated.ContainsKey(connector.ConnectorId))
            {
                Invalidate(connector.ConnectorId, recordId, answered.Status);
            }
        }
    }

    private void OnTransactionMessageDelivered(OutboxDeliveredEventArgs delivered)
    {
        if (delivered.Entry.Key.Kind != OutboxMessageKind.StartTransaction || !TryReadIdTagStatus(delivered.ConfirmationJson, out var status) || status == "Accepted")
        {
            return;
        }

        foreach (var connector in _station.Connectors)
        {
            if (connector.ActiveRecordId is { } recordId
                && _transactions.TryGet(recordId, out var local)
                && local == delivered.Entry.Key.LocalTransactionId)
            {
                Invalidate(connector.ConnectorId, recordId, status);
                return;
            }
        }
    }

    private void Invalidate(int connectorId, long recordId, string status)
    {
        var maxEnergyWh = _configuration.MaxEnergyOnInvalidIdWh;
        ChargePointLog.TransactionIdTagInvalid(_logger, connectorId, status, maxEnergyWh);
        double? baselineWh = _lastMeter.TryGetValue(connectorId, out var last) && last.RecordId == recordId ? last.Sample.EnergyWh : null;
        var invalidation = new Invalidation(recordId, status, baselineWh, Applied: false, Suspended: false);
        _invalidated[connectorId] = invalidation;
        if (maxEnergyWh <= 0)
        {
            Apply(connectorId, invalidation);
        }
    }

    private void CheckInvalidatedEnergy(ConnectorMetered metered)
    {
        if (!_invalidated.TryGetValue(metered.ConnectorId, out var invalidation) || invalidation.Applied || metered.RecordId != invalidation.RecordId)
        {
            return;
        }

        if (invalidation.BaselineWh is not { } baseline)
        {
            _invalidated[metered.ConnectorId] = invalidation with { BaselineWh = metered.Sample.EnergyWh };
            return;
        }

        if (metered.Sample.EnergyWh - baseline >= _configuration.MaxEnergyOnInvalidIdWh)
        {
            Apply(metered.ConnectorId, invalidation);
        }
    }

    private void Apply(int connectorId, Invalidation invalidation)
    {
        if (_configuration.GetBoolean(OcppConfigurationKeys.StopTransactionOnInvalidId))
        {
            ChargePointLog.TransactionDeauthorized(_logger, connectorId, "stopping the transaction");
            _invalidated[connectorId] = invalidation with { Applied = true };
            _station.Post(connectorId, new StopRequested(StopReason.DeAuthorized));
            return;
        }

        ChargePointLog.TransactionDeauthorized(_logger, connectorId, "suspending energy until the session ends");
        _invalidated[connectorId] = invalidation with { Applied = true, Suspended = true };
        _station.SetExternalLimit(connectorId, LimitSource.Authorization, new LimitContributor(LimitSource.Authorization, 0, $"idTag {invalidation.Status} by the Central System"));
    }

    private void ClearInvalidation(int connectorId)
    {
        _sessionIdTags.Remove(connectorId);
        if (_invalidated.Remove(connectorId, out var invalidation) && invalidation.Suspended)
        {
            _station.SetExternalLimit(connectorId, LimitSource.Authorization, null);
        }
    }

    private static bool TryReadIdTagStatus(string confirmationJson, out string status)
    {
        status = "";
        try
        {
            if (JsonNode.Parse(confirmationJson)?["idTagInfo"]?["status"] is JsonValue value && value.TryGetValue<string>(out var text))
            {
                status = text;
                return true;
            }
        }
        catch (JsonException)
        {
            // The dispatcher validated the confirmation; a damaged one is treated as no answer.
        }

        return false;
    }

    private sealed record Invalidation(long RecordId, string Status, double? BaselineWh, bool Applied, bool Suspended);
}
