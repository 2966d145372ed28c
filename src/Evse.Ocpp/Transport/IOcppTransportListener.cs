namespace Evse.Ocpp.Transport;

/// <summary>What a transport reports. Calls come one at a time, never concurrently, in connection order.</summary>
public interface IOcppTransportListener
{
    /// <summary>A connection is open and frames may be sent.</summary>
    ValueTask OnConnectedAsync(CancellationToken cancellationToken);

    /// <summary>One text frame arrived.</summary>
    ValueTask OnMessageAsync(string frame, CancellationToken cancellationToken);

    /// <summary>The connection closed or broke; nothing more arrives until the next <see cref="OnConnectedAsync"/>.</summary>
    ValueTask OnDisconnectedAsync(CancellationToken cancellationToken);
}
