using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Evse.Core.Ports;
using Evse.Core.Station;
using Evse.Ocpp.Configuration;
using Evse.Ocpp.Messages;
using Evse.Ocpp.Outbox;
using Evse.Ocpp.Rpc;
using Evse.Ocpp.Transport;
using Microsoft.Extensions.Logging;

namespace Evse.Ocpp.ChargePoint;

/// <summary>
/// The OCPP 1.6 Core profile of the charge point: runs the transport and dispatcher, registers with
/// BootNotification (Accepted / Pending / Rejected with the interval, OCPP 1.6 §4.2), then sends Heartbeat every
/// HeartbeatInterval and StatusNotification for connector 0 and every connector, again on every status change and
/// after each reconnect. Station events become StartTransaction / StopTransaction / MeterValues through the durable
/// <see cref="TransactionOutbox"/>, which only sends once the registration is Accepted.
/// </summary>
/// <remarks>
/// Before Accepted nothing but BootNotification goes out (a Pending Central System may still call us; we answer).
/// BootNotification is sent once per daemon start: a reconnect re-sends the current statuses instead (§4.2 says
/// boot after a reboot, not after a network loss).
/// </remarks>
public sealed partial class ChargePointService : IStationEventSink, IOutboxSender, IDisposable
{
    private static readonly TimeSpan OfflinePollInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan BootRetryAfterFailure = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LongestBootWait = TimeSpan.FromDays(1);

    private readonly IOcppTransport _transport;
    private readonly OcppRpcDispatcher _dispatcher;
    private readonly ConfigurationService _configuration;
    private readonly StationIdentity _identity;
    private readonly IChargePointStation _station;
    private readonly TransactionIdMap _transactions;
    private readonly TimeProvider _time;
    private readonly ILogger<ChargePointService> _logger;
    private readonly Channel<object> _events = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<int, ConnectorStatusChanged> _lastStatus = [];
    private readonly object _gate = new();
    private readonly List<Triggered> _triggersAwaitingAnswer = [];
    private readonly List<Func<Task>> _workAwaitingAnswer = [];
    private readonly TransactionDataLog _transactionData;
    private readonly SemaphoreSlim _heartbeatRearm = new(0, 1);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, byte> _stopsQueued = new();
    private CancellationTokenSource? _connection;
    private CancellationToken _stopping;
    private readonly SemaphoreSlim _bootGate = new(1, 1);
    private volatile bool _accepted;

    // The transaction backlog waits for the current statuses after each (re)connect and Accepted (docs/ocpp-core-profile.md:
    // statuses first, the outbox follows); the outbox's own poll would otherwise race the event loop that sends them.
    private volatile bool _statusesAnnounced;
    private int _announceGeneration;
    private RegistrationStatus? _registration;
    private DateTimeOffset _bootNotBefore = DateTimeOffset.MinValue;
    private CancellationTokenSource? _bootWaiter;

    public ChargePointService(
        IOcppTransport transport,
        OcppRpcDispatcher dispatcher,
        IOutboxStore outboxStore,
        TransactionIdMap transactions,
        ConfigurationService configuration,
        StationIdentity identity,
        IChargePointStation station,
        TimeProvider time,
        ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _transport = transport;
        _dispatcher = dispatcher;
        _configuration = configuration;
        _identity = identity;
        _station = station;
        _transactions = transactions;
        _time = time;
        _logger = loggerFactory.CreateLogger<ChargePointService>();
        Outbox = new TransactionOutbox(outboxStore, this, configuration.OutboxRetryPolicy, time, loggerFactory.CreateLogger<TransactionOutbox>());
        _transactionData = new TransactionDataLog(transactions.Store);

        // §4.2: while Rejected the charge point does not respond to Central System initiated messages.
        _dispatcher.IncomingCallsAllowed = () => !IsRejected;

        // The idTagInfo of StartTransaction.conf decides StopTransactionOnInvalidId; handled on the event loop.
        Outbox.Delivered += (_, delivered) => _events.Writer.TryWrite(delivered);
        Outbox.Dropped += (_, dropped) => _events.Writer.TryWrite(dropped);
    }

    /// <summary>The transaction-message queue this service feeds.</summary>
    public TransactionOutbox Outbox { get; }

    /// <summary>The reservationId a starting session uses up (Reservation profile), for its StartTransaction; null when none.</summary>
    public Func<SessionStarted, int?> ReservationIdOf { get; set; } = static _ => null;

