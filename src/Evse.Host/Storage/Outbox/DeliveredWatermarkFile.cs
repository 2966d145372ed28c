using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;
using Evse.Ocpp.Outbox;

namespace Evse.Host.Storage.Outbox;

/// <summary>
/// The newest delivered MeterValues or StopTransaction of the outbox, kept in a small memory-mapped file next to the
/// database (<c>evse.db.delivered</c>). The outbox delivers strictly in queue order, so one position says "every MeterValues
/// and StopTransaction up to here went out". Recording it is a few stores into the page cache, no system call: a killed or
/// crashed daemon keeps it (the kernel owns the page). The store syncs it (<see cref="Flush"/>) only for a StopTransaction:
/// after an OS-level power cut it may be older by the MeterValues since the last StopTransaction, and those go out once more.
/// While a StartTransaction's mark is still being committed, each record also carries that transaction's id mapping, so
/// a restart that finds its MeterValues delivered also finds the Central System's id they went out with. The message's key is kept with its sequence, so a file left next to a different database is recognised
/// and ignored.
/// </summary>
/// <remarks>
/// A kill can land between two of the stores that make up one record, so the file has two slots, written alternately,
/// each with a generation and a checksum written last. A reader takes the valid slot with the higher generation; a torn
/// slot fails its checksum and the other one, one mark older, is used. Earlier versions wrote a single 24-byte record
/// with <c>pwrite</c>, then slots without the mapping (magic "EVSEDWM1"); both are still read, then replaced.
/// </remarks>
internal sealed class DeliveredWatermarkFile : IDisposable
{
    private const int SlotSize = 64;
    private const int FileSize = 2 * SlotSize;
    private const int LegacySize = 24;
    private const ulong MagicV1 = 0x314D_5744_4553_5645; // "EVSEDWM1", little-endian: no mapping, checksum at 40
    private const ulong Magic = 0x324D_5744_4553_5645; // "EVSEDWM2"

    // Slot layout: magic, generation, sequence, local transaction id, kind, sequence in transaction, the mapping being
    // committed (local id, Central System id; 0 = none), checksum.
    private const int MagicAt = 0;
    private const int GenerationAt = 8;
    private const int SequenceAt = 16;
    private const int LocalAt = 24;
    private const int KindAt = 32;
    private const int InTransactionAt = 36;
    private const int MappedLocalAt = 40;
    private const int MappedCentralAt = 48;
    private const int ChecksumV1At = 40;
    private const int ChecksumAt = 56;

    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly (long Sequence, OutboxMessageKey Key)? _legacy;
    private long _generation;

    public DeliveredWatermarkFile(string path)
    {
        Path = path;
        // An old 24-byte file is read before mapping grows it; its bytes then fail slot 0's check until overwritten.
        _legacy = ReadLegacy(path);
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
        _file = MemoryMappedFile.CreateFromFile(stream, null, FileSize, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen: false);
        _view = _file.CreateViewAccessor(0, FileSize, MemoryMappedFileAccess.ReadWrite);
        _generation = Newest(Contents())?.Generation ?? 0;
    }

    public string Path { get; }

    /// <summary>The recorded position, or false when none is recorded (new or cleared file, or both slots torn).</summary>
    public bool TryRead(out long sequence, out OutboxMessageKey key) => TryRead(out sequence, out key, out _);

    /// <summary>The recorded position and the StartTransaction mapping recorded with it (null when none was).</summary>
    public bool TryRead(out long sequence, out OutboxMessageKey key, out (long Local, int Central)? mapping)
    {
        sequence = 0;
        key = default;
        mapping = null;
        if (Newest(Contents()) is { } slot)
        {
            (sequence, key, mapping) = (slot.Sequence, slot.Key, slot.Mapping);
        }
        else if (_legacy is { } legacy)
        {
            (sequence, key) = legacy;
        }

        return sequence > 0;
    }

    /// <summary>Records <paramref name="sequence"/> as delivered, with the StartTransaction mapping still being committed
    /// if there is one: stores into the mapped page, no system call, no sync.</summary>
    public void Write(long sequence, OutboxMessageKey key, (long Local, int Central)? mapping = null)
    {
        var generation = ++_generation;
        var at = (generation & 1) * SlotSize;
        Span<byte> record = stackalloc byte[ChecksumAt];
        Encode(record, generation, sequence, key, mapping);
        var checksum = Checksum(record);

        // Invalidate first, then the fields, then the checksum: a kill at any point leaves this slot failing its check.
        _view.Write(at + ChecksumAt, ~checksum);
        for (var offset = 0; offset < ChecksumAt; offset += sizeof(long))
        {
            _view.Write(at + offset, BinaryPrimitives.ReadInt64LittleEndian(record[offset..]));
        }

        _view.Write(at + ChecksumAt, checksum);
    }

