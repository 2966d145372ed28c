using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Evse.Ocpp.Tests.Firmware;

/// <summary>
/// A minimal FTP server on 127.0.0.1 for the client tests: USER/PASS, TYPE, EPSV (can be switched off), PASV, SIZE,
/// RETR, STOR, QUIT. One session at a time is enough for the tests.
/// </summary>
internal sealed class TestFtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accept;

    public TestFtpServer()
    {
        _listener.Start();
        _accept = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public string User { get; set; } = "evse";

    public string Password { get; set; } = "secret";

    public bool AllowAnonymous { get; set; }

    public bool SupportsEpsv { get; set; } = true;

    /// <summary>RETR sends only half of the file, then closes the data connection and replies <see cref="TruncatedReply"/>.</summary>
    public bool Truncate { get; set; }

    public int TruncatedReply { get; set; } = 426;

    public ConcurrentDictionary<string, byte[]> Files { get; } = new();

    public ConcurrentQueue<string> Commands { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accept.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            try
            {
                await ServeAsync(client);
            }
            catch (IOException)
            {
            }
            catch (SocketException)
            {
            }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220-Welcome");
        await writer.WriteLineAsync("220 test server ready");
        TcpListener? passive = null;
        string? user = null;
        var loggedIn = false;
        try
        {
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                Commands.Enqueue(line);
                var space = line.IndexOf(' ', StringComparison.Ordinal);
                var verb = space < 0 ? line : line[..space];
                var arg = space < 0 ? string.Empty : line[(space + 1)..];
                switch (verb)
                {
                    case "USER":
                        user = arg;
                        await writer.WriteLineAsync("331 password please");
                        break;
                    case "PASS":
                        loggedIn = (user == User && arg == Password) || (AllowAnonymous && user == "anonymous");
                        await writer.WriteLineAsync(loggedIn ? "230 logged in" : "530 Login incorrect.");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 bye");
                        return;
                    case var _ when !loggedIn:
                        await writer.WriteLineAsync("530 Please login with USER and PASS.");
                        break;
                    case "TYPE":
                        await writer.WriteLineAsync("200 binary");
                        break;
                    case "EPSV" when SupportsEpsv:
                        passive?.Stop();
                        passive = Listen();
                        await writer.WriteLineAsync($"229 Entering Extended Passive Mode (|||{((IPEndPoint)passive.LocalEndpoint).Port}|)");
                        break;
                    case "PASV":
                        passive?.Stop();
                        passive = Listen();
                        var port = ((IPEndPoint)passive.LocalEndpoint).Port;
                        // Announce a private address on purpose: the client must use the control connection's address.
                        await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"227 Entering Passive Mode (10,9,8,7,{port / 256},{port % 256})."));
                        break;
                    case "SIZE":
                        await writer.WriteLineAsync(Files.TryGetValue(arg, out var sized) ? $"213 {sized.Length}" : "550 not found");
                        break;
                    case "RETR":
                        await RetrieveAsync(writer, passive, arg);
                        passive = null;
                        break;
                    case "STOR":
                        await StoreAsync(writer, passive, arg);
                        passive = null;
                        break;
                    default:
                        await writer.WriteLineAsync("502 not implemented");
                        break;
                }
            }
        }
        finally
        {
            passive?.Stop();
        }
    }

    private async Task RetrieveAsync(StreamWriter writer, TcpListener? passive, string path)
    {
        if (passive is null)
        {
            await writer.WriteLineAsync("425 use PASV first");
            return;
        }

        if (!Files.TryGetValue(path, out var bytes))
        {
            passive.Stop();
            await writer.WriteLineAsync("550 No such file or directory.");
            return;
        }

        await writer.WriteLineAsync("150 opening data connection");
        using (var data = await passive.AcceptTcpClientAsync(_stop.Token))
        {
            var count = Truncate ? bytes.Length / 2 : bytes.Length;
            await data.GetStream().WriteAsync(bytes.AsMemory(0, count), _stop.Token);
        }

        passive.Stop();
        await writer.WriteLineAsync(Truncate ? $"{TruncatedReply} transfer ended" : "226 Transfer complete.");
    }

    private async Task StoreAsync(StreamWriter writer, TcpListener? passive, string path)
    {
        if (passive is null)
        {
            await writer.WriteLineAsync("425 use PASV first");
            return;
        }

        await writer.WriteLineAsync("150 ok to send data");
        using (var data = await passive.AcceptTcpClientAsync(_stop.Token))
        {
            using var copy = new MemoryStream();
            await data.GetStream().CopyToAsync(copy, _stop.Token);
            Files[path] = copy.ToArray();
        }

        passive.Stop();
        await writer.WriteLineAsync("226 Transfer complete.");
    }

    private static TcpListener Listen()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return listener;
    }
}
