using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Evse.Ocpp.Framing;
using Evse.Ocpp.Messages;
using Evse.Ocpp.Transport;
using Evse.Ocpp.Validation;
using Microsoft.Extensions.Logging;

namespace Evse.Ocpp.Rpc;

/// <summary>
/// The OCPP-J RPC layer on top of an <see cref="IOcppTransport"/>.
/// Outgoing: one outstanding CALL at a time (later callers wait in FIFO order), matched by unique id, failed after
/// <see cref="OcppRpcOptions.CallTimeout"/> or when the connection drops; requests and confirmations are checked
/// against the official schemas. Incoming: CALLs are validated and routed to <see cref="OcppHandlerRegistry"/> one at a
/// time, off the receive loop (so a handler may itself await a CALL); every answer is schema-checked before it goes
/// out. Nothing the Central System sends can make this class throw; see docs/ocpp.md for the answer to each defect.
/// </summary>
public sealed class OcppRpcDispatcher : IOcppCaller, IOcppTransportListener, IDisposable
{
    /// <summary>The id OCPP-J 2.x prescribes for answering a frame whose own id cannot be read; we use it for 1.6 too.</summary>
    public const string UnreadableMessageId = "-1";

    private readonly IOcppTransport _transport;
    private readonly OcppHandlerRegistry _handlers;
    private readonly IMessageIdGenerator _ids;
    private readonly TimeProvider _time;
    private readonly OcppRpcOptions _options;
    private readonly ILogger _logger;
    private readonly OcppSchemaValidator _validator;
    private readonly SemaphoreSlim _outstanding = new(1, 1);
    private readonly object _gate = new();
    private PendingCall? _pending;
    private long _connectionEpoch;
    private bool _connected;
    private Task _incomingChain = Task.CompletedTask;
    private long _lastCallSentUtcTicks;

    /// <summary>Creates the dispatcher; hand it to <see cref="IOcppTransport.RunAsync"/> as the listener.</summary>
    public OcppRpcDispatcher(
        IOcppTransport transport,
        OcppHandlerRegistry handlers,
        IMessageIdGenerator ids,
        TimeProvider time,
        OcppRpcOptions options,
        ILogger<OcppRpcDispatcher> logger,
        OcppSchemaValidator? validator = null)
    {
        _transport = transport;
        _handlers = handlers;
        _ids = ids;
        _time = time;
        _options = options;
        _logger = logger;
        _validator = validator ?? OcppSchemaValidator.Default;
    }

    /// <summary>Raised after a connection opens (the Core profile sends BootNotification from here).</summary>
    public event EventHandler? Connected;

    /// <summary>Raised after a connection closes, once pending calls have been failed.</summary>
    public event EventHandler? Disconnected;

    /// <summary>Raised after the answer to an incoming CALL went out (TriggerMessage sends its message only then, §5.17).</summary>
    public event EventHandler? IncomingCallAnswered;

    /// <summary>
    /// Consulted before each incoming CALL is handled; false drops the CALL unanswered (the registration state of
    /// OCPP 1.6 §4.2 decides it). Always true unless the charge point service sets it.
    /// </summary>
    public Func<bool> IncomingCallsAllowed { get; set; } = static () => true;

    /// <summary>True between <see cref="OnConnectedAsync"/> and <see cref="OnDisconnectedAsync"/>.</summary>
    public bool IsConnected => Volatile.Read(ref _connected);

    /// <summary>When the last CALL of ours went onto the wire (injected clock), or null before the first one. The Heartbeat
    /// counts from it: OCPP 1.6 HeartbeatInterval is an interval of inactivity.</summary>
    public DateTimeOffset? LastCallSentAt => Interlocked.Read(ref _lastCallSentUtcTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>Completes when every incoming CALL received so far has been answered (tests and shutdown wait on it).</summary>
    public Task IncomingCallsDrained => Volatile.Read(ref _incomingChain);

    /// <summary>Sends <paramref name="request"/> as a CALL once it is this call's turn, and waits for the answer.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired.</exception>
    public async Task<OcppCallOutcome<TConfirmation>> CallAsync<TConfirmation>(IOcppRequest<TConfirmation> request, CancellationToken cancellationToken)
        where TConfirmation : class, IOcppConfirmation
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!OcppActions.TryGetByRequestType(request.GetType(), out var action))
        {
            throw new ArgumentException($"{request.GetType().Name} is not an OCPP request record.", nameof(request));
        }

