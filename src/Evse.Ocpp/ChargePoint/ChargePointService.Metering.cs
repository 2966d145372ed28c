using Evse.Core.Station;
using Evse.Ocpp.Messages;
using Evse.Ocpp.Outbox;

namespace Evse.Ocpp.ChargePoint;

/// <summary>MeterValues (sampled and clock-aligned) and the transactionData of StopTransaction.</summary>
/// <remarks>
/// <list type="bullet">
/// <item>Sampled: during a transaction, the first reading at or after each multiple of MeterValueSampleInterval
/// from the transaction's start gives MeterValuesSampledData (Sample.Periodic) through the outbox and
/// StopTxnSampledData into the transaction data. No Transaction.Begin value is sent: StartTransaction's meterStart
/// already is the register at the start, and OCPP 1.6 makes the Begin sample optional.</item>
/// <item>Clock-aligned: the first reading at or after each multiple of ClockAlignedDataInterval from midnight UTC gives
/// MeterValuesAlignedData (Sample.Clock, timestamped with the aligned time) for every connector; during a transaction
/// through the outbox with its transactionId (and StopTxnAlignedData into the transaction data), otherwise straight to
/// the Central System when online and dropped (debug log) when not: idle readings are not worth a queue.</item>
/// <item>When a sampled and an aligned value fall on the same reading they travel in one MeterValues.req (aligned
/// first): the outbox key is the reading's second, so the replay of a reading after a crash is one duplicate.</item>
/// </list>
/// </remarks>
public sealed partial class ChargePointService
{
    private readonly Dictionary<int, ConnectorMetered> _lastMeter = [];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, byte> _meteredConnectors = new();
    private readonly Dictionary<int, DateTimeOffset> _lastSampleAt = [];

