using Evse.Ocpp.Messages;

namespace Evse.Ocpp.SmartCharging;

/// <summary>Takes the chargingProfile of a RemoteStartTransaction (OCPP 1.6 §5.11) until the session it asked for starts.</summary>
public interface IRemoteStartChargingProfiles
{
    /// <summary>
    /// Checks <paramref name="profile"/> (a TxProfile without transactionId) and keeps it for the next session that
    /// starts on <paramref name="connectorId"/> for <paramref name="idTag"/>; false when it would be rejected.
    /// </summary>
    bool TryHold(int connectorId, string idTag, ChargingProfile profile);
}