    /// <summary>
    /// Puts the page on disk (<c>msync</c> with MS_SYNC: the dirty page is written and the call waits for it; the file's
    /// size never changes, so no metadata goes with it). An I/O error is thrown, as a failed commit would be.
    /// </summary>
    public void Flush() => _view.Flush();

    /// <summary>Forgets every recorded position (the table holds them all now).</summary>
    public void Clear()
    {
        for (var offset = 0; offset < FileSize; offset += sizeof(long))
        {
            _view.Write(offset, 0L);
        }
    }

    public void Dispose()
    {
        _view.Dispose();
        _file.Dispose();
    }

    private static (long Sequence, OutboxMessageKey Key)? ReadLegacy(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists || info.Length != LegacySize)
        {
            return null;
        }

        var bytes = File.ReadAllBytes(path);
        var sequence = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        var key = new OutboxMessageKey(
            BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(8)),
            (OutboxMessageKind)BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(16)),
            BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(20)));
        return (sequence, key);
    }

    /// <summary>What a restart would read from the file at <paramref name="path"/> (for tests and tools; 0 = nothing).</summary>
    internal static long ReadSequence(string path)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        var bytes = File.ReadAllBytes(path);
        if (bytes.Length == LegacySize)
        {
            return BinaryPrimitives.ReadInt64LittleEndian(bytes);
        }

        return bytes.Length >= FileSize && Newest(bytes) is { } slot ? slot.Sequence : 0;
    }

    private byte[] Contents()
    {
        var bytes = new byte[FileSize];
        _view.ReadArray(0, bytes, 0, FileSize);
        return bytes;
    }

    private static (long Generation, long Sequence, OutboxMessageKey Key, (long Local, int Central)? Mapping)? Newest(ReadOnlySpan<byte> file)
    {
        var a = ReadSlot(file[..SlotSize]);
        var b = ReadSlot(file[SlotSize..FileSize]);
        return a is null ? b : b is null ? a : a.Value.Generation >= b.Value.Generation ? a : b;
    }

    private static (long Generation, long Sequence, OutboxMessageKey Key, (long Local, int Central)? Mapping)? ReadSlot(ReadOnlySpan<byte> slot)
    {
        var magic = BinaryPrimitives.ReadUInt64LittleEndian(slot);
        var checksumAt = magic == MagicV1 ? ChecksumV1At : ChecksumAt;
        var record = slot[..checksumAt];
        if ((magic != Magic && magic != MagicV1) || BinaryPrimitives.ReadUInt64LittleEndian(slot[checksumAt..]) != Checksum(record))
        {
            return null;
        }

        var generation = BinaryPrimitives.ReadInt64LittleEndian(record[GenerationAt..]);
        var sequence = BinaryPrimitives.ReadInt64LittleEndian(record[SequenceAt..]);
        var key = new OutboxMessageKey(
            BinaryPrimitives.ReadInt64LittleEndian(record[LocalAt..]),
            (OutboxMessageKind)BinaryPrimitives.ReadInt32LittleEndian(record[KindAt..]),
            BinaryPrimitives.ReadInt32LittleEndian(record[InTransactionAt..]));
        var mappedLocal = magic == Magic ? BinaryPrimitives.ReadInt64LittleEndian(record[MappedLocalAt..]) : 0;
        (long, int)? mapping = mappedLocal > 0 ? (mappedLocal, BinaryPrimitives.ReadInt32LittleEndian(record[MappedCentralAt..])) : null;
        return (generation, sequence, key, mapping);
    }

    private static void Encode(Span<byte> record, long generation, long sequence, OutboxMessageKey key, (long Local, int Central)? mapping)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(record[MagicAt..], Magic);
        BinaryPrimitives.WriteInt64LittleEndian(record[GenerationAt..], generation);
        BinaryPrimitives.WriteInt64LittleEndian(record[SequenceAt..], sequence);
        BinaryPrimitives.WriteInt64LittleEndian(record[LocalAt..], key.LocalTransactionId);
        BinaryPrimitives.WriteInt32LittleEndian(record[KindAt..], (int)key.Kind);
        BinaryPrimitives.WriteInt32LittleEndian(record[InTransactionAt..], key.SequenceInTransaction);
        BinaryPrimitives.WriteInt64LittleEndian(record[MappedLocalAt..], mapping?.Local ?? 0);
        BinaryPrimitives.WriteInt64LittleEndian(record[MappedCentralAt..], mapping?.Central ?? 0);
    }

    /// <summary>FNV-1a over the record, 64 bit: catches a torn or zeroed slot, which is all it is for.</summary>
    private static ulong Checksum(ReadOnlySpan<byte> record)
    {
        var hash = 0xCBF2_9CE4_8422_2325UL;
        foreach (var b in record)
        {
            hash = (hash ^ b) * 0x0000_0100_0000_01B3UL;
        }

        return hash;
    }
}
