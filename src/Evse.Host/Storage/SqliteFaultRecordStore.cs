using Evse.Core.Ports.Storage;
using Evse.Core.Protection;
using Microsoft.Data.Sqlite;

namespace Evse.Host.Storage;

/// <summary>Fault records in SQLite.</summary>
public sealed class SqliteFaultRecordStore(SqliteDatabase database) : IFaultRecordStore
{
    private const string InsertSql =
        "INSERT INTO fault_records (connector_id, code, description, started_at) VALUES ($connector, $code, $description, $at) RETURNING id;";

    private const string CloseSql = "UPDATE fault_records SET ended_at = $at WHERE id = $id AND ended_at IS NULL;";

    public long Open(int connectorId, FaultCode code, string description, DateTimeOffset startedAt) =>
        database.Write((c, t) => Insert(c, t, connectorId, code, description, startedAt));

    public void Close(long faultId, DateTimeOffset endedAt) =>
        database.Write((c, t) => c.Execute(CloseSql, t, ("$id", faultId), ("$at", SqliteDatabase.Stamp(endedAt))));

    /// <summary>
    /// The whole list in one transaction (one fsync however many trips a burst holds). Ids are handed out only
    /// after the commit, so a failed batch can be written again as it is.
    /// </summary>
    public void Write(IReadOnlyList<FaultRecordChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return;
        }

        var opened = database.Write((c, t) =>
        {
            var ids = new Dictionary<FaultRecordChange, long>(ReferenceEqualityComparer.Instance);
            foreach (var change in changes)
            {
                if (change.IsOpening)
                {
                    if (change.FaultId is null)
                    {
                        ids[change] = Insert(c, t, change.ConnectorId, change.Code, change.Description, change.At);
                    }
                }
                else if ((change.Opening!.FaultId ?? (ids.TryGetValue(change.Opening, out var id) ? id : null)) is { } faultId)
                {
                    c.Execute(CloseSql, t, ("$id", faultId), ("$at", SqliteDatabase.Stamp(change.At)));
                }
            }

            return ids;
        });

        foreach (var (change, id) in opened)
        {
            change.FaultId = id;
        }
    }

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

    private static long Insert(SqliteConnection c, SqliteTransaction t, int connectorId, FaultCode code, string description, DateTimeOffset startedAt)
    {
        using var command = c.Command(
            InsertSql,
            t,
            ("$connector", connectorId),
            ("$code", code.ToString()),
            ("$description", description),
            ("$at", SqliteDatabase.Stamp(startedAt)));
        return (long)command.ExecuteScalar()!;
    }

    private static FaultRecord Map(SqliteDataReader r) => new(
        r.GetInt64(0),
        r.GetInt32(1),
        Enum.Parse<FaultCode>(r.GetString(2)),
        r.GetString(3),
        SqliteDatabase.ParseStamp(r.GetString(4)),
        r.NullableString(5) is { } ended ? SqliteDatabase.ParseStamp(ended) : null);
}
