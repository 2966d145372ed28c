using Evse.Hardware.Linux.Serial;

namespace Evse.Hardware.Linux.Chips;

/// <summary>PN532 over HSU at 115200 8N1 (UM0701-02 §6.2.3).</summary>
public sealed class Pn532SerialTransport(ISerialPort port) : IPn532Transport
{
    /// <summary>
    /// §6.3.2.3 / §7.2.11: in power-down the PN532 needs a long preamble of 0x55 and zeros to wake
    /// its HSU before it sees the start code; harmless when it is already awake.
    /// </summary>
    private static readonly byte[] WakeUp = [0x55, 0x55, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    // The ACK and the response often arrive in one read: keep what follows a frame for the next call.
    private readonly byte[] _pending = new byte[512];
    private int _pendingCount;

    public void WriteFrame(ReadOnlySpan<byte> frame)
    {
        port.DiscardInput();
        _pendingCount = 0;
        var buffer = new byte[WakeUp.Length + frame.Length];
        WakeUp.CopyTo(buffer, 0);
        frame.CopyTo(buffer.AsSpan(WakeUp.Length));
        port.Write(buffer);
    }

    public int ReadFrame(Span<byte> buffer, TimeSpan timeout)
    {
        while (true)
        {
            var length = Pn532Frame.TryFindFrame(_pending.AsSpan(0, _pendingCount), out var start);
            if (length > 0)
            {
                _pending.AsSpan(start, length).CopyTo(buffer);
                var consumed = start + length;
                _pending.AsSpan(consumed, _pendingCount - consumed).CopyTo(_pending);
                _pendingCount -= consumed;
                return length;
            }

            if (_pendingCount == _pending.Length)
            {
                _pendingCount = 0; // a full buffer of noise: drop it
            }

            var n = port.Read(_pending.AsSpan(_pendingCount), timeout);
            if (n == 0)
            {
                return 0;
            }

            _pendingCount += n;
        }
    }

    public void Dispose() => port.Dispose();
}
