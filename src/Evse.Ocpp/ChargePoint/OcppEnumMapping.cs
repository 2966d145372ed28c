using CoreCharging = Evse.Core.Charging;
using M = Evse.Ocpp.Messages;

namespace Evse.Ocpp.ChargePoint;

/// <summary>Core enums to the generated message enums; both use the OCPP names, so the mapping is by name.</summary>
internal static class OcppEnumMapping
{
    public static M.ChargePointStatus ToOcpp(this CoreCharging.ChargePointStatus status) => Enum.Parse<M.ChargePointStatus>(status.ToString());

    public static M.ChargePointErrorCode ToOcpp(this CoreCharging.ChargePointErrorCode code) => Enum.Parse<M.ChargePointErrorCode>(code.ToString());

    public static M.StopTransactionReason ToOcpp(this CoreCharging.StopReason reason) => Enum.Parse<M.StopTransactionReason>(reason.ToString());

    public static Evse.Core.Ports.AuthorizationStatus ToCore(this M.AuthorizationStatus status) =>
        Enum.Parse<Evse.Core.Ports.AuthorizationStatus>(status.ToString());
}
