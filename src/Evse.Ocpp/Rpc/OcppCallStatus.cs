namespace Evse.Ocpp.Rpc;

/// <summary>How a CALL we sent ended.</summary>
public enum OcppCallStatus
{
    /// <summary>A valid CALLRESULT arrived.</summary>
    Confirmed,

    /// <summary>The Central System answered with a CALLERROR.</summary>
    CallError,

    /// <summary>No answer within the PDU timeout.</summary>
    Timeout,

    /// <summary>The connection was down when the call's turn came, or dropped before the answer.</summary>
    Disconnected,

    /// <summary>The CALLRESULT payload broke the confirmation schema.</summary>
    InvalidConfirmation,

    /// <summary>Our own request broke the request schema (a bug); nothing was sent.</summary>
    InvalidRequest,
}
