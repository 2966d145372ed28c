using Evse.Ocpp.Rpc;
using Evse.Ocpp.Transport;

namespace Evse.Benchmarks.Backlog;

/// <summary>
/// Sits between the dispatcher and the WebSocket transport to timestamp the frame going out and the answer coming
/// in, which splits a call into the dispatcher's work before the send, the send, the wire plus the Central System,
/// the dispatcher's frame parsing, and the dispatcher's work after the answer.
/// </summary>
internal sealed class ProfilingTransport(IOcppTransport inner) : IOcppTransport, IOcppTransportListener
{
    private IOcppTransportListener? _listener;

    /// <summary>Set only while the replay runs, so the warm-up and the bound are not charged.</summary>
    public ReplayProfile? Profile { get; set; }

    public bool IsConnected => inner.IsConnected;

    public Task RunAsync(IOcppTransportListener listener, CancellationToken stoppingToken)
    {
        _listener = listener;
        return inner.RunAsync(this, stoppingToken);
    }

    public async ValueTask<bool> TrySendAsync(string frame, CancellationToken cancellationToken)
    {
        CallTimeline.Mark(CallTimeline.FrameToSocket);
        Profile?.Lap("dispatcher: encode payload, wait turn, write frame");
        var sent = await inner.TrySendAsync(frame, cancellationToken).ConfigureAwait(false);
        Profile?.Lap("transport: WebSocket send");
        return sent;
    }

    public ValueTask OnConnectedAsync(CancellationToken cancellationToken) => _listener!.OnConnectedAsync(cancellationToken);

    public async ValueTask OnMessageAsync(string frame, CancellationToken cancellationToken)
    {
        CallTimeline.Mark(CallTimeline.AnswerReceived);
        Profile?.Lap("wire + Central System + receive loop");
        await _listener!.OnMessageAsync(frame, cancellationToken).ConfigureAwait(false);
        Profile?.Lap("dispatcher: parse answer frame, complete the call");
    }

    public ValueTask OnDisconnectedAsync(CancellationToken cancellationToken) => _listener!.OnDisconnectedAsync(cancellationToken);
}
