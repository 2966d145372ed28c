namespace Evse.Ocpp.Firmware;

/// <summary>Picks the client for the URL's scheme: http/https or ftp. Anything else fails with a clear reason.</summary>
public sealed class FileTransferClient(IFileTransfer http, IFileTransfer ftp) : IFileTransfer
{
    public Task<TransferResult> DownloadAsync(Uri source, string destinationPath, CancellationToken cancellationToken) =>
        Pick(source) is { } client
            ? client.DownloadAsync(source, destinationPath, cancellationToken)
            : Task.FromResult(Unsupported(source));

    public Task<TransferResult> UploadAsync(Uri location, string sourcePath, string fileName, CancellationToken cancellationToken) =>
        Pick(location) is { } client
            ? client.UploadAsync(location, sourcePath, fileName, cancellationToken)
            : Task.FromResult(Unsupported(location));

    private IFileTransfer? Pick(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri)
        {
            return null;
        }

        return uri.Scheme.ToUpperInvariant() switch
        {
            "HTTP" or "HTTPS" => http,
            "FTP" => ftp,
            _ => null,
        };
    }

    private static TransferResult Unsupported(Uri uri) =>
        TransferResult.Failed($"{(uri.IsAbsoluteUri ? TransferUris.Redact(uri) : uri.ToString())}: only http, https and ftp URLs are supported");
}