    private async Task OnMeteredAsync(ConnectorMetered metered, CancellationToken cancellationToken)
    {
        _lastMeter.TryGetValue(metered.ConnectorId, out var previous);
        _lastMeter[metered.ConnectorId] = metered;
        CheckInvalidatedEnergy(metered);

        var alignedAt = AlignedTimeCrossed(previous, metered);
        if (metered.RecordId is { } recordId && _transactions.TryGet(recordId, out var local))
        {
            EnqueueTransactionMeterValues(metered, recordId, local, alignedAt);
            return;
        }

        if (alignedAt is { } at
            && MeterValueBuilder.Build(metered, MeterValueBuilder.Parse(_configuration.MeterValuesAlignedData), ReadingContext.SampleClock, at) is { } value)
        {
            if (!IsOnline)
            {
                ChargePointLog.AlignedDropped(_logger, metered.ConnectorId, at);
                return;
            }

            await _dispatcher.CallAsync(new MeterValuesRequest { ConnectorId = metered.ConnectorId, MeterValue = [value] }, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Settings-store key prefix (then the charging record id) under which the highest energy register queued in a
    /// MeterValues of a transaction not yet stopped is kept until its StopTransaction is queued. The Host reads it at
    /// start to resume the simulated meter's register no lower than what the Central System already saw.
    /// </summary>
    public const string SentEnergyPrefix = "ocpptxenergy.";

    /// <summary>The newest energy register and reading time queued in a MeterValues of the record's transaction, if any.</summary>
    private TransactionMeterMark? QueuedMeter(long recordId) =>
        _transactions.Store.LoadAll().TryGetValue(TransactionMeterMark.KeyOf(recordId), out var text)
            && TransactionMeterMark.TryParse(text, out var mark) ? mark : null;

    private void ForgetQueuedEnergy(long recordId) => _transactions.Store.Remove(TransactionMeterMark.KeyOf(recordId));

    private void EnqueueTransactionMeterValues(ConnectorMetered metered, long recordId, long local, DateTimeOffset? alignedAt)
    {
        var values = new List<MeterValue>();
        if (alignedAt is { } at)
        {
            Add(values, MeterValueBuilder.Build(metered, MeterValueBuilder.Parse(_configuration.MeterValuesAlignedData), ReadingContext.SampleClock, at));
            Keep(recordId, MeterValueBuilder.Build(metered, MeterValueBuilder.Parse(_configuration.StopTxnAlignedData), ReadingContext.SampleClock, at));
        }

        if (IsSampleDue(metered))
        {
            Add(values, MeterValueBuilder.Build(metered, MeterValueBuilder.Parse(_configuration.MeterValuesSampledData), ReadingContext.SamplePeriodic, metered.At));
            Keep(recordId, MeterValueBuilder.Build(metered, MeterValueBuilder.Parse(_configuration.StopTxnSampledData), ReadingContext.SamplePeriodic, metered.At));
        }

        if (values.Count == 0)
        {
            return;
        }

        var request = new MeterValuesRequest { ConnectorId = metered.ConnectorId, TransactionId = 0, MeterValue = values };

        // The reading's second is its sequence: unique within the transaction and the same on a replay.
        var sequence = (int)(metered.At.ToUnixTimeSeconds() % int.MaxValue) + 1;

        // Made durable before the value can go out, so a stop rebuilt after a power cut never reports less energy than
        // a MeterValues the Central System may already hold (the charging record's progress lags by up to 5 s), nor
        // carry an earlier timestamp: every value of this request is timestamped at or before the reading.
        _transactions.Store.Save(TransactionMeterMark.KeyOf(recordId), new TransactionMeterMark(metered.Sample.EnergyWh, metered.At).Format());
        Outbox.Enqueue(new OutboxMessageKey(local, OutboxMessageKind.MeterValues, sequence), Serialize(request));

        static void Add(List<MeterValue> list, MeterValue? value)
        {
            if (value is not null)
            {
                list.Add(value);
            }
        }
    }

    private void Keep(long recordId, MeterValue? value)
    {
        if (value is not null)
        {
            _transactionData.Append(recordId, value);
        }
    }

    /// <summary>True (and remembered) when <paramref name="metered"/> is the first reading of a new sample interval.</summary>
    private bool IsSampleDue(ConnectorMetered metered)
    {
        var interval = _configuration.MeterValueSampleInterval;
        if (interval <= TimeSpan.Zero)
        {
            return false;
        }

        if (!_lastSampleAt.TryGetValue(metered.ConnectorId, out var last))
        {
            // A session that began before a restart: count the intervals from its first reading we see.
            _lastSampleAt[metered.ConnectorId] = metered.At;
            return false;
        }

        var elapsed = metered.At - last;
        if (elapsed < interval)
        {
            return false;
        }

        // Stay on the grid of the transaction's start: a reading a little late does not shift the next one.
        _lastSampleAt[metered.ConnectorId] = last + TimeSpan.FromTicks(elapsed.Ticks / interval.Ticks * interval.Ticks);
        return true;
    }

    /// <summary>The aligned time (a multiple of ClockAlignedDataInterval from midnight UTC) reached since the previous reading.</summary>
    private DateTimeOffset? AlignedTimeCrossed(ConnectorMetered? previous, ConnectorMetered current)
    {
        var interval = _configuration.ClockAlignedDataInterval;
        if (interval <= TimeSpan.Zero || previous is null || current.At <= previous.At)
        {
            return null;
        }

        var aligned = LastAlignedAtOrBefore(current.At.ToUniversalTime(), interval);
        return aligned > previous.At ? aligned : null;
    }

    private static DateTimeOffset LastAlignedAtOrBefore(DateTimeOffset at, TimeSpan interval)
    {
        var midnight = new DateTimeOffset(at.UtcDateTime.Date, TimeSpan.Zero);
        var slots = (at - midnight).Ticks / interval.Ticks;
        return midnight + TimeSpan.FromTicks(slots * interval.Ticks);
    }

    /// <summary>StopTransaction.transactionData: what the transaction collected plus a Transaction.End value.</summary>
    private List<MeterValue>? TransactionDataOf(SessionEnded ended)
    {
        var data = _transactionData.Get(ended.RecordId).ToList();
        var measurands = MeterValueBuilder.Parse(_configuration.StopTxnSampledData);
        var end = _lastMeter.TryGetValue(ended.ConnectorId, out var last) && last.RecordId == ended.RecordId
            ? MeterValueBuilder.Build(last, measurands, ReadingContext.TransactionEnd, ended.At, ended.MeterStopWh)
            : MeterValueBuilder.EnergyOnly(ended.MeterStopWh, measurands, ReadingContext.TransactionEnd, ended.At);
        if (end is not null)
        {
            data.Add(end);
        }

        return data.Count == 0 ? null : data;
    }

    /// <summary>
    /// TriggerMessage(MeterValues): is there a reading to send for <paramref name="connectorId"/> (0: the station as a
    /// whole, null: every connector)? Thread-safe: answered from the handler before the event loop has the reading.
    /// </summary>
    public bool HasMeterReading(int? connectorId) =>
        connectorId is null or 0 ? !_meteredConnectors.IsEmpty : _meteredConnectors.ContainsKey(connectorId.Value);

    private void NoteMetered(StationEvent stationEvent)
    {
        if (stationEvent is ConnectorMetered metered)
        {
            _meteredConnectors.TryAdd(metered.ConnectorId, 0);
        }
    }

    private async Task SendTriggeredMeterValuesAsync(int? connectorId, CancellationToken cancellationToken)
    {
        var measurands = MeterValueBuilder.Parse(_configuration.MeterValuesSampledData);
        if (connectorId == 0)
        {
            await SendStationMeterValuesAsync(measurands, cancellationToken).ConfigureAwait(false);
            return;
        }

        foreach (var connector in _station.Connectors)
        {
            if (connectorId is { } id && id != connector.ConnectorId)
            {
                continue;
            }

            if (!_lastMeter.TryGetValue(connector.ConnectorId, out var metered)
                || MeterValueBuilder.Build(metered, measurands, ReadingContext.Trigger, metered.At) is not { } value)
            {
                continue;
            }

            int? transactionId = metered.RecordId is { } record && TryGetCentralTransactionId(record, out var tx) ? tx : null;
            var request = new MeterValuesRequest { ConnectorId = connector.ConnectorId, TransactionId = transactionId, MeterValue = [value] };
            await _dispatcher.CallAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Connector 0 is the station's main meter (OCPP 1.6 §4.7). The station has one meter per connector and none
    /// upstream, so connector 0 reports the sum of the connectors' energy registers at the latest reading.
    /// </summary>
    private async Task SendStationMeterValuesAsync(IReadOnlyList<Measurand> measurands, CancellationToken cancellationToken)
    {
        if (_lastMeter.Count == 0)
        {
            return;
        }

        var totalWh = _lastMeter.Values.Sum(m => m.Sample.EnergyWh);
        var at = _lastMeter.Values.Max(m => m.At);
        if (MeterValueBuilder.EnergyOnly(totalWh, measurands, ReadingContext.Trigger, at) is { } value)
        {
            await _dispatcher.CallAsync(new MeterValuesRequest { ConnectorId = 0, MeterValue = [value] }, cancellationToken).ConfigureAwait(false);
        }
    }
}
