namespace Evse.Ocpp.Outbox;

/// <summary>What one pump step did.</summary>
/// <param name="NextAttemptAt">For <see cref="OutboxPumpStatus.Waiting"/>: when the head message is due.</param>
public sealed record OutboxPumpResult(OutboxPumpStatus Status, OutboxEntry? Entry, DateTimeOffset? NextAttemptAt);
