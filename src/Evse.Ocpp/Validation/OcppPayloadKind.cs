namespace Evse.Ocpp.Validation;

/// <summary>Which of an action's two schemas applies: <c>urn:Action.req</c> or <c>urn:Action.conf</c>.</summary>
public enum OcppPayloadKind
{
    /// <summary>The CALL payload (<c>.req</c>).</summary>
    Request,

    /// <summary>The CALLRESULT payload (<c>.conf</c>).</summary>
    Confirmation,
}
