namespace Evse.Ocpp.Outbox;

/// <summary>
/// What makes an enqueue idempotent: a replay after a crash that enqueues the same (transaction, kind, sequence)
/// again is recognised and ignored, so a start or a stop can never be queued twice.
/// </summary>
/// <param name="LocalTransactionId">Our own id, allocated by <see cref="TransactionOutbox.BeginTransaction"/>.</param>
/// <param name="Kind">Which message.</param>
/// <param name="SequenceInTransaction">0 for start and stop; 1, 2, ... for the meter values of the transaction.</param>
public readonly record struct OutboxMessageKey(long LocalTransactionId, OutboxMessageKind Kind, int SequenceInTransaction);
