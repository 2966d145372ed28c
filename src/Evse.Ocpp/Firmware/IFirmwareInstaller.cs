namespace Evse.Ocpp.Firmware;

/// <summary>
/// The port to whatever installs a verified package. The daemon is unprivileged, so the real one hands the file to a
/// root-owned systemd unit; the package's postinst then restarts the daemon, which ends this process mid-wait.
/// </summary>
public interface IFirmwareInstaller
{
    /// <summary>The version of the firmware this process runs, compared after a restart with the one we installed.</summary>
    string RunningVersion { get; }

    /// <summary>
    /// Hands <paramref name="packagePath"/> over and waits for the outcome. Returns a failure when the installer
    /// reports one (or never answers); returns success only when the install finished without restarting us.
    /// </summary>
    Task<FirmwareInstallResult> InstallAsync(string packagePath, CancellationToken cancellationToken);
}
