namespace Evse.Ocpp.Framing;

/// <summary>The MessageTypeId, the first element of every OCPP-J frame.</summary>
public enum OcppMessageType
{
    /// <summary>A request: <c>[2, "&lt;id&gt;", "&lt;Action&gt;", {payload}]</c>.</summary>
    Call = 2,

    /// <summary>A confirmation: <c>[3, "&lt;id&gt;", {payload}]</c>.</summary>
    CallResult = 3,

    /// <summary>An error answer: <c>[4, "&lt;id&gt;", "&lt;errorCode&gt;", "&lt;description&gt;", {details}]</c>.</summary>
    CallError = 4,
}
