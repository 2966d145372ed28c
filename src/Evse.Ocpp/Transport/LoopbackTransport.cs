using System.Threading.Channels;

namespace Evse.Ocpp.Transport;

/// <summary>
/// An in-memory transport for scenario tests: the test plays the Central System through <see cref="DeliverAsync"/>
/// and <see cref="SentFrames"/>, and pulls the cable with <see cref="SetOnlineAsync"/>. Listener calls are
/// serialized exactly as a real transport's are.
/// </summary>
public sealed class LoopbackTransport : IOcppTransport, IDisposable
{
    private readonly SemaphoreSlim _listenerGate = new(1, 1);
    private readonly Channel<string> _sent = Channel.CreateUnbounded<string>();
    private readonly List<string> _sentLog = [];
    private readonly TaskCompletionSource<IOcppTransportListener> _listener = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _online;

    /// <inheritdoc/>
    public bool IsConnected => _online;

    /// <summary>Frames the charge point sent, in order, for a scripted Central System to read.</summary>
    public ChannelReader<string> SentFrames => _sent.Reader;

    /// <summary>Every frame the charge point sent so far (a copy).</summary>
    public IReadOnlyList<string> SentLog
    {
        get
        {
            lock (_sentLog)
            {
                return [.. _sentLog];
            }
        }
    }

    /// <inheritdoc/>
    public async Task RunAsync(IOcppTransportListener listener, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(listener);
        if (!_listener.TrySetResult(listener))
        {
            throw new InvalidOperationException("A loopback transport serves one listener.");
        }

        if (_online)
        {
            await NotifyAsync(l => l.OnConnectedAsync(stoppingToken), stoppingToken).ConfigureAwait(false);
        }

        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown: report the close like a real transport does.
        }

        await SetOnlineAsync(false).ConfigureAwait(false);
    }

    /// <summary>Connects or disconnects; the listener hears about it before this completes (once it is running).</summary>
    public async Task SetOnlineAsync(bool online)
    {
        if (_online == online)
        {
            return;
        }

        _online = online;
        await NotifyAsync(l => online ? l.OnConnectedAsync(CancellationToken.None) : l.OnDisconnectedAsync(CancellationToken.None), CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>The Central System sends <paramref name="frame"/>; false when offline. Completes once the listener took it.</summary>
    public async Task<bool> DeliverAsync(string frame, CancellationToken cancellationToken = default)
    {
        if (!_online)
        {
            return false;
        }

        await NotifyAsync(l => l.OnMessageAsync(frame, cancellationToken), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc/>
    public ValueTask<bool> TrySendAsync(string frame, CancellationToken cancellationToken)
    {
        if (!_online)
        {
            return ValueTask.FromResult(false);
        }

        lock (_sentLog)
        {
            _sentLog.Add(frame);
        }

        _sent.Writer.TryWrite(frame);
        return ValueTask.FromResult(true);
    }

    /// <inheritdoc/>
    public void Dispose() => _listenerGate.Dispose();

    private async Task NotifyAsync(Func<IOcppTransportListener, ValueTask> call, CancellationToken cancellationToken)
    {
        if (!_listener.Task.IsCompleted)
        {
            return;
        }

        var listener = await _listener.Task.ConfigureAwait(false);
        await _listenerGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await call(listener).ConfigureAwait(false);
        }
        finally
        {
            _listenerGate.Release();
        }
    }
}
