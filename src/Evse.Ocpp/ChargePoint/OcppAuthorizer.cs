using Evse.Core.Authorization;
using Evse.Core.Ports;
using Evse.Ocpp.Authorization;
using Evse.Ocpp.Configuration;
using System.Text.Json.Nodes;
using Evse.Ocpp.Messages;
using Evse.Ocpp.Outbox;
using Evse.Ocpp.Rpc;
using Microsoft.Extensions.Logging;
using CoreIdTagInfo = Evse.Core.Authorization.IdTagInfo;
using CoreStatus = Evse.Core.Ports.AuthorizationStatus;

namespace Evse.Ocpp.ChargePoint;

/// <summary>
/// OCPP 1.6 §3.5 authorization: local list, then cache, then Authorize.req; offline (or when Authorize.req gets no
/// answer: link lost or PduTimeout passed, which is offline in all but name) LocalAuthorizeOffline and
/// AllowOfflineTxForUnknownId decide. A CALLERROR or an unreadable Authorize.conf refuses the id (Invalid): the
/// Central System was reached, and the offline rules must not let unknown ids charge when it fails.
/// </summary>
/// <remarks>
/// Core's AuthorizationDecider wants the whole list and cache as dictionaries; LocalAuthorization already answers
/// a single lookup from the SQLite-backed list and cache, so the same rules are applied here on that one answer.
/// Online, a valid local answer is accepted at once with LocalPreAuthorize; a not-valid local answer is not trusted
/// to refuse (the list may be behind) and the Central System is asked. Offline, a not-valid local entry refuses.
/// </remarks>
public sealed class OcppAuthorizer(
    LocalAuthorization local,
    IOcppCaller caller,
    Func<bool> isOnline,
    ConfigurationService configuration,
    ILogger<OcppAuthorizer> logger) : IAuthorizer
{
    public const string CentralSystemSource = "CentralSystem";
    public const string OfflineSource = "Offline";

    /// <summary>Raised after every Authorize.conf; a running session of that idTag may have to stop (StopTransactionOnInvalidId).</summary>
    public event EventHandler<IdTagAnsweredEventArgs>? IdTagAnswered;

    public async Task<AuthorizationOutcome> AuthorizeAsync(int connectorId, string idTag, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(idTag);
        local.TryAuthorize(idTag, out var known);
        if (isOnline())
        {
            if (known is { Status: CoreStatus.Accepted } && configuration.GetBoolean(OcppConfigurationKeys.LocalPreAuthorize))
            {
                return new AuthorizationOutcome(CoreStatus.Accepted, known.Source, known.Info.ParentIdTag);
            }

            var outcome = await caller.CallAsync(new AuthorizeRequest { IdTag = idTag }, cancellationToken).ConfigureAwait(false);
            if (outcome.Confirmation is { } conf)
            {
                local.OnIdTagInfo(idTag, new Evse.Ocpp.Authorization.IdTagInfo(conf.IdTagInfo.Status.ToCore(), conf.IdTagInfo.ExpiryDate, conf.IdTagInfo.ParentIdTag));
                IdTagAnswered?.Invoke(this, new IdTagAnsweredEventArgs(idTag, conf.IdTagInfo.Status.ToCore().ToString()));
                return new AuthorizationOutcome(conf.IdTagInfo.Status.ToCore(), CentralSystemSource, conf.IdTagInfo.ParentIdTag);
            }

            if (outcome.Status is not (OcppCallStatus.Disconnected or OcppCallStatus.Timeout))
            {
                // The Central System was reached and did not accept (CALLERROR, or an answer we cannot read): that
                // is no reason to let an unknown card charge under the offline rules.
                ChargePointLog.AuthorizeRefusedOnError(logger, outcome.Status);
                return new AuthorizationOutcome(CoreStatus.Invalid, CentralSystemSource);
            }

            ChargePointLog.AuthorizeFailed(logger, outcome.Status);
        }

        return Offline(idTag, known, onTimeout: false);
    }

    /// <summary>The control loop's Authorize Timeout passed with no answer: the offline rules decide, as when offline.</summary>
    public AuthorizationOutcome DecideAfterTimeout(int connectorId, string idTag)
    {
        ArgumentException.ThrowIfNullOrEmpty(idTag);
        local.TryAuthorize(idTag, out var known);
        return Offline(idTag, known, onTimeout: true);
    }

    /// <summary>
    /// Subscribe to <see cref="TransactionOutbox.Delivered"/>: the idTagInfo of StartTransaction.conf and
    /// StopTransaction.conf updates the cache like Authorize.conf does (OCPP 1.6 §3.5.1).
    /// </summary>
    public void OnTransactionMessageDelivered(object? sender, OutboxDeliveredEventArgs delivered)
    {
        ArgumentNullException.ThrowIfNull(delivered);
        if (delivered.Entry.Key.Kind == OutboxMessageKind.MeterValues
            || JsonNode.Parse(delivered.Entry.PayloadJson)?["idTag"] is not JsonValue idTagValue
            || !idTagValue.TryGetValue<string>(out var idTag)
            || JsonNode.Parse(delivered.ConfirmationJson)?["idTagInfo"] is not JsonObject info
            || info["status"] is not JsonValue statusValue
            || !statusValue.TryGetValue<string>(out var statusText)
            || !Enum.TryParse<CoreStatus>(statusText, out var status))
        {
            return;
        }

        DateTimeOffset? expiry = info["expiryDate"] is JsonValue e && e.TryGetValue<string>(out var text)
            && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed : null;
        var parent = info["parentIdTag"] is JsonValue p && p.TryGetValue<string>(out var parentText) ? parentText : null;
        local.OnIdTagInfo(idTag, new Evse.Ocpp.Authorization.IdTagInfo(status, expiry, parent));
    }

    /// <summary>
    /// The offline rules are Core's <see cref="AuthorizationDecider"/>; the one entry LocalAuthorization found (it
    /// already honours LocalAuthListEnabled and AuthorizationCacheEnabled) is handed over as the list or the cache.
    /// </summary>
    private AuthorizationOutcome Offline(string idTag, LocalAuthorizationResult? known, bool onTimeout)
    {
        var settings = new AuthorizationSettings(
            LocalAuthListEnabled: true,
            AuthorizationCacheEnabled: true,
            LocalPreAuthorize: configuration.GetBoolean(OcppConfigurationKeys.LocalPreAuthorize),
            LocalAuthorizeOffline: configuration.GetBoolean(OcppConfigurationKeys.LocalAuthorizeOffline),
            AllowOfflineTxForUnknownId: configuration.GetBoolean(OcppConfigurationKeys.AllowOfflineTxForUnknownId));
        var none = new Dictionary<string, CoreIdTagInfo>(StringComparer.OrdinalIgnoreCase);
        var entry = new Dictionary<string, CoreIdTagInfo>(StringComparer.OrdinalIgnoreCase);
        if (known is not null)
        {
            // known.Status already has the expiry applied, so the entry carries no date and "now" is immaterial.
            entry[idTag] = new CoreIdTagInfo(known.Status, null, known.Info.ParentIdTag);
        }

        var fromList = known?.Source == LocalAuthorization.LocalListSource;
        var context = new AuthorizationContext(false, settings, fromList ? entry : none, fromList ? none : entry);
        var step = AuthorizationDecider.OnTimeout(idTag, context, DateTimeOffset.MinValue);
        var outcome = step.Outcome!;
        return outcome.Source == IAuthorizer.TimeoutSource && !onTimeout ? outcome with { Source = OfflineSource } : outcome;
    }
}
