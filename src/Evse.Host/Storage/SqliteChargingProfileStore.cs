using System.Text.Json;
using Evse.Ocpp.Messages;
using Evse.Ocpp.SmartCharging;
using Microsoft.Data.Sqlite;

namespace Evse.Host.Storage;

/// <summary>
/// <see cref="IChargingProfileStore"/> in SQLite: one row per installed profile, the profile kept as its OCPP JSON
/// (so a new optional field never needs a migration); a replace is one transaction.
/// </summary>
public sealed class SqliteChargingProfileStore : IChargingProfileStore, IDisposable
{
    /// <summary>The schema, for one migration step (idempotent).</summary>
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS charging_profiles (
            charging_profile_id INTEGER PRIMARY KEY NOT NULL,
            connector_id        INTEGER NOT NULL,
            record_id           INTEGER NULL,
            position            INTEGER NOT NULL,
            profile_json        TEXT NOT NULL
        );
        """;

    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    public SqliteChargingProfileStore(Func<SqliteConnection> openConnection)
    {
        ArgumentNullException.ThrowIfNull(openConnection);
        _connection = openConnection();
        if (_connection.State != System.Data.ConnectionState.Open)
        {
            _connection.Open();
        }

        using var pragma = _connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;";
        pragma.ExecuteNonQuery();
    }

    public IReadOnlyList<InstalledChargingProfile> Load()
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT connector_id, record_id, profile_json FROM charging_profiles ORDER BY position;";
            using var reader = command.ExecuteReader();
            var profiles = new List<InstalledChargingProfile>();
            while (reader.Read())
            {
                var profile = JsonSerializer.Deserialize(reader.GetString(2), OcppJsonContext.Default.ChargingProfile)
                    ?? throw new InvalidDataException("A stored charging profile is JSON null.");
                profiles.Add(new InstalledChargingProfile(reader.GetInt32(0), profile, reader.IsDBNull(1) ? null : reader.GetInt64(1)));
            }

            return profiles;
        }
    }

    public void Replace(IReadOnlyList<InstalledChargingProfile> profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            using (var delete = _connection.CreateCommand())
            {
                delete.Transaction = transaction;
                delete.CommandText = "DELETE FROM charging_profiles;";
                delete.ExecuteNonQuery();
            }

            for (var i = 0; i < profiles.Count; i++)
            {
                var installed = profiles[i];
                using var insert = _connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = """
                    INSERT INTO charging_profiles (charging_profile_id, connector_id, record_id, position, profile_json)
                    VALUES ($id, $connector, $record, $position, $json);
                    """;
                insert.Parameters.AddWithValue("$id", installed.Id);
                insert.Parameters.AddWithValue("$connector", installed.ConnectorId);
                insert.Parameters.AddWithValue("$record", installed.RecordId is { } r ? r : DBNull.Value);
                insert.Parameters.AddWithValue("$position", i);
                insert.Parameters.AddWithValue("$json", JsonSerializer.Serialize(installed.Profile, OcppJsonContext.Default.ChargingProfile));
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    public void Dispose() => _connection.Dispose();
}
