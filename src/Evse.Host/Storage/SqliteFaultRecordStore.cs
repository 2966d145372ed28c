using Evse.Core.Ports.Storage;
using Evse.Core.Protection;
using Microsoft.Data.Sqlite;

namespace Evse.Host.Storage;

/// <summary>Fault records in SQLite.</summary>
public sealed class SqliteFaultRecordStore(SqliteDatabase database) : IFaultRecordStore
{
    public long Open(int connectorId, FaultCode code, string description, DateTimeOffset startedAt) =>
        database.Write((c, t) =>
        {
            using var command = c.Command(
                "INSERT INTO fault_records (connector_id, code, description, started_at) VALUES ($connector, $code, $description, $at) RETURNING id;",
                t,
                ("$connector", connectorId),
                ("$code", code.ToString()),
                ("$description", description),
                ("$at", SqliteDatabase.Stamp(startedAt)));
            return (long)command.ExecuteScalar()!;
        });

    public void Close(long faultId, DateTimeOffset endedAt) =>
        database.Write((c, t) => c.Execute(
            "UPDATE fault_records SET ended_at = $at WHERE id = $id AND ended_at IS NULL;",
            t,
            ("$id", faultId),
            ("$at", SqliteDatabase.Stamp(endedAt))));

    public int CloseAllOpen(DateTimeOffset endedAt) =>
        database.Write((c, t) => c.Execute(
            "UPDATE fault_records SET ended_at = $at WHERE ended_at IS NULL;",
            t,
            ("$at", SqliteDatabase.Stamp(endedAt))));

    public IReadOnlyList<FaultRecord> List(int limit, long? beforeId = null) =>
        database.Read(c => c.Query(
            "SELECT id, connector_id, code, description, started_at, ended_at FROM fault_records " +
            "WHERE $before IS NULL OR id < $before ORDER BY id DESC LIMIT $limit;",
            Map,
            ("$before", beforeId),
            ("$limit", Math.Clamp(limit, 1, 1000))));

    private static FaultRecord Map(SqliteDataReader r) => new(
        r.GetInt64(0),
        r.GetInt32(1),
        Enum.Parse<FaultCode>(r.GetString(2)),
        r.GetString(3),
        SqliteDatabase.ParseStamp(r.GetString(4)),
        r.NullableString(5) is { } ended ? SqliteDatabase.ParseStamp(ended) : null);
}
