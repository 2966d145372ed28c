namespace Evse.Ocpp.Outbox;

/// <summary>TransactionMessageAttempts and TransactionMessageRetryInterval, read at every failure so a change applies at once.</summary>
/// <param name="Attempts">Transmissions that may fail before the message is discarded; values below 1 mean 1.</param>
/// <param name="RetryInterval">Wait before retransmission n+1 is this × n (OCPP 1.6 §3.7).</param>
public sealed record OutboxRetryPolicy(int Attempts, TimeSpan RetryInterval);
