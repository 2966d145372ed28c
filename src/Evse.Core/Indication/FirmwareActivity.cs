namespace Evse.Core.Indication;

/// <summary>What a firmware update is doing, as the LED and display show it (seed 000 Table 14: "Firmware Upgrading").</summary>
public enum FirmwareActivity
{
    /// <summary>No update in progress.</summary>
    None,

    /// <summary>The package is being downloaded, or is downloaded and waits for the sessions to end.</summary>
    Downloading,

    /// <summary>The package is being installed; the daemon restarts at the end.</summary>
    Installing,
}
