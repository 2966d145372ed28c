using System.Buffers.Binary;
using Evse.Ocpp.Outbox;
using Microsoft.Win32.SafeHandles;

namespace Evse.Host.Storage.Outbox;

/// <summary>
/// The newest delivered MeterValues of the outbox, as 24 bytes overwritten in place next to the database
/// (<c>evse.db.delivered</c>). The outbox delivers strictly in queue order, so one position says "everything up to here
/// went out". A positioned write lands in the kernel's page cache before the next message is sent: a killed or crashed
/// daemon keeps it (what SQLite's synchronous=NORMAL gave before, for a syscall instead of a journalled UPDATE). It is not
/// fsynced: after an OS-level power cut it may be older, and those MeterValues go out once more, as before.
/// The message's key is kept with its sequence, so a file left next to a different database is recognised and ignored.
/// </summary>
internal sealed class DeliveredWatermarkFile : IDisposable
{
    private const int Size = 24;
    private readonly SafeFileHandle _handle;
    private readonly byte[] _buffer = new byte[Size];

    public DeliveredWatermarkFile(string path)
    {
        Path = path;
        _handle = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
    }

    public string Path { get; }

    /// <summary>The recorded position, or false when none is recorded (new, cleared, or short file).</summary>
    public bool TryRead(out long sequence, out OutboxMessageKey key)
    {
        Span<byte> bytes = stackalloc byte[Size];
        sequence = 0;
        key = default;
        if (RandomAccess.Read(_handle, bytes, 0) < Size)
        {
            return false;
        }

        sequence = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        var local = BinaryPrimitives.ReadInt64LittleEndian(bytes[8..]);
        var kind = BinaryPrimitives.ReadInt32LittleEndian(bytes[16..]);
        var inTransaction = BinaryPrimitives.ReadInt32LittleEndian(bytes[20..]);
        key = new OutboxMessageKey(local, (OutboxMessageKind)kind, inTransaction);
        return sequence > 0;
    }

    /// <summary>Records <paramref name="sequence"/> as delivered (one pwrite, no fsync).</summary>
    public void Write(long sequence, OutboxMessageKey key)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_buffer, sequence);
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(8), key.LocalTransactionId);
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(16), (int)key.Kind);
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(20), key.SequenceInTransaction);
        RandomAccess.Write(_handle, _buffer, 0);
    }

    /// <summary>Everything it said is committed in the database now.</summary>
    public void Clear()
    {
        Array.Clear(_buffer);
        RandomAccess.Write(_handle, _buffer, 0);
    }

    public void Dispose() => _handle.Dispose();
}
