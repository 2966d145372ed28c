using Evse.Testing.Serial;
using Evse.Hardware.Linux.Serial;

namespace Evse.Hardware.Tests.Linux.Serial;

public class TermiosSerialPortTests
{
    [Fact]
    public void Write_OverPseudoTerminal_ArrivesUnchangedOnTheOtherEnd()
    {
        using var pty = new PseudoTerminal();
        using var port = new TermiosSerialPort(pty.SlavePath, new SerialSettings(19200, SerialParity.Even));

        // Bytes a cooked tty would mangle: CR, LF, XON/XOFF, ^C, 0xFF.
        byte[] sent = [0x0D, 0x0A, 0x11, 0x13, 0x03, 0xFF, 0x00, 0x7F];
        port.Write(sent);
        var received = new byte[16];
        var n = pty.Read(received, TimeSpan.FromSeconds(2));

        Assert.Equal(sent, received[..n]);
    }

    [Fact]
    public void Read_BytesFromOtherEnd_ReturnsThemRaw()
    {
        using var pty = new PseudoTerminal();
        using var port = new TermiosSerialPort(pty.SlavePath, new SerialSettings());
        byte[] sent = [0x0D, 0x03, 0x1A, 0x04, 0x00];

        pty.Write(sent);
        var buffer = new byte[16];
        var n = port.Read(buffer, TimeSpan.FromSeconds(2));

        Assert.Equal(sent, buffer[..n]);
    }

    [Fact]
    public void Read_NothingSent_ReturnsZeroAfterTimeout()
    {
        using var pty = new PseudoTerminal();
        using var port = new TermiosSerialPort(pty.SlavePath, new SerialSettings());

        var n = port.Read(new byte[8], TimeSpan.FromMilliseconds(30));

        Assert.Equal(0, n);
    }

    [Fact]
    public void Constructor_MissingDevice_ThrowsNamingTheDevice()
    {
        var ex = Assert.Throws<IOException>(() => new TermiosSerialPort("/dev/ttyDOESNOTEXIST9", new SerialSettings()));

        Assert.Contains("/dev/ttyDOESNOTEXIST9", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NotATerminal_ThrowsNamingTheDevice()
    {
        var ex = Assert.Throws<IOException>(() => new TermiosSerialPort("/dev/null", new SerialSettings()));

        Assert.Contains("/dev/null", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_Rs485OnPseudoTerminal_FallsBackWithoutDriverSupport()
    {
        using var pty = new PseudoTerminal();

        using var port = new TermiosSerialPort(pty.SlavePath, new SerialSettings(Rs485: true));

        Assert.False(port.RsDriverEnabled);
    }
}
