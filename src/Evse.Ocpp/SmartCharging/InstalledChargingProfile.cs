using Evse.Ocpp.Messages;

namespace Evse.Ocpp.SmartCharging;

/// <summary>A charging profile as installed on the charge point.</summary>
/// <param name="ConnectorId">The connector it was set on; 0 is the whole charge point.</param>
/// <param name="Profile">The profile as the Central System sent it.</param>
/// <param name="RecordId">For a TxProfile, the charging record of the session it belongs to; null otherwise.</param>
public sealed record InstalledChargingProfile(int ConnectorId, ChargingProfile Profile, long? RecordId = null)
{
    public int Id => Profile.ChargingProfileId;

    public ChargingProfilePurpose Purpose => Profile.ChargingProfilePurpose;

    public int StackLevel => Profile.StackLevel;
}
