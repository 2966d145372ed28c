using Evse.Core.Charging;

namespace Evse.Core.Ports.Storage;

/// <summary>Charging records. Every write is durable when the call returns.</summary>
public interface IChargingRecordStore
{
    long Begin(int connectorId, string idTag, DateTimeOffset startedAt, double meterStartWh);

    /// <summary>Stores the meter register of a running session, so a power loss keeps the energy.</summary>
    void RecordProgress(long recordId, double meterWh, DateTimeOffset at);

    void End(long recordId, DateTimeOffset stoppedAt, double meterStopWh, StopReason reason);

    /// <summary>
    /// At boot, before <see cref="EndInterrupted"/>: the records left open by a crash or power cut, oldest first, so
    /// their last progress can be raised to the best energy and latest instant known elsewhere.
    /// </summary>
    IReadOnlyList<ChargingRecord> ListOpen();

    /// <summary>
    /// At boot: ends every record left open by a crash or power cut with <see cref="StopReason.PowerLoss"/>,
    /// at its last progress time and energy, and returns them.
    /// </summary>
    IReadOnlyList<ChargingRecord> EndInterrupted();

    ChargingRecord? Find(long recordId);

    /// <summary>Newest first.</summary>
    IReadOnlyList<ChargingRecord> List(int limit, long? beforeId = null);
}
