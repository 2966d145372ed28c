using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Evse.Ocpp.Outbox;
using Microsoft.Data.Sqlite;

namespace Evse.Host.Storage.Outbox;

/// <summary>
/// <see cref="IOutboxStore"/> in SQLite. It owns its own connection to the daemon's database file (WAL lets it write
/// beside the other stores), sets <c>synchronous=FULL</c> on it so every committed write survives a power cut, and
/// serialises its calls with a lock. Each method is one transaction: durable when it returns.
/// </summary>
public sealed class SqliteOutboxStore : IOutboxStore, IDisposable
{
    /// <summary>The schema, for one migration step. Idempotent, so <see cref="EnsureSchema"/> may run it again.</summary>
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS outbox_transactions (
            local_id   INTEGER PRIMARY KEY AUTOINCREMENT,
            central_id INTEGER NULL,
            orphaned   INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS outbox_messages (
            sequence        INTEGER PRIMARY KEY AUTOINCREMENT,
            local_id        INTEGER NOT NULL REFERENCES outbox_transactions (local_id),
            kind            INTEGER NOT NULL,
            seq_in_tx       INTEGER NOT NULL,
            payload         TEXT NOT NULL,
            enqueued_at     TEXT NOT NULL,
            failed_attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT NULL,
            state           INTEGER NOT NULL DEFAULT 0,
            completed_at    TEXT NULL,
            drop_reason     TEXT NULL,
            UNIQUE (local_id, kind, seq_in_tx)
        );
        CREATE INDEX IF NOT EXISTS outbox_messages_pending ON outbox_messages (sequence) WHERE state = 0;
        CREATE INDEX IF NOT EXISTS outbox_messages_by_transaction ON outbox_messages (local_id);
        """;

    private const int Pending = 0;
    private const int Delivered = 1;
    private const int Dropped = 2;
    private const string EntryColumns = "sequence, local_id, kind, seq_in_tx, payload, enqueued_at, failed_attempts, next_attempt_at";

    private const int PrefetchCount = 64;

    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    // Only this store writes these tables, so what it read stays true until it writes: the head of the queue is read
    // 64 at a time (later enqueues go behind them), and transactions are cached once read. That leaves one statement
    // per delivery, the UPDATE that marks it.
    private readonly Queue<OutboxEntry> _prefetched = new();
    private readonly Dictionary<long, OutboxTransaction> _transactions = [];
    private SqliteCommand? _markDelivered;

    /// <param name="openConnection">Creates a connection to the daemon's database; this store opens it if needed and owns it.</param>
    public SqliteOutboxStore(Func<SqliteConnection> openConnection)
    {
        ArgumentNullException.ThrowIfNull(openConnection);
        _connection = openConnection();
        if (_connection.State != System.Data.ConnectionState.Open)
        {
            _connection.Open();
        }

        Execute("PRAGMA synchronous=FULL;", null);
        Execute("PRAGMA busy_timeout=5000;", null);
    }

    /// <summary>Creates the tables when a test or a tool opens a database the migrations have not touched.</summary>
    public static void EnsureSchema(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Schema;
        command.ExecuteNonQuery();
    }

    public long CreateTransaction(DateTimeOffset createdAt) => Write(t =>
    {
        var id = Convert.ToInt64(Scalar("INSERT INTO outbox_transactions (created_at) VALUES ($at) RETURNING local_id;", t, ("$at", Stamp(createdAt))), CultureInfo.InvariantCulture);
        _transactions[id] = new OutboxTransaction(id, null, false, ParseStamp(Stamp(createdAt)));
        return id;
    });

    public bool TryGetTransaction(long localTransactionId, [NotNullWhen(true)] out OutboxTransaction? transaction)
    {
        lock (_gate)
        {
            if (_transactions.TryGetValue(localTransactionId, out transaction))
            {
                return true;
            }

            using var command = Command("SELECT local_id, central_id, orphaned, created_at FROM outbox_transactions WHERE local_id = $id;", null, ("$id", localTransactionId));
            using var reader = command.ExecuteReader();
            transaction = reader.Read()
                ? new OutboxTransaction(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt32(1), reader.GetInt64(2) != 0, ParseStamp(reader.GetString(3)))
                : null;
            if (transaction is not null)
            {
                _transactions[localTransactionId] = transaction;
            }

            return transaction is not null;
        }
    }

    public bool TryEnqueue(OutboxMessageKey key, string payloadJson, DateTimeOffset enqueuedAt, out long sequence)
    {
        var inserted = Write(t => Scalar(
            "INSERT INTO outbox_messages (local_id, kind, seq_in_tx, payload, enqueued_at) VALUES ($local, $kind, $seq, $payload, $at) " +
            "ON CONFLICT (local_id, kind, seq_in_tx) DO NOTHING RETURNING sequence;",
            t,
            ("$local", key.LocalTransactionId),
            ("$kind", (int)key.Kind),
            ("$seq", key.SequenceInTransaction),
            ("$payload", payloadJson),
            ("$at", Stamp(enqueuedAt))));
        sequence = inserted is null ? 0 : Convert.ToInt64(inserted, CultureInfo.InvariantCulture);
        return inserted is not null;
    }

    public bool TryPeekHead([NotNullWhen(true)] out OutboxEntry? entry)
    {
        lock (_gate)
        {
            if (_prefetched.Count == 0)
            {
                using var command = Command($"SELECT {EntryColumns} FROM outbox_messages WHERE state = {Pending} ORDER BY sequence LIMIT {PrefetchCount};", null);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    _prefetched.Enqueue(new OutboxEntry(
                        reader.GetInt64(0),
                        new OutboxMessageKey(reader.GetInt64(1), (OutboxMessageKind)reader.GetInt32(2), reader.GetInt32(3)),
                        reader.GetString(4),
                        ParseStamp(reader.GetString(5)),
                        reader.GetInt32(6),
                        reader.IsDBNull(7) ? null : ParseStamp(reader.GetString(7))));
                }
            }

            return _prefetched.TryPeek(out entry);
        }
    }

    public int CountPending()
    {
        lock (_gate)
        {
            return Convert.ToInt32(Scalar($"SELECT COUNT(*) FROM outbox_messages WHERE state = {Pending};", null), CultureInfo.InvariantCulture);
        }
    }

    public void RecordFailedAttempt(long sequence, int failedAttempts, DateTimeOffset nextAttemptAt) => Write(t =>
    {
        _prefetched.Clear();
        return Execute(
            "UPDATE outbox_messages SET failed_attempts = $failed, next_attempt_at = $next WHERE sequence = $seq;",
            t,
            ("$failed", failedAttempts),
            ("$next", Stamp(nextAttemptAt)),
            ("$seq", sequence));
    });

    /// <summary>
    /// One UPDATE in autocommit. A delivered MeterValues is committed with synchronous=NORMAL: it survives a crash or
    /// SIGKILL of the daemon (the WAL is written before this returns), and a later durable commit (the next enqueue,
    /// StartTransaction or StopTransaction) makes it power-cut safe too, since the WAL is synced in order. A power cut in
    /// between may only make the last sampled MeterValues go out once more. Every other mark stays synchronous=FULL.
    /// </summary>
    public void MarkDelivered(long sequence, DateTimeOffset deliveredAt)
    {
        lock (_gate)
        {
            var relaxed = _prefetched.TryPeek(out var head) && head.Sequence == sequence && head.Key.Kind == OutboxMessageKind.MeterValues;
            Forget(sequence);
            if (relaxed)
            {
                Execute("PRAGMA synchronous=NORMAL;", null);
            }

            try
            {
                _markDelivered ??= Command(
                    $"UPDATE outbox_messages SET state = {Delivered}, completed_at = $at, drop_reason = NULL WHERE sequence = $seq;", null, ("$at", ""), ("$seq", 0L));
                _markDelivered.Parameters["$at"].Value = Stamp(deliveredAt);
                _markDelivered.Parameters["$seq"].Value = sequence;
                _markDelivered.ExecuteNonQuery();
            }
            finally
            {
                if (relaxed)
                {
                    Execute("PRAGMA synchronous=FULL;", null);
                }
            }
        }
    }

    public void MarkStartDelivered(long sequence, long localTransactionId, int centralTransactionId, DateTimeOffset deliveredAt) => Write(t =>
    {
        Forget(sequence);
        _transactions.Remove(localTransactionId);
        Complete(sequence, Delivered, deliveredAt, null, t);
        return Execute(
            "UPDATE outbox_transactions SET central_id = $central WHERE local_id = $local;",
            t,
            ("$central", centralTransactionId),
            ("$local", localTransactionId));
    });

    public void MarkDropped(long sequence, string reason, DateTimeOffset droppedAt) => Write(t =>
    {
        _prefetched.Clear();
        _transactions.Clear();
        Complete(sequence, Dropped, droppedAt, reason, t);
        return Execute(
            "UPDATE outbox_transactions SET orphaned = 1 WHERE local_id = (SELECT local_id FROM outbox_messages WHERE sequence = $seq AND kind = $start);",
            t,
            ("$seq", sequence),
            ("$start", (int)OutboxMessageKind.StartTransaction));
    });

    public int PruneCompleted(DateTimeOffset completedBefore) => Write(t =>
    {
        _prefetched.Clear();
        _transactions.Clear();
        const string Done = """
            SELECT local_id FROM outbox_messages GROUP BY local_id
            HAVING SUM(state = 0) = 0 AND MAX(completed_at) < $before AND SUM(kind = 2) > 0
            """;
        var removed = Execute($"DELETE FROM outbox_messages WHERE local_id IN ({Done});", t, ("$before", Stamp(completedBefore)));
        Execute(
            "DELETE FROM outbox_transactions WHERE NOT EXISTS (SELECT 1 FROM outbox_messages m WHERE m.local_id = outbox_transactions.local_id) " +
            "AND orphaned + (central_id IS NOT NULL) > 0 AND created_at < $before;",
            t,
            ("$before", Stamp(completedBefore)));
        return removed;
    });

    public void Dispose()
    {
        _markDelivered?.Dispose();
        _connection.Dispose();
    }

    /// <summary>PRAGMA synchronous of this store's connection (2 = FULL), for tests.</summary>
    internal long SynchronousLevel()
    {
        lock (_gate)
        {
            return Convert.ToInt64(Scalar("PRAGMA synchronous;", null), CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Drops a completed message from the prefetched head (it is always the first when the outbox completes it).</summary>
    private void Forget(long sequence)
    {
        if (_prefetched.TryPeek(out var head) && head.Sequence == sequence)
        {
            _prefetched.Dequeue();
        }
        else
        {
            _prefetched.Clear();
        }
    }

    private static string Stamp(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseStamp(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private int Complete(long sequence, int state, DateTimeOffset at, string? reason, SqliteTransaction transaction) => Execute(
        "UPDATE outbox_messages SET state = $state, completed_at = $at, drop_reason = $reason WHERE sequence = $seq;",
        transaction,
        ("$state", state),
        ("$at", Stamp(at)),
        ("$reason", reason),
        ("$seq", sequence));

    private T Write<T>(Func<SqliteTransaction, T> write)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            var result = write(transaction);
            transaction.Commit();
            return result;
        }
    }

    private SqliteCommand Command(string sql, SqliteTransaction? transaction, params (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private int Execute(string sql, SqliteTransaction? transaction, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, transaction, parameters);
        return command.ExecuteNonQuery();
    }

    private object? Scalar(string sql, SqliteTransaction? transaction, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, transaction, parameters);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }
}
