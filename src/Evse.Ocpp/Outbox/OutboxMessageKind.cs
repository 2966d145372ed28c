namespace Evse.Ocpp.Outbox;

/// <summary>
/// The transaction-related messages of OCPP 1.6 §3.7 / §4.10: the only ones the outbox queues. Status and heartbeat
/// are never queued; after a reconnect they are sent as the current state instead.
/// </summary>
public enum OutboxMessageKind
{
    StartTransaction = 1,
    StopTransaction = 2,

    /// <summary>MeterValues.req that carries a transactionId.</summary>
    MeterValues = 3,
}
