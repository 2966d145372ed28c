using System.Collections.Concurrent;
using Evse.Core.Charging;
using Evse.Core.Ports.Storage;
using Microsoft.Extensions.Logging;

namespace Evse.Core.Control;

/// <summary>
/// The one thread that writes a connector's records, so that no fsync, database lock or log sink ever holds
/// up the control loop. The loop hands work over without blocking; the writer does it strictly in hand-over
/// order. Fault-record changes that are waiting together are written as one transaction (one fsync for a
/// burst of trips). A failed write is retried, in order, until it succeeds: nothing is dropped while the
/// daemon runs.
/// </summary>
/// <remarks>
/// Durability rule: a record handed over is durable once the writes queued before it are (normally at once;
/// at worst one write later, since the writer takes everything queued when it wakes). A power cut can lose
/// only what is still queued; at boot the stores close what it left open (faults at boot time, sessions with
/// their last progress energy).
/// </remarks>
internal sealed partial class RecordWriter : IDisposable
{
    private const int MaxBatch = 512;

    private readonly IChargingRecordStore _records;
    private readonly IFaultRecordStore _faults;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TimeSpan _retryDelay;
    private readonly ConcurrentQueue<Work> _queue = new();
    // Set by the control loop (a real-time thread): a WakeSignal, so the loop never waits for this thread's lock.
    private readonly WakeSignal _wake = new();
    private readonly object _progressGate = new();
    private readonly List<FaultRecordChange> _faultBatch = [];
    private readonly List<Work> _taken = [];
    private Thread? _thread;
    private long _handedOver;
    private long _done;
    private long _retries;
    private volatile bool _stopping;

    public RecordWriter(IChargingRecordStore records, IFaultRecordStore faults, TimeProvider time, ILogger logger, TimeSpan retryDelay)
    {
        _records = records;
        _faults = faults;
        _time = time;
        _logger = logger;
        _retryDelay = retryDelay;
    }

    /// <summary>Handed over and not yet written.</summary>
    public long Pending => Interlocked.Read(ref _handedOver) - Interlocked.Read(ref _done);

    /// <summary>Failed writes that were tried again.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    public bool IsRunning => _thread is { IsAlive: true };

    public void Start(string name)
    {
        if (_thread is not null)
        {
            throw new InvalidOperationException("The record writer runs already.");
        }

        // Below the loop's priority: the records may wait, the contactor may not.
        _thread = new Thread(Run) { IsBackground = true, Name = name, Priority = ThreadPriority.BelowNormal };
        _thread.Start();
    }

    public void Write(FaultRecordChange change) => HandOver(new FaultWork(change));

    public void RecordProgress(long recordId, double meterWh, DateTimeOffset at) => HandOver(new ActionWork(() => _records.RecordProgress(recordId, meterWh, at), "progress"));

    public void EndSession(long recordId, DateTimeOffset stoppedAt, double meterStopWh, StopReason reason) =>
        HandOver(new ActionWork(() => _records.End(recordId, stoppedAt, meterStopWh, reason), "session end"));

    /// <summary>A log line, in order with the records; a log sink that blocks holds up the writer, not the loop.</summary>
    public void Log(Action write)
    {
        if (_thread is null || _stopping)
        {
            write();
            return;
        }

        HandOver(new LogWork(write));
    }

    /// <summary>
    /// Waits until everything handed over before this call is written; false on timeout. The timeout is real time
    /// (the writer is a real thread), not the injected clock, which may be a test's stopped one.
    /// </summary>
    public bool WaitUntilWritten(TimeSpan timeout)
    {
        var target = Interlocked.Read(ref _handedOver);
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        lock (_progressGate)
        {
            while (Interlocked.Read(ref _done) < target)
            {
                var leftMs = deadline - Environment.TickCount64;
                if (leftMs <= 0 || !IsRunning)
                {
                    return Interlocked.Read(ref _done) >= target;
                }

                Monitor.Wait(_progressGate, TimeSpan.FromMilliseconds(Math.Min(leftMs, 50)));
            }
        }

        return true;
    }

    /// <summary>Writes what is queued, then ends the thread. Waits at most <paramref name="timeout"/>.</summary>
    public bool Stop(TimeSpan timeout)
    {
        _stopping = true;
        _wake.Set();
        if (_thread is not null && !_thread.Join(timeout))
        {
            return false;
        }

        // Anything handed over while the thread was finishing is written here; nobody else writes any more.
        while (TakeBatch())
        {
            WriteBatch();
        }

        return true;
    }

