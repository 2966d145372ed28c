using Evse.Core.Protection;

namespace Evse.Core.Ports.Storage;

/// <summary>One fault as stored (seed 004: start time, end time, description).</summary>
public sealed record FaultRecord(
    long Id,
    int ConnectorId,
    FaultCode Code,
    string Description,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt);
