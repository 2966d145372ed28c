using Evse.Hardware.Linux.Chips;
using Evse.Hardware.Linux.Serial;

namespace Evse.Hardware.Tests.Linux.Fakes;

/// <summary>
/// A register-level PN532 behind HSU: finds information frames in what the host writes (skipping
/// the wake-up preamble), checks LCS and DCS, answers with an ACK frame and a response frame.
/// </summary>
internal sealed class FakePn532Serial : ISerialPort
{
    private readonly Queue<byte> _toHost = new();

    /// <summary>The UID of the card in the field, or null.</summary>
    public byte[]? Card { get; set; }

    /// <summary>When true the chip ignores everything (unplugged, dead).</summary>
    public bool Silent { get; set; }

    /// <summary>When true the response frame's DCS is wrong.</summary>
    public bool CorruptResponses { get; set; }

    public List<byte> Commands { get; } = [];

    public byte MaxRetriesPassiveActivation { get; private set; } = 0xFF;

    public void Write(ReadOnlySpan<byte> data)
    {
        if (Silent)
        {
            return;
        }

        var length = Pn532Frame.TryFindFrame(data, out var start);
        Assert.True(length > 0, "the host sent no valid frame");
        var frame = data.Slice(start, length);
        Assert.Equal(Pn532Frame.HostToPn532, frame[4]);
        var command = frame[5];
        var parameters = frame[6..^1].ToArray();
        Commands.Add(command);
        foreach (var b in Pn532Frame.Ack)
        {
            _toHost.Enqueue(b);
        }

        var response = command switch
        {
            0x02 => new byte[] { 0x32, 0x01, 0x06, 0x07 },
            0x14 => [],
            0x32 => ConfigureRf(parameters),
            0x4A => Card is null ? [0x00] : [0x01, 0x01, 0x00, 0x04, 0x08, (byte)Card.Length, .. Card],
            _ => throw new InvalidOperationException($"unexpected command 0x{command:X2}"),
        };
        var reply = Pn532Frame.Build(Pn532Frame.Pn532ToHost, (byte)(command + 1), response);
        if (CorruptResponses)
        {
            reply[^2] ^= 0x55;
        }

        foreach (var b in reply)
        {
            _toHost.Enqueue(b);
        }
    }

    public int Read(Span<byte> buffer, TimeSpan timeout)
    {
        var n = 0;
        while (n < buffer.Length && _toHost.Count > 0)
        {
            buffer[n++] = _toHost.Dequeue();
        }

        return n;
    }

    public void DiscardInput() => _toHost.Clear();

    public void Dispose()
    {
    }

    private byte[] ConfigureRf(byte[] parameters)
    {
        if (parameters[0] == 0x05)
        {
            MaxRetriesPassiveActivation = parameters[3];
        }

        return [];
    }
}