    /// <summary>
    /// True once the SessionEnded of the charging record was handled: its StopTransaction is durable in the outbox, or the
    /// session never reached OCPP. Reset waits on it before the restart. Kept for the daemon's lifetime (a few ids a day).
    /// </summary>
    public bool IsStopQueued(long recordId) => _stopsQueued.ContainsKey(recordId);

    /// <summary>True once BootNotification was Accepted (stays true across reconnects).</summary>
    public bool IsAccepted => _accepted;

    /// <summary>The last BootNotification.conf status; null before the first answer.</summary>
    public RegistrationStatus? Registration
    {
        get
        {
            lock (_gate)
            {
                return _registration;
            }
        }
    }

    private bool IsRejected => Registration == RegistrationStatus.Rejected;

    /// <summary>True when a CALL can go out now: connected and accepted.</summary>
    public bool IsOnline => _accepted && _dispatcher.IsConnected;

    /// <summary>The local transaction id of a charging record, if its session reached the outbox.</summary>
    public bool TryGetCentralTransactionId(long recordId, out int transactionId)
    {
        transactionId = 0;
        return _transactions.TryGet(recordId, out var local) && Outbox.TryGetCentralTransactionId(local, out transactionId);
    }

    /// <summary>Runs until <paramref name="stoppingToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        _dispatcher.Connected += OnConnected;
        _dispatcher.Disconnected += OnDisconnected;
        _dispatcher.IncomingCallAnswered += OnIncomingCallAnswered;
        _configuration.Changed += OnConfigurationChanged;
        try
        {
            var transport = _transport.RunAsync(_dispatcher, stoppingToken);
            var outbox = RunOutboxAsync(stoppingToken);
            var events = RunEventsAsync(stoppingToken);
            await Task.WhenAll(transport, outbox, events).ConfigureAwait(false);
        }
        finally
        {
            _dispatcher.Connected -= OnConnected;
            _dispatcher.Disconnected -= OnDisconnected;
            _dispatcher.IncomingCallAnswered -= OnIncomingCallAnswered;
            _configuration.Changed -= OnConfigurationChanged;
            CancelConnection();
        }
    }

    /// <inheritdoc/>
    public void Publish(StationEvent stationEvent)
    {
        NoteMetered(stationEvent);
        _events.Writer.TryWrite(stationEvent);
    }

    /// <summary>TriggerMessage: sends the requested message once the current incoming CALL has been answered.</summary>
    /// <remarks>Only call it from a handler of an incoming CALL: the message is released when that CALL's answer is out.</remarks>
    public void Trigger(MessageTrigger message, int? connectorId)
    {
        lock (_gate)
        {
            _triggersAwaitingAnswer.Add(new Triggered(message, connectorId));
        }
    }

    /// <summary>Runs <paramref name="work"/> once the current incoming CALL has been answered (e.g. an Authorize.req after RemoteStartTransaction.conf).</summary>
    /// <remarks>Only call it from a handler of an incoming CALL; <paramref name="work"/> must not throw.</remarks>
    public void AfterAnswer(Func<Task> work)
    {
        lock (_gate)
        {
            _workAwaitingAnswer.Add(work);
        }
    }

    /// <inheritdoc/>
    public async Task<OutboxSendResult> SendAsync(string action, string payloadJson, CancellationToken cancellationToken)
    {
        if (!IsOnline || !_statusesAnnounced)
        {
            return OutboxSendResult.NotConnected;
        }

        return action switch
        {
            "StartTransaction" => await CallRawAsync<StartTransactionRequest, StartTransactionConfirmation>(action, payloadJson, cancellationToken).ConfigureAwait(false),
            "StopTransaction" => await CallRawAsync<StopTransactionRequest, StopTransactionConfirmation>(action, payloadJson, cancellationToken).ConfigureAwait(false),
            "MeterValues" => await CallRawAsync<MeterValuesRequest, MeterValuesConfirmation>(action, payloadJson, cancellationToken).ConfigureAwait(false),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Not a transaction-related message."),
        };
    }

    public void Dispose()
    {
        CancelConnection();
        Outbox.Dispose();
        _bootGate.Dispose();
        _heartbeatRearm.Dispose();
    }

    private static string Serialize<T>(T value)
        where T : notnull
    {
        OcppActions.TryGetByRequestType(typeof(T), out var action);
        return JsonSerializer.Serialize(value, action!.RequestTypeInfo);
    }

    private async Task<OutboxSendResult> CallRawAsync<TRequest, TConfirmation>(string actionName, string payloadJson, CancellationToken cancellationToken)
        where TRequest : class, IOcppRequest<TConfirmation>
        where TConfirmation : class, IOcppConfirmation
    {
        // The outbox schema-checked the payload at enqueue: send its JSON as stored, no record round trip.
        var outcome = await _dispatcher.CallPreparedAsync(actionName, payloadJson, cancellationToken).ConfigureAwait(false);
        return outcome.Status switch
        {
            OcppCallStatus.Confirmed => OutboxSendResult.Confirmed(outcome.ConfirmationJson!),
            OcppCallStatus.Timeout => OutboxSendResult.Timeout,
            OcppCallStatus.Disconnected => OutboxSendResult.NotConnected,
            _ => OutboxSendResult.CallError(outcome.ErrorCode?.ToString() ?? "GenericError", outcome.ErrorDescription ?? string.Empty),
        };
    }

    private void OnIncomingCallAnswered(object? sender, EventArgs e)
    {
        List<Triggered> released;
        List<Func<Task>> work;
        lock (_gate)
        {
            released = [.. _triggersAwaitingAnswer];
            _triggersAwaitingAnswer.Clear();
            work = [.. _workAwaitingAnswer];
            _workAwaitingAnswer.Clear();
        }

        foreach (var item in work)
        {
            _ = item();
        }

        foreach (var triggered in released)
        {
            _events.Writer.TryWrite(triggered);
        }
    }

    private void OnConnected(object? sender, EventArgs e)
    {
        ForgetAnnounce();
        _events.Writer.TryWrite(LinkUp.Instance);
    }

    private void OnDisconnected(object? sender, EventArgs e)
    {
        ForgetAnnounce();
        CancelConnection();
        _events.Writer.TryWrite(LinkDown.Instance);
    }

    private void CancelConnection()
    {
        CancellationTokenSource? old;
        lock (_gate)
        {
            old = _connection;
            _connection = null;
        }

        if (old is not null)
        {
            old.Cancel();
            old.Dispose();
        }
    }

    private async Task RunOutboxAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Outbox.RunAsync(OfflinePollInterval, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    private async Task RunEventsAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var item in _events.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await HandleAsync(item, stoppingToken).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // One event that fails (a bug, a disk error) must not stop the loop that serves every later one.
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
                {
                    ChargePointLog.EventFailed(_logger, ex, item.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    private async Task HandleAsync(object item, CancellationToken stoppingToken)
    {
        switch (item)
        {
            case LinkUp:
                var connection = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                CancellationTokenSource? previous;
                lock (_gate)
                {
                    previous = _connection;
                    _connection = connection;
                }

                previous?.Cancel();
                previous?.Dispose();
                _ = RunConnectionAsync(connection.Token);
                break;
            case LinkDown:
                ChargePointLog.Disconnected(_logger);
                break;
            case ConnectorStatusChanged changed:
                await OnStatusChangedAsync(changed, stoppingToken).ConfigureAwait(false);
                break;
            case StatusDue due:
                await OnStatusDueAsync(due.Changed, stoppingToken).ConfigureAwait(false);
                break;
            case SessionStarted started:
                _sessionIdTags[started.ConnectorId] = (started.RecordId, started.IdTag);
                EnqueueStart(started);
                break;
            case SessionEnded ended:
                EnqueueStop(ended);
                ClearInvalidation(ended.ConnectorId);
                break;
            case ConnectorMetered metered:
                await OnMeteredAsync(metered, stoppingToken).ConfigureAwait(false);
                break;
            case OutboxDeliveredEventArgs delivered:
                OnTransactionMessageDelivered(delivered);
                await ReleaseTransactionHoldAsync(delivered.Entry.Key, stoppingToken).ConfigureAwait(false);
                break;
            case OutboxDroppedEventArgs dropped:
                await ReleaseTransactionHoldAsync(dropped.Entry.Key, stoppingToken).ConfigureAwait(false);
                break;
            case TransactionHoldExpired expired:
                await ReleaseTransactionHoldAsync(expired.Key, stoppingToken).ConfigureAwait(false);
                break;
            case IdTagAnsweredEventArgs answered:
                OnIdTagAnsweredOnLoop(answered);
                break;
            case Triggered triggered:
                await SendTriggeredAsync(triggered, stoppingToken).ConfigureAwait(false);
                break;
        }
    }

    private async Task RunConnectionAsync(CancellationToken connectionToken)
    {
        try
        {
            if (!_accepted)
            {
                await RegisterAsync(connectionToken).ConfigureAwait(false);
            }
            else
            {
                AnnounceStatuses();
            }

            Outbox.Wake();
            await RunHeartbeatsAsync(_time.GetUtcNow(), connectionToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (connectionToken.IsCancellationRequested)
        {
            // The link dropped or the daemon stops.
        }
    }

    /// <summary>
    /// Sends a Heartbeat when no CALL of ours went out for HeartbeatInterval (the key is an interval of inactivity, and
    /// OCPP 1.6 §4.6 lets any other message stand for a Heartbeat). The wait is re-armed at once when the interval
    /// changes (ChangeConfiguration, BootNotification.conf), counted from the last message sent, so a shorter interval
    /// that is already overdue sends at once.
    /// </summary>
    private async Task RunHeartbeatsAsync(DateTimeOffset connectedAt, CancellationToken connectionToken)
    {
        var lastAttemptAt = connectedAt;
        while (!connectionToken.IsCancellationRequested)
        {
            var interval = _configuration.HeartbeatInterval;
            var wait = Timeout.InfiniteTimeSpan;
            if (interval > TimeSpan.Zero)
            {
                var lastSentAt = _dispatcher.LastCallSentAt is { } sent && sent > lastAttemptAt ? sent : lastAttemptAt;
                var now = _time.GetUtcNow();
                wait = lastSentAt + interval - now;
                if (wait <= TimeSpan.Zero)
                {
                    // Counted even when the send fails (link just dropped), so a failure never spins this loop.
                    lastAttemptAt = now;
                    await SendHeartbeatAsync(connectionToken).ConfigureAwait(false);
                    continue;
                }
            }

            using var linked = CancellationTokenSource.CreateLinkedTokenSource(connectionToken);
            var delay = Task.Delay(wait, _time, linked.Token);
            var rearm = _heartbeatRearm.WaitAsync(linked.Token);
            await Task.WhenAny(delay, rearm).ConfigureAwait(false);
            await linked.CancelAsync().ConfigureAwait(false);
            connectionToken.ThrowIfCancellationRequested();
        }
    }

    private void OnConfigurationChanged(object? sender, ConfigurationChangedEventArgs e)
    {
        if (string.Equals(e.Key, OcppConfigurationKeys.HeartbeatInterval, StringComparison.Ordinal))
        {
            lock (_gate)
            {
                if (_heartbeatRearm.CurrentCount == 0)
                {
                    _heartbeatRearm.Release();
                }
            }
        }
    }

    /// <summary>
    /// Sends BootNotification until Accepted. The earliest next attempt (<see cref="_bootNotBefore"/>) belongs to the
    /// service, not the connection: a Central System that rejects us and closes the socket does not get a new
    /// BootNotification on the reconnect before its interval ran out (§4.2). A triggered BootNotification that is
    /// answered Accepted ends the wait at once.
    /// </summary>
    private async Task RegisterAsync(CancellationToken connectionToken)
    {
        while (!_accepted)
        {
            var wait = NextBootAt - _time.GetUtcNow();
            if (wait <= TimeSpan.Zero)
            {
                await SendBootAsync(onlyWhenDue: true, connectionToken).ConfigureAwait(false);
                continue;
            }

            using var waiter = CancellationTokenSource.CreateLinkedTokenSource(connectionToken);
            lock (_gate)
            {
                _bootWaiter = waiter;
            }

            try
            {
                // Re-evaluated after each chunk, so a long interval does not overflow the timer.
                await Task.Delay(wait < LongestBootWait ? wait : LongestBootWait, _time, waiter.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!connectionToken.IsCancellationRequested)
            {
                // Woken by a triggered BootNotification's answer.
            }
            finally
            {
                lock (_gate)
                {
                    _bootWaiter = null;
                }
            }
        }
    }

    private DateTimeOffset NextBootAt
    {
        get
        {
            lock (_gate)
            {
                return _bootNotBefore;
            }
        }
    }

    /// <summary>
    /// One BootNotification round trip, its answer applied (registration state, heartbeat interval, next attempt).
    /// Only one is in flight at a time; with <paramref name="onlyWhenDue"/> (the retry loop) it is skipped when the
    /// one it waited behind already registered us or set a later retry time.
    /// </summary>
    private async Task SendBootAsync(bool onlyWhenDue, CancellationToken cancellationToken)
    {
        await _bootGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (onlyWhenDue && (_accepted || NextBootAt > _time.GetUtcNow()))
            {
                return;
            }

            var request = new BootNotificationRequest
            {
                ChargePointVendor = _identity.Vendor,
                ChargePointModel = _identity.Model,
                ChargePointSerialNumber = NullIfEmpty(_identity.SerialNumber),
                FirmwareVersion = NullIfEmpty(_identity.FirmwareVersion),
            };
            var outcome = await _dispatcher.CallAsync(request, cancellationToken).ConfigureAwait(false);
            ApplyBootAnswer(outcome);
        }
        finally
        {
            _bootGate.Release();
        }
    }

    private void ApplyBootAnswer(OcppCallOutcome<BootNotificationConfirmation> outcome)
    {
        var now = _time.GetUtcNow();
        if (outcome.Confirmation is not { } conf)
        {
            ChargePointLog.BootFailed(_logger, outcome.Status, outcome.ErrorDescription);
            if (!_accepted)
            {
                SetRegistration(_registration, now + BootRetryAfterFailure);
            }

            return;
        }

        ChargePointLog.BootAnswered(_logger, conf.Status, conf.Interval, conf.CurrentTime);
        if (conf.Status == RegistrationStatus.Accepted)
        {
            if (conf.Interval > 0)
            {
                ApplyHeartbeatInterval(conf.Interval);
            }

            var wasAccepted = _accepted;
            SetRegistration(RegistrationStatus.Accepted, now);
            _accepted = true;
            if (!wasAccepted)
            {
                AnnounceStatuses();
            }

            WakeRegistration();
            return;
        }

        var retry = conf.Interval > 0 ? TimeSpan.FromSeconds(conf.Interval) : _configuration.BootNotificationInterval;
        var wasOnline = _accepted;
        SetRegistration(conf.Status, now + retry);
        _accepted = false;
        ChargePointLog.RegistrationWait(_logger, conf.Status, now + retry);
        if (wasOnline && _dispatcher.IsConnected)
        {
            // A triggered BootNotification took the registration back to Pending/Rejected: restart the connection's
            // work so that it waits for the interval and registers again.
            _events.Writer.TryWrite(LinkUp.Instance);
        }
    }

    private void ApplyHeartbeatInterval(int intervalSeconds)
    {
        // The catalogue bounds the key (a week: the timer cannot wait much longer than seven weeks and nobody wants
        // heartbeats rarer than weekly); a longer interval is used at that bound rather than refused.
        ConfigurationCatalog.TryFind(OcppConfigurationKeys.HeartbeatInterval, out var definition);
        long seconds = intervalSeconds;
        if (definition?.MaxValue is { } max && seconds > max)
        {
            ChargePointLog.BootIntervalClamped(_logger, intervalSeconds, max);
            seconds = max;
        }

        _configuration.TryChange(OcppConfigurationKeys.HeartbeatInterval, seconds.ToString(CultureInfo.InvariantCulture), ConfigurationChangeOrigin.CentralSystem);
    }

    private void SetRegistration(RegistrationStatus? status, DateTimeOffset notBefore)
    {
        lock (_gate)
        {
            _registration = status;
            _bootNotBefore = notBefore;
        }
    }

    private void WakeRegistration()
    {
        lock (_gate)
        {
            _bootWaiter?.Cancel();
        }
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private async Task SendHeartbeatAsync(CancellationToken cancellationToken)
    {
        var outcome = await _dispatcher.CallAsync(new HeartbeatRequest(), cancellationToken).ConfigureAwait(false);
        if (outcome.Confirmation is { } conf)
        {
            // The station clock is NTP-disciplined; the Central System's time is only logged for comparison.
            ChargePointLog.HeartbeatAnswered(_logger, conf.CurrentTime);
        }
    }

    private async Task SendTriggeredAsync(Triggered triggered, CancellationToken cancellationToken)
    {
        if (IsRejected)
        {
            // §4.2: nothing goes out while Rejected until the interval has passed (the retry loop sends the boot).
            return;
        }

        switch (triggered.Message)
        {
            case MessageTrigger.BootNotification:
                // Its answer counts like any other BootNotification.conf (Pending → Accepted registers at once).
                await SendBootAsync(onlyWhenDue: false, cancellationToken).ConfigureAwait(false);
                break;
            case MessageTrigger.Heartbeat:
                await SendHeartbeatAsync(cancellationToken).ConfigureAwait(false);
                break;
            case MessageTrigger.StatusNotification when triggered.AnnounceGeneration > 0:
                try
                {
                    await SendAllStatusesAsync(null, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    // Also after a failed send (the link is gone then, and the next connection announces again), but
                    // not for an announce a newer link change has superseded.
                    if (Volatile.Read(ref _announceGeneration) == triggered.AnnounceGeneration)
                    {
                        _statusesAnnounced = true;
                        Outbox.Wake();
                    }
                }

                break;
            case MessageTrigger.StatusNotification:
                await SendAllStatusesAsync(triggered.ConnectorId, cancellationToken).ConfigureAwait(false);
                break;
            case MessageTrigger.MeterValues:
                await SendTriggeredMeterValuesAsync(triggered.ConnectorId, cancellationToken).ConfigureAwait(false);
                break;
            default:
                break;
        }
    }

    private void EnqueueStart(SessionStarted started)
    {
        var local = _transactions.GetOrAdd(started.RecordId, Outbox.BeginTransaction);
        var request = new StartTransactionRequest
        {
            ConnectorId = started.ConnectorId,
            IdTag = started.IdTag,
            MeterStart = checked((int)Math.Round(started.MeterStartWh)),
            ReservationId = ReservationIdOf(started),
            Timestamp = started.At,
        };
        var key = new OutboxMessageKey(local, OutboxMessageKind.StartTransaction, 0);
        if (Outbox.Enqueue(key, Serialize(request)) == OutboxEnqueueResult.Enqueued)
        {
            AwaitTransactionMessage(started.ConnectorId, key);
        }
        _lastSampleAt[started.ConnectorId] = started.At;
    }

    private void EnqueueStop(SessionEnded ended)
    {
        if (!_transactions.TryGet(ended.RecordId, out var local))
        {
            ChargePointLog.StopWithoutStart(_logger, ended.RecordId);
            _stopsQueued.TryAdd(ended.RecordId, 0);
            return;
        }

        // A session closed after a power cut ends at its last known instant with its best energy (the Host settles the
        // record from this same mark first); kept here too, so a stop rebuilt from a record that missed it (a cut
        // during that boot) still never reports less energy, or an earlier time, than a MeterValues already queued.
        if (QueuedMeter(ended.RecordId) is { } queued)
        {
            ended = ended with
            {
                MeterStopWh = Math.Max(ended.MeterStopWh, queued.EnergyWh),
                At = queued.At is { } queuedAt && queuedAt > ended.At ? queuedAt : ended.At,
            };
        }

        // transactionId is written by the outbox at send time from the id mapping; 0 is a placeholder.
        var request = new StopTransactionRequest
        {
            TransactionId = 0,
            IdTag = ended.IdTag.Length == 0 ? null : ended.IdTag,
            MeterStop = checked((int)Math.Round(ended.MeterStopWh)),
            Timestamp = ended.At,
            Reason = ended.Reason.ToOcpp(),
            TransactionData = TransactionDataOf(ended),
        };
        var key = new OutboxMessageKey(local, OutboxMessageKind.StopTransaction, 0);
        if (Outbox.Enqueue(key, Serialize(request)) == OutboxEnqueueResult.Enqueued)
        {
            AwaitTransactionMessage(ended.ConnectorId, key);
        }

        _stopsQueued.TryAdd(ended.RecordId, 0);
        _transactionData.Remove(ended.RecordId);
        ForgetQueuedEnergy(ended.RecordId);
        _lastSampleAt.Remove(ended.ConnectorId);
    }

    /// <param name="AnnounceGeneration">Above 0: the statuses after a (re)connect or Accepted, which the transaction
    /// backlog waits for.</param>
    private sealed record Triggered(MessageTrigger Message, int? ConnectorId, int AnnounceGeneration = 0);

    private void AnnounceStatuses()
    {
        var generation = ForgetAnnounce();
        _events.Writer.TryWrite(new Triggered(MessageTrigger.StatusNotification, null, generation));
    }

    private int ForgetAnnounce()
    {
        var generation = Interlocked.Increment(ref _announceGeneration);
        _statusesAnnounced = false;
        return generation;
    }

    private sealed class LinkUp
    {
        public static readonly LinkUp Instance = new();
    }

    private sealed class LinkDown
    {
        public static readonly LinkDown Instance = new();
    }
}
