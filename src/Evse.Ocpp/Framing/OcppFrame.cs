namespace Evse.Ocpp.Framing;

/// <summary>A well-formed OCPP-J frame. Payloads stay as JSON until the schema validator has seen them.</summary>
/// <param name="MessageId">The unique id that pairs a CALL with its CALLRESULT or CALLERROR.</param>
public abstract record OcppFrame(string MessageId)
{
    /// <summary>The MessageTypeId of this frame.</summary>
    public abstract OcppMessageType MessageType { get; }
}
