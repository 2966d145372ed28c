using Evse.Core.Charging;
using Evse.Core.Ports.Storage;
using Microsoft.Data.Sqlite;

namespace Evse.Host.Storage;

/// <summary>Charging records in SQLite. Each call is one durable transaction.</summary>
public sealed class SqliteChargingRecordStore(SqliteDatabase database) : IChargingRecordStore
{
    private const string Columns = "id, connector_id, id_tag, started_at, meter_start_wh, meter_last_wh, last_updated_at, stopped_at, stop_reason";

    public long Begin(int connectorId, string idTag, DateTimeOffset startedAt, double meterStartWh) =>
        database.Write((c, t) =>
        {
            using var command = c.Command(
                "INSERT INTO charging_records (connector_id, id_tag, started_at, meter_start_wh, meter_last_wh, last_updated_at) " +
                "VALUES ($connector, $idTag, $at, $wh, $wh, $at) RETURNING id;",
                t,
                ("$connector", connectorId),
                ("$idTag", idTag),
                ("$at", SqliteDatabase.Stamp(startedAt)),
                ("$wh", meterStartWh));
            return (long)command.ExecuteScalar()!;
        });

    public void RecordProgress(long recordId, double meterWh, DateTimeOffset at) =>
        database.Write((c, t) => c.Execute(
            "UPDATE charging_records SET meter_last_wh = MAX(meter_last_wh, $wh), last_updated_at = $at WHERE id = $id AND stopped_at IS NULL;",
            t,
            ("$id", recordId),
            ("$wh", meterWh),
            ("$at", SqliteDatabase.Stamp(at))));

    public void End(long recordId, DateTimeOffset stoppedAt, double meterStopWh, StopReason reason) =>
        database.Write((c, t) => c.Execute(
            "UPDATE charging_records SET meter_last_wh = MAX(meter_last_wh, $wh), last_updated_at = $at, stopped_at = $at, stop_reason = $reason " +
            "WHERE id = $id AND stopped_at IS NULL;",
            t,
            ("$id", recordId),
            ("$wh", meterStopWh),
            ("$at", SqliteDatabase.Stamp(stoppedAt)),
            ("$reason", reason.ToString())));

    public IReadOnlyList<ChargingRecord> EndInterrupted() =>
        database.Write((c, t) =>
        {
            var open = new List<ChargingRecord>();
            using (var command = c.Command($"SELECT {Columns} FROM charging_records WHERE stopped_at IS NULL ORDER BY id;", t))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    open.Add(Map(reader));
                }
            }

            c.Execute(
                "UPDATE charging_records SET stopped_at = last_updated_at, stop_reason = $reason WHERE stopped_at IS NULL;",
                t,
                ("$reason", nameof(StopReason.PowerLoss)));
            return (IReadOnlyList<ChargingRecord>)[.. open.Select(r => r with { StoppedAt = r.LastUpdatedAt, Reason = StopReason.PowerLoss })];
        });

    public IReadOnlyList<ChargingRecord> ListOpen() =>
        database.Read(c => c.Query($"SELECT {Columns} FROM charging_records WHERE stopped_at IS NULL ORDER BY id;", Map));

    public ChargingRecord? Find(long recordId) =>
        database.Read(c => c.Query($"SELECT {Columns} FROM charging_records WHERE id = $id;", Map, ("$id", recordId)).FirstOrDefault());

    public IReadOnlyList<ChargingRecord> List(int limit, long? beforeId = null) =>
        database.Read(c => c.Query(
            $"SELECT {Columns} FROM charging_records WHERE $before IS NULL OR id < $before ORDER BY id DESC LIMIT $limit;",
            Map,
            ("$before", beforeId),
            ("$limit", Math.Clamp(limit, 1, 1000))));

    /// <summary>The highest meter register ever stored for a connector: where a restarted meter resumes.</summary>
    public double LastMeterWh(int connectorId) =>
        database.Read(c => c.Query(
            "SELECT COALESCE(MAX(meter_last_wh), 0) FROM charging_records WHERE connector_id = $connector;",
            r => r.GetDouble(0),
            ("$connector", connectorId)).Single());

    private static ChargingRecord Map(SqliteDataReader r) => new(
        r.GetInt64(0),
        r.GetInt32(1),
        r.GetString(2),
        SqliteDatabase.ParseStamp(r.GetString(3)),
        r.GetDouble(4),
        r.GetDouble(5),
        SqliteDatabase.ParseStamp(r.GetString(6)),
        r.NullableString(7) is { } stopped ? SqliteDatabase.ParseStamp(stopped) : null,
        r.NullableString(8) is { } reason ? Enum.Parse<StopReason>(reason) : null);
}
