using System.Globalization;
using Evse.Core.Ports;
using Evse.Ocpp.Authorization;
using Microsoft.Data.Sqlite;

namespace Evse.Host.Storage.Authorization;

/// <summary>The shared plumbing of the two authorization stores: one owned connection, a lock, one transaction per write.</summary>
internal sealed class SqliteAuthorizationConnection : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    public SqliteAuthorizationConnection(Func<SqliteConnection> openConnection)
    {
        _connection = openConnection();
        if (_connection.State != System.Data.ConnectionState.Open)
        {
            _connection.Open();
        }

        using var pragma = _connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;";
        pragma.ExecuteNonQuery();
    }

    public static string Stamp(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseStamp(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    public static IdTagInfo ReadInfo(SqliteDataReader reader, int first) => new(
        Enum.Parse<AuthorizationStatus>(reader.GetString(first)),
        reader.IsDBNull(first + 1) ? null : ParseStamp(reader.GetString(first + 1)),
        reader.IsDBNull(first + 2) ? null : reader.GetString(first + 2));

    public T Read<T>(Func<SqliteConnection, T> read)
    {
        lock (_gate)
        {
            return read(_connection);
        }
    }

    public void Write(Action<SqliteConnection, SqliteTransaction> write)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            write(_connection, transaction);
            transaction.Commit();
        }
    }

    public static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        command.ExecuteNonQuery();
    }

    public void Dispose() => _connection.Dispose();
}
