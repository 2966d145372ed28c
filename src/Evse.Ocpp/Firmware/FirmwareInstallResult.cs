namespace Evse.Ocpp.Firmware;

/// <summary>How an install ended when this process lived to see it.</summary>
/// <param name="Succeeded">True when the package was installed.</param>
/// <param name="Error">The installer's reason for a failure; null on success.</param>
public sealed record FirmwareInstallResult(bool Succeeded, string? Error)
{
    public static FirmwareInstallResult Ok { get; } = new(true, null);

    public static FirmwareInstallResult Failed(string error) => new(false, error);
}
