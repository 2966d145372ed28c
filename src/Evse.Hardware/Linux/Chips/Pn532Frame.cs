namespace Evse.Hardware.Linux.Chips;

/// <summary>
/// PN532 normal information frames and ACK frames (UM0701-02 §6.2.1): 00 00 FF LEN LCS TFI PD… DCS 00,
/// with LEN + LCS = 0 and TFI + PD… + DCS = 0 (mod 256). The ACK frame is 00 00 FF 00 FF 00.
/// </summary>
public static class Pn532Frame
{
    public const byte HostToPn532 = 0xD4;
    public const byte Pn532ToHost = 0xD5;

    public static ReadOnlySpan<byte> Ack => [0x00, 0x00, 0xFF, 0x00, 0xFF, 0x00];

    /// <summary>Builds an information frame carrying TFI D4, <paramref name="command"/> and its parameters.</summary>
    public static byte[] Build(byte frameIdentifier, byte command, ReadOnlySpan<byte> parameters)
    {
        var length = parameters.Length + 2;
        var frame = new byte[length + 7];
        frame[0] = 0x00;
        frame[1] = 0x00;
        frame[2] = 0xFF;
        frame[3] = (byte)length;
        frame[4] = (byte)(0x100 - length);
        frame[5] = frameIdentifier;
        frame[6] = command;
        parameters.CopyTo(frame.AsSpan(7));
        var sum = 0;
        for (var i = 5; i < 5 + length; i++)
        {
            sum += frame[i];
        }

        frame[5 + length] = (byte)(0x100 - (sum & 0xFF));
        frame[6 + length] = 0x00;
        return frame;
    }

    /// <summary>
    /// Finds the first complete, checksum-valid ACK or information frame in <paramref name="data"/>.
    /// Returns its length counted from the 00 FF start code (<paramref name="start"/>), or 0.
    /// </summary>
    public static int TryFindFrame(ReadOnlySpan<byte> data, out int start)
    {
        for (start = 0; start + 1 < data.Length; start++)
        {
            if (data[start] != 0x00 || data[start + 1] != 0xFF)
            {
                continue;
            }

            if (start + 3 >= data.Length)
            {
                return 0;
            }

            var length = data[start + 2];
            var lengthCheck = data[start + 3];
            if (length == 0 && lengthCheck == 0xFF)
            {
                return 4; // ACK: 00 FF 00 FF
            }

            if ((byte)(length + lengthCheck) != 0)
            {
                continue;
            }

            var total = 4 + length + 1;
            if (start + total > data.Length)
            {
                return 0;
            }

            var sum = 0;
            for (var i = 0; i <= length; i++)
            {
                sum += data[start + 4 + i];
            }

            if ((sum & 0xFF) == 0)
            {
                return total;
            }
        }

        start = 0;
        return 0;
    }
}
