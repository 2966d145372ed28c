using Evse.Core.Protection;

namespace Evse.Core.Ports.Storage;

/// <summary>
/// One step in a fault record's life, for <see cref="IFaultRecordStore.Write"/>: its opening, or its closing,
/// which refers to the opening so that both can be queued before the record has an id.
/// </summary>
public sealed class FaultRecordChange
{
    private FaultRecordChange(FaultRecordChange? opening, int connectorId, FaultCode code, string description, DateTimeOffset at)
    {
        Opening = opening;
        ConnectorId = connectorId;
        Code = code;
        Description = description;
        At = at;
    }

    /// <summary>For a closing, the opening it ends; null for an opening.</summary>
    public FaultRecordChange? Opening { get; }

    public bool IsOpening => Opening is null;

    public int ConnectorId { get; }

    public FaultCode Code { get; }

    public string Description { get; }

    /// <summary>Start time of an opening, end time of a closing.</summary>
    public DateTimeOffset At { get; }

    /// <summary>The stored id of an opening, set by the store when it has been written.</summary>
    public long? FaultId { get; set; }

    public static FaultRecordChange Open(int connectorId, FaultCode code, string description, DateTimeOffset startedAt) =>
        new(null, connectorId, code, description, startedAt);

    /// <summary>The closing of this opening at <paramref name="endedAt"/>.</summary>
    public FaultRecordChange Close(DateTimeOffset endedAt) =>
        IsOpening ? new(this, ConnectorId, Code, Description, endedAt) : throw new InvalidOperationException("Only an opening can be closed.");
}
