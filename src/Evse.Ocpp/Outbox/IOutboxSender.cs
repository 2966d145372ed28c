namespace Evse.Ocpp.Outbox;

/// <summary>
/// How the outbox hands a message to the wire layer: one CALL with this action and payload, and what came back.
/// Kept this small so the outbox does not depend on the message records or the framing.
/// Expected outcomes are results; an exception is a bug or an I/O failure and ends the pump loop (the host
/// restarts), leaving the message at the head of the queue, uncounted.
/// </summary>
public interface IOutboxSender
{
    Task<OutboxSendResult> SendAsync(string action, string payloadJson, CancellationToken cancellationToken);
}
