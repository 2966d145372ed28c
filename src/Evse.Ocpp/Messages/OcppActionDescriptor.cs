using System.Text.Json.Serialization.Metadata;

namespace Evse.Ocpp.Messages;

/// <summary>One OCPP action: its name, who calls it, and the source-generated metadata of its two payloads.</summary>
/// <param name="Name">The action name as it appears in a CALL frame.</param>
/// <param name="Direction">Who sends the CALL.</param>
/// <param name="RequestTypeInfo">Serialization metadata of the request record.</param>
/// <param name="ConfirmationTypeInfo">Serialization metadata of the confirmation record.</param>
public sealed record OcppActionDescriptor(
    string Name,
    OcppDirection Direction,
    JsonTypeInfo RequestTypeInfo,
    JsonTypeInfo ConfirmationTypeInfo)
{
    /// <summary>The request record type.</summary>
    public Type RequestType => RequestTypeInfo.Type;

    /// <summary>The confirmation record type.</summary>
    public Type ConfirmationType => ConfirmationTypeInfo.Type;

    /// <summary>True when the Central System may send this action to us.</summary>
    public bool IsCalledByCentralSystem => Direction != OcppDirection.ChargePointToCentralSystem;

    /// <summary>True when we may send this action to the Central System.</summary>
    public bool IsCalledByChargePoint => Direction != OcppDirection.CentralSystemToChargePoint;
}
