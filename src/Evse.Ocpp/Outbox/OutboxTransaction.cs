namespace Evse.Ocpp.Outbox;

/// <summary>One row of the durable id mapping: our local transaction id and, once StartTransaction.conf arrived, the Central System's.</summary>
/// <param name="CentralTransactionId">Null until StartTransaction.conf.</param>
/// <param name="Orphaned">The StartTransaction was discarded after its attempts, so the Central System will never know this transaction.</param>
public sealed record OutboxTransaction(long LocalTransactionId, int? CentralTransactionId, bool Orphaned, DateTimeOffset CreatedAt);