        if (!action.IsCalledByChargePoint)
        {
            var wrongWay = $"{action.Name} is sent by the Central System, never by a charge point.";
            OcppWireLog.InvalidRequestProduced(_logger, action.Name, wrongWay);
            return OcppCallOutcome<TConfirmation>.Fail(OcppCallStatus.InvalidRequest, wrongWay);
        }

        var payload = JsonSerializer.SerializeToUtf8Bytes(request, action.RequestTypeInfo);
        using (var document = JsonDocument.Parse(payload))
        {
            var check = _validator.Validate(action.Name, OcppPayloadKind.Request, document.RootElement);
            if (!check.IsValid)
            {
                OcppWireLog.InvalidRequestProduced(_logger, action.Name, check.Message);
                return OcppCallOutcome<TConfirmation>.Fail(OcppCallStatus.InvalidRequest, check.Message, check.ErrorCode);
            }
        }

        var epoch = Interlocked.Read(ref _connectionEpoch);
        await _outstanding.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await SendAndAwaitAsync<TConfirmation>(action, payload, epoch, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _outstanding.Release();
        }
    }

    /// <summary>
    /// Sends a request that is already JSON, as the transaction outbox stores it, once it is this call's turn, and
    /// returns the confirmation as JSON text. The request is not schema-checked here: the caller vouches that it passed
    /// the request schema when it was produced (the outbox checks every payload at enqueue and only rewrites the integer
    /// transactionId afterwards), which saves re-parsing and re-validating every replayed message. The confirmation
    /// comes from the Central System and is checked as for <see cref="CallAsync{TConfirmation}"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The action is unknown or not one a charge point sends (a bug in the caller).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired.</exception>
    public async Task<OcppRawCallOutcome> CallPreparedAsync(string actionName, string payloadJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payloadJson);
        if (!OcppActions.TryGet(actionName, out var action) || !action.IsCalledByChargePoint)
        {
            throw new ArgumentException($"'{actionName}' is not an action a charge point sends.", nameof(actionName));
        }

        var payload = System.Text.Encoding.UTF8.GetBytes(payloadJson);
        var epoch = Interlocked.Read(ref _connectionEpoch);
        await _outstanding.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var (failure, pending, answer) = await ExchangeAsync(action, payload, epoch, cancellationToken).ConfigureAwait(false);
            return failure is { } f ? OcppRawCallOutcome.Fail(f.Status, f.Description) : InterpretRaw(pending, answer!);
        }
        finally
        {
            _outstanding.Release();
        }
    }

    /// <inheritdoc/>
    public ValueTask OnConnectedAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _connectionEpoch++;
            _connected = true;
        }

        Connected?.Invoke(this, EventArgs.Empty);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask OnDisconnectedAsync(CancellationToken cancellationToken)
    {
        PendingCall? pending;
        lock (_gate)
        {
            _connectionEpoch++;
            _connected = false;
            pending = _pending;
            _pending = null;
        }

        pending?.Answer.TrySetResult(PendingAnswer.Disconnected);
        Disconnected?.Invoke(this, EventArgs.Empty);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public async ValueTask OnMessageAsync(string frame, CancellationToken cancellationToken)
    {
        try
        {
            if (!OcppFrameParser.TryParse(frame, out var parsed, out var error))
            {
                await AnswerMalformedAsync(error, cancellationToken).ConfigureAwait(false);
                return;
            }

            switch (parsed)
            {
                case OcppCall call:
                    // Chained, not awaited: the receive loop must stay free for CALLRESULTs a handler may be waiting for.
                    var previous = _incomingChain;
                    Volatile.Write(ref _incomingChain, HandleCallAfterAsync(previous, call, cancellationToken));
                    break;
                case OcppCallResult result:
                    Complete(result.MessageId, new PendingAnswer(result, null));
                    break;
                case OcppCallError callError:
                    Complete(callError.MessageId, new PendingAnswer(null, callError));
                    break;
            }
        }
#pragma warning disable CA1031 // The last line of defence: nothing a Central System sends may take the daemon down.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            OcppWireLog.HandlerThrew(_logger, ex, "(frame processing)", UnreadableMessageId);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _outstanding.Dispose();

    private async Task<OcppCallOutcome<TConfirmation>> SendAndAwaitAsync<TConfirmation>(
        OcppActionDescriptor action, byte[] payload, long epoch, CancellationToken cancellationToken)
        where TConfirmation : class, IOcppConfirmation
    {
        var (failure, pending, answer) = await ExchangeAsync(action, payload, epoch, cancellationToken).ConfigureAwait(false);
        return failure is { } f ? OcppCallOutcome<TConfirmation>.Fail(f.Status, f.Description) : Interpret<TConfirmation>(pending, answer!);
    }

    /// <summary>One CALL on the wire and its answer; the caller holds the outstanding-call turn.</summary>
    private async Task<(ExchangeFailure? Failure, PendingCall Pending, PendingAnswer? Answer)> ExchangeAsync(
        OcppActionDescriptor action, byte[] payload, long epoch, CancellationToken cancellationToken)
    {
        var messageId = _ids.NextId();
        var pending = new PendingCall(messageId, action);
        lock (_gate)
        {
            // A call queued before a disconnect fails even if the link is back: its caller decides whether to resend.
            if (!_connected || _connectionEpoch != epoch)
            {
                return (new ExchangeFailure(OcppCallStatus.Disconnected, "Not connected to the Central System."), pending, null);
            }

            _pending = pending;
        }

        try
        {
            CallTimeline.Mark(CallTimeline.DispatcherWritesFrame);
            if (!await _transport.TrySendAsync(OcppFrameWriter.Call(messageId, action.Name, payload), cancellationToken).ConfigureAwait(false))
            {
                return (new ExchangeFailure(OcppCallStatus.Disconnected, "The connection failed while sending."), pending, null);
            }

            Interlocked.Exchange(ref _lastCallSentUtcTicks, _time.GetUtcNow().UtcTicks);

            try
            {
                var answer = await pending.Answer.Task.WaitAsync(_options.CallTimeout, _time, cancellationToken).ConfigureAwait(false);
                CallTimeline.Mark(CallTimeline.ContinuationRuns);
                return (null, pending, answer);
            }
            catch (TimeoutException)
            {
                OcppWireLog.CallTimedOut(_logger, action.Name, messageId, _options.CallTimeout);
                return (new ExchangeFailure(OcppCallStatus.Timeout, $"No answer within {_options.CallTimeout}."), pending, null);
            }
        }
        finally
        {
            lock (_gate)
            {
                if (ReferenceEquals(_pending, pending))
                {
                    _pending = null;
                }
            }
        }
    }

    private OcppCallOutcome<TConfirmation> Interpret<TConfirmation>(PendingCall pending, PendingAnswer answer)
        where TConfirmation : class, IOcppConfirmation
    {
        if (answer.Error is { } error)
        {
            OcppWireLog.CallErrorReceived(_logger, pending.Action.Name, pending.MessageId, error.ErrorCodeText, error.ErrorDescription);
            return OcppCallOutcome<TConfirmation>.Fail(OcppCallStatus.CallError, error.ErrorDescription, error.ErrorCode);
        }

        if (answer.Result is not { } result)
        {
            return OcppCallOutcome<TConfirmation>.Fail(OcppCallStatus.Disconnected, "The connection dropped before the answer.");
        }

        var check = _validator.Validate(pending.Action.Name, OcppPayloadKind.Confirmation, result.Payload);
        if (!check.IsValid)
        {
            OcppWireLog.InvalidConfirmationReceived(_logger, pending.Action.Name, pending.MessageId, check.Message);
            return OcppCallOutcome<TConfirmation>.Fail(OcppCallStatus.InvalidConfirmation, check.Message, check.ErrorCode);
        }

        try
        {
            var confirmation = result.Payload.Deserialize((JsonTypeInfo<TConfirmation>)pending.Action.ConfirmationTypeInfo);
            return confirmation is null
                ? OcppCallOutcome<TConfirmation>.Fail(OcppCallStatus.InvalidConfirmation, "Confirmation is null.", OcppErrorCode.FormationViolation)
                : new OcppCallOutcome<TConfirmation>(OcppCallStatus.Confirmed, confirmation, null, null);
        }
        catch (JsonException ex)
        {
            OcppWireLog.InvalidConfirmationReceived(_logger, pending.Action.Name, pending.MessageId, ex.Message);
            return OcppCallOutcome<TConfirmation>.Fail(OcppCallStatus.InvalidConfirmation, ex.Message, OcppErrorCode.TypeConstraintViolation);
        }
    }

    private OcppRawCallOutcome InterpretRaw(PendingCall pending, PendingAnswer answer)
    {
        if (answer.Error is { } error)
        {
            OcppWireLog.CallErrorReceived(_logger, pending.Action.Name, pending.MessageId, error.ErrorCodeText, error.ErrorDescription);
            return OcppRawCallOutcome.Fail(OcppCallStatus.CallError, error.ErrorDescription, error.ErrorCode);
        }

        if (answer.Result is not { } result)
        {
            return OcppRawCallOutcome.Fail(OcppCallStatus.Disconnected, "The connection dropped before the answer.");
        }

        var check = _validator.Validate(pending.Action.Name, OcppPayloadKind.Confirmation, result.Payload);
        if (!check.IsValid)
        {
            OcppWireLog.InvalidConfirmationReceived(_logger, pending.Action.Name, pending.MessageId, check.Message);
            return OcppRawCallOutcome.Fail(OcppCallStatus.InvalidConfirmation, check.Message, check.ErrorCode);
        }

        return new OcppRawCallOutcome(OcppCallStatus.Confirmed, result.Payload.GetRawText(), null, null);
    }

    private void Complete(string messageId, PendingAnswer answer)
    {
        PendingCall? pending;
        lock (_gate)
        {
            pending = _pending is { } p && string.Equals(p.MessageId, messageId, StringComparison.Ordinal) ? p : null;
            if (pending is not null)
            {
                _pending = null;
            }
        }

        if (pending is null)
        {
            OcppWireLog.UnknownMessageId(_logger, answer.Error is null ? OcppMessageType.CallResult : OcppMessageType.CallError, messageId);
            return;
        }

        pending.Answer.TrySetResult(answer);
    }

    private async ValueTask AnswerMalformedAsync(OcppFrameError error, CancellationToken cancellationToken)
    {
        // CALLRESULT and CALLERROR are never answered (OCPP-J: a CALLERROR only follows a CALL); everything that is or
        // may be a CALL gets a CALLERROR, addressed to its id when readable, otherwise to "-1".
        if (error.MessageTypeId is (int)OcppMessageType.CallResult or (int)OcppMessageType.CallError)
        {
            OcppWireLog.IgnoredMalformedFrame(_logger, ((OcppMessageType)error.MessageTypeId.Value).ToString(), error.Kind, error.Description);
            return;
        }

        var code = error.Kind == OcppFrameErrorKind.UnknownMessageTypeId ? OcppErrorCode.ProtocolError : OcppErrorCode.FormationViolation;
        var messageId = error.MessageId ?? UnreadableMessageId;
        OcppWireLog.AnsweredMalformedFrame(_logger, code, messageId, error.Description);
        await SendErrorAsync(messageId, code, error.Description, cancellationToken).ConfigureAwait(false);
    }

    private async Task HandleCallAfterAsync(Task previous, OcppCall call, CancellationToken cancellationToken)
    {
        await previous.ConfigureAwait(false);
        try
        {
            await HandleCallAsync(call, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The link dropped or the daemon stops while the answer was on its way: the Central System will see the
            // CALL time out, which is what a lost link means; nothing failed here.
        }
#pragma warning disable CA1031 // Never let one CALL break the chain of the ones behind it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            OcppWireLog.HandlerThrew(_logger, ex, call.Action, call.MessageId);
        }

        IncomingCallAnswered?.Invoke(this, EventArgs.Empty);
    }

    private async Task HandleCallAsync(OcppCall call, CancellationToken cancellationToken)
    {
        if (!IncomingCallsAllowed())
        {
            // OCPP 1.6 §4.2: while the registration is Rejected the charge point does not respond to the Central System.
            OcppWireLog.IgnoredCall(_logger, Shorten(call.Action, 60), call.MessageId);
            return;
        }

        if (!OcppActions.TryGet(call.Action, out var action))
        {
            await RefuseAsync(call, OcppErrorCode.NotImplemented, $"Action '{Shorten(call.Action, 60)}' is not implemented.", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!_handlers.TryGet(call.Action, out var handler))
        {
            // OCPP-J §4.2.3: NotSupported is for an action we recognise (a 1.6 action) but do not support.
            await RefuseAsync(call, OcppErrorCode.NotSupported, $"Action '{action.Name}' is not supported by this charge point.", cancellationToken).ConfigureAwait(false);
            return;
        }

        var check = _validator.Validate(action.Name, OcppPayloadKind.Request, call.Payload);
        if (!check.IsValid)
        {
            await RefuseAsync(call, check.ErrorCode, check.Message, cancellationToken).ConfigureAwait(false);
            return;
        }

        OcppHandlerRegistry.HandlerAnswer answer;
        try
        {
            answer = await handler(call.Payload, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            // The schema passed but the record refused it (e.g. a value our types cannot hold): a type problem.
            await RefuseAsync(call, OcppErrorCode.TypeConstraintViolation, ex.Message, cancellationToken).ConfigureAwait(false);
            return;
        }
#pragma warning disable CA1031 // A handler bug becomes an InternalError on the wire, never a crash.
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            OcppWireLog.HandlerThrew(_logger, ex, call.Action, call.MessageId);
            await SendErrorAsync(call.MessageId, OcppErrorCode.InternalError, "The charge point failed to process the request.", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (answer.ConfirmationUtf8 is not { } confirmation)
        {
            await RefuseAsync(call, answer.ErrorCode, answer.ErrorDescription, cancellationToken).ConfigureAwait(false);
            return;
        }

        using (var document = JsonDocument.Parse(confirmation))
        {
            var outgoing = _validator.Validate(action.Name, OcppPayloadKind.Confirmation, document.RootElement);
            if (!outgoing.IsValid)
            {
                OcppWireLog.InvalidConfirmationProduced(_logger, action.Name, call.MessageId, outgoing.Message);
                await SendErrorAsync(call.MessageId, OcppErrorCode.InternalError, "The charge point produced an invalid confirmation.", cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        await _transport.TrySendAsync(OcppFrameWriter.CallResult(call.MessageId, confirmation), cancellationToken).ConfigureAwait(false);
    }

    private async Task RefuseAsync(OcppCall call, OcppErrorCode code, string description, CancellationToken cancellationToken)
    {
        OcppWireLog.RefusedCall(_logger, Shorten(call.Action, 60), call.MessageId, code, description);
        await SendErrorAsync(call.MessageId, code, description, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask SendErrorAsync(string messageId, OcppErrorCode code, string description, CancellationToken cancellationToken) =>
        await _transport.TrySendAsync(OcppFrameWriter.CallError(messageId, code, Shorten(description, _options.MaxErrorDescriptionLength)), cancellationToken).ConfigureAwait(false);

    /// <summary>Cuts to at most <paramref name="max"/> UTF-16 units, never between the two halves of a surrogate pair.</summary>
    internal static string Shorten(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = max > 0 && char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return text[..cut];
    }

    private sealed record ExchangeFailure(OcppCallStatus Status, string Description);

    private sealed class PendingCall(string messageId, OcppActionDescriptor action)
    {
        public string MessageId { get; } = messageId;

        public OcppActionDescriptor Action { get; } = action;

        public TaskCompletionSource<PendingAnswer> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed record PendingAnswer(OcppCallResult? Result, OcppCallError? Error)
    {
        public static PendingAnswer Disconnected { get; } = new(null, null);
    }
}
