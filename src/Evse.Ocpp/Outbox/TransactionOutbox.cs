using System.Text.Json;
using System.Text.Json.Nodes;
using Evse.Ocpp.Rpc;
using Evse.Ocpp.Validation;
using Microsoft.Extensions.Logging;

namespace Evse.Ocpp.Outbox;

/// <summary>
/// The durable, strictly ordered queue of transaction-related messages (OCPP 1.6 §3.7, §4.10 "Transaction-related messages").
/// <list type="bullet">
/// <item>Enqueue is durable before it returns and idempotent per <see cref="OutboxMessageKey"/>. It checks the payload
/// against the official request schema, once: the send path trusts stored payloads (see docs/ocpp.md, "Backlog replay").</item>
/// <item>One message is in flight at a time, oldest first, across restarts: a message blocks the ones behind it.</item>
/// <item>A CALLERROR is a failure to process: the message is resent after TransactionMessageRetryInterval × failures so far,
/// and discarded after TransactionMessageAttempts failures, then the next message goes (the spec's rule, for every kind).</item>
/// <item>A discarded StartTransaction orphans its transaction: the Central System never learnt its id, so that
/// transaction's StopTransaction and MeterValues are discarded too (logged with their payloads).</item>
/// <item>Offline transactions use a local id; StopTransaction and MeterValues get the Central System's transactionId
/// written into their payload when sent, from the durable mapping stored together with the StartTransaction's delivery.</item>
/// </list>
/// Delivery is at least once: a crash after the Central System answered but before the answer was stored resends
/// the same bytes once after the restart.
/// </summary>
public sealed class TransactionOutbox : IDisposable
{
    private readonly IOutboxStore _store;
    private readonly IOutboxSender _sender;
    private readonly Func<OutboxRetryPolicy> _retryPolicy;
    private readonly TimeProvider _time;
    private readonly ILogger<TransactionOutbox> _logger;
    private readonly OcppSchemaValidator _validator;
    private readonly SemaphoreSlim _pumpGate = new(1, 1);
    private readonly SemaphoreSlim _wake = new(0, 1);

    // The next message with its transactionId already spliced in, made while the previous one was on the wire. Only the
    // pump (holding _pumpGate) reads or writes it; it is used only for that same sequence and the same Central System id.
    private (long Sequence, int CentralId, string Payload)? _prepared;

    // The newest StartTransaction mark on its way to disk (see IOutboxStore.MarkStartDeliveredAsync). MeterValues go out
    // while it is written; a StartTransaction or StopTransaction waits for it. Only the pump reads or writes it.
    private Task _startMarkOnDisk = Task.CompletedTask;

    public TransactionOutbox(
        IOutboxStore store,
        IOutboxSender sender,
        Func<OutboxRetryPolicy> retryPolicy,
        TimeProvider time,
        ILogger<TransactionOutbox> logger,
        OcppSchemaValidator? validator = null)
    {
        _validator = validator ?? OcppSchemaValidator.Default;
        _store = store;
        _sender = sender;
        _retryPolicy = retryPolicy;
        _time = time;
        _logger = logger;
    }

    public event EventHandler<OutboxDeliveredEventArgs>? Delivered;

    public event EventHandler<OutboxDroppedEventArgs>? Dropped;

    public int PendingCount => _store.CountPending();

    /// <summary>Allocates the local id of a new transaction (durably) before its StartTransaction is queued.</summary>
    public long BeginTransaction() => _store.CreateTransaction(_time.GetUtcNow());

    /// <summary>The Central System's id of a local transaction, once its StartTransaction was confirmed.</summary>
    public bool TryGetCentralTransactionId(long localTransactionId, out int centralTransactionId)
    {
        centralTransactionId = 0;
        if (_store.TryGetTransaction(localTransactionId, out var transaction) && transaction.CentralTransactionId is { } id)
        {
            centralTransactionId = id;
            return true;
        }

        return false;
    }

    /// <summary>Stores a message for sending. <paramref name="payloadJson"/> must be a JSON object that passes the request
    /// schema of its action; for stop and meter values its transactionId is overwritten at send time (any integer will do
    /// until then).</summary>
    /// <exception cref="ArgumentException">The payload is not a JSON object or breaks the schema (a bug in the caller).</exception>
    public OutboxEnqueueResult Enqueue(OutboxMessageKey key, string payloadJson)
    {
        EnsureValid(key.Kind, payloadJson);
        if (!_store.TryGetTransaction(key.LocalTransactionId, out _))
        {
            return OutboxEnqueueResult.UnknownTransaction;
        }

        if (!_store.TryEnqueue(key, payloadJson, _time.GetUtcNow(), out var sequence))
        {
            OutboxLog.Duplicate(_logger, key);
            return OutboxEnqueueResult.Duplicate;
        }

        OutboxLog.Enqueued(_logger, key.Kind, sequence, key.LocalTransactionId);
        Wake();
        return OutboxEnqueueResult.Enqueued;
    }

