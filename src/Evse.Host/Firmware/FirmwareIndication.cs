using Evse.Core.Indication;
using Evse.Ocpp.Messages;

namespace Evse.Host.Firmware;

/// <summary>The firmware updater's OCPP step as the LED and display show it.</summary>
public static class FirmwareIndication
{
    /// <summary>
    /// Downloading and Downloaded (the package waits for the sessions to end) show as downloading; Installing as
    /// installing; every final step (Installed, DownloadFailed, InstallationFailed, Idle) ends the indication.
    /// </summary>
    public static FirmwareActivity For(FirmwareStatus status) => status switch
    {
        FirmwareStatus.Downloading or FirmwareStatus.Downloaded => FirmwareActivity.Downloading,
        FirmwareStatus.Installing => FirmwareActivity.Installing,
        _ => FirmwareActivity.None,
    };
}
