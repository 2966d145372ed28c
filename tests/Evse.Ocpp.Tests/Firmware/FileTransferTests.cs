using System.Net;
using System.Net.Sockets;
using System.Text;
using Evse.Ocpp.Firmware;
using Evse.Testing;

namespace Evse.Ocpp.Tests.Firmware;

public sealed class FileTransferTests : IDisposable
{
    private static readonly byte[] Payload = [.. Enumerable.Range(0, 150_000).Select(i => (byte)(i * 7))];
    private readonly string _dir = Directory.CreateTempSubdirectory("evse-transfer-").FullName;
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly FakeTimeProvider _time = new();

    private string Target => Path.Combine(_dir, "download.bin");

    public void Dispose()
    {
        _http.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task HttpDownload_FileExists_WritesEveryByte()
    {
        await using var server = await TestHttpServer.StartAsync();
        server.Files["fw.deb"] = Payload;

        var result = await Http().DownloadAsync(new Uri(server.BaseUrl, "files/fw.deb"), Target, CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(Payload, await File.ReadAllBytesAsync(Target));
    }

    [Fact]
    public async Task HttpDownload_NotFound_FailsNaming404()
    {
        await using var server = await TestHttpServer.StartAsync();

        var result = await Http().DownloadAsync(new Uri(server.BaseUrl, "files/none.deb"), Target, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("404", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HttpDownload_BodyCutShort_Fails()
    {
        await using var server = await TestHttpServer.StartAsync();

        var result = await Http().DownloadAsync(new Uri(server.BaseUrl, "truncated"), Target, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.StartsWith("GET http://127.0.0.1", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HttpDownload_ConnectionRefused_FailsWithoutThrowing()
    {
        var result = await Http().DownloadAsync(new Uri($"http://127.0.0.1:{ClosedPort()}/fw.deb"), Target, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("failed", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HttpUpload_WithUserInfo_PostsMultipartFileWithBasicAuthAndHidesPassword()
    {
        await using var server = await TestHttpServer.StartAsync();
        var source = Path.Combine(_dir, "diag.zip");
        await File.WriteAllBytesAsync(source, Payload);
        var location = new Uri($"http://cs:pa%3Ass@127.0.0.1:{server.BaseUrl.Port}/upload");

        var result = await Http().UploadAsync(location, source, "diag.zip", CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        var upload = Assert.Single(server.Uploads);
        Assert.Equal(("file", "diag.zip"), (upload.Field, upload.FileName));
        Assert.Equal(Payload, upload.Content);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("cs:pa:ss")), upload.Authorization);
    }

    [Fact]
    public async Task HttpUpload_ServerRefuses_FailureTextHasNoPassword()
    {
        await using var server = await TestHttpServer.StartAsync();
        var source = Path.Combine(_dir, "diag.zip");
        await File.WriteAllBytesAsync(source, Payload);

        var result = await Http().UploadAsync(new Uri($"http://cs:hunter2@127.0.0.1:{server.BaseUrl.Port}/nowhere"), source, "diag.zip", CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("404", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task FtpDownload_EpsvOrPasv_WritesEveryByte(bool epsv)
    {
        await using var server = new TestFtpServer { SupportsEpsv = epsv };
        server.Files["fw/evse.deb"] = Payload;

        var result = await Ftp().DownloadAsync(new Uri($"ftp://evse:secret@127.0.0.1:{server.Port}/fw/evse.deb"), Target, CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(Payload, await File.ReadAllBytesAsync(Target));
        Assert.Contains(epsv ? "EPSV" : "PASV", server.Commands);
        Assert.Contains("TYPE I", server.Commands);
        Assert.Equal("QUIT", server.Commands.Last());
    }

    [Fact]
    public async Task FtpDownload_NoCredentialsInUrl_LogsInAnonymously()
    {
        await using var server = new TestFtpServer { AllowAnonymous = true };
        server.Files["evse.deb"] = Payload;

        var result = await Ftp().DownloadAsync(new Uri($"ftp://127.0.0.1:{server.Port}/evse.deb"), Target, CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Contains("USER anonymous", server.Commands);
    }

    [Fact]
    public async Task FtpDownload_WrongPassword_FailsNaming530AndHidesPassword()
    {
        await using var server = new TestFtpServer();
        server.Files["evse.deb"] = Payload;

        var result = await Ftp().DownloadAsync(new Uri($"ftp://evse:wrong-pw@127.0.0.1:{server.Port}/evse.deb"), Target, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("login as 'evse' refused: 530", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-pw", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FtpDownload_MissingFile_FailsNaming550()
    {
        await using var server = new TestFtpServer();

        var result = await Ftp().DownloadAsync(new Uri($"ftp://evse:secret@127.0.0.1:{server.Port}/none.deb"), Target, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("RETR none.deb refused: 550", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(426)]
    [InlineData(226)]
    public async Task FtpDownload_DataCutShort_Fails(int finalReply)
    {
        // 426: the server admits it; 226: it claims success, and only the SIZE check catches the short file.
        await using var server = new TestFtpServer { Truncate = true, TruncatedReply = finalReply };
        server.Files["evse.deb"] = Payload;

        var result = await Ftp().DownloadAsync(new Uri($"ftp://evse:secret@127.0.0.1:{server.Port}/evse.deb"), Target, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains(finalReply == 426 ? "RETR failed: 426" : $"ended after {Payload.Length / 2} of {Payload.Length} bytes", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FtpDownload_ConnectionRefused_FailsWithoutThrowing()
    {
        var result = await Ftp().DownloadAsync(new Uri($"ftp://127.0.0.1:{ClosedPort()}/evse.deb"), Target, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("failed", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FtpUpload_DirectoryLocation_StoresFileUnderItsName()
    {
        await using var server = new TestFtpServer();
        var source = Path.Combine(_dir, "diag.zip");
        await File.WriteAllBytesAsync(source, Payload);

        var result = await Ftp().UploadAsync(new Uri($"ftp://evse:secret@127.0.0.1:{server.Port}/diagnostics/"), source, "diag.zip", CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(Payload, server.Files["diagnostics/diag.zip"]);
    }

    [Fact]
    public async Task FileTransferClient_UnsupportedScheme_FailsClearly()
    {
        var client = new FileTransferClient(Http(), Ftp());

        var result = await client.DownloadAsync(new Uri("sftp://host/fw.deb"), Target, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("only http, https and ftp", result.Error, StringComparison.Ordinal);
    }

    private HttpFileTransfer Http() => new(_http, _time, TimeSpan.FromMinutes(5));

    private FtpFileTransfer Ftp() => new(_time, TimeSpan.FromMinutes(5));

    private static int ClosedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