    /// <summary>Wakes the pump, e.g. when the connection is back and BootNotification was accepted.</summary>
    public void Wake()
    {
        try
        {
            if (_wake.CurrentCount == 0)
            {
                _wake.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Another thread woke it first; one pending wake is enough.
        }
    }

    /// <summary>Handles the head of the queue once: send it, or say why not.</summary>
    public async Task<OutboxPumpResult> PumpOnceAsync(CancellationToken cancellationToken)
    {
        await _pumpGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await PumpHeadAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _pumpGate.Release();
        }
    }

    /// <summary>Sends until cancelled, sleeping on the injected clock while empty, offline or waiting to retry.</summary>
    public async Task RunAsync(TimeSpan offlinePollInterval, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var result = await PumpOnceAsync(cancellationToken).ConfigureAwait(false);
            var wait = result.Status switch
            {
                OutboxPumpStatus.Delivered or OutboxPumpStatus.Dropped => TimeSpan.Zero,
                OutboxPumpStatus.Empty => Timeout.InfiniteTimeSpan,
                OutboxPumpStatus.Offline => offlinePollInterval,
                _ => Max(TimeSpan.Zero, result.NextAttemptAt!.Value - _time.GetUtcNow()),
            };
            if (wait != TimeSpan.Zero)
            {
                await WaitAsync(wait, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public void Dispose()
    {
        _pumpGate.Dispose();
        _wake.Dispose();
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string ActionOf(OutboxMessageKind kind) => kind switch
    {
        OutboxMessageKind.StartTransaction => "StartTransaction",
        OutboxMessageKind.StopTransaction => "StopTransaction",
        OutboxMessageKind.MeterValues => "MeterValues",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a transaction-related message."),
    };

    private void EnsureValid(OutboxMessageKind kind, string payloadJson)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payloadJson);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException("The payload is not valid JSON.", nameof(payloadJson), ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ArgumentException("The payload must be a JSON object.", nameof(payloadJson));
            }

            // Checked here, where a bad payload is the producer's bug and the caller still holds it, so the replay of a
            // backlog need not parse and validate every message again (the dispatcher's prepared path trusts it).
            var check = _validator.Validate(ActionOf(kind), OcppPayloadKind.Request, document.RootElement);
            if (!check.IsValid)
            {
                throw new ArgumentException($"The payload breaks the {ActionOf(kind)} request schema: {check.Message}", nameof(payloadJson));
            }
        }
    }

    private static bool TryReadTransactionId(string? confirmationJson, out int transactionId)
    {
        transactionId = 0;
        try
        {
            return confirmationJson is not null
                && JsonNode.Parse(confirmationJson) is JsonObject conf
                && conf["transactionId"] is JsonValue value
                && value.TryGetValue(out transactionId);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private async Task<OutboxPumpResult> PumpHeadAsync(CancellationToken cancellationToken)
    {
        if (!_store.TryPeekHead(out var head))
        {
            return new OutboxPumpResult(OutboxPumpStatus.Empty, null, null);
        }

        if (head.Key.Kind != OutboxMessageKind.MeterValues || _startMarkOnDisk.IsFaulted)
        {
            // At most one StartTransaction or StopTransaction is ever answered but not yet on disk, as when every mark was
            // written before the next send; a failed write surfaces here, as it would have from the mark itself.
            await _startMarkOnDisk.ConfigureAwait(false);
        }

        var now = _time.GetUtcNow();
        if (head.NextAttemptAt is { } due && due > now)
        {
            return new OutboxPumpResult(OutboxPumpStatus.Waiting, head, due);
        }

        var key = head.Key;
        var payload = head.PayloadJson;
        int? centralId = null;
        if (!_store.TryGetTransaction(key.LocalTransactionId, out var transaction))
        {
            return Drop(head, "its transaction is unknown");
        }

        if (key.Kind != OutboxMessageKind.StartTransaction)
        {
            if (transaction.Orphaned)
            {
                return Drop(head, "the StartTransaction of its transaction was discarded, so the Central System has no id for it");
            }

            if (transaction.CentralTransactionId is not { } id)
            {
                return Drop(head, "no StartTransaction was queued before it");
            }

            centralId = id;
            payload = _prepared is { } ready && ready.Sequence == head.Sequence && ready.CentralId == id
                ? ready.Payload
                : OutboxPayload.WithTransactionId(payload, id);
        }

        _prepared = null;
        CallTimeline.Mark(CallTimeline.NextHandedToSender);
        var sending = _sender.SendAsync(ActionOf(key.Kind), payload, cancellationToken);
        if (!sending.IsCompleted)
        {
            // The frame is on the wire and the answer takes a round trip: get the next message ready meanwhile, so
            // nothing but the delivered mark stands between this answer and the next send.
            PrepareNext(head, centralId);
        }

        var result = await sending.ConfigureAwait(false);
        CallTimeline.Mark(CallTimeline.OutboxHasResult);
        now = _time.GetUtcNow();
        switch (result.Outcome)
        {
            case OutboxSendOutcome.Confirmed when key.Kind == OutboxMessageKind.StartTransaction:
                if (!TryReadTransactionId(result.ConfirmationJson, out var assigned))
                {
                    return Fail(head, now, "FormationViolation", "StartTransaction.conf without a transactionId");
                }

                // The transaction's MeterValues need only the id in memory: they go out while the mark is written.
                _startMarkOnDisk = _store.MarkStartDeliveredAsync(head.Sequence, key.LocalTransactionId, assigned, now);
                OutboxLog.Mapped(_logger, key.LocalTransactionId, assigned);
                return Confirm(head, assigned, result.ConfirmationJson!);

            case OutboxSendOutcome.Confirmed:
                _store.MarkDelivered(head.Sequence, now);
                return Confirm(head, centralId, result.ConfirmationJson ?? "{}");

            case OutboxSendOutcome.CallError:
                return Fail(head, now, result.ErrorCode ?? "GenericError", result.ErrorDescription ?? "");

            case OutboxSendOutcome.Timeout:
                var next = now + _retryPolicy().RetryInterval;
                _store.RecordFailedAttempt(head.Sequence, head.FailedAttempts, next);
                OutboxLog.TimedOut(_logger, key.Kind, head.Sequence, next);
                return new OutboxPumpResult(OutboxPumpStatus.Waiting, head, next);

            default:
                return new OutboxPumpResult(OutboxPumpStatus.Offline, head, null);
        }
    }

    /// <summary>Splices the transactionId into the message behind <paramref name="head"/> when it belongs to the same,
    /// already mapped transaction and is due at once; anything else is left to the next pump, as before.</summary>
    private void PrepareNext(OutboxEntry head, int? centralId)
    {
        if (centralId is not { } id
            || !_store.TryPeekNext(head.Sequence, out var next)
            || next.Key.LocalTransactionId != head.Key.LocalTransactionId
            || next.Key.Kind == OutboxMessageKind.StartTransaction
            || next.NextAttemptAt is not null)
        {
            return;
        }

        try
        {
            _prepared = (next.Sequence, id, OutboxPayload.WithTransactionId(next.PayloadJson, id));
        }
        catch (JsonException)
        {
            // A corrupt stored payload: the pump meets it again as the head and fails there, where it is handled.
        }
    }

    private OutboxPumpResult Confirm(OutboxEntry head, int? centralId, string confirmationJson)
    {
        OutboxLog.Delivered(_logger, head.Key.Kind, head.Sequence);
        Notify(() => Delivered?.Invoke(this, new OutboxDeliveredEventArgs(head, centralId, confirmationJson)));
        CallTimeline.Mark(CallTimeline.OutboxHandled);
        return new OutboxPumpResult(OutboxPumpStatus.Delivered, head, null);
    }

    private OutboxPumpResult Fail(OutboxEntry head, DateTimeOffset now, string errorCode, string description)
    {
        var policy = _retryPolicy();
        var failures = head.FailedAttempts + 1;
        if (failures >= Math.Max(1, policy.Attempts))
        {
            return Drop(head, $"the Central System failed to process it {failures} times (last: {errorCode} {description})");
        }

        var next = now + (policy.RetryInterval * failures);
        _store.RecordFailedAttempt(head.Sequence, failures, next);
        OutboxLog.Failed(_logger, head.Key.Kind, head.Sequence, errorCode, description, failures, next);
        return new OutboxPumpResult(OutboxPumpStatus.Waiting, head with { FailedAttempts = failures, NextAttemptAt = next }, next);
    }

    private OutboxPumpResult Drop(OutboxEntry head, string reason)
    {
        _store.MarkDropped(head.Sequence, reason, _time.GetUtcNow());
        OutboxLog.Dropped(_logger, head.Key.Kind, head.Sequence, head.Key.LocalTransactionId, reason, head.PayloadJson);
        Notify(() => Dropped?.Invoke(this, new OutboxDroppedEventArgs(head, reason)));
        return new OutboxPumpResult(OutboxPumpStatus.Dropped, head, null);
    }

    private void Notify(Action raise)
    {
        try
        {
            raise();
        }
#pragma warning disable CA1031 // The message is already stored as delivered; a listener's bug must not stop the queue.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            OutboxLog.ListenerFailed(_logger, ex);
        }
    }

    private async Task WaitAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(wait, _time, linked.Token);
        var wake = _wake.WaitAsync(linked.Token);
        await Task.WhenAny(delay, wake).ConfigureAwait(false);
        await linked.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }
}
