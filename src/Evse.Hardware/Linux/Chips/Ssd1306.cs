using Evse.Core.Ports.Hardware;
using Evse.Hardware.Linux.I2c;
using Microsoft.Extensions.Logging;

namespace Evse.Hardware.Linux.Chips;

/// <summary>
/// The SSD1306 128×64 OLED controller on I2C (Solomon Systech SSD1306 datasheet rev 1.1). Layout:
/// the network letter top right, the status line in double size on pages 2–3 (single size when longer than 10 characters), the detail line on
/// page 5. A display that stops answering is not a safety matter: <see cref="Show"/> logs once,
/// reports <see cref="IsOnline"/> false, and tries a full re-initialisation with the next update.
/// </summary>
public sealed partial class Ssd1306 : IDisplay
{
    /// <summary>§8.1.5.1: SA0 low gives 0x3C; 0x3D with SA0 high.</summary>
    public const int DefaultAddress = 0x3C;

    public const int WidthPixels = 128;
    public const int Pages = 8;

    // §8.1.5.2: the control byte after the address: Co = 0, D/C# = 0 for a command stream, 1 for data.
    private const byte CommandStream = 0x00;
    private const byte DataStream = 0x40;

    /// <summary>
    /// §10 command table, in the order of the datasheet's application example (Figure "Software
    /// initialization flow") with the charge pump of application note "Charge Pump Regulator".
    /// </summary>
    private static readonly byte[] InitSequence =
    [
        0xAE,       // §10.1.12 display off
        0xD5, 0x80, // §10.1.16 clock divide ratio / oscillator frequency (reset value)
        0xA8, 0x3F, // §10.1.11 multiplex ratio 64
        0xD3, 0x00, // §10.1.15 display offset 0
        0x40,       // §10.1.6 start line 0
        0x8D, 0x14, // charge pump on (app note: 8Dh, 14h)
        0x20, 0x00, // §10.1.3 horizontal addressing mode
        0xA1,       // §10.1.8 segment remap: column 127 to SEG0 (module mounted upright)
        0xC8,       // §10.1.14 COM scan from COM63 to COM0
        0xDA, 0x12, // §10.1.18 alternative COM pin configuration (128×64 modules)
        0x81, 0xCF, // §10.1.7 contrast
        0xD9, 0xF1, // §10.1.17 pre-charge period for the internal charge pump
        0xDB, 0x40, // §10.1.19 VCOMH deselect level
        0xA4,       // §10.1.9 output follows RAM
        0xA6,       // §10.1.10 normal (not inverted)
        0xAF,       // §10.1.12 display on
    ];

    private readonly II2cDevice _device;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly byte[] _frame = new byte[WidthPixels * Pages];
    private bool _initialised;

    public Ssd1306(II2cDevice device, ILogger<Ssd1306> logger)
    {
        _device = device;
        _logger = logger;
    }

    public bool IsOnline { get; private set; } = true;

    public DisplayContent? Content { get; private set; }

    public void Show(DisplayContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        lock (_gate)
        {
            Content = content;
            Render(content);
            try
            {
                if (!_initialised)
                {
                    SendCommands(InitSequence);
                    _initialised = true;
                }

                // §10.1.4 / §10.1.5: column window 0–127 and page window 0–7, then the whole frame.
                SendCommands([0x21, 0x00, WidthPixels - 1, 0x22, 0x00, Pages - 1]);
                Span<byte> chunk = stackalloc byte[WidthPixels + 1];
                chunk[0] = DataStream;
                for (var page = 0; page < Pages; page++)
                {
                    _frame.AsSpan(page * WidthPixels, WidthPixels).CopyTo(chunk[1..]);
                    _device.Write(chunk);
                }

                if (!IsOnline)
                {
                    LogBackOnline(_logger);
                }

                IsOnline = true;
            }
            catch (IOException ex)
            {
                if (IsOnline)
                {
                    LogOffline(_logger, ex.Message);
                }

                IsOnline = false;
                _initialised = false;
            }
        }
    }

    /// <summary>The pixel at (<paramref name="x"/>, <paramref name="y"/>) of the last rendered frame.</summary>
    public bool PixelAt(int x, int y) => (_frame[((y / 8) * WidthPixels) + x] & (1 << (y % 8))) != 0;

    private void Render(DisplayContent content)
    {
        Array.Clear(_frame);
        DrawText(content.NetworkLetter.ToString(), WidthPixels - Font5x7.Width - 1, 0, 1);
        // Double size fits 10 characters; a longer state name drops to single size rather than being cut.
        var statusScale = content.StatusLine.Length * (Font5x7.Width + 1) * 2 <= WidthPixels + 2 ? 2 : 1;
        DrawText(content.StatusLine, 0, statusScale == 2 ? 16 : 20, statusScale);
        if (content.Detail is { } detail)
        {
            DrawText(detail, 0, 40, 1);
        }
    }

    private void DrawText(string text, int left, int top, int scale)
    {
        var x = left;
        foreach (var c in text)
        {
            var columns = Font5x7.Columns(c);
            for (var column = 0; column < Font5x7.Width; column++)
            {
                for (var row = 0; row < Font5x7.Height; row++)
                {
                    if ((columns[column] & (1 << row)) != 0)
                    {
                        FillBlock(x + (column * scale), top + (row * scale), scale);
                    }
                }
            }

            x += (Font5x7.Width + 1) * scale;
            if (x >= WidthPixels)
            {
                return; // The rest does not fit: cut, never wrap into the next line.
            }
        }
    }

    private void FillBlock(int x, int y, int size)
    {
        for (var dx = 0; dx < size; dx++)
        {
            for (var dy = 0; dy < size; dy++)
            {
                var px = x + dx;
                var py = y + dy;
                if (px < WidthPixels && py < Pages * 8)
                {
                    _frame[((py / 8) * WidthPixels) + px] |= (byte)(1 << (py % 8));
                }
            }
        }
    }

    private void SendCommands(ReadOnlySpan<byte> commands)
    {
        Span<byte> buffer = stackalloc byte[commands.Length + 1];
        buffer[0] = CommandStream;
        commands.CopyTo(buffer[1..]);
        _device.Write(buffer);
    }

    [LoggerMessage(EventId = 5301, Level = LogLevel.Warning, Message = "OLED display does not answer: {Reason}")]
    private static partial void LogOffline(ILogger logger, string reason);

    [LoggerMessage(EventId = 5302, Level = LogLevel.Information, Message = "OLED display answers again")]
    private static partial void LogBackOnline(ILogger logger);
}
