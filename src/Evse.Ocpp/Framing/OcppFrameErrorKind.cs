namespace Evse.Ocpp.Framing;

/// <summary>What is wrong with a frame the parser refused.</summary>
public enum OcppFrameErrorKind
{
    /// <summary>The text is not JSON (or nests deeper than the parser allows).</summary>
    NotJson,

    /// <summary>The JSON is not an array.</summary>
    NotArray,

    /// <summary>The array is empty, so there is no MessageTypeId.</summary>
    EmptyArray,

    /// <summary>The first element is not an integer.</summary>
    MessageTypeIdNotInteger,

    /// <summary>The MessageTypeId is an integer other than 2, 3 or 4.</summary>
    UnknownMessageTypeId,

    /// <summary>The array has the wrong number of elements for its MessageTypeId.</summary>
    WrongElementCount,

    /// <summary>The unique id is not a string.</summary>
    MessageIdNotString,

    /// <summary>The unique id is an empty string.</summary>
    MessageIdEmpty,

    /// <summary>The unique id is longer than the 36 characters OCPP-J allows.</summary>
    MessageIdTooLong,

    /// <summary>The CALL action is not a non-empty string.</summary>
    ActionNotString,

    /// <summary>The CALL or CALLRESULT payload is not a JSON object.</summary>
    PayloadNotObject,

    /// <summary>The CALLERROR errorCode is not a string.</summary>
    ErrorCodeNotString,

    /// <summary>The CALLERROR errorDescription is not a string.</summary>
    ErrorDescriptionNotString,

    /// <summary>The CALLERROR errorDetails is not a JSON object.</summary>
    ErrorDetailsNotObject,
}
