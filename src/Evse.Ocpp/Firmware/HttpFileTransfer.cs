using System.Net.Http.Headers;
using System.Text;

namespace Evse.Ocpp.Firmware;

/// <summary>
/// HTTP and HTTPS transfers. Download: GET, the body must be complete (Content-Length, when sent, is checked).
/// Upload: POST multipart/form-data to the location itself, one part named <c>file</c> carrying the file name, which
/// is what back offices that accept HTTP diagnostics expect. User-info in the URL becomes Basic authentication.
/// The whole transfer is bounded by <paramref name="timeout"/> on <paramref name="time"/>.
/// </summary>
/// <param name="http">A client with an infinite <see cref="HttpClient.Timeout"/>; the deadline here replaces it.</param>
/// <param name="time">Clock for the deadline.</param>
/// <param name="timeout">Longest a single transfer may take.</param>
public sealed class HttpFileTransfer(HttpClient http, TimeProvider time, TimeSpan timeout) : IFileTransfer
{
    public async Task<TransferResult> DownloadAsync(Uri source, string destinationPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, WithoutUserInfo(source));
            Authorize(request, source);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return TransferResult.Failed($"GET {TransferUris.Redact(source)} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            long received;
            var stream = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var file = File.Create(destinationPath);
                await using (file.ConfigureAwait(false))
                {
                    await stream.CopyToAsync(file, linked.Token).ConfigureAwait(false);
                    await file.FlushAsync(linked.Token).ConfigureAwait(false);
                    received = file.Length;
                }
            }

            if (response.Content.Headers.ContentLength is { } expected && expected != received)
            {
                return TransferResult.Failed($"GET {TransferUris.Redact(source)} ended after {received} of {expected} bytes");
            }

            return TransferResult.Ok;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return TransferResult.Failed($"GET {TransferUris.Redact(source)} took longer than {timeout.TotalSeconds:0} s");
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return TransferResult.Failed($"GET {TransferUris.Redact(source)} failed: {e.Message}");
        }
    }

    public async Task<TransferResult> UploadAsync(Uri location, string sourcePath, string fileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var file = File.OpenRead(sourcePath);
            await using (file.ConfigureAwait(false))
            {
                using var content = new MultipartFormDataContent();
                var part = new StreamContent(file);
                part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                content.Add(part, "file", fileName);
                using var request = new HttpRequestMessage(HttpMethod.Post, WithoutUserInfo(location)) { Content = content };
                Authorize(request, location);
                using var response = await http.SendAsync(request, linked.Token).ConfigureAwait(false);
                return response.IsSuccessStatusCode
                    ? TransferResult.Ok
                    : TransferResult.Failed($"POST {TransferUris.Redact(location)} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return TransferResult.Failed($"POST {TransferUris.Redact(location)} took longer than {timeout.TotalSeconds:0} s");
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return TransferResult.Failed($"POST {TransferUris.Redact(location)} failed: {e.Message}");
        }
    }

    private static Uri WithoutUserInfo(Uri uri) =>
        uri.UserInfo.Length == 0 ? uri : new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty }.Uri;

    private static void Authorize(HttpRequestMessage request, Uri uri)
    {
        if (TransferUris.Credentials(uri) is var (user, password))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        }
    }
}
