using Evse.Ocpp.Framing;

namespace Evse.Ocpp.Rpc;

/// <summary>The result of <see cref="OcppRpcDispatcher.CallPreparedAsync"/>: the confirmation as JSON text, or why there is none.</summary>
/// <param name="Status">How the call ended.</param>
/// <param name="ConfirmationJson">The CALLRESULT payload exactly as received (it passed the confirmation schema) when
/// <see cref="Status"/> is <see cref="OcppCallStatus.Confirmed"/>.</param>
/// <param name="ErrorCode">The error code for <see cref="OcppCallStatus.CallError"/> and <see cref="OcppCallStatus.InvalidConfirmation"/>.</param>
/// <param name="ErrorDescription">A human-readable reason for every status except Confirmed.</param>
public sealed record OcppRawCallOutcome(OcppCallStatus Status, string? ConfirmationJson, OcppErrorCode? ErrorCode, string? ErrorDescription)
{
    internal static OcppRawCallOutcome Fail(OcppCallStatus status, string description, OcppErrorCode? code = null) =>
        new(status, null, code, description);
}
