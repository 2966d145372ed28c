using Evse.Ocpp.Framing;
using Microsoft.Extensions.Logging;

namespace Evse.Ocpp.Rpc;

/// <summary>
/// Event-id table of the OCPP wire layer (Framing, Rpc, Transport): 4100-4149 RPC, 4150-4199 transport. Other Evse.Ocpp areas
/// (configuration, outbox, profile) take their own block from 4200 up.
/// </summary>
internal static partial class OcppWireLog
{
    [LoggerMessage(4100, LogLevel.Warning, "Ignored a malformed {MessageType} frame: {Kind} ({Description})")]
    public static partial void IgnoredMalformedFrame(ILogger logger, string messageType, OcppFrameErrorKind kind, string description);

    [LoggerMessage(4101, LogLevel.Warning, "Answered a malformed frame with {ErrorCode} for id {MessageId}: {Description}")]
    public static partial void AnsweredMalformedFrame(ILogger logger, OcppErrorCode errorCode, string messageId, string description);

    [LoggerMessage(4102, LogLevel.Warning, "Ignored a {MessageType} with unknown id {MessageId} (late answer after a timeout, or a confused Central System)")]
    public static partial void UnknownMessageId(ILogger logger, OcppMessageType messageType, string messageId);

    [LoggerMessage(4103, LogLevel.Warning, "Refused incoming {Action} (id {MessageId}) with {ErrorCode}: {Description}")]
    public static partial void RefusedCall(ILogger logger, string action, string messageId, OcppErrorCode errorCode, string description);

    [LoggerMessage(4104, LogLevel.Error, "Handler for {Action} (id {MessageId}) threw; answered InternalError")]
    public static partial void HandlerThrew(ILogger logger, Exception exception, string action, string messageId);

    [LoggerMessage(4105, LogLevel.Error, "Handler for {Action} (id {MessageId}) produced a confirmation that breaks the schema ({Description}); answered InternalError")]
    public static partial void InvalidConfirmationProduced(ILogger logger, string action, string messageId, string description);

    [LoggerMessage(4106, LogLevel.Error, "Refused to send {Action}: our request breaks the schema ({Description})")]
    public static partial void InvalidRequestProduced(ILogger logger, string action, string description);

    [LoggerMessage(4107, LogLevel.Warning, "{Action} (id {MessageId}) got no answer within {Timeout}")]
    public static partial void CallTimedOut(ILogger logger, string action, string messageId, TimeSpan timeout);

    [LoggerMessage(4108, LogLevel.Warning, "{Action} (id {MessageId}): the Central System's confirmation breaks the schema: {Description}")]
    public static partial void InvalidConfirmationReceived(ILogger logger, string action, string messageId, string description);

    [LoggerMessage(4109, LogLevel.Information, "{Action} (id {MessageId}) answered with CALLERROR {ErrorCode}: {Description}")]
    public static partial void CallErrorReceived(ILogger logger, string action, string messageId, string errorCode, string description);

    [LoggerMessage(4150, LogLevel.Information, "Connected to {Url} with subprotocol {Subprotocol}")]
    public static partial void Connected(ILogger logger, Uri url, string subprotocol);

    [LoggerMessage(4151, LogLevel.Warning, "Connection to {Url} failed; retrying in {Delay}")]
    public static partial void ConnectFailed(ILogger logger, Exception exception, Uri url, TimeSpan delay);

    [LoggerMessage(4152, LogLevel.Warning, "Connection to {Url} lost")]
    public static partial void ConnectionLost(ILogger logger, Exception? exception, Uri url);

    [LoggerMessage(4153, LogLevel.Error, "The Central System at {Url} did not accept subprotocol ocpp1.6 (it offered '{Offered}'); retrying in {Delay}")]
    public static partial void SubprotocolRefused(ILogger logger, Uri url, string offered, TimeSpan delay);

    [LoggerMessage(4154, LogLevel.Information, "Closed the connection to {Url}")]
    public static partial void Closed(ILogger logger, Uri url);

    [LoggerMessage(4155, LogLevel.Warning, "Dropped an incoming message larger than {MaxBytes} bytes")]
    public static partial void MessageTooLarge(ILogger logger, int maxBytes);

    [LoggerMessage(4156, LogLevel.Error, "Server certificate for {Url} refused: {Reason}")]
    public static partial void CertificateRefused(ILogger logger, Uri url, string reason);

    [LoggerMessage(4170, LogLevel.Information, "Incoming {Action} (id {MessageId}) ignored: the registration is Rejected")]
    public static partial void IgnoredCall(ILogger logger, string action, string messageId);

    [LoggerMessage(4173, LogLevel.Information, "Closing the connection to {Url} to reconnect: {Reason}")]
    public static partial void Reconnecting(ILogger logger, Uri url, string reason);
}
