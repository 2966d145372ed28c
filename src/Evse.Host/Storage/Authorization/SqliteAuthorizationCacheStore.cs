using Evse.Ocpp.Authorization;
using Microsoft.Data.Sqlite;

namespace Evse.Host.Storage.Authorization;

/// <summary><see cref="IAuthorizationCacheStore"/> in SQLite: the cache survives a reboot. Own connection, synchronous=FULL.</summary>
public sealed class SqliteAuthorizationCacheStore : IAuthorizationCacheStore, IDisposable
{
    /// <summary>The schema, for one migration step (idempotent).</summary>
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS authorization_cache (
            id_tag        TEXT PRIMARY KEY NOT NULL COLLATE NOCASE,
            status        TEXT NOT NULL,
            expiry_date   TEXT NULL,
            parent_id_tag TEXT NULL,
            last_used_at  TEXT NOT NULL
        );
        """;

    private readonly SqliteAuthorizationConnection _db;

    public SqliteAuthorizationCacheStore(Func<SqliteConnection> openConnection) => _db = new SqliteAuthorizationConnection(openConnection);

    public IReadOnlyList<AuthorizationCacheEntry> LoadAll() => _db.Read(c =>
    {
        using var command = c.CreateCommand();
        command.CommandText = "SELECT id_tag, status, expiry_date, parent_id_tag, last_used_at FROM authorization_cache;";
        using var reader = command.ExecuteReader();
        var entries = new List<AuthorizationCacheEntry>();
        while (reader.Read())
        {
            entries.Add(new AuthorizationCacheEntry(
                reader.GetString(0),
                SqliteAuthorizationConnection.ReadInfo(reader, 1),
                SqliteAuthorizationConnection.ParseStamp(reader.GetString(4))));
        }

        return entries;
    });

    public void Upsert(AuthorizationCacheEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _db.Write((c, t) => SqliteAuthorizationConnection.Execute(
            c,
            t,
            "INSERT INTO authorization_cache (id_tag, status, expiry_date, parent_id_tag, last_used_at) VALUES ($tag, $status, $expiry, $parent, $used) " +
            "ON CONFLICT (id_tag) DO UPDATE SET status = excluded.status, expiry_date = excluded.expiry_date, " +
            "parent_id_tag = excluded.parent_id_tag, last_used_at = excluded.last_used_at;",
            ("$tag", entry.IdTag),
            ("$status", entry.Info.Status.ToString()),
            ("$expiry", entry.Info.ExpiryDate is { } e ? SqliteAuthorizationConnection.Stamp(e) : null),
            ("$parent", entry.Info.ParentIdTag),
            ("$used", SqliteAuthorizationConnection.Stamp(entry.LastUsedAt))));
    }

    public void Remove(string idTag) =>
        _db.Write((c, t) => SqliteAuthorizationConnection.Execute(c, t, "DELETE FROM authorization_cache WHERE id_tag = $tag;", ("$tag", idTag)));

    public void Clear() => _db.Write((c, t) => SqliteAuthorizationConnection.Execute(c, t, "DELETE FROM authorization_cache;"));

    public void Dispose() => _db.Dispose();
}
