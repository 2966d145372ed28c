namespace Evse.Ocpp.Outbox;

/// <summary>The result of one transmission.</summary>
public sealed record OutboxSendResult(OutboxSendOutcome Outcome, string? ConfirmationJson, string? ErrorCode, string? ErrorDescription)
{
    public static OutboxSendResult Confirmed(string confirmationJson) => new(OutboxSendOutcome.Confirmed, confirmationJson, null, null);

    public static OutboxSendResult CallError(string errorCode, string errorDescription) =>
        new(OutboxSendOutcome.CallError, null, errorCode, errorDescription);

    public static OutboxSendResult Timeout { get; } = new(OutboxSendOutcome.Timeout, null, null, null);

    public static OutboxSendResult NotConnected { get; } = new(OutboxSendOutcome.NotConnected, null, null, null);
}
