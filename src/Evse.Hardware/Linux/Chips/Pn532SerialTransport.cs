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

    public void WriteFrame(ReadOnlySpan<byte> frame)
    {
        port.DiscardInput();
        var buffer = new byte[WakeUp.Length + frame.Length];
        WakeUp.CopyTo(buffer, 0);
        frame.CopyTo(buffer.AsSpan(WakeUp.Length));
        port.Write(buffer);
    }

    public int ReadFrame(Span<byte> buffer, TimeSpan timeout)
    {
        Span<byte> raw = stackalloc byte[300];
        var received = 0;
        while (received < raw.Length)
        {
            var n = port.Read(raw[received..], timeout);
            if (n == 0)
            {
                return 0;
            }

            received += n;
            var length = Pn532Frame.TryFindFrame(raw[..received], out var start);
            if (length > 0)
            {
                raw.Slice(start, length).CopyTo(buffer);
                return length;
            }
        }

        return 0;
    }

    public void Dispose() => port.Dispose();
}
