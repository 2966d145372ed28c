using Evse.Core.Charging;
using Evse.Ocpp.Authorization;
using Evse.Ocpp.Configuration;
using Evse.Ocpp.Framing;
using Evse.Ocpp.Messages;
using Evse.Ocpp.Reservation;
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
/// With <paramref name="reservations"/> (Reservation profile), RemoteStartTransaction on a reserved connector is
/// accepted only for an id the reservation admits, and a request without connectorId picks the id's own reservation;
/// without it a Reserved connector refuses every remote start.
/// </remarks>
public sealed class CoreProfileHandlers(
    ChargePointService chargePoint,
    IChargePointStation station,
    ConfigurationService configuration,
    AuthorizationCache cache,
    OcppAuthorizer authorizer,
    TimeProvider time,
    ILogger<CoreProfileHandlers> logger,
    IRemoteStartChargingProfiles? remoteStartProfiles = null,
    ReservationService? reservations = null) :
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

    /// <summary>How long UnlockConnector waits for the lock's feedback to read Unlocked (actuators travel in well under a second).</summary>
    public static readonly TimeSpan UnlockFeedbackTimeout = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan UnlockFeedbackPoll = TimeSpan.FromMilliseconds(100);

    private readonly Dictionary<MessageTrigger, Action> _profileTriggers = [];
    private readonly ConnectorAvailability _availability = new(chargePoint.SettingsStore);

    /// <summary>
    /// Lets another profile answer TriggerMessage for one of its messages (e.g. FirmwareStatusNotification):
    /// <paramref name="trigger"/> runs before the Accepted answer and must defer the send until it is out.
    /// </summary>
    public void AddTrigger(MessageTrigger message, Action trigger) => _profileTriggers[message] = trigger;

    /// <summary>
    /// Puts the handlers in <paramref name="registry"/> and posts Inoperative to the connectors a ChangeAvailability
    /// left so before the restart (OCPP 1.6 §5.2: it persists a reboot), before any CALL can arrive.
    /// </summary>
    public OcppHandlerRegistry Register(OcppHandlerRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        foreach (var connectorId in _availability.InoperativeConnectors())
        {
            station.Post(connectorId, new AvailabilityChanged(false));
        }

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

    public ValueTask<OcppHandlerResult<RemoteStartTransactionConfirmation>> HandleAsync(RemoteStartTransactionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var target = request.ConnectorId is { } id
            ? station.Connectors.FirstOrDefault(c => c.ConnectorId == id)
            : ChooseRemoteStartConnector(request.IdTag);
        if (target is null || target.ActiveRecordId is not null || target.Status is CoreStatus.Unavailable or CoreStatus.Faulted)
        {
            return Answer(Remote(RemoteStartStopStatus.Rejected));
        }

        // A reserved connector (or the last free one a connector-0 reservation keeps) takes only its holder: the Core
        // would drop any other id's StartRequested silently, so refuse it here where the Central System sees it.
        var admitted = reservations?.Admit(target.ConnectorId, request.IdTag).Allowed ?? target.Status != CoreStatus.Reserved;
        if (!admitted)
        {
            return Answer(Remote(RemoteStartStopStatus.Rejected));
        }

        if (request.ChargingProfile is { } profile && remoteStartProfiles is not null
            && !remoteStartProfiles.TryHold(target.ConnectorId, request.IdTag, profile))
        {
            return Answer(Remote(RemoteStartStopStatus.Rejected));
        }

        if (!configuration.GetBoolean(OcppConfigurationKeys.AuthorizeRemoteTxRequests))
        {
            return Answer(Remote(station.Post(target.ConnectorId, new StartRequested(request.IdTag)) ? RemoteStartStopStatus.Accepted : RemoteStartStopStatus.Rejected));
        }

        // OCPP 1.6 §5.11: authorize as for a local start. The answer goes first and the Authorize.req after it
        // (the order a Central System expects, and an Authorize round trip could outlast its RemoteStart timeout).
        var connectorId = target.ConnectorId;
        var idTag = request.IdTag;
        chargePoint.AfterAnswer(() => AuthorizeRemoteStartAsync(connectorId, idTag));
        return Answer(Remote(RemoteStartStopStatus.Accepted));
    }

    /// <summary>
    /// No connectorId: the connector reserved for this idTag, else one where an EV is plugged in and waiting
    /// (Preparing), else the first Available one.
    /// </summary>
    private ChargePointConnector? ChooseRemoteStartConnector(string idTag)
    {
        var idle = station.Connectors.Where(c => c.ActiveRecordId is null).ToList();
        if (reservations is not null)
        {
            var reservedForTag = reservations.Active
                .Where(r => r.ConnectorId > 0 && string.Equals(r.IdTag, idTag, StringComparison.OrdinalIgnoreCase))
                .Select(r => r.ConnectorId)
                .ToHashSet();
            var own = idle.FirstOrDefault(c => reservedForTag.Contains(c.ConnectorId) && c.Status is CoreStatus.Reserved or CoreStatus.Available or CoreStatus.Preparing);
            if (own is not null)
            {
                return own;
            }
        }

        return idle.FirstOrDefault(c => c.Status == CoreStatus.Preparing) ?? idle.FirstOrDefault(c => c.Status == CoreStatus.Available);
    }

    private async Task AuthorizeRemoteStartAsync(int connectorId, string idTag)
    {
        var outcome = await authorizer.AuthorizeAsync(connectorId, idTag, CancellationToken.None).ConfigureAwait(false);
        if (outcome.Accepted)
        {
            station.Post(connectorId, new StartRequested(idTag));
        }
        else
        {
            ChargePointLog.RemoteStartNotAuthorized(logger, connectorId, outcome.Status, outcome.Source);
        }
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
            _availability.Set(connector.ConnectorId, operative);
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

    public async ValueTask<OcppHandlerResult<UnlockConnectorConfirmation>> HandleAsync(UnlockConnectorRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var connector = station.Connectors.FirstOrDefault(c => c.ConnectorId == request.ConnectorId);
        if (connector is null || connector.Tethered)
        {
            // A tethered cable has nothing to unlock.
            return new UnlockConnectorConfirmation { Status = UnlockStatus.NotSupported };
        }

        // OCPP 1.6 §5.19: a transaction on the connector is stopped first (reason UnlockCommand); the Core does that,
        // opening the contactor before it pulses the lock.
        if (!station.Post(connector.ConnectorId, new UnlockRequested()))
        {
            return new UnlockConnectorConfirmation { Status = UnlockStatus.UnlockFailed };
        }

        // Answer from the lock's feedback switch, giving the actuator its travel time.
        var deadline = time.GetUtcNow() + UnlockFeedbackTimeout;
        while (true)
        {
            var now = station.Connectors.FirstOrDefault(c => c.ConnectorId == connector.ConnectorId);
            if (now?.SocketLock == Evse.Core.Ports.Hardware.SocketLockState.Unlocked)
            {
                return new UnlockConnectorConfirmation { Status = UnlockStatus.Unlocked };
            }

            if (time.GetUtcNow() >= deadline)
            {
                return new UnlockConnectorConfirmation { Status = UnlockStatus.UnlockFailed };
            }

            await Task.Delay(UnlockFeedbackPoll, time, cancellationToken).ConfigureAwait(false);
        }
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

        if (request.RequestedMessage == MessageTrigger.MeterValues && !chargePoint.HasMeterReading(request.ConnectorId))
        {
            // Nothing measured yet: Accepted would promise a message that never comes.
            return Answer(new TriggerMessageConfirmation { Status = TriggerMessageStatus.Rejected });
        }

        chargePoint.Trigger(request.RequestedMessage, request.ConnectorId);
        return Answer(new TriggerMessageConfirmation { Status = TriggerMessageStatus.Accepted });
    }

    private static ValueTask<OcppHandlerResult<T>> Answer<T>(T confirmation)
        where T : class, IOcppConfirmation => ValueTask.FromResult<OcppHandlerResult<T>>(confirmation);

    private static RemoteStartTransactionConfirmation Remote(RemoteStartStopStatus status) =>
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
