using Evse.Hardware.Linux.I2c;

namespace Evse.Hardware.Tests.Linux.Fakes;

/// <summary>
/// A register-level SSD1306 on I2C: splits each write at its control byte into commands or GDDRAM
/// data, and stores data in horizontal addressing mode within the column/page window.
/// </summary>
internal sealed class FakeSsd1306 : II2cDevice
{
    private int _columnStart;
    private int _columnEnd = 127;
    private int _pageStart;
    private int _pageEnd = 7;
    private int _column;
    private int _page;

    public int Address => 0x3C;

    public byte[] Ram { get; } = new byte[128 * 8];

    public List<byte> Commands { get; } = [];

    public bool Broken { get; set; }

    public bool DisplayOn { get; private set; }

    public bool ChargePumpOn { get; private set; }

    public void Write(ReadOnlySpan<byte> data)
    {
        if (Broken)
        {
            throw new IOException("I2C transfer with 0x3C on /dev/i2c-1 failed (device not answering?)");
        }

        if (data[0] == 0x40)
        {
            foreach (var b in data[1..])
            {
                Ram[(_page * 128) + _column] = b;
                if (++_column > _columnEnd)
                {
                    _column = _columnStart;
                    _page = _page >= _pageEnd ? _pageStart : _page + 1;
                }
            }

            return;
        }

        Assert.Equal(0x00, data[0]);
        var commands = data[1..].ToArray();
        Commands.AddRange(commands);
        for (var i = 0; i < commands.Length; i++)
        {
            switch (commands[i])
            {
                case 0xAF: DisplayOn = true; break;
                case 0xAE: DisplayOn = false; break;
                case 0x8D: ChargePumpOn = commands[++i] == 0x14; break;
                case 0x21: _columnStart = _column = commands[++i]; _columnEnd = commands[++i]; break;
                case 0x22: _pageStart = _page = commands[++i]; _pageEnd = commands[++i]; break;
                case 0xD5 or 0xA8 or 0xD3 or 0x20 or 0xDA or 0x81 or 0xD9 or 0xDB: i++; break;
                default: break;
            }
        }
    }

    public void Read(Span<byte> buffer) => throw new IOException("the SSD1306 has no readable registers over I2C");

    public bool Pixel(int x, int y) => (Ram[((y / 8) * 128) + x] & (1 << (y % 8))) != 0;

    public void Dispose()
    {
    }
}
