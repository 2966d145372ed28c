using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Evse.Ocpp.Outbox;
using Microsoft.Data.Sqlite;

namespace Evse.Host.Storage.Outbox;

/// <summary>
/// <see cref="IOutboxStore"/> in SQLite. It owns its own connection to the daemon's database file (WAL lets it write
/// beside the other stores) and makes every committed write survive a power cut: in WAL mode it commits at
/// <c>synchronous=NORMAL</c> and then syncs the log itself (<see cref="WalDataSync"/>), otherwise it commits at FULL.
/// Each method is one transaction, durable when it returns, with two exceptions. The delivered mark of a MeterValues or a
/// StopTransaction is a store into the memory-mapped watermark file beside the database (synced to disk for a
/// StopTransaction), which the table catches up with later (see <see cref="MarkDelivered"/>). The StartTransaction mark
/// of <see cref="MarkStartDeliveredAsync"/> holds in memory at once and is committed in the background.
/// </summary>
/// <remarks>
/// Three locks: <c>_db</c> owns the connection that writes, <c>_read</c> the one that reads the queue ahead (in WAL mode a
/// second connection, so a refill never waits for a commit; otherwise the same connection and lock), <c>_gate</c> the
/// in-memory state; <c>_gate</c> is always taken last, and <c>_db</c> and <c>_read</c> are never held together, so the
/// pump's memory-only calls (peek, cached transaction) never wait for an fsync.
/// </remarks>
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

    // Delivered MeterValues and StopTransactions still reading "pending" in the table are set to delivered in one statement when this many have
    // built up, when the queue runs empty, before pruning and at a clean stop.
    private const int FoldAfter = 4096;

    private readonly SqliteConnection _connection;
    private readonly Lock _db = new();
    private readonly SqliteConnection _reader;
    private readonly Lock _read;
    private readonly Lock _gate = new();

    // Every MeterValues and StopTransaction at or before _watermarkThrough is delivered (the queue is delivered strictly in
    // order; a StartTransaction is never marked through the watermark, it carries an id mapping). The table alone
    // says so up to _watermarkInTable (that row reads delivered; older ones may still read pending); the watermark file
    // says the rest. _unfolded counts the delivered rows of those two kinds that still read pending.
    private long _watermarkThrough;
    private DateTimeOffset _watermarkAt;
    private long _watermarkInTable;
    private int _unfolded;

    // Every message at or before this sequence is completed (delivered or dropped) in memory; the table may still say
    // pending for some (the watermark's kinds, a StartTransaction mark being committed). Reads of the queue start after it.
    private long _completedThrough;

    // The StartTransaction mark being committed in the background (MarkStartDeliveredAsync); Dispose waits for it. Until
    // it has committed, a read of its transaction from the table gets the id from _startMarkMapping, and every watermark
    // record carries that mapping: a kill before the commit then finds the MeterValues that went out with the id and the
    // id itself, and sends neither the StartTransaction nor those MeterValues again.
    private Task _startMarkOnDisk = Task.CompletedTask;
    private (long Local, int Central)? _startMarkMapping;

    // Only this store writes these tables, so what it read stays true until it writes: the head of the queue is read
    // 64 at a time (later enqueues go behind them), and transactions are cached once read. That leaves one statement
    // per delivery, the UPDATE that marks it.
    private readonly Queue<OutboxEntry> _prefetched = new();
    private readonly Dictionary<long, OutboxTransaction> _transactions = [];
    private SqliteCommand? _markDelivered;
    private SqliteCommand? _markStart;
    private SqliteCommand? _relaxSync;
    private readonly DeliveredWatermarkFile? _watermark;
    private SqliteCommand? _restoreSync;

    // In WAL mode a durable write commits at synchronous=NORMAL and then fdatasyncs the log (see WalDataSync).
    private readonly WalDataSync? _walSync;

    /// <param name="openConnection">Creates a connection to the daemon's database; this store opens it if needed and owns it.</param>
    public SqliteOutboxStore(Func<SqliteConnection> openConnection)
    {
        ArgumentNullException.ThrowIfNull(openConnection);
        _connection = openConnection();
        if (_connection.State != System.Data.ConnectionState.Open)
        {
            _connection.Open();
        }

        Execute("PRAGMA busy_timeout=5000;", null);
        var file = _connection.DataSource;
        var isFile = !string.IsNullOrEmpty(file) && file != ":memory:" && File.Exists(file);
        if (isFile && string.Equals(Convert.ToString(Scalar("PRAGMA journal_mode;", null), CultureInfo.InvariantCulture), "wal", StringComparison.OrdinalIgnoreCase))
        {
            // Every durable write syncs the log itself (one fdatasync; see WalDataSync), so SQLite need not fsync it.
            _walSync = new WalDataSync(file!);
            Execute("PRAGMA synchronous=NORMAL;", null);

            // Reads of the queue go through their own connection: WAL lets them run beside a commit (the StartTransaction
            // mark commits in the background while the next MeterValues go out, and the refill must not wait for it).
            _reader = openConnection();
            if (_reader.State != System.Data.ConnectionState.Open)
            {
                _reader.Open();
            }

            using var timeout = _reader.CreateCommand();
            timeout.CommandText = "PRAGMA busy_timeout=5000;";
            timeout.ExecuteNonQuery();
            _read = new Lock();
        }
        else
        {
            Execute("PRAGMA synchronous=FULL;", null);
            (_reader, _read) = (_connection, _db);
        }

        if (isFile)
        {
            _watermark = new DeliveredWatermarkFile(file + ".delivered");
            RecoverWatermark();
        }
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
        }

        lock (_db)
        {
            lock (_gate)
            {
                using var command = Command("SELECT local_id, central_id, orphaned, created_at FROM outbox_transactions WHERE local_id = $id;", null, ("$id", localTransactionId));
                using var reader = command.ExecuteReader();
                transaction = reader.Read()
                    ? new OutboxTransaction(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt32(1), reader.GetInt64(2) != 0, ParseStamp(reader.GetString(3)))
                    : null;
                if (transaction is not null && _startMarkMapping is { } mapping && mapping.Local == localTransactionId)
                {
                    // Its StartTransaction mark is still being committed (the cache was cleared meanwhile).
                    transaction = transaction with { CentralTransactionId = mapping.Central };
                }

                if (transaction is not null)
                {
                    _transactions[localTransactionId] = transaction;
                }

                return transaction is not null;
            }
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
            _prefetched.TryPeek(out entry);
        }

        if (entry is not null)
        {
            return true;
        }

        lock (_read)
        {
            lock (_gate)
            {
                if (_prefetched.Count == 0)
                {
                    EnqueueRows(ReadRows(0));
                }

                if (_prefetched.TryPeek(out entry))
                {
                    return true;
                }
            }
        }

        lock (_db)
        {
            lock (_gate)
            {
                // The queue is empty: a good moment for the table to catch up with the watermark.
                if (_prefetched.Count == 0 && _unfolded > 0)
                {
                    var through = Durably(FoldWatermark);
                    (_watermarkInTable, _unfolded) = (through, 0);
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The second prefetched row when <paramref name="sequence"/> is the first. When the batch holds only that row, the
    /// next batch is read now (the rows after it), so the refill runs while the head is on the wire instead of after its
    /// answer. Waits for nothing: when another thread is reading the queue, says "not known".
    /// </summary>
    public bool TryPeekNext(long sequence, [NotNullWhen(true)] out OutboxEntry? entry)
    {
        entry = null;
        lock (_gate)
        {
            if (!_prefetched.TryPeek(out var head) || head.Sequence != sequence)
            {
                return false;
            }

            if (_prefetched.Count > 1)
            {
                entry = _prefetched.ElementAt(1);
                return true;
            }
        }

        if (!_read.TryEnter())
        {
            return false;
        }

        try
        {
            lock (_gate)
            {
                // Re-checked holding the connection: a write may have cleared or advanced the batch meanwhile.
                if (_prefetched.Count != 1 || _prefetched.Peek().Sequence != sequence)
                {
                    return false;
                }
            }

            // The read runs outside _gate, so the head's mark (which needs only _gate) does not wait for it. Holding _read, no
            // other reader can fill the batch meanwhile, and only the head can be marked, which these rows come after.
            var rows = ReadRows(sequence);
            lock (_gate)
            {
                if (_prefetched.Count != 1 || _prefetched.Peek().Sequence != sequence)
                {
                    return false;
                }

                EnqueueRows(rows);
                if (_prefetched.Count > 1)
                {
                    entry = _prefetched.ElementAt(1);
                    return true;
                }

                return false;
            }
        }
        finally
        {
            _read.Exit();
        }
    }

    public int CountPending()
    {
        lock (_db)
        {
            lock (_gate)
            {
                return Convert.ToInt32(
                    Scalar($"SELECT COUNT(*) FROM outbox_messages WHERE state = {Pending} AND sequence > $completed;", null, ("$completed", _completedThrough)),
                    CultureInfo.InvariantCulture);
            }
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
    /// A delivered MeterValues or StopTransaction is recorded in the memory-mapped watermark file beside the database and
    /// the table catches up later: the next durable write also marks the newest such row, which at a restart vouches for
    /// every MeterValues and StopTransaction before it (the queue is delivered strictly in order), so a StartTransaction mark
    /// is never durable before the messages ahead of it. For a MeterValues that is a few stores into the page cache, no
    /// system call: a kill keeps it, a power cut may lose it (the MeterValues then goes out once more). For a
    /// StopTransaction the page is synced before this returns (<c>msync</c>, one data flush, no SQLite commit), so it is
    /// on disk like every other write. Without a watermark file (a database that is not a file) a delivered MeterValues is
    /// one UPDATE at synchronous=NORMAL and anything else one durable write.
    /// </summary>
    public void MarkDelivered(long sequence, DateTimeOffset deliveredAt)
    {
        if (_watermark is not null)
        {
            var sync = false;
            lock (_gate)
            {
                if (_prefetched.TryPeek(out var next) && next.Sequence == sequence && next.Key.Kind is OutboxMessageKind.MeterValues or OutboxMessageKind.StopTransaction)
                {
                    _prefetched.Dequeue();
                    _watermark.Write(sequence, next.Key, _startMarkMapping);
                    (_watermarkThrough, _watermarkAt) = (sequence, deliveredAt);
                    Completed(sequence);
                    _unfolded++;
                    sync = next.Key.Kind == OutboxMessageKind.StopTransaction;
                    if (!sync)
                    {
                        return;
                    }
                }
            }

            if (sync)
            {
                // Only the pump marks, one message at a time, so no later mark can be in the page before this flush.
                _watermark.Flush();
                return;
            }
        }
        else
        {
            lock (_db)
            {
                lock (_gate)
                {
                    if (_prefetched.TryPeek(out var head) && head.Sequence == sequence && head.Key.Kind == OutboxMessageKind.MeterValues)
                    {
                        // No watermark file: the mark is in the WAL before the next send (a kill cannot undo it) but not fsynced; the
                        // next FULL commit (enqueue, start, stop) syncs it, as the WAL is synced in order.
                        _prefetched.Dequeue();
                        MarkRelaxed(sequence, Stamp(deliveredAt));
                        return;
                    }
                }
            }
        }

        Write(t =>
        {
            Forget(sequence);
            Completed(sequence);
            return MarkOne(sequence, Stamp(deliveredAt), t);
        });
    }

    public void MarkStartDelivered(long sequence, long localTransactionId, int centralTransactionId, DateTimeOffset deliveredAt)
    {
        Write(t =>
        {
            Forget(sequence);
            Completed(sequence);
            return MarkStart(sequence, localTransactionId, centralTransactionId, deliveredAt, t);
        });

        // Committed: the cached transaction now carries the Central System's id, so its next message needs no read.
        lock (_gate)
        {
            if (_transactions.TryGetValue(localTransactionId, out var cached))
            {
                _transactions[localTransactionId] = cached with { CentralTransactionId = centralTransactionId };
            }
        }
    }

    /// <summary>
    /// The mark holds in memory when this returns: the head has moved on, reads of the queue start after it, and the
    /// cached transaction carries the Central System's id. The commit (with the newest watermark row, as every durable
    /// write) runs on the thread pool; it holds the connection but not the lock the MeterValues marks take, so the
    /// transaction's MeterValues go out meanwhile, each watermark record carrying the id mapping until the commit lands. A
    /// kill after such a record leaves the mapping for the restart (<see cref="RecoverWatermark"/>); a kill before any
    /// resends the StartTransaction, as a kill between the answer and a synchronous commit always did. Without a
    /// watermark file it is <see cref="MarkStartDelivered"/>.
    /// </summary>
    public Task MarkStartDeliveredAsync(long sequence, long localTransactionId, int centralTransactionId, DateTimeOffset deliveredAt)
    {
        lock (_gate)
        {
            // Anything unusual is written at once: no watermark file, the previous commit still running, an uncached transaction.
            if (_watermark is not null && _startMarkOnDisk.IsCompleted && _transactions.TryGetValue(localTransactionId, out var cached))
            {
                Forget(sequence);
                Completed(sequence);
                _transactions[localTransactionId] = cached with { CentralTransactionId = centralTransactionId };
                _startMarkMapping = (localTransactionId, centralTransactionId);
                _startMarkOnDisk = Task.Run(CommitStartMark);
                return _startMarkOnDisk;
            }
        }

        MarkStartDelivered(sequence, localTransactionId, centralTransactionId, deliveredAt);
        return Task.CompletedTask;

        void CommitStartMark()
        {
            lock (_db)
            {
                (long Through, DateTimeOffset At, long InTable) watermark;
                lock (_gate)
                {
                    watermark = (_watermarkThrough, _watermarkAt, _watermarkInTable);
                }

                Durably(t =>
                {
                    if (watermark.Through > watermark.InTable)
                    {
                        MarkOne(watermark.Through, Stamp(watermark.At), t);
                    }

                    return MarkStart(sequence, localTransactionId, centralTransactionId, deliveredAt, t);
                });

                lock (_gate)
                {
                    _watermarkInTable = Math.Max(_watermarkInTable, watermark.Through);
                    _startMarkMapping = null;
                }
            }
        }
    }

    /// <summary>The StartTransaction's row delivered and its transaction mapped, in one cached two-statement command; caller holds _db.</summary>
    private int MarkStart(long sequence, long localTransactionId, int centralTransactionId, DateTimeOffset deliveredAt, SqliteTransaction transaction)
    {
        _markStart ??= Command(
            $"UPDATE outbox_messages SET state = {Delivered}, completed_at = $at, drop_reason = NULL WHERE sequence = $seq; " +
            "UPDATE outbox_transactions SET central_id = $central WHERE local_id = $local;",
            null,
            ("$at", ""),
            ("$seq", 0L),
            ("$central", 0),
            ("$local", 0L));
        _markStart.Transaction = transaction;
        _markStart.Parameters["$at"].Value = Stamp(deliveredAt);
        _markStart.Parameters["$seq"].Value = sequence;
        _markStart.Parameters["$central"].Value = centralTransactionId;
        _markStart.Parameters["$local"].Value = localTransactionId;
        return _markStart.ExecuteNonQuery();
    }

    public void MarkDropped(long sequence, string reason, DateTimeOffset droppedAt) => Write(t =>
    {
        _prefetched.Clear();
        _transactions.Clear();
        Completed(sequence);
        Complete(sequence, Dropped, droppedAt, reason, t);
        return Execute(
            "UPDATE outbox_transactions SET orphaned = 1 WHERE local_id = (SELECT local_id FROM outbox_messages WHERE sequence = $seq AND kind = $start);",
            t,
            ("$seq", sequence),
            ("$start", (int)OutboxMessageKind.StartTransaction));
    });

    public int PruneCompleted(DateTimeOffset completedBefore, int maxTransactions = int.MaxValue) => Write(t =>
    {
        _prefetched.Clear();

        // Pruning reads the rows' states: every delivered MeterValues and StopTransaction must say so first.
        FoldWatermark(t);
        _unfolded = 0;
        _transactions.Clear();
        const string Done = """
            SELECT local_id FROM outbox_messages GROUP BY local_id
            HAVING SUM(state = 0) = 0 AND MAX(completed_at) < $before AND SUM(kind = 2) > 0 ORDER BY local_id LIMIT $limit
            """;
        var removed = Execute($"DELETE FROM outbox_messages WHERE local_id IN ({Done});", t, ("$before", Stamp(completedBefore)), ("$limit", maxTransactions));
        Execute(
            "DELETE FROM outbox_transactions WHERE NOT EXISTS (SELECT 1 FROM outbox_messages m WHERE m.local_id = outbox_transactions.local_id) " +
            "AND orphaned + (central_id IS NOT NULL) > 0 AND created_at < $before;",
            t,
            ("$before", Stamp(completedBefore)));
        return removed;
    });

    /// <summary>Commits the marks still pending (a clean stop loses none), then closes the connection.</summary>
    public void Dispose()
    {
        try
        {
            // A clean stop leaves no answered StartTransaction uncommitted. A failed commit has already ended the pump
            // with its error (the daemon restarts and sends that StartTransaction again).
            _startMarkOnDisk.Wait(TimeSpan.FromSeconds(30));
        }
        catch (AggregateException)
        {
        }

        try
        {
            lock (_db)
            {
                lock (_gate)
                {
                    if (_watermark is not null && (_unfolded > 0 || _watermarkThrough > _watermarkInTable))
                    {
                        _watermarkInTable = Durably(FoldWatermark);
                        _unfolded = 0;
                        _watermark.Clear();
                    }
                }
            }
        }
        catch (SqliteException)
        {
            // The disk failed while closing: the watermark file still holds those marks for the next start.
        }

        _watermark?.Dispose();
        _markDelivered?.Dispose();
        _markStart?.Dispose();
        _relaxSync?.Dispose();
        _restoreSync?.Dispose();
        if (!ReferenceEquals(_reader, _connection))
        {
            _reader.Dispose();
        }

        _connection.Dispose();
    }

    /// <summary>
    /// At open: every MeterValues and StopTransaction at or before the newest one marked delivered, in the table or in the
    /// watermark file, was delivered (strict queue order), so rows of those that still read pending (a kill came before the
    /// table caught up) are marked now, durably, and the file is cleared. A StartTransaction is vouched for only by the
    /// id mapping a record carries (its commit had not landed); any other pending one is sent again. A file whose message is not in this database (left
    /// from another one) is ignored. Their completion time is taken as their enqueue time: only pruning reads it.
    /// </summary>
    private void RecoverWatermark()
    {
        const string Start = "$start";
        var start = (int)OutboxMessageKind.StartTransaction;
        var through = Convert.ToInt64(Scalar($"SELECT IFNULL(MAX(sequence), 0) FROM outbox_messages WHERE kind <> {Start} AND state = {Delivered};", null, (Start, start)), CultureInfo.InvariantCulture);
        (long Local, int Central)? mapping = null;
        if (_watermark!.TryRead(out var sequence, out var key, out var recordedMapping) && sequence > through)
        {
            var ours = Convert.ToInt64(
                Scalar(
                    "SELECT COUNT(*) FROM outbox_messages WHERE sequence = $seq AND local_id = $local AND kind = $kind AND seq_in_tx = $in;",
                    null,
                    ("$seq", sequence),
                    ("$local", key.LocalTransactionId),
                    ("$kind", (int)key.Kind),
                    ("$in", key.SequenceInTransaction)),
                CultureInfo.InvariantCulture) == 1;
            through = ours ? sequence : through;
            mapping = ours ? recordedMapping : null;
        }

        if (mapping is { } startMark)
        {
            // The StartTransaction was answered and its MeterValues went out with this id before its commit landed.
            Durably(transaction =>
            {
                var started = Execute(
                    $"UPDATE outbox_messages SET state = {Delivered}, completed_at = enqueued_at WHERE state = {Pending} AND kind = {Start} AND local_id = $local AND sequence <= $through;",
                    transaction,
                    (Start, start),
                    ("$local", startMark.Local),
                    ("$through", through));
                return started == 0 ? 0 : Execute(
                    "UPDATE outbox_transactions SET central_id = $central WHERE local_id = $local AND central_id IS NULL;",
                    transaction,
                    ("$central", startMark.Central),
                    ("$local", startMark.Local));
            });
        }

        Durably(transaction => Execute(
            $"UPDATE outbox_messages SET state = {Delivered}, completed_at = enqueued_at WHERE state = {Pending} AND kind <> {Start} AND sequence <= $through;",
            transaction,
            (Start, start),
            ("$through", through)));

        _watermark.Clear();
        (_watermarkThrough, _watermarkInTable, _unfolded) = (through, through, 0);
    }

    /// <summary>PRAGMA synchronous of this store's connection (1 = NORMAL with the log synced by the store, 2 = FULL), for tests.</summary>
    internal long SynchronousLevel()
    {
        lock (_db)
        {
            return Convert.ToInt64(Scalar("PRAGMA synchronous;", null), CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The next pending rows after <paramref name="afterSequence"/> and after every message completed in memory
    /// (whose rows may still read pending); caller holds _read.</summary>
    private List<OutboxEntry> ReadRows(long afterSequence)
    {
        long after;
        lock (_gate)
        {
            after = Math.Max(afterSequence, _completedThrough);
        }

        using var command = _reader.CreateCommand();
        command.CommandText = $"SELECT {EntryColumns} FROM outbox_messages WHERE state = {Pending} AND sequence > $after ORDER BY sequence LIMIT {PrefetchCount};";
        command.Parameters.AddWithValue("$after", after);
        using var reader = command.ExecuteReader();
        var rows = new List<OutboxEntry>(PrefetchCount);
        while (reader.Read())
        {
            rows.Add(new OutboxEntry(
                reader.GetInt64(0),
                new OutboxMessageKey(reader.GetInt64(1), (OutboxMessageKind)reader.GetInt32(2), reader.GetInt32(3)),
                reader.GetString(4),
                ParseStamp(reader.GetString(5)),
                reader.GetInt32(6),
                reader.IsDBNull(7) ? null : ParseStamp(reader.GetString(7))));
        }

        return rows;
    }

    /// <summary>Appends rows to the prefetched batch; caller holds _read and _gate.</summary>
    private void EnqueueRows(List<OutboxEntry> rows)
    {
        foreach (var row in rows)
        {
            _prefetched.Enqueue(row);
        }
    }

    /// <summary>Every message up to <paramref name="sequence"/> is completed (the queue completes in order); caller holds _gate.</summary>
    private void Completed(long sequence) => _completedThrough = Math.Max(_completedThrough, sequence);

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

    /// <summary>
    /// Makes the table vouch for every delivered MeterValues and StopTransaction inside <paramref name="transaction"/>: the newest one's row is
    /// marked (older rows may still read pending; a restart or a fold marks them), or, once <see cref="FoldAfter"/> have
    /// built up, all of them. Returns what the table vouches for once committed; caller holds _db and _gate.
    /// </summary>
    private (long Through, bool Folded) PersistWatermark(SqliteTransaction transaction)
    {
        if (_watermarkThrough <= _watermarkInTable)
        {
            return (_watermarkInTable, false);
        }

        if (_unfolded >= FoldAfter)
        {
            return (FoldWatermark(transaction), true);
        }

        MarkOne(_watermarkThrough, Stamp(_watermarkAt), transaction);
        return (_watermarkThrough, false);
    }

    /// <summary>Marks every delivered MeterValues and StopTransaction row that still reads pending; caller holds _db and _gate.</summary>
    private long FoldWatermark(SqliteTransaction transaction)
    {
        // They share the newest mark's completion time; only pruning reads it.
        Execute(
            $"UPDATE outbox_messages SET state = {Delivered}, completed_at = $at WHERE state = {Pending} AND kind <> $start AND sequence <= $through;",
            transaction,
            ("$at", Stamp(_watermarkAt)),
            ("$start", (int)OutboxMessageKind.StartTransaction),
            ("$through", _watermarkThrough));
        return _watermarkThrough;
    }

    private int MarkOne(long sequence, string at, SqliteTransaction transaction)
    {
        _markDelivered ??= Command(
            $"UPDATE outbox_messages SET state = {Delivered}, completed_at = $at, drop_reason = NULL WHERE sequence = $seq;", null, ("$at", ""), ("$seq", 0L));
        _markDelivered.Transaction = transaction;
        _markDelivered.Parameters["$at"].Value = at;
        _markDelivered.Parameters["$seq"].Value = sequence;
        return _markDelivered.ExecuteNonQuery();
    }

    /// <summary>One autocommit UPDATE at synchronous=NORMAL; caller holds _db and _gate.</summary>
    private void MarkRelaxed(long sequence, string at)
    {
        _relaxSync ??= Command("PRAGMA synchronous=NORMAL;", null);
        _restoreSync ??= Command("PRAGMA synchronous=FULL;", null);
        _relaxSync.ExecuteNonQuery();
        try
        {
            _markDelivered ??= Command(
                $"UPDATE outbox_messages SET state = {Delivered}, completed_at = $at, drop_reason = NULL WHERE sequence = $seq;", null, ("$at", ""), ("$seq", 0L));
            _markDelivered.Transaction = null;
            _markDelivered.Parameters["$at"].Value = at;
            _markDelivered.Parameters["$seq"].Value = sequence;
            _markDelivered.ExecuteNonQuery();
        }
        finally
        {
            _restoreSync.ExecuteNonQuery();
        }
    }

    private int Complete(long sequence, int state, DateTimeOffset at, string? reason, SqliteTransaction transaction) => Execute(
        "UPDATE outbox_messages SET state = $state, completed_at = $at, drop_reason = $reason WHERE sequence = $seq;",
        transaction,
        ("$state", state),
        ("$at", Stamp(at)),
        ("$reason", reason),
        ("$seq", sequence));

    /// <summary>One durable transaction; the newest delivered MeterValues is marked first in it, so marks stay in queue
    /// order on disk.</summary>
    private T Write<T>(Func<SqliteTransaction, T> write)
    {
        lock (_db)
        {
            lock (_gate)
            {
                var result = Durably(transaction =>
                {
                    var (through, folded) = PersistWatermark(transaction);
                    var result = write(transaction);
                    return (result, through, folded);
                });
                _watermarkInTable = result.through;
                _unfolded = result.folded ? 0 : _unfolded;
                return result.result;
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="write"/> in a transaction that is on disk when this returns: in WAL mode committed at
    /// synchronous=NORMAL and then the log fdatasynced (<see cref="WalDataSync"/>), otherwise committed at FULL; caller
    /// holds _db (and _gate where the write touches the in-memory state).
    /// </summary>
    private T Durably<T>(Func<SqliteTransaction, T> write)
    {
        if (_walSync is null)
        {
            using var transaction = _connection.BeginTransaction();
            var result = write(transaction);
            transaction.Commit();
            return result;
        }

        using (var transaction = _connection.BeginTransaction())
        {
            var result = write(transaction);
            transaction.Commit();
            _walSync.Sync();
            return result;
        }
    }

    /// <summary>How many times a durable write synced the WAL itself (tests).</summary>
    internal long WalSyncs => _walSync?.Syncs ?? 0;

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
