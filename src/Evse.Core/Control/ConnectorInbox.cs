using System.Collections.Concurrent;
using Evse.Core.Charging;

namespace Evse.Core.Control;

/// <summary>
/// A connector's inbox and the thread that empties it. Any thread posts without blocking; only the loop's own
/// thread takes, so the loop never waits for a thread-pool thread behind HTTP or OCPP work.
/// </summary>
internal sealed class ConnectorInbox : IDisposable
{
    private readonly ConcurrentQueue<ConnectorEvent> _queue = new();
    private readonly SemaphoreSlim _pending = new(0);

    public void Post(ConnectorEvent connectorEvent)
    {
        _queue.Enqueue(connectorEvent);
        _pending.Release();
    }

    /// <summary>The next event, waiting for one; throws <see cref="OperationCanceledException"/> when stopped.</summary>
    public ConnectorEvent Take(CancellationToken stoppingToken)
    {
        while (true)
        {
            _pending.Wait(stoppingToken);
            if (_queue.TryDequeue(out var next))
            {
                return next;
            }
        }
    }

    /// <summary>Runs <paramref name="loop"/> on a thread of its own, above normal priority; the task ends with it.</summary>
    public static Task RunOnOwnThread(string name, Action loop)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                loop();
                done.SetResult();
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        })
        {
            IsBackground = true,
            Name = name,
            Priority = ThreadPriority.AboveNormal,
        };
        thread.Start();
        return done.Task;
    }

    public void Dispose() => _pending.Dispose();
}
