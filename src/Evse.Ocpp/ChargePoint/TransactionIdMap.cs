using System.Globalization;
using Evse.Core.Ports.Storage;

namespace Evse.Ocpp.ChargePoint;

/// <summary>
/// Charging record id → the outbox's local transaction id, durable in the settings store (prefix "ocpptx."), so a
/// SessionStarted/SessionEnded replayed after a crash lands on the same outbox transaction and its enqueue is
/// recognised as a duplicate. Entries are small and few (one per session); they are kept with the outbox rows.
/// </summary>
public sealed class TransactionIdMap
{
    public const string StoragePrefix = "ocpptx.";

    private readonly ISettingsStore _store;
    private readonly Dictionary<long, long> _map = [];
    private readonly object _gate = new();

    public TransactionIdMap(ISettingsStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        foreach (var (key, value) in store.LoadAll())
        {
            if (key.StartsWith(StoragePrefix, StringComparison.Ordinal)
                && long.TryParse(key.AsSpan(StoragePrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var recordId)
                && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var local))
            {
                _map[recordId] = local;
            }
        }
    }

    /// <summary>The store the map lives in; the transaction data of the same sessions is kept beside it.</summary>
    internal ISettingsStore Store => _store;

    public bool TryGet(long recordId, out long localTransactionId)
    {
        lock (_gate)
        {
            return _map.TryGetValue(recordId, out localTransactionId);
        }
    }

    /// <summary>The local id of <paramref name="recordId"/>, allocating (durably) with <paramref name="allocate"/> the first time.</summary>
    public long GetOrAdd(long recordId, Func<long> allocate)
    {
        ArgumentNullException.ThrowIfNull(allocate);
        lock (_gate)
        {
            if (_map.TryGetValue(recordId, out var existing))
            {
                return existing;
            }

            var local = allocate();
            _store.Save(StoragePrefix + recordId.ToString(CultureInfo.InvariantCulture), local.ToString(CultureInfo.InvariantCulture));
            _map[recordId] = local;
            return local;
        }
    }
}
