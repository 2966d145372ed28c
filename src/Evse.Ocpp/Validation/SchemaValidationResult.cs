using Evse.Ocpp.Framing;

namespace Evse.Ocpp.Validation;

/// <summary>The outcome of validating a payload: valid, or the first violation as an OCPP-J error code and a message.</summary>
/// <param name="IsValid">True when the payload satisfies its schema.</param>
/// <param name="ErrorCode">The CALLERROR code for the violation (meaningless when valid).</param>
/// <param name="Message">Which property broke which rule, e.g. <c>/idTagInfo/status: "Foo" is not one of Accepted, Blocked, ...</c>.</param>
public sealed record SchemaValidationResult(bool IsValid, OcppErrorCode ErrorCode, string Message)
{
    /// <summary>The shared valid result.</summary>
    public static SchemaValidationResult Valid { get; } = new(true, OcppErrorCode.GenericError, string.Empty);

    /// <summary>A violation.</summary>
    public static SchemaValidationResult Invalid(OcppErrorCode code, string message) => new(false, code, message);
}