    public void Dispose()
    {
        // A writer still stuck on a dead disk after the wait keeps its wake-up event: disposing it under the running
        // thread crashed the process at shutdown. That thread ends on its own (final attempts, then "write lost").
        if (Stop(TimeSpan.FromSeconds(5)))
        {
            _wake.Dispose();
        }
    }

    private void HandOver(Work work)
    {
        if (_stopping && !IsRunning)
        {
            // After the writer has stopped (the last shutdown steps) the write happens here, once.
            Execute(work, finalAttempt: true);
            return;
        }

        Interlocked.Increment(ref _handedOver);
        _queue.Enqueue(work);
        _wake.Set();
    }

    private void Run()
    {
        while (true)
        {
            try
            {
                _wake.Wait();
            }
            catch (ObjectDisposedException)
            {
                // Disposed before this thread got going (a loop stopped while it was still starting, seen in CI): whatever
                // was handed over has been written by Stop, so there is nothing left to do. An unhandled exception here
                // would end the whole process.
                return;
            }

            while (TakeBatch())
            {
                WriteBatch();
            }

            if (_stopping && _queue.IsEmpty)
            {
                return;
            }
        }
    }

    private bool TakeBatch()
    {
        _taken.Clear();
        while (_taken.Count < MaxBatch && _queue.TryDequeue(out var work))
        {
            _taken.Add(work);
        }

        return _taken.Count > 0;
    }

    private void WriteBatch()
    {
        foreach (var work in _taken)
        {
            if (work is FaultWork fault)
            {
                _faultBatch.Add(fault.Change);
                continue;
            }

            FlushFaults();
            Execute(work, _stopping);
        }

        FlushFaults();
        lock (_progressGate)
        {
            Interlocked.Add(ref _done, _taken.Count);
            Monitor.PulseAll(_progressGate);
        }
    }

    private void FlushFaults()
    {
        if (_faultBatch.Count == 0)
        {
            return;
        }

        Execute(new FaultBatchWork(_faults, [.. _faultBatch]), _stopping);
        _faultBatch.Clear();
    }

    private void Execute(Work work, bool finalAttempt)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                work.Run();
                return;
            }
            catch (Exception ex) when (work is LogWork)
            {
                // A broken log sink must not stop the records; there is nowhere to log it.
                _ = ex;
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                if (finalAttempt && attempt >= 3)
                {
                    LogWriteLost(ex, work.What);
                    return;
                }

                Interlocked.Increment(ref _retries);
                LogWriteRetry(ex, work.What, attempt, _retryDelay);
                WaitBeforeRetry();
            }
        }
    }

    private void WaitBeforeRetry()
    {
        using var elapsed = new ManualResetEventSlim(false);
        using var timer = _time.CreateTimer(static s => ((ManualResetEventSlim)s!).Set(), elapsed, _retryDelay, Timeout.InfiniteTimeSpan);
        while (!elapsed.Wait(TimeSpan.FromMilliseconds(100)) && !_stopping)
        {
            // A stop request cuts the wait short: the shutdown gets its last attempts at once.
        }
    }

    [LoggerMessage(EventId = 1120, Level = LogLevel.Error, Message = "Writing a record ({What}) failed, attempt {Attempt}; trying again in {RetryDelay}")]
    private partial void LogWriteRetry(Exception ex, string what, int attempt, TimeSpan retryDelay);

    [LoggerMessage(EventId = 1121, Level = LogLevel.Critical, Message = "Writing a record ({What}) failed at shutdown; it is lost")]
    private partial void LogWriteLost(Exception ex, string what);

    private abstract class Work(string what)
    {
        public string What { get; } = what;

        public abstract void Run();
    }

    private sealed class FaultWork(FaultRecordChange change) : Work("fault record")
    {
        public FaultRecordChange Change { get; } = change;

        public override void Run() => throw new InvalidOperationException("Fault changes are written in batches.");
    }

    private sealed class FaultBatchWork(IFaultRecordStore store, FaultRecordChange[] changes) : Work($"{changes.Length} fault record change(s)")
    {
        public override void Run() => store.Write(changes);
    }

    private sealed class ActionWork(Action write, string what) : Work(what)
    {
        public override void Run() => write();
    }

    private sealed class LogWork(Action write) : Work("log")
    {
        public override void Run() => write();
    }
}
