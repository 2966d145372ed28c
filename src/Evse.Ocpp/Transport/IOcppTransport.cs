namespace Evse.Ocpp.Transport;

/// <summary>
/// A connection to the Central System that carries OCPP-J text frames. <see cref="RunAsync"/> owns the connection
/// for the life of the daemon (connect, reconnect, clean close when <c>stoppingToken</c> fires) and reports to one
/// listener; <see cref="TrySendAsync"/> may be called from any thread.
/// </summary>
public interface IOcppTransport
{
    /// <summary>True while a connection is open.</summary>
    bool IsConnected { get; }

    /// <summary>Runs until <paramref name="stoppingToken"/> is cancelled, reporting connection events and frames to <paramref name="listener"/>.</summary>
    Task RunAsync(IOcppTransportListener listener, CancellationToken stoppingToken);

    /// <summary>Sends one text frame; false when there is no open connection or it broke while sending.</summary>
    ValueTask<bool> TrySendAsync(string frame, CancellationToken cancellationToken);
}
