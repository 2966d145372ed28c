using Evse.Ocpp.Firmware;
using Evse.Testing;

namespace Evse.Ocpp.Tests.Firmware;

/// <summary>Audit item 11: FtpServerUsername / FtpServerPassword are used for URLs that carry no credentials.</summary>
public sealed class FtpDefaultCredentialsTests : IDisposable
{
    private static readonly byte[] Payload = [1, 2, 3, 4, 5];
    private readonly string _dir = Directory.CreateTempSubdirectory("evse-ftpcred-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Download_UrlWithoutCredentials_LogsInWithTheDefaultCredentials()
    {
        await using var server = new TestFtpServer();
        server.Files["evse.deb"] = Payload;
        var ftp = new FtpFileTransfer(new FakeTimeProvider(), TimeSpan.FromMinutes(5)) { DefaultCredentials = () => ("evse", "secret") };

        var result = await ftp.DownloadAsync(new Uri($"ftp://127.0.0.1:{server.Port}/evse.deb"), Path.Combine(_dir, "a.bin"), CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Contains("USER evse", server.Commands);
    }

    [Fact]
    public async Task Download_UrlWithCredentials_UrlWinsOverTheDefaults()
    {
        await using var server = new TestFtpServer();
        server.Files["evse.deb"] = Payload;
        var ftp = new FtpFileTransfer(new FakeTimeProvider(), TimeSpan.FromMinutes(5)) { DefaultCredentials = () => ("other", "wrong") };

        var result = await ftp.DownloadAsync(new Uri($"ftp://evse:secret@127.0.0.1:{server.Port}/evse.deb"), Path.Combine(_dir, "b.bin"), CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.DoesNotContain("USER other", server.Commands);
    }
}
