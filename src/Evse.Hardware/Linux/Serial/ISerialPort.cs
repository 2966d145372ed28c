namespace Evse.Hardware.Linux.Serial;

/// <summary>A raw byte serial line.</summary>
public interface ISerialPort : IDisposable
{
    /// <summary>Writes every byte and waits until they have left the UART.</summary>
    void Write(ReadOnlySpan<byte> data);

    /// <summary>Reads what has arrived, waiting up to <paramref name="timeout"/> for the first byte. Returns 0 on timeout.</summary>
    int Read(Span<byte> buffer, TimeSpan timeout);

    /// <summary>Drops everything received and not yet read (a late answer from a previous request).</summary>
    void DiscardInput();
}
