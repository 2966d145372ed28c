using Evse.Core.Charging;
using Evse.Ocpp.Authorization;
using Evse.Ocpp.Configuration;
using Evse.Ocpp.Framing;
using Evse.Ocpp.Messages;
using Evse.Ocpp.Rpc;
using Evse.Ocpp.SmartCharging;
using Microsoft.Extensions.Logging;
using CoreStatus = Evse.Core.Charging.ChargePointStatus;

namespace Evse.Ocpp.ChargePoint;

/// <summary>
/// The Core profile's Central System → charge point actions (OCPP 1.6 §5). <see cref="Register"/> puts them all in a
/// handler registry. Work that must follow the answer (Reset, TriggerMessage) is started after the CALLRESULT is out.
/// </summary>
/// <remarks>
/// With <paramref name="remoteStartProfiles"/> (SmartCharging), a RemoteStartTransaction's chargingProfile is held
/// until its session starts and an invalid one rejects the request; without it the profile is ignored.
/// </remarks>
public sealed class CoreProfileHandlers(
    ChargePointService chargePoint,
    IChargePointStation station,
    ConfigurationService configuration,
    AuthorizationCache cache,
    OcppAuthorizer authorizer,
    TimeProvider time,
    ILogger<CoreProfileHandlers> logger,
    IRemoteStartChargingProfiles? remoteStartProfiles = null) :
    IOcppRequestHandler<RemoteStartTransactionRequest, RemoteStartTransactionConfirmation>,
    IOcppRequestHandler<RemoteStopTransactionRequest, RemoteStopTransactionConfirmation>,
    IOcppRequestHandler<ChangeAvailabilityRequest, ChangeAvailabilityConfirmation>,
    IOcppRequestHandler<ChangeConfigurationRequest, ChangeConfigurationConfirmation>,
    IOcppRequestHandler<GetConfigurationRequest, GetConfigurationConfirmation>,
    IOcppRequestHandler<ClearCacheRequest, ClearCacheConfirmation>,
    IOcppRequestHandler<ResetRequest, ResetConfirmation>,
    IOcppRequestHandler<UnlockConnectorRequest, UnlockConnectorConfirmation>,
    IOcppRequestHandler<DataTransferRequest, DataTransferConfirmation>,
    IOcppRequestHandler<TriggerMessageRequest, TriggerMessageConfirmation>
{
    /// <summary>How long Reset waits for running sessions to stop and their StopTransaction to be sent (queued when offline) before the restart.</summary>
    public static readonly TimeSpan ResetStopGrace = TimeSpan.FromSeconds(10);

    private readonly Dictionary<MessageTrigger, Action> _profileTriggers = [];

    /// <summary>
    /// Lets another profile answer TriggerMessage for one of its messages (e.g. FirmwareStatusNotification):
    /// <paramref name="trigger"/> runs before the Accepted answer and must defer the send until it is out.
    /// </summary>
    public void AddTrigger(MessageTrigger message, Action trigger) => _profileTriggers[message] = trigger;

    public OcppHandlerRegistry Register(OcppHandlerRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .Register<RemoteStartTransactionRequest, RemoteStartTransactionConfirmation>(this)
            .Register<RemoteStopTransactionRequest, RemoteStopTransactionConfirmation>(this)
            .Register<ChangeAvailabilityRequest, ChangeAvailabilityConfirmation>(this)
            .Register<ChangeConfigurationRequest, ChangeConfigurationConfirmation>(this)
            .Register<GetConfigurationRequest, GetConfigurationConfirmation>(this)
            .Register<ClearCacheRequest, ClearCacheConfirmation>(this)
            .Register<ResetRequest, ResetConfirmation>(this)
            .Register<UnlockConnectorRequest, UnlockConnectorConfirmation>(this)
            .Register<DataTransferRequest, DataTransferConfirmation>(this)
            .Register<TriggerMessageRequest, TriggerMessageConfirmation>(this);
    }

    public async ValueTask<OcppHandlerResult<RemoteStartTransactionConfirmation>> HandleAsync(RemoteStartTransactionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var connectors = station.Connectors;
        var target = request.ConnectorId is { } id
            ? connectors.FirstOrDefault(c => c.ConnectorId == id)
            : connectors.FirstOrDefault(c => c.ActiveRecordId is null && c.Status is CoreStatus.Available or CoreStatus.Preparing);
        if (target is null || target.ActiveRecordId is not null || target.Status is CoreStatus.Unavailable or CoreStatus.Faulted)
        {
            return Remote(RemoteStartStopStatus.Rejected);
        }

        if (configuration.GetBoolean(OcppConfigurationKeys.AuthorizeRemoteTxRequests))
        {
            var outcome = await authorizer.AuthorizeAsync(target.ConnectorId, request.IdTag, cancellationToken).ConfigureAwait(false);
            if (!outcome.Accepted)
            {
                return Remote(RemoteStartStopStatus.Rejected);
            }
        }

        if (request.ChargingProfile is { } profile && remoteStartProfiles is not null
            && !remoteStartProfiles.TryHold(target.ConnectorId, request.IdTag, profile))
        {
            return Remote(RemoteStartStopStatus.Rejected);
        }

        return Remote(station.Post(target.ConnectorId, new StartRequested(request.IdTag)) ? RemoteStartStopStatus.Accepted : RemoteStartStopStatus.Rejected);
    }

    public ValueTask<OcppHandlerResult<RemoteStopTransactionConfirmation>> HandleAsync(RemoteStopTransactionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var connector in station.Connectors)
        {
            if (connector.ActiveRecordId is { } record
                && chargePoint.TryGetCentralTransactionId(record, out var transactionId)
                && transactionId == request.TransactionId
                && station.Post(connector.ConnectorId, new StopRequested(StopReason.Remote)))
            {
                return Answer(new RemoteStopTransactionConfirmation { Status = RemoteStartStopStatus.Accepted });
            }
        }

        return Answer(new RemoteStopTransactionConfirmation { Status = RemoteStartStopStatus.Rejected });
    }

    public ValueTask<OcppHandlerResult<ChangeAvailabilityConfirmation>> HandleAsync(ChangeAvailabilityRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var operative = request.Type == AvailabilityType.Operative;
        var targets = station.Connectors.Where(c => request.ConnectorId == 0 || c.ConnectorId == request.ConnectorId).ToList();
        if (targets.Count == 0)
        {
            return Answer(new ChangeAvailabilityConfirmation { Status = AvailabilityStatus.Rejected });
        }

        // The control loop applies Inoperative when the running session ends (OCPP 1.6 §5.2 "Scheduled").
        var scheduled = !operative && targets.Any(c => c.ActiveRecordId is not null);
        foreach (var connector in targets)
        {
            station.Post(connector.ConnectorId, new AvailabilityChanged(operative));
        }

        return Answer(new ChangeAvailabilityConfirmation { Status = scheduled ? AvailabilityStatus.Scheduled : AvailabilityStatus.Accepted });
    }

    public ValueTask<OcppHandlerResult<ChangeConfigurationConfirmation>> HandleAsync(ChangeConfigurationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var status = configuration.ChangeConfiguration(request.Key, request.Value);
        return Answer(new ChangeConfigurationConfirmation { Status = Enum.Parse<ConfigurationStatus>(status.ToString()) });
    }

    public ValueTask<OcppHandlerResult<GetConfigurationConfirmation>> HandleAsync(GetConfigurationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = configuration.GetConfiguration(request.Key);
        if (result.TooManyKeys)
        {
            return ValueTask.FromResult(OcppHandlerResult<GetConfigurationConfirmation>.Error(
                OcppErrorCode.OccurenceConstraintViolation, $"At most {configuration.GetConfigurationMaxKeys} keys per request (GetConfigurationMaxKeys)."));
        }

        return Answer(new GetConfigurationConfirmation
        {
            ConfigurationKey = [.. result.ConfigurationKeys.Select(k => new KeyValue { Key = k.Key, Readonly = k.ReadOnly, Value = k.Value })],
            UnknownKey = result.UnknownKeys.Count == 0 ? null : result.UnknownKeys,
        });
    }

    public ValueTask<OcppHandlerResult<ClearCacheConfirmation>> HandleAsync(ClearCacheRequest request, CancellationToken cancellationToken) =>
        Answer(new ClearCacheConfirmation { Status = Enum.Parse<Messages.ClearCacheStatus>(cache.Clear().ToString()) });

    public ValueTask<OcppHandlerResult<ResetConfirmation>> HandleAsync(ResetRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ChargePointLog.ResetRequested(logger, request.Type);
        var reason = request.Type == ResetType.Hard ? StopReason.HardReset : StopReason.SoftReset;
        _ = ResetAfterAnswerAsync(reason);
        return Answer(new ResetConfirmation { Status = ResetStatus.Accepted });
    }

    public ValueTask<OcppHandlerResult<UnlockConnectorConfirmation>> HandleAsync(UnlockConnectorRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var connector = station.Connectors.FirstOrDefault(c => c.ConnectorId == request.ConnectorId);

        // Our stations have a tethered cable: there is nothing to unlock (socket locks are not driven from OCPP yet).
        return Answer(new UnlockConnectorConfirmation { Status = connector is null || connector.Tethered ? UnlockStatus.NotSupported : UnlockStatus.UnlockFailed });
    }

    public ValueTask<OcppHandlerResult<DataTransferConfirmation>> HandleAsync(DataTransferRequest request, CancellationToken cancellationToken) =>
        Answer(new DataTransferConfirmation { Status = DataTransferStatus.UnknownVendorId });

    public ValueTask<OcppHandlerResult<TriggerMessageConfirmation>> HandleAsync(TriggerMessageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_profileTriggers.TryGetValue(request.RequestedMessage, out var profileTrigger))
        {
            profileTrigger();
            return Answer(new TriggerMessageConfirmation { Status = TriggerMessageStatus.Accepted });
        }

        if (request.RequestedMessage is not (MessageTrigger.BootNotification or MessageTrigger.Heartbeat or MessageTrigger.StatusNotification or MessageTrigger.MeterValues))
        {
            return Answer(new TriggerMessageConfirmation { Status = TriggerMessageStatus.NotImplemented });
        }

        if (request.ConnectorId is { } id && id != 0 && station.Connectors.All(c => c.ConnectorId != id))
        {
            return Answer(new TriggerMessageConfirmation { Status = TriggerMessageStatus.Rejected });
        }

        chargePoint.Trigger(request.RequestedMessage, request.ConnectorId);
        return Answer(new TriggerMessageConfirmation { Status = TriggerMessageStatus.Accepted });
    }

    private static ValueTask<OcppHandlerResult<T>> Answer<T>(T confirmation)
        where T : class, IOcppConfirmation => ValueTask.FromResult<OcppHandlerResult<T>>(confirmation);

    private static OcppHandlerResult<RemoteStartTransactionConfirmation> Remote(RemoteStartStopStatus status) =>
        new RemoteStartTransactionConfirmation { Status = status };

    private async Task ResetAfterAnswerAsync(StopReason reason)
    {
        // Let the CALLRESULT go out first.
        await Task.Yield();
        var ending = station.Connectors.Where(c => c.ActiveRecordId is not null).ToList();
        foreach (var connector in ending)
        {
            station.Post(connector.ConnectorId, new StopRequested(reason));
        }

        // The restart waits for the StopTransactions themselves (OCPP 1.6 §5.13: stop the transactions, send
        // StopTransaction, then restart), not only for the sessions to end: a fast control loop ends them before the
        // first check here, and a restart then raced the outbox for the stop.
        var records = ending.Select(c => c.ActiveRecordId!.Value).ToList();
        var deadline = time.GetUtcNow() + ResetStopGrace;
        while (!StopsDone(records) && time.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), time).ConfigureAwait(false);
        }

        station.RequestRestart();
    }

    /// <summary>Every session ended and its StopTransaction queued durably; when online, also sent and answered.</summary>
    private bool StopsDone(IReadOnlyCollection<long> records) =>
        station.Connectors.All(c => c.ActiveRecordId is null || !records.Contains(c.ActiveRecordId.Value))
        && records.All(chargePoint.IsStopQueued)
        && (!chargePoint.IsOnline || chargePoint.Outbox.PendingCount == 0);
}
