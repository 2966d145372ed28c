using System.Threading.Channels;
using Evse.Ocpp.Transport;

namespace Evse.Ocpp.Tests.Transport;

/// <summary>Records what a transport reports, in order: "connected", "disconnected", or the frame text.</summary>
internal sealed class RecordingListener : IOcppTransportListener
{
    private readonly Channel<string> _events = Channel.CreateUnbounded<string>();

    public List<string> History { get; } = [];

    public ValueTask OnConnectedAsync(CancellationToken cancellationToken) => Record("connected");

    public ValueTask OnDisconnectedAsync(CancellationToken cancellationToken) => Record("disconnected");

    public ValueTask OnMessageAsync(string frame, CancellationToken cancellationToken) => Record(frame);

    /// <summary>The next event, failing the test after 10 s of real time instead of hanging.</summary>
    public async Task<string> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await _events.Reader.ReadAsync(timeout.Token);
    }

    private ValueTask Record(string value)
    {
        lock (History)
        {
            History.Add(value);
        }

        _events.Writer.TryWrite(value);
        return ValueTask.CompletedTask;
    }
}
