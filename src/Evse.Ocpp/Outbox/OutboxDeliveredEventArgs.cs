namespace Evse.Ocpp.Outbox;

/// <summary>
/// A message was confirmed. The session layer applies the confirmation's idTagInfo (authorization cache,
/// StopTransactionOnInvalidId) from <see cref="ConfirmationJson"/>.
/// </summary>
public sealed class OutboxDeliveredEventArgs(OutboxEntry entry, int? centralTransactionId, string confirmationJson) : EventArgs
{
    public OutboxEntry Entry { get; } = entry;

    /// <summary>The Central System's id of the transaction, when known.</summary>
    public int? CentralTransactionId { get; } = centralTransactionId;

    public string ConfirmationJson { get; } = confirmationJson;
}
