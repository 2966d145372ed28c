using Evse.Core.Ports.Hardware;
using Evse.Core.Ports.Storage;
using Evse.Ocpp.ChargePoint;

namespace Evse.Host.Workers;

/// <summary>
/// Closes, at boot, the sessions a crash or power cut left open (reason PowerLoss), each at the best the charger knows
/// of its end, so the charging record (portal /api/records) and the StopTransaction built from it agree:
/// <list type="bullet">
/// <item>energy: the largest of the record's last progress (written every ControlLoop:ProgressInterval, 5 s), the
/// register last queued in a MeterValues of its transaction (<see cref="TransactionMeterMark"/>, durable before the
/// value can go out) and the connector's meter register read now, before the loop runs (a metering IC keeps it
/// through the cut, and the contactor has been open since);</item>
/// <item>time: the session's last known instant, the later of the last progress and the last queued MeterValues
/// reading, so the stop is never timestamped before a value the Central System may already hold. The cut itself came
/// somewhere after it, unknown; the boot time would bill the outage as charging time.</item>
/// </list>
/// The best values are written as the open record's last progress before it is ended, so a cut during this boot leaves
/// either the old open record (settled again next time) or the settled one.
/// </summary>
public sealed class InterruptedSessionSettler(IChargingRecordStore records, ISettingsStore settings, IStationHardware hardware)
{
    /// <summary>Settles and ends every open record; returns them as ended (see <see cref="IChargingRecordStore.EndInterrupted"/>).</summary>
    public IReadOnlyList<ChargingRecord> EndInterrupted()
    {
        var open = records.ListOpen();
        if (open.Count > 0)
        {
            var marks = QueuedMarks();
            foreach (var record in open)
            {
                var energyWh = Math.Max(record.MeterLastWh, MeterRegisterWh(record.ConnectorId));
                var at = record.LastUpdatedAt;
                if (marks.TryGetValue(record.Id, out var mark))
                {
                    energyWh = Math.Max(energyWh, mark.EnergyWh);
                    at = mark.At is { } markAt && markAt > at ? markAt : at;
                }

                if (energyWh > record.MeterLastWh || at > record.LastUpdatedAt)
                {
                    records.RecordProgress(record.Id, energyWh, at);
                }
            }
        }

        return records.EndInterrupted();
    }

    private Dictionary<long, TransactionMeterMark> QueuedMarks()
    {
        var marks = new Dictionary<long, TransactionMeterMark>();
        foreach (var (key, value) in settings.LoadAll())
        {
            if (TransactionMeterMark.TryParseKey(key, out var recordId) && TransactionMeterMark.TryParse(value, out var mark))
            {
                marks[recordId] = mark;
            }
        }

        return marks;
    }

    /// <summary>The connector meter's register now, or 0 when it does not answer (the other two sources still count).</summary>
    private double MeterRegisterWh(int connectorId) =>
        hardware.Connectors.FirstOrDefault(c => c.ConnectorId == connectorId) is { } connector && connector.Meter.TryRead(out var sample)
            ? sample.EnergyWh
            : 0;
}
