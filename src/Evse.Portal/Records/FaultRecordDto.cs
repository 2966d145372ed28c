using Evse.Core.Ports.Storage;

namespace Evse.Portal.Records;

public sealed record FaultRecordDto(long Id, int ConnectorId, string Code, string Description, DateTimeOffset StartedAt, DateTimeOffset? EndedAt)
{
    public static FaultRecordDto From(FaultRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Id, r.ConnectorId, r.Code.ToString(), r.Description, r.StartedAt, r.EndedAt);
    }
}
