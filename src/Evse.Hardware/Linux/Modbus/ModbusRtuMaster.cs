using Evse.Hardware.Linux.Serial;

namespace Evse.Hardware.Linux.Modbus;

/// <summary>
/// A Modbus RTU master on one serial line (Modbus Application Protocol V1.1b3, Modbus over
/// Serial Line V1.02). One request at a time; callers on several threads are serialised.
/// </summary>
public sealed class ModbusRtuMaster(ISerialPort port, ModbusRtuOptions options, int baudRate)
{
    /// <summary>Function 0x04 Read Input Registers (Application Protocol §6.4); at most 125 registers.</summary>
    public const byte ReadInputRegistersFunction = 0x04;

    private const int MaxRegisters = 125;
    private readonly object _gate = new();
    private readonly TimeSpan _gap = ModbusRtuOptions.InterCharacterGap(baudRate);

    public ModbusRtuOptions Options => options;

    /// <summary>Reads <paramref name="registers"/>.Length input registers from <paramref name="startAddress"/>.</summary>
    public ModbusResult ReadInputRegisters(byte slaveAddress, ushort startAddress, Span<ushort> registers)
    {
        if (slaveAddress is 0 or > 247)
        {
            throw new ArgumentOutOfRangeException(nameof(slaveAddress), slaveAddress, "Modbus slave addresses are 1 to 247.");
        }

        if (registers.Length is 0 or > MaxRegisters)
        {
            throw new ArgumentOutOfRangeException(nameof(registers), registers.Length, "Read 1 to 125 registers.");
        }

        Span<byte> request = stackalloc byte[8];
        request[0] = slaveAddress;
        request[1] = ReadInputRegistersFunction;
        request[2] = (byte)(startAddress >> 8);
        request[3] = (byte)startAddress;
        request[4] = (byte)(registers.Length >> 8);
        request[5] = (byte)registers.Length;
        var crc = ModbusCrc.Compute(request[..6]);
        request[6] = (byte)crc;
        request[7] = (byte)(crc >> 8);

        var expectedLength = 5 + (registers.Length * 2);
        Span<byte> response = stackalloc byte[256];
        ModbusResult last = default;
        lock (_gate)
        {
            for (var attempt = 1; attempt <= options.Retries + 1; attempt++)
            {
                port.DiscardInput();
                port.Write(request);
                var length = ReceiveFrame(response, expectedLength);
                var error = Validate(response[..length], slaveAddress, ReadInputRegistersFunction, expectedLength, out var exceptionCode);
                last = new ModbusResult(error, attempt, exceptionCode);
                if (error == ModbusError.None)
                {
                    for (var i = 0; i < registers.Length; i++)
                    {
                        registers[i] = (ushort)((response[3 + (2 * i)] << 8) | response[4 + (2 * i)]);
                    }

                    return last;
                }

                // An exception answer is the slave's word on the matter: repeating it changes nothing.
                if (error == ModbusError.SlaveException)
                {
                    return last;
                }
            }
        }

        return last;
    }

    private static ModbusError Validate(ReadOnlySpan<byte> frame, byte slave, byte function, int expectedLength, out byte exceptionCode)
    {
        exceptionCode = 0;
        if (frame.Length == 0)
        {
            return ModbusError.Timeout;
        }

        if (frame.Length >= 5 && frame[1] == (function | 0x80) && ModbusCrc.IsValid(frame[..5]))
        {
            if (frame[0] != slave)
            {
                return ModbusError.UnexpectedReply;
            }

            exceptionCode = frame[2];
            return ModbusError.SlaveException;
        }

        if (frame.Length < expectedLength)
        {
            // The start of our answer, cut off by silence, is a timeout; anything else is line noise.
            var ourAnswerCutShort = frame.Length >= 2 && frame[0] == slave && frame[1] == function && !ModbusCrc.IsValid(frame);
            return ourAnswerCutShort ? ModbusError.Timeout : ModbusError.Malformed;
        }

        if (!ModbusCrc.IsValid(frame[..expectedLength]) || frame.Length != expectedLength)
        {
            return ModbusCrc.IsValid(frame) ? ModbusError.Malformed : ModbusError.BadCrc;
        }

        if (frame[0] != slave || frame[1] != function)
        {
            return ModbusError.UnexpectedReply;
        }

        return frame[2] == expectedLength - 5 ? ModbusError.None : ModbusError.Malformed;
    }

    /// <summary>Collects bytes until the expected length, a line-silence gap after some bytes, or the response timeout.</summary>
    private int ReceiveFrame(Span<byte> buffer, int expectedLength)
    {
        var received = port.Read(buffer, options.ResponseTimeout);
        if (received == 0)
        {
            return 0;
        }

        while (received < buffer.Length)
        {
            // A complete exception frame is 5 bytes; a complete answer is expectedLength.
            if (received >= expectedLength || (received == 5 && (buffer[1] & 0x80) != 0))
            {
                // Keep reading briefly only if more is already waiting (trailing garbage makes the frame malformed).
                var extra = port.Read(buffer[received..], TimeSpan.Zero);
                received += extra;
                return received;
            }

            var n = port.Read(buffer[received..], _gap);
            if (n == 0)
            {
                break;
            }

            received += n;
        }

        return received;
    }
}
