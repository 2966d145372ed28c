using Evse.Hardware.Linux.Chips;
using Evse.Hardware.Linux.I2c;
using Evse.Testing;

namespace Evse.Hardware.Tests.Linux.Chips;

public class Pn532I2cTransportTests
{
    [Fact]
    public void ReadFrame_StatusReady_SkipsStatusByteAndReturnsFrame()
    {
        var device = new ScriptedI2c();
        var frame = Pn532Frame.Build(Pn532Frame.Pn532ToHost, 0x03, [0x32, 0x01, 0x06, 0x07]);
        device.Reads.Enqueue([0x00]);                 // not ready yet
        device.Reads.Enqueue([0x01, .. frame]);       // ready: status then the frame
        var transport = new Pn532I2cTransport(device, new FakeTimeProvider());
        var buffer = new byte[64];

        var length = transport.ReadFrame(buffer, TimeSpan.FromSeconds(1));

        Assert.Equal(frame[1..^1], buffer[..length]); // from the 00 FF start code to DCS
    }

    [Fact]
    public void ReadFrame_NeverReady_ReturnsZeroAtDeadline()
    {
        var device = new ScriptedI2c();
        var transport = new Pn532I2cTransport(device, new FakeTimeProvider());

        Assert.Equal(0, transport.ReadFrame(new byte[64], TimeSpan.Zero));
        Assert.Equal(1, device.ReadCount);
    }

    private sealed class ScriptedI2c : II2cDevice
    {
        public Queue<byte[]> Reads { get; } = new();

        public int ReadCount { get; private set; }

        public int Address => 0x24;

        public void Write(ReadOnlySpan<byte> data)
        {
        }

        public void Read(Span<byte> buffer)
        {
            ReadCount++;
            buffer.Clear();
            if (Reads.TryDequeue(out var next))
            {
                next.AsSpan(0, Math.Min(next.Length, buffer.Length)).CopyTo(buffer);
            }
        }

        public void Dispose()
        {
        }
    }
}
