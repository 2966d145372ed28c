using Evse.Ocpp.Framing;
using Evse.Ocpp.Messages;

namespace Evse.Ocpp.Rpc;

/// <summary>The result of <see cref="OcppRpcDispatcher.CallAsync{TConfirmation}"/>: a confirmation or why there is none.</summary>
/// <typeparam name="TConfirmation">The confirmation record of the action.</typeparam>
/// <param name="Status">How the call ended.</param>
/// <param name="Confirmation">The confirmation when <see cref="Status"/> is <see cref="OcppCallStatus.Confirmed"/>.</param>
/// <param name="ErrorCode">The error code for <see cref="OcppCallStatus.CallError"/> and <see cref="OcppCallStatus.InvalidConfirmation"/>.</param>
/// <param name="ErrorDescription">A human-readable reason for every status except Confirmed.</param>
public sealed record OcppCallOutcome<TConfirmation>(
    OcppCallStatus Status,
    TConfirmation? Confirmation,
    OcppErrorCode? ErrorCode,
    string? ErrorDescription)
    where TConfirmation : class, IOcppConfirmation
{
    /// <summary>True when a valid confirmation arrived.</summary>
    public bool IsConfirmed => Status == OcppCallStatus.Confirmed && Confirmation is not null;

    internal static OcppCallOutcome<TConfirmation> Fail(OcppCallStatus status, string description, OcppErrorCode? code = null) =>
        new(status, null, code, description);
}
