using System.Globalization;
using Evse.Core.Charging;
using Evse.Core.Ports.Hardware;
using Evse.Core.Protection;

namespace Evse.Core.Indication;

/// <summary>
/// The OLED of seed 001 Table 19: the status in capitals ("INITIALIZING..." while booting) and the network
/// letter (E Ethernet, W Wi-Fi, L LTE, A Wi-Fi AP). The second line is ours: power and session energy while
/// charging, the fault's description when faulted (the most important active fault, as the errorCode is
/// chosen), the pause reason when SuspendedEVSE, "DOWNLOADING FIRMWARE" / "INSTALLING FIRMWARE" during an update
/// (the status line still shows the connector's status: a download does not stop a session), and "OFFLINE" when the
/// Central System link is down and nothing more important fills the line. A station whose every connector is
/// Unavailable shows "UNAVAILABLE" (seed 001 Table 19) over "OUT OF SERVICE" (the LED table's word for it), which
/// goes before "OFFLINE": a driver must see first that this charger will not charge. The OLED's font has no lower case and the
/// letter's cell is one character, so the link state goes on the second line, not into the letter.
/// </summary>
public static class DisplayComposer
{
    public static DisplayContent Compose(
        IndicationInputs inputs,
        NetworkKind network,
        double powerWatts = 0,
        double sessionEnergyWh = 0,
        string? pauseReason = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var letter = LetterFor(network);
        if (inputs.Booting)
        {
            return new DisplayContent("INITIALIZING...", null, letter);
        }

        var status = inputs.Status.ToString().ToUpperInvariant();
        if (inputs.Upgrading)
        {
            return new DisplayContent(status, inputs.Firmware == FirmwareActivity.Installing ? "INSTALLING FIRMWARE" : "DOWNLOADING FIRMWARE", letter);
        }

        string? detail = inputs.Status switch
        {
            ChargePointStatus.Charging => string.Create(CultureInfo.InvariantCulture, $"{powerWatts / 1000:0.0} kW  {sessionEnergyWh / 1000:0.00} kWh"),
            ChargePointStatus.Faulted when inputs.ActiveFaults.Count > 0 => FaultCatalog.Describe(inputs.ActiveFaults.Min()).Description,
            ChargePointStatus.SuspendedEVSE => pauseReason,
            ChargePointStatus.Finishing => string.Create(CultureInfo.InvariantCulture, $"{sessionEnergyWh / 1000:0.00} kWh"),
            _ => null,
        };
        detail ??= inputs.OutOfService && inputs.Status == ChargePointStatus.Unavailable ? "OUT OF SERVICE"
            : inputs.CentralSystemOffline ? "OFFLINE"
            : null;
        return new DisplayContent(status, detail, letter);
    }

    public static char LetterFor(NetworkKind network) => network switch
    {
        NetworkKind.Ethernet => 'E',
        NetworkKind.WiFi => 'W',
        NetworkKind.Lte => 'L',
        NetworkKind.AccessPoint => 'A',
        _ => ' ',
    };
}
