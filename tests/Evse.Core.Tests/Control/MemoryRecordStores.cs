using Evse.Core.Charging;
using Evse.Core.Ports.Storage;
using Evse.Core.Protection;

namespace Evse.Core.Tests.Control;

/// <summary>
/// In-memory charging and fault records that note every call in order, can be held (a slow fsync) and can
/// fail a number of times (a full disk), to watch the record writer and the loop from outside.
/// </summary>
internal sealed class MemoryRecordStores : IChargingRecordStore, IFaultRecordStore, IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<string> _log = [];
    private readonly List<ChargingRecord> _records = [];
    private readonly List<FaultRecord> _faults = [];

    /// <summary>While reset, every write waits here (a stuck fsync).</summary>
    public ManualResetEventSlim Gate { get; } = new(true);

    /// <summary>Writes still to fail with an IOException.</summary>
    public int FailuresLeft { get; set; }

    public int FaultBatches { get; private set; }

    public int LargestFaultBatch { get; private set; }

    /// <summary>Every write as it became durable: "open Code", "close Code", "progress Wh", "end Reason".</summary>
    public IReadOnlyList<string> Log
    {
        get
        {
            lock (_gate)
            {
                return [.. _log];
            }
        }
    }

    public long Begin(int connectorId, string idTag, DateTimeOffset startedAt, double meterStartWh)
    {
        Enter();
        lock (_gate)
        {
            var record = new ChargingRecord(_records.Count + 1, connectorId, idTag, startedAt, meterStartWh, meterStartWh, startedAt, null, null);
            _records.Add(record);
            _log.Add("begin");
            return record.Id;
        }
    }

    public void RecordProgress(long recordId, double meterWh, DateTimeOffset at)
    {
        Enter();
        lock (_gate)
        {
            _log.Add(FormattableString.Invariant($"progress {meterWh}"));
        }
    }

    public void End(long recordId, DateTimeOffset stoppedAt, double meterStopWh, StopReason reason)
    {
        Enter();
        lock (_gate)
        {
            var index = _records.FindIndex(r => r.Id == recordId);
            if (index >= 0)
            {
                _records[index] = _records[index] with { StoppedAt = stoppedAt, Reason = reason, MeterLastWh = meterStopWh };
            }

            _log.Add($"end {reason}");
        }
    }

    public IReadOnlyList<ChargingRecord> EndInterrupted() => [];

    public IReadOnlyList<ChargingRecord> ListOpen() => [];

    public ChargingRecord? Find(long recordId)
    {
        lock (_gate)
        {
            return _records.FirstOrDefault(r => r.Id == recordId);
        }
    }

    IReadOnlyList<ChargingRecord> IChargingRecordStore.List(int limit, long? beforeId)
    {
        lock (_gate)
        {
            return [.. _records.AsEnumerable().Reverse().Take(limit)];
        }
    }

    public long Open(int connectorId, FaultCode code, string description, DateTimeOffset startedAt)
    {
        lock (_gate)
        {
            _faults.Add(new FaultRecord(_faults.Count + 1, connectorId, code, description, startedAt, null));
            _log.Add($"open {code}");
            return _faults.Count;
        }
    }

    public void Close(long faultId, DateTimeOffset endedAt)
    {
        lock (_gate)
        {
            _faults[(int)faultId - 1] = _faults[(int)faultId - 1] with { EndedAt = endedAt };
            _log.Add($"close {_faults[(int)faultId - 1].Code}");
        }
    }

    /// <summary>One "transaction" per call, like the SQLite store; the default implementation does the steps.</summary>
    public void Write(IReadOnlyList<FaultRecordChange> changes)
    {
        Enter();
        lock (_gate)
        {
            FaultBatches++;
            LargestFaultBatch = Math.Max(LargestFaultBatch, changes.Count);
        }

        ((IFaultRecordStore)new Steps(this)).Write(changes);
    }

    public int CloseAllOpen(DateTimeOffset endedAt) => 0;

    IReadOnlyList<FaultRecord> IFaultRecordStore.List(int limit, long? beforeId)
    {
        lock (_gate)
        {
            return [.. _faults.AsEnumerable().Reverse().Take(limit)];
        }
    }

    public void Dispose() => Gate.Dispose();

    private void Enter()
    {
        Gate.Wait();
        lock (_gate)
        {
            if (FailuresLeft > 0)
            {
                FailuresLeft--;
                throw new IOException("disk full (test)");
            }
        }
    }

    /// <summary>The port's default batch behaviour over this store's Open and Close.</summary>
    private sealed class Steps(MemoryRecordStores owner) : IFaultRecordStore
    {
        public long Open(int connectorId, FaultCode code, string description, DateTimeOffset startedAt) => owner.Open(connectorId, code, description, startedAt);

        public void Close(long faultId, DateTimeOffset endedAt) => owner.Close(faultId, endedAt);

        public int CloseAllOpen(DateTimeOffset endedAt) => 0;

        public IReadOnlyList<FaultRecord> List(int limit, long? beforeId = null) => [];
    }
}
