using System.Diagnostics.CodeAnalysis;
using System.Net.Sockets;
using System.Text;

namespace Evse.Host.Systemd;

/// <summary>
/// Our own sd_notify(3): sends "KEY=VALUE" lines as one datagram to systemd's AF_UNIX notification socket.
/// Managed code only (no libsystemd), so the daemon runs the same on any Linux with or without systemd.
/// </summary>
/// <remarks>Thread-safe. A notifier built without a socket name is disabled and sends nothing.</remarks>
public sealed class SystemdNotifier : IDisposable
{
    private readonly object _gate = new();
    private readonly UnixDomainSocketEndPoint? _endPoint;
    private Socket? _socket;
    private bool _disposed;

    /// <summary>Creates a notifier for a NOTIFY_SOCKET value.</summary>
    /// <param name="notifySocket">A file-system path, or a name starting with '@' for a Linux abstract
    /// socket; null or empty disables the notifier.</param>
    /// <exception cref="ArgumentException">The name is not a valid AF_UNIX address (for example longer than 107 bytes).</exception>
    public SystemdNotifier(string? notifySocket)
    {
        if (string.IsNullOrEmpty(notifySocket))
        {
            return;
        }

        SocketName = notifySocket;

        // systemd writes abstract names with a leading '@'; the kernel wants a leading NUL instead.
        var address = notifySocket[0] == '@' ? string.Concat("\0", notifySocket.AsSpan(1)) : notifySocket;
        try
        {
            _endPoint = new UnixDomainSocketEndPoint(address);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new ArgumentException($"NOTIFY_SOCKET '{notifySocket}' is not a valid AF_UNIX address.", nameof(notifySocket), ex);
        }
    }

    /// <summary>True when a socket name was given, so notifications are sent.</summary>
    public bool IsEnabled => _endPoint is not null;

    /// <summary>The NOTIFY_SOCKET value as given, or null when disabled.</summary>
    public string? SocketName { get; }

    /// <summary>Sends one notification, for example "READY=1\nSTATUS=Running".</summary>
    /// <param name="state">One or more newline-separated KEY=VALUE assignments.</param>
    /// <param name="failure">Why nothing was delivered, when the method returns false.</param>
    /// <returns>True when the datagram was handed to the socket.</returns>
    public bool TryNotify(string state, [NotNullWhen(false)] out string? failure)
    {
        ArgumentException.ThrowIfNullOrEmpty(state);
        if (_endPoint is null)
        {
            failure = "NOTIFY_SOCKET is not set";
            return false;
        }

        var payload = Encoding.UTF8.GetBytes(state);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                _socket ??= new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
                _socket.SendTo(payload, SocketFlags.None, _endPoint);
                failure = null;
                return true;
            }
            catch (SocketException ex)
            {
                // systemd may have been re-executed or the socket replaced; start afresh next time.
                _socket?.Dispose();
                _socket = null;
                failure = $"{ex.SocketErrorCode}: {ex.Message}";
                return false;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _socket?.Dispose();
            _socket = null;
        }
    }
}
