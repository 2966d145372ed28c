namespace Evse.Ocpp.Outbox;

/// <summary>
/// How the outbox hands a message to the wire layer: one CALL with this action and payload, and what came back.
/// Kept this small so the outbox does not depend on the message records or the framing.
/// </summary>
public interface IOutboxSender
{
    Task<OutboxSendResult> SendAsync(string action, string payloadJson, CancellationToken cancellationToken);
}
