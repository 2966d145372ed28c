using Evse.Hardware.Linux.I2c;

namespace Evse.Hardware.Linux.Chips;

/// <summary>
/// PN532 over I2C at address 0x24 (UM0701-02 §6.2.4). Every read starts with a status byte whose
/// bit 0 says whether a frame is ready; the host polls it.
/// </summary>
public sealed class Pn532I2cTransport(II2cDevice device, TimeProvider time) : IPn532Transport
{
    /// <summary>§6.2.4: 7-bit address 0x24 (0x48 write / 0x49 read).</summary>
    public const int DefaultAddress = 0x24;

    /// <summary>Longest frame we read: an InListPassiveTarget answer with a 10-byte UID and ATS fits.</summary>
    private const int ReadLength = 64;

    public void WriteFrame(ReadOnlySpan<byte> frame) => device.Write(frame);

    public int ReadFrame(Span<byte> buffer, TimeSpan timeout)
    {
        var deadline = time.GetTimestamp() + (long)(timeout.TotalSeconds * time.TimestampFrequency);
        Span<byte> raw = stackalloc byte[ReadLength + 1];
        while (true)
        {
            device.Read(raw);
            if ((raw[0] & 0x01) != 0)
            {
                var length = Pn532Frame.TryFindFrame(raw[1..], out var start);
                if (length > 0)
                {
                    raw.Slice(1 + start, length).CopyTo(buffer);
                    return length;
                }
            }

            if (time.GetTimestamp() >= deadline)
            {
                return 0;
            }

#pragma warning disable RS0030 // §6.2.4: the host polls the ready bit; a 2 ms pause keeps the bus free.
            Thread.Sleep(2);
#pragma warning restore RS0030
        }
    }

    public void Dispose() => device.Dispose();
}
