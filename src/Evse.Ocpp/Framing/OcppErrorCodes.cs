namespace Evse.Ocpp.Framing;

/// <summary>Wire spelling of <see cref="OcppErrorCode"/>; OCPP-J 1.6 compares these case-sensitively.</summary>
public static class OcppErrorCodes
{
    /// <summary>The exact string that goes into a CALLERROR frame.</summary>
    public static string ToWire(OcppErrorCode code) => code switch
    {
        OcppErrorCode.NotImplemented => "NotImplemented",
        OcppErrorCode.NotSupported => "NotSupported",
        OcppErrorCode.InternalError => "InternalError",
        OcppErrorCode.ProtocolError => "ProtocolError",
        OcppErrorCode.SecurityError => "SecurityError",
        OcppErrorCode.FormationViolation => "FormationViolation",
        OcppErrorCode.PropertyConstraintViolation => "PropertyConstraintViolation",
        OcppErrorCode.OccurenceConstraintViolation => "OccurenceConstraintViolation",
        OcppErrorCode.TypeConstraintViolation => "TypeConstraintViolation",
        OcppErrorCode.GenericError => "GenericError",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Not an OCPP-J 1.6 error code."),
    };

    /// <summary>Parses a wire error code (case-sensitive). Central Systems that send a code outside Table 7 get <c>false</c>.</summary>
    public static bool TryParse(string? wire, out OcppErrorCode code)
    {
        foreach (var candidate in Enum.GetValues<OcppErrorCode>())
        {
            if (string.Equals(ToWire(candidate), wire, StringComparison.Ordinal))
            {
                code = candidate;
                return true;
            }
        }

        code = OcppErrorCode.GenericError;
        return false;
    }
}
