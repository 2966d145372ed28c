namespace Evse.Ocpp.Outbox;

/// <summary>A message was discarded; <see cref="Reason"/> says why, for the logs and the portal.</summary>
public sealed class OutboxDroppedEventArgs(OutboxEntry entry, string reason) : EventArgs
{
    public OutboxEntry Entry { get; } = entry;

    public string Reason { get; } = reason;
}
