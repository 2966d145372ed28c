using System.Collections.Concurrent;
using Evse.Ocpp.Firmware;

namespace Evse.Ocpp.Tests.Firmware;

/// <summary>Records install requests; answers with <see cref="Result"/>, or never (as when the package restarts the daemon) when it is null.</summary>
internal sealed class FakeFirmwareInstaller : IFirmwareInstaller
{
    public string RunningVersion { get; set; } = "0.1.0";

    public FirmwareInstallResult? Result { get; set; } = FirmwareInstallResult.Ok;

    public ConcurrentQueue<(string Path, bool Existed)> Requests { get; } = new();

    public async Task<FirmwareInstallResult> InstallAsync(string packagePath, CancellationToken cancellationToken)
    {
        Requests.Enqueue((packagePath, File.Exists(packagePath)));
        if (Result is null)
        {
            var never = new TaskCompletionSource();
            await never.Task.WaitAsync(cancellationToken);
        }

        return Result!;
    }
}
