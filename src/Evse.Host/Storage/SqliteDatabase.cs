using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Evse.Host.Storage;

/// <summary>
/// The daemon's one SQLite file: WAL journal, <c>synchronous=FULL</c> so that a committed write survives a
/// power cut, schema migrations on open. One connection, serialised by a lock: the writes are small and
/// few (a session start, a progress row every few seconds), and one connection keeps them strictly ordered.
/// </summary>
public sealed partial class SqliteDatabase : IDisposable
{
    public const string FileName = "evse.db";

    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();
    private readonly ILogger<SqliteDatabase> _logger;

    public SqliteDatabase(string dataDirectory, ILogger<SqliteDatabase> logger)
        : this(dataDirectory, Migrations.All, logger)
    {
    }

    public SqliteDatabase(string dataDirectory, IReadOnlyList<Migration> migrations, ILogger<SqliteDatabase> logger)
    {
        ArgumentNullException.ThrowIfNull(migrations);
        _logger = logger;
        Directory.CreateDirectory(dataDirectory);
        FilePath = Path.GetFullPath(Path.Combine(dataDirectory, FileName));
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL;");
        Execute("PRAGMA synchronous=FULL;");
        Execute("PRAGMA foreign_keys=ON;");
        Execute("PRAGMA busy_timeout=5000;");
        Migrate(migrations);
    }

    public string FilePath { get; }

    /// <summary>The schema version after migration.</summary>
    public int SchemaVersion => Read(c => Convert.ToInt32(Scalar(c, "PRAGMA user_version;"), CultureInfo.InvariantCulture));

    /// <summary>Runs <paramref name="read"/> on the connection under the lock.</summary>
    public T Read<T>(Func<SqliteConnection, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (_gate)
        {
            return read(_connection);
        }
    }

    /// <summary>Runs <paramref name="write"/> in one transaction; it is durable when this returns.</summary>
    public T Write<T>(Func<SqliteConnection, SqliteTransaction, T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            var result = write(_connection, transaction);
            transaction.Commit();
            return result;
        }
    }

    public void Dispose() => _connection.Dispose();

    /// <summary>Formats a timestamp the way every table stores it: round-trip ISO 8601 in UTC.</summary>
    public static string Stamp(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseStamp(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private void Migrate(IReadOnlyList<Migration> migrations)
    {
        var current = SchemaVersion;
        var newest = migrations.Count == 0 ? 0 : migrations.Max(m => m.Version);
        if (current > newest)
        {
            throw new InvalidOperationException(
                $"The database {FilePath} has schema version {current}, newer than this daemon knows ({newest}). Install the newer daemon again or restore a backup.");
        }

        foreach (var migration in migrations.Where(m => m.Version > current).OrderBy(m => m.Version))
        {
            Write((c, t) =>
            {
                using var command = c.CreateCommand();
                command.Transaction = t;
                command.CommandText = migration.Sql + $"\nPRAGMA user_version = {migration.Version.ToString(CultureInfo.InvariantCulture)};";
                command.ExecuteNonQuery();
                return 0;
            });
            LogMigrated(migration.Version, migration.Name);
        }
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Database migrated to version {Version}: {Name}")]
    private partial void LogMigrated(int version, string name);
}
