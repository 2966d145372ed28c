using Evse.Core.Ports.Storage;

namespace Evse.Host.Storage;

/// <summary>Settings changed from their factory defaults, in SQLite.</summary>
public sealed class SqliteSettingsStore(SqliteDatabase database, TimeProvider time) : ISettingsStore
{
    public IReadOnlyDictionary<string, string> LoadAll() =>
        database.Read(c => c.Query("SELECT key, value FROM settings;", r => (Key: r.GetString(0), Value: r.GetString(1))))
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);

    public void Save(string key, string value) =>
        database.Write((c, t) => c.Execute(
            "INSERT INTO settings (key, value, updated_at) VALUES ($key, $value, $at) " +
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at;",
            t,
            ("$key", key),
            ("$value", value),
            ("$at", SqliteDatabase.Stamp(time.GetUtcNow()))));

    public void Remove(string key) =>
        database.Write((c, t) => c.Execute("DELETE FROM settings WHERE key = $key;", t, ("$key", key)));

    public void Clear() => database.Write((c, t) => c.Execute("DELETE FROM settings;", t));
}
