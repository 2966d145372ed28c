using Evse.Core.Charging;
using Evse.Core.Protection;

namespace Evse.Core.Indication;

/// <summary>What the LED and the display show, for one connector.</summary>
/// <param name="Status">The connector's OCPP status.</param>
/// <param name="ActiveFaults">Every active fault.</param>
/// <param name="LatchedFaults">The active faults that wait for a person (see <see cref="FaultTracker.Latched"/>); catalog-hard faults count as latched anyway.</param>
/// <param name="Booting">The daemon is starting (before the first status is known).</param>
/// <param name="Upgrading">A firmware update is being installed.</param>
/// <param name="AuthorizedWaitingForVehicle">An id is authorized and the plug is not in yet.</param>
public sealed record IndicationInputs(
    ChargePointStatus Status,
    IReadOnlyCollection<FaultCode> ActiveFaults,
    IReadOnlyCollection<FaultCode> LatchedFaults,
    bool Booting = false,
    bool Upgrading = false,
    bool AuthorizedWaitingForVehicle = false)
{
    public static IndicationInputs ForStatus(ChargePointStatus status) => new(status, [], []);
}
