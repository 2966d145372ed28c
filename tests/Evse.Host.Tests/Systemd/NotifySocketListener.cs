using System.Net.Sockets;
using System.Text;

namespace Evse.Host.Tests.Systemd;

/// <summary>Plays systemd's side: a real AF_UNIX datagram socket that receives sd_notify messages.</summary>
internal sealed class NotifySocketListener : IDisposable
{
    // A bound on how long a test waits for a datagram that should come; never a pause.
    private static readonly TimeSpan ReceiveTimeout = TimeSpan.FromSeconds(10);

    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly string? _directory;

    private NotifySocketListener(string notifySocket, string address, string? directory)
    {
        NotifySocket = notifySocket;
        _directory = directory;
        _socket.Bind(new UnixDomainSocketEndPoint(address));
    }

    /// <summary>The value systemd would put in NOTIFY_SOCKET.</summary>
    public string NotifySocket { get; }

    /// <summary>A socket file in a fresh temporary directory.</summary>
    public static NotifySocketListener OnPath()
    {
        var directory = Path.Combine(Path.GetTempPath(), "evse-notify-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "notify");
        return new NotifySocketListener(path, path, directory);
    }

    /// <summary>A Linux abstract socket, named with '@' the way systemd writes it.</summary>
    public static NotifySocketListener Abstract() => Abstract("@evse-notify-test/" + Guid.NewGuid().ToString("N"));

    /// <summary>A Linux abstract socket with the given '@' name.</summary>
    public static NotifySocketListener Abstract(string notifySocket) =>
        new(notifySocket, "\0" + notifySocket[1..], null);

    /// <summary>True when a datagram is waiting.</summary>
    public bool HasPending => _socket.Available > 0;

    public async Task<string> ReceiveAsync()
    {
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(ReceiveTimeout);
        var count = await _socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        return Encoding.UTF8.GetString(buffer, 0, count);
    }

    public void Dispose()
    {
        _socket.Dispose();
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
