namespace Evse.Ocpp.Framing;

/// <summary>The CALLERROR error codes of OCPP-J 1.6 §4.2.3 (Table 7). Use <see cref="OcppErrorCodes"/> for the wire spelling.</summary>
public enum OcppErrorCode
{
    /// <summary>Requested Action is not known by the receiver.</summary>
    NotImplemented,

    /// <summary>Requested Action is recognized but not supported by the receiver.</summary>
    NotSupported,

    /// <summary>An internal error occurred and the receiver was not able to process the requested Action.</summary>
    InternalError,

    /// <summary>Payload for Action is incomplete.</summary>
    ProtocolError,

    /// <summary>During the processing of Action a security issue occurred.</summary>
    SecurityError,

    /// <summary>Payload is syntactically incorrect or does not conform to the PDU structure for Action.</summary>
    FormationViolation,

    /// <summary>Payload is syntactically correct but at least one field contains an invalid value.</summary>
    PropertyConstraintViolation,

    /// <summary>Payload is syntactically correct but at least one field violates occurrence constraints (OCPP-J spells it with one 'r').</summary>
    OccurenceConstraintViolation,

    /// <summary>Payload is syntactically correct but at least one field violates data type constraints.</summary>
    TypeConstraintViolation,

    /// <summary>Any other error not covered by the others.</summary>
    GenericError,
}
