using System.Net.Sockets;

namespace Evse.Ocpp.Firmware;

/// <summary>
/// A small passive-mode FTP client (RFC 959, EPSV from RFC 2428): USER/PASS from the URL or anonymous, TYPE I,
/// EPSV with a PASV fallback, RETR/STOR, QUIT. The data connection always goes to the control connection's address:
/// servers behind NAT often announce a private address in their PASV reply. The URL path is taken relative to the
/// login directory (RFC 1738); <c>%2F</c> at its start makes it absolute. A download whose size (SIZE) is known must
/// arrive whole. The whole transfer is bounded by <paramref name="timeout"/> on <paramref name="time"/>.
/// </summary>
public sealed class FtpFileTransfer(TimeProvider time, TimeSpan timeout) : IFileTransfer
{
    private const int DefaultPort = 21;

    /// <summary>
    /// User and password for a URL that carries none (configuration keys FtpServerUsername / FtpServerPassword, seed
    /// 001); null logs in anonymously. Read at every transfer, so a change applies to the next one.
    /// </summary>
    public Func<(string User, string Password)?> DefaultCredentials { get; init; } = static () => null;

    public Task<TransferResult> DownloadAsync(Uri source, string destinationPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        return RunAsync(source, "RETR", async (session, path, token) =>
        {
            var size = await session.TrySizeAsync(path, token).ConfigureAwait(false);
            using var data = await session.OpenDataAsync(token).ConfigureAwait(false);
            await session.ExpectAsync($"RETR {path}", token, 125, 150).ConfigureAwait(false);
            long received;
            var file = File.Create(destinationPath);
            await using (file.ConfigureAwait(false))
            {
                await data.GetStream().CopyToAsync(file, token).ConfigureAwait(false);
                await file.FlushAsync(token).ConfigureAwait(false);
                received = file.Length;
            }

            await session.ExpectReplyAsync("RETR", token, 226, 250).ConfigureAwait(false);
            if (size is { } expected && expected != received)
            {
                throw new FtpException($"RETR {path} ended after {received} of {expected} bytes");
            }
        }, cancellationToken);
    }

    public Task<TransferResult> UploadAsync(Uri location, string sourcePath, string fileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        var target = new Uri(location, location.AbsolutePath.EndsWith('/') ? Uri.EscapeDataString(fileName) : location.Segments[^1] + "/" + Uri.EscapeDataString(fileName));
        return RunAsync(target, "STOR", async (session, path, token) =>
        {
            using (var data = await session.OpenDataAsync(token).ConfigureAwait(false))
            {
                await session.ExpectAsync($"STOR {path}", token, 125, 150).ConfigureAwait(false);
                var file = File.OpenRead(sourcePath);
                await using (file.ConfigureAwait(false))
                {
                    await file.CopyToAsync(data.GetStream(), token).ConfigureAwait(false);
                }

                // End of file on a stream-mode data connection is its close (RFC 959 §3.4.1).
                data.Client.Shutdown(SocketShutdown.Send);
            }

            await session.ExpectReplyAsync("STOR", token, 226, 250).ConfigureAwait(false);
        }, cancellationToken);
    }

    private async Task<TransferResult> RunAsync(Uri uri, string verb, Func<FtpSession, string, CancellationToken, Task> transfer, CancellationToken cancellationToken)
    {
        var shown = TransferUris.Redact(uri);
        if (!string.Equals(uri.Scheme, "ftp", StringComparison.OrdinalIgnoreCase))
        {
            return TransferResult.Failed($"{shown} is not an ftp:// URL");
        }

        var path = uri.AbsolutePath.Length > 1 ? Uri.UnescapeDataString(uri.AbsolutePath[1..]) : string.Empty;
        if (path.Length == 0 || path.EndsWith('/') || path.Contains('\r', StringComparison.Ordinal) || path.Contains('\n', StringComparison.Ordinal))
        {
            return TransferResult.Failed($"{shown} does not name a file");
        }

        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var token = linked.Token;
        try
        {
            using var session = await FtpSession.ConnectAsync(uri.Host, uri.Port > 0 ? uri.Port : DefaultPort, token).ConfigureAwait(false);
            var (user, password) = TransferUris.Credentials(uri) ?? DefaultCredentials() ?? ("anonymous", "anonymous@");
            await session.LoginAsync(user, password, token).ConfigureAwait(false);
            await session.ExpectAsync("TYPE I", token, 200).ConfigureAwait(false);
            await transfer(session, path, token).ConfigureAwait(false);
            await session.QuitAsync(token).ConfigureAwait(false);
            return TransferResult.Ok;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return TransferResult.Failed($"{verb} {shown} took longer than {timeout.TotalSeconds:0} s");
        }
        catch (FtpException e)
        {
            return TransferResult.Failed($"{verb} {shown}: {e.Message}");
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return TransferResult.Failed($"{verb} {shown} failed: {e.Message}");
        }
    }
}
