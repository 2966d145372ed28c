using System.Text.Json;

namespace Evse.Ocpp.Framing;

/// <summary>
/// A CALLERROR frame <c>[4, id, errorCode, errorDescription, errorDetails]</c>. <see cref="ErrorCodeText"/> keeps the
/// code as received; <see cref="ErrorCode"/> is <see cref="OcppErrorCode.GenericError"/> when a Central System sends
/// a code outside OCPP-J Table 7, so a sloppy peer still completes our pending call instead of leaving it to time out.
/// </summary>
public sealed record OcppCallError(
    string MessageId,
    OcppErrorCode ErrorCode,
    string ErrorCodeText,
    string ErrorDescription,
    JsonElement ErrorDetails) : OcppFrame(MessageId)
{
    /// <inheritdoc/>
    public override OcppMessageType MessageType => OcppMessageType.CallError;
}
