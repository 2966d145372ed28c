using System.Globalization;
using System.Text.Json;
using Evse.Core.Ports.Storage;
using Evse.Ocpp.Messages;

namespace Evse.Ocpp.ChargePoint;

/// <summary>
/// The meter values a running transaction collects for its StopTransaction.req transactionData (StopTxnSampledData
/// every MeterValueSampleInterval, StopTxnAlignedData every ClockAlignedDataInterval), kept durable in the settings
/// store under <see cref="StoragePrefix"/> + record id so that they survive a power failure: the StopTransaction that
/// is rebuilt after the restart carries them too. The entry is removed once the StopTransaction is queued.
/// </summary>
/// <remarks>
/// Bounded to <see cref="MaxMeterValues"/> meter values per transaction: when full, every second one is dropped,
/// oldest first, so a long session keeps covering its whole duration at half the resolution instead of losing its
/// start or its end. With the default StopTxn measurands a three-phase meter value is about 1 kB of JSON (995 bytes
/// with full-width numbers), so a StopTransaction.req stays under ~42 kB, inside the 64 kB frame that many Central
/// Systems and WebSocket stacks accept by default.
/// </remarks>
public sealed class TransactionDataLog
{
    public const string StoragePrefix = "ocpptxdata.";

    /// <summary>Most meter values kept per transaction (the Transaction.End value comes on top).</summary>
    public const int MaxMeterValues = 40;

    private readonly ISettingsStore _store;
    private readonly Dictionary<long, List<MeterValue>> _byRecord = [];
    private readonly object _gate = new();

    public TransactionDataLog(ISettingsStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        foreach (var (key, value) in store.LoadAll())
        {
            if (key.StartsWith(StoragePrefix, StringComparison.Ordinal)
                && long.TryParse(key.AsSpan(StoragePrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var recordId)
                && TryDeserialize(value, out var values))
            {
                _byRecord[recordId] = values;
            }
        }
    }

    /// <summary>Appends <paramref name="value"/> to the record's data and stores it before returning.</summary>
    public void Append(long recordId, MeterValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            if (!_byRecord.TryGetValue(recordId, out var values))
            {
                values = [];
                _byRecord[recordId] = values;
            }

            if (values.Count >= MaxMeterValues)
            {
                // Keep the even positions: the first value stays, the span stays covered.
                var kept = values.Where((_, i) => i % 2 == 0).ToList();
                values.Clear();
                values.AddRange(kept);
            }

            values.Add(value);
            _store.Save(Key(recordId), Serialize(values));
        }
    }

    /// <summary>The record's meter values so far, oldest first (empty when none).</summary>
    public IReadOnlyList<MeterValue> Get(long recordId)
    {
        lock (_gate)
        {
            return _byRecord.TryGetValue(recordId, out var values) ? [.. values] : [];
        }
    }

    /// <summary>Forgets the record's data (its StopTransaction is queued).</summary>
    public void Remove(long recordId)
    {
        lock (_gate)
        {
            if (_byRecord.Remove(recordId))
            {
                _store.Remove(Key(recordId));
            }
        }
    }

    private static string Key(long recordId) => StoragePrefix + recordId.ToString(CultureInfo.InvariantCulture);

    // Stored as a MeterValues.req, a type the source-generated JSON context already knows.
    private static string Serialize(List<MeterValue> values) =>
        JsonSerializer.Serialize(new MeterValuesRequest { ConnectorId = 0, MeterValue = values }, OcppJsonContext.Default.MeterValuesRequest);

    private static bool TryDeserialize(string json, out List<MeterValue> values)
    {
        values = [];
        try
        {
            if (JsonSerializer.Deserialize(json, OcppJsonContext.Default.MeterValuesRequest) is { } request)
            {
                values = [.. request.MeterValue];
                return true;
            }
        }
        catch (JsonException)
        {
            // A damaged entry only costs the transactionData of one session; the StopTransaction still goes.
        }

        return false;
    }
}
