using Evse.Core.Charging;
using Evse.Core.Protection;

namespace Evse.Core.Indication;

/// <summary>What the LED and the display show, for one connector.</summary>
/// <param name="Status">The connector's OCPP status.</param>
/// <param name="ActiveFaults">Every active fault.</param>
/// <param name="LatchedFaults">The active faults that wait for a person (see <see cref="FaultTracker.Latched"/>); catalog-hard faults count as latched anyway.</param>
/// <param name="Booting">The daemon is starting: the control loops have not all started and answered their boot self test.</param>
/// <param name="Firmware">What a firmware update is doing.</param>
/// <param name="AuthorizedWaitingForVehicle">An id is authorized and the plug is not in yet.</param>
/// <param name="CentralSystemOffline">OCPP is configured and the Central System link is down.</param>
/// <param name="OutOfService">Every connector of the station is Unavailable (<see cref="LedPolicy.IsOutOfService"/>).</param>
public sealed record IndicationInputs(
    ChargePointStatus Status,
    IReadOnlyCollection<FaultCode> ActiveFaults,
    IReadOnlyCollection<FaultCode> LatchedFaults,
    bool Booting = false,
    FirmwareActivity Firmware = FirmwareActivity.None,
    bool AuthorizedWaitingForVehicle = false,
    bool CentralSystemOffline = false,
    bool OutOfService = false)
{
    /// <summary>A firmware update is downloading or installing.</summary>
    public bool Upgrading => Firmware != FirmwareActivity.None;

    public static IndicationInputs ForStatus(ChargePointStatus status) => new(status, [], []);
}
