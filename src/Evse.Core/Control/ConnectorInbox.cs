using System.Collections.Concurrent;
using Evse.Core.Charging;

namespace Evse.Core.Control;

/// <summary>
/// A connector's inbox and the thread that empties it. Any thread posts without blocking; only the loop's own
/// thread takes, so the loop never waits for a thread-pool thread behind HTTP or OCPP work: the queue is lock-free and
/// the wake-up is a <see cref="WakeSignal"/> (no lock a preempted poster could hold).
/// </summary>
internal sealed class ConnectorInbox : IDisposable
{
    private readonly ConcurrentQueue<ConnectorEvent> _queue = new();
    private readonly WakeSignal _pending = new();

    public void Post(ConnectorEvent connectorEvent)
    {
        _queue.Enqueue(connectorEvent);
        _pending.Set();
    }

    /// <summary>The next event, waiting for one; throws <see cref="OperationCanceledException"/> when stopped.</summary>
    public ConnectorEvent Take(CancellationToken stoppingToken)
    {
        while (true)
        {
            // Enqueue comes before Set, so an event that is not there yet has a wake-up on its way.
            if (_queue.TryDequeue(out var next))
            {
                stoppingToken.ThrowIfCancellationRequested();
                return next;
            }

            _pending.Wait(stoppingToken);
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
