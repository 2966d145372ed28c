using Evse.Core.Charging;
using Evse.Core.Control;
using Evse.Core.Ports.Storage;
using Evse.Core.Protection;
using Evse.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Evse.Core.Tests.Control;

public sealed class RecordWriterTests : IDisposable
{
    // Only a bound on real time for threads to start and step: a loaded CI machine took longer than 10 s once.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
    private readonly MemoryRecordStores _stores = new();
    private readonly FakeTimeProvider _time = new(T0);
    private readonly RecordWriter _writer;

    public RecordWriterTests()
    {
        _writer = new RecordWriter(_stores, _stores, _time, NullLogger.Instance, TimeSpan.FromSeconds(1));
        _writer.Start("records-test");
    }

    [Fact]
    public void Write_WhileTheStoreIsHeld_ReturnsAtOnceAndWritesEverythingInOrderLater()
    {
        _stores.Gate.Reset();
        var first = FaultRecordChange.Open(1, FaultCode.OverCurrent, "over-current", T0);
        _writer.Write(first);
        _writer.RecordProgress(7, 1000, T0);
        var second = FaultRecordChange.Open(1, FaultCode.ResidualCurrent, "residual", T0);
        _writer.Write(second);
        _writer.Write(first.Close(T0.AddSeconds(1)));
        _writer.EndSession(7, T0.AddSeconds(2), 1200, StopReason.Local);

        Assert.False(_writer.WaitUntilWritten(TimeSpan.FromMilliseconds(50)));
        Assert.Empty(_stores.Log);

        _stores.Gate.Set();
        Assert.True(_writer.WaitUntilWritten(Patience));
        Assert.Equal(["open OverCurrent", "progress 1000", "open ResidualCurrent", "close OverCurrent", "end Local"], _stores.Log);
        Assert.Equal(0, _writer.Pending);
    }

    [Fact]
    public void Write_ABurstOfTripsWhileTheStoreIsHeld_IsWrittenInFewBatches()
    {
        _stores.Gate.Reset();
        for (var i = 0; i < 200; i++)
        {
            var opening = FaultRecordChange.Open(1, FaultCode.OverCurrent, "trip", T0.AddSeconds(i));
            _writer.Write(opening);
            _writer.Write(opening.Close(T0.AddSeconds(i + 0.5)));
        }

        _stores.Gate.Set();
        Assert.True(_writer.WaitUntilWritten(Patience));

        Assert.Equal(400, _stores.Log.Count);
        Assert.All(_stores.Log.Where((_, i) => i % 2 == 0), e => Assert.Equal("open OverCurrent", e));
        Assert.All(_stores.Log.Where((_, i) => i % 2 == 1), e => Assert.Equal("close OverCurrent", e));

        // The first change may have been taken alone before the hold; the rest wait together.
        Assert.True(_stores.FaultBatches <= 3, $"{_stores.FaultBatches} batches");
        Assert.True(_stores.LargestFaultBatch >= 300, $"largest batch {_stores.LargestFaultBatch}");
    }

    [Fact]
    public void Write_StoreFailsTwice_RetriesOnTheClockAndKeepsTheOrder()
    {
        _stores.FailuresLeft = 2;
        var opening = FaultRecordChange.Open(1, FaultCode.RelayWelded, "welded", T0);
        _writer.Write(opening);
        _writer.RecordProgress(3, 500, T0);

        // Nothing is dropped or overtaken while the store fails; each retry waits for the fake clock.
        Assert.False(_writer.WaitUntilWritten(TimeSpan.FromMilliseconds(100)));
        Assert.Empty(_stores.Log);
        // A fake second per step, bounded on the real clock (the writer thread may not run for a while on a loaded
        // machine); the fake time the two retries took is asserted after.
        var started = _time.GetUtcNow();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (_writer.Pending > 0 && waited.Elapsed < RealClockWait.Deadline)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            _writer.WaitUntilWritten(TimeSpan.FromMilliseconds(100));
        }

        Assert.True(_writer.WaitUntilWritten(Patience));
        Assert.Equal(["open RelayWelded", "progress 500"], _stores.Log);
        Assert.Equal(2, _writer.Retries);
        Assert.True(_time.GetUtcNow() - started <= TimeSpan.FromSeconds(20), $"two retries took {_time.GetUtcNow() - started} of fake time");
        Assert.NotNull(opening.FaultId);
    }

    [Fact]
    public async Task Stop_WithWritesQueued_WritesThemBeforeItReturns()
    {
        _stores.Gate.Reset();
        _writer.Write(FaultRecordChange.Open(1, FaultCode.OverVoltage, "over-voltage", T0));
        _writer.EndSession(1, T0, 10, StopReason.Reboot);

        var stopped = Task.Run(() => _writer.Stop(Patience));
        Assert.False(await FinishesWithin(stopped, TimeSpan.FromMilliseconds(200)), "Stop returned with writes still queued");
        _stores.Gate.Set();

        Assert.True(await stopped.WaitAsync(Patience));
        Assert.Equal(["open OverVoltage", "end Reboot"], _stores.Log);
    }

    [Fact]
    public void Log_AfterStop_RunsOnTheCallersThread()
    {
        _writer.Stop(Patience);
        var ranOn = -1;

        _writer.Log(() => ranOn = Environment.CurrentManagedThreadId);

        Assert.Equal(Environment.CurrentManagedThreadId, ranOn);
    }

    /// <summary>A bounded real-time wait for something that must NOT happen while the store is held.</summary>
    internal static async Task<bool> FinishesWithin(Task task, TimeSpan within) =>
        await Task.WhenAny(task, Task.Delay(within, TimeProvider.System)) == task;

    public void Dispose()
    {
        _stores.Gate.Set();
        _writer.Dispose();
        _stores.Dispose();
    }
}
