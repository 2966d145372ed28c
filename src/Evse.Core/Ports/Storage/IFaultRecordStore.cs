using Evse.Core.Protection;

namespace Evse.Core.Ports.Storage;

/// <summary>Fault records. Every write is durable when the call returns.</summary>
public interface IFaultRecordStore
{
    long Open(int connectorId, FaultCode code, string description, DateTimeOffset startedAt);

    void Close(long faultId, DateTimeOffset endedAt);

    /// <summary>
    /// Writes <paramref name="changes"/> in order, setting <see cref="FaultRecordChange.FaultId"/> of each opening.
    /// A store that can should make the whole list one durable transaction: a burst of trips then costs one fsync.
    /// A failed call may be repeated with the same list: an opening that already has its id is not written again,
    /// and closing is idempotent; so a store must set the ids only of what it has made durable.
    /// </summary>
    void Write(IReadOnlyList<FaultRecordChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var change in changes)
        {
            if (change.IsOpening)
            {
                if (change.FaultId is not null)
                {
                    continue;
                }

                change.FaultId = Open(change.ConnectorId, change.Code, change.Description, change.At);
            }
            else if (change.Opening!.FaultId is { } faultId)
            {
                Close(faultId, change.At);
            }
        }
    }

    /// <summary>At boot: closes faults left open by the previous run, at <paramref name="endedAt"/>.</summary>
    int CloseAllOpen(DateTimeOffset endedAt);

    /// <summary>Newest first.</summary>
    IReadOnlyList<FaultRecord> List(int limit, long? beforeId = null);
}
