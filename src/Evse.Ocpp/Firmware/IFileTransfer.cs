namespace Evse.Ocpp.Firmware;

/// <summary>Moves one file between the charge point and a server named by a URL (UpdateFirmware, GetDiagnostics).</summary>
public interface IFileTransfer
{
    /// <summary>Downloads <paramref name="source"/> into <paramref name="destinationPath"/> (created or overwritten).</summary>
    Task<TransferResult> DownloadAsync(Uri source, string destinationPath, CancellationToken cancellationToken);

    /// <summary>Uploads the file at <paramref name="sourcePath"/> to <paramref name="location"/> under the name <paramref name="fileName"/>.</summary>
    Task<TransferResult> UploadAsync(Uri location, string sourcePath, string fileName, CancellationToken cancellationToken);
}
