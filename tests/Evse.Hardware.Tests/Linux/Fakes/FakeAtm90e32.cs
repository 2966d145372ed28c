using Evse.Hardware.Linux.Spi;

namespace Evse.Hardware.Tests.Linux.Fakes;

/// <summary>
/// A register-level ATM90E32: 16-bit registers behind the 4-byte SPI frame, configuration
/// registers writable only while CfgRegAccEn holds 0x55AA, energy registers cleared on read, soft
/// reset back to reset values. <see cref="Dead"/> makes the bus float (all ones).
/// </summary>
internal sealed class FakeAtm90e32 : ISpiDevice
{
    private readonly ushort[] _registers = new ushort[0x100];

    public FakeAtm90e32() => Reset();

    public bool Dead { get; set; }

    public List<(ushort Address, ushort Value)> Writes { get; } = [];

    public ushort this[int address]
    {
        get => _registers[address];
        set => _registers[address] = value;
    }

    public void Reset()
    {
        Array.Clear(_registers);
        _registers[0x33] = 0x0087; // MMode0 reset value happens to be 50 Hz 3P4W
        _registers[0x61] = 0x8000;
    }

    /// <summary>Simulates a brown-out: the chip forgets its configuration.</summary>
    public void BrownOut()
    {
        Array.Clear(_registers);
        _registers[0x33] = 0x0000;
    }

    public void TransferFullDuplex(ReadOnlySpan<byte> write, Span<byte> read)
    {
        Assert.Equal(4, write.Length);
        if (Dead)
        {
            read.Fill(0xFF);
            return;
        }

        var isRead = (write[0] & 0x80) != 0;
        var address = ((write[0] & 0x7F) << 8) | write[1];
        read[0] = read[1] = 0;
        if (isRead)
        {
            var value = _registers[address];
            if (address is >= 0x80 and <= 0x8F)
            {
                _registers[address] = 0; // read-to-clear energy registers
            }

            read[2] = (byte)(value >> 8);
            read[3] = (byte)value;
            return;
        }

        var data = (ushort)((write[2] << 8) | write[3]);
        Writes.Add(((ushort)address, data));
        if (address == 0x70 && data == 0x789A)
        {
            Reset();
            return;
        }

        var isConfiguration = address is >= 0x30 and <= 0x6F;
        if (isConfiguration && _registers[0x7F] != 0x55AA)
        {
            return; // write-protected, as on the chip
        }

        _registers[address] = data;
    }

    public void Dispose()
    {
    }
}
