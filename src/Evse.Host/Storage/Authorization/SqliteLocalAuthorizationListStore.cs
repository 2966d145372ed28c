using Evse.Ocpp.Authorization;
using Microsoft.Data.Sqlite;

namespace Evse.Host.Storage.Authorization;

/// <summary><see cref="ILocalAuthorizationListStore"/> in SQLite: a SendLocalList is replaced in one transaction.</summary>
public sealed class SqliteLocalAuthorizationListStore : ILocalAuthorizationListStore, IDisposable
{
    /// <summary>The schema, for one migration step (idempotent).</summary>
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS local_auth_list_version (
            id      INTEGER PRIMARY KEY CHECK (id = 1),
            version INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS local_auth_list (
            id_tag        TEXT PRIMARY KEY NOT NULL COLLATE NOCASE,
            status        TEXT NOT NULL,
            expiry_date   TEXT NULL,
            parent_id_tag TEXT NULL
        );
        """;

    private readonly SqliteAuthorizationConnection _db;

    public SqliteLocalAuthorizationListStore(Func<SqliteConnection> openConnection) => _db = new SqliteAuthorizationConnection(openConnection);

    public LocalListSnapshot Load() => _db.Read(c =>
    {
        using var versionCommand = c.CreateCommand();
        versionCommand.CommandText = "SELECT version FROM local_auth_list_version WHERE id = 1;";
        var version = versionCommand.ExecuteScalar() is long v ? (int)v : 0;

        using var command = c.CreateCommand();
        command.CommandText = "SELECT id_tag, status, expiry_date, parent_id_tag FROM local_auth_list ORDER BY id_tag;";
        using var reader = command.ExecuteReader();
        var entries = new List<LocalAuthorizationListEntry>();
        while (reader.Read())
        {
            entries.Add(new LocalAuthorizationListEntry(reader.GetString(0), SqliteAuthorizationConnection.ReadInfo(reader, 1)));
        }

        return new LocalListSnapshot(version, entries);
    });

    public void Replace(LocalListSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _db.Write((c, t) =>
        {
            SqliteAuthorizationConnection.Execute(c, t, "DELETE FROM local_auth_list;");
            SqliteAuthorizationConnection.Execute(
                c, t, "INSERT INTO local_auth_list_version (id, version) VALUES (1, $v) ON CONFLICT (id) DO UPDATE SET version = excluded.version;", ("$v", snapshot.Version));
            foreach (var entry in snapshot.Entries)
            {
                var info = entry.Info ?? throw new ArgumentException($"Entry {entry.IdTag} has no IdTagInfo.", nameof(snapshot));
                SqliteAuthorizationConnection.Execute(
                    c,
                    t,
                    "INSERT INTO local_auth_list (id_tag, status, expiry_date, parent_id_tag) VALUES ($tag, $status, $expiry, $parent);",
                    ("$tag", entry.IdTag),
                    ("$status", info.Status.ToString()),
                    ("$expiry", info.ExpiryDate is { } e ? SqliteAuthorizationConnection.Stamp(e) : null),
                    ("$parent", info.ParentIdTag));
            }
        });
    }

    public void Dispose() => _db.Dispose();
}
