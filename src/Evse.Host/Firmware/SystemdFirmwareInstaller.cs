using Evse.Ocpp.Firmware;

namespace Evse.Host.Firmware;

/// <summary>
/// Hands a verified package to the root-owned <c>evse-update.path</c> / <c>evse-update.service</c> pair: writes the
/// package's file name to <c>&lt;update dir&gt;/ready</c> (atomically, through a rename), which the path unit watches.
/// The service installs it and writes <c>result</c> (<c>ok</c> or <c>failed: …</c>); on success the package's postinst
/// restarts this daemon, so normally the wait ends with the process. No result within
/// <see cref="ResultTimeout"/>: the hand-over is withdrawn and reported as failed.
/// The running version is the installed evse-daemon package's version when we run from the package (dpkg has
/// unpacked the files we run from), else the assembly's version.
/// </summary>
public sealed class SystemdFirmwareInstaller(string updateDirectory, string assemblyVersion, TimeProvider time) : IFirmwareInstaller
{
    /// <summary>The file the path unit watches.</summary>
    public const string ReadyFileName = "ready";

    /// <summary>The file the update service writes its outcome to.</summary>
    public const string ResultFileName = "result";

    /// <summary>How long the update unit may take to answer (apt-get on a Pi with a slow SD card).</summary>
    public TimeSpan ResultTimeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the result file is looked for.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>dpkg's database of installed packages.</summary>
    public string DpkgStatusPath { get; init; } = "/var/lib/dpkg/status";

    /// <summary>Where the package puts the daemon; running from elsewhere (a developer build) uses the assembly version.</summary>
    public string PackageRoot { get; init; } = "/usr/lib/evse-daemon";

    /// <summary>The directory the running assembly was loaded from.</summary>
    public string ApplicationDirectory { get; init; } = AppContext.BaseDirectory;

    public string RunningVersion =>
        ApplicationDirectory.StartsWith(PackageRoot, StringComparison.Ordinal) && DpkgStatus.TryGetVersion(DpkgStatusPath, "evse-daemon", out var version)
            ? version
            : assemblyVersion;

    public async Task<FirmwareInstallResult> InstallAsync(string packagePath, CancellationToken cancellationToken)
    {
        var ready = Path.Combine(updateDirectory, ReadyFileName);
        var result = Path.Combine(updateDirectory, ResultFileName);
        if (!string.Equals(Path.GetDirectoryName(Path.GetFullPath(packagePath)), Path.GetFullPath(updateDirectory).TrimEnd('/'), StringComparison.Ordinal))
        {
            // The update unit only installs files from its own directory.
            return FirmwareInstallResult.Failed($"{packagePath} is not in {updateDirectory}");
        }

        File.Delete(result);
        var temporary = ready + ".tmp";
        await File.WriteAllTextAsync(temporary, Path.GetFileName(packagePath) + "\n", cancellationToken).ConfigureAwait(false);
        File.Move(temporary, ready, overwrite: true);

        var deadline = time.GetUtcNow() + ResultTimeout;
        while (time.GetUtcNow() < deadline)
        {
            await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
            if (File.Exists(result))
            {
                var text = (await File.ReadAllTextAsync(result, cancellationToken).ConfigureAwait(false)).Trim();
                File.Delete(result);
                return text == "ok" ? FirmwareInstallResult.Ok : FirmwareInstallResult.Failed(text.Length == 0 ? "the update unit reported nothing" : text);
            }
        }

        File.Delete(ready);
        return FirmwareInstallResult.Failed($"evse-update.service did not answer within {ResultTimeout.TotalMinutes:0} min (is evse-update.path enabled?)");
    }
}
