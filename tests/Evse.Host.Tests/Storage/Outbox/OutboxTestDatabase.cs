using Evse.Host.Storage.Outbox;
using Microsoft.Data.Sqlite;

namespace Evse.Host.Tests.Storage.Outbox;

/// <summary>A real SQLite file in a fresh temp directory, in WAL mode with the outbox schema, deleted afterwards.</summary>
internal sealed class OutboxTestDatabase : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "evse-outbox-" + Guid.NewGuid().ToString("N"));

    public OutboxTestDatabase()
    {
        Directory.CreateDirectory(_directory);
        FilePath = Path.Combine(_directory, "evse.db");
        using var connection = Open();
        connection.Open();
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            wal.ExecuteNonQuery();
        }

        SqliteOutboxStore.EnsureSchema(connection);
    }

    public string FilePath { get; }

    public SqliteConnection Open() => new(new SqliteConnectionStringBuilder { DataSource = FilePath, Pooling = false }.ToString());

    public SqliteOutboxStore NewStore() => new(Open);

    public string Pragma(string name)
    {
        using var connection = Open();
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
