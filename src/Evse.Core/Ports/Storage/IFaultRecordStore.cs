using Evse.Core.Protection;

namespace Evse.Core.Ports.Storage;

/// <summary>Fault records. Every write is durable when the call returns.</summary>
public interface IFaultRecordStore
{
    long Open(int connectorId, FaultCode code, string description, DateTimeOffset startedAt);

    void Close(long faultId, DateTimeOffset endedAt);

    /// <summary>At boot: closes faults left open by the previous run, at <paramref name="endedAt"/>.</summary>
    int CloseAllOpen(DateTimeOffset endedAt);

    /// <summary>Newest first.</summary>
    IReadOnlyList<FaultRecord> List(int limit, long? beforeId = null);
}
