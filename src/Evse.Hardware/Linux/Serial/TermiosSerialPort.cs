using System.Runtime.InteropServices;
using Evse.Hardware.Linux.Interop;

namespace Evse.Hardware.Linux.Serial;

/// <summary>A serial port through termios: raw mode, 8 data bits, non-blocking reads with poll(2) for timeouts.</summary>
public sealed class TermiosSerialPort : ISerialPort
{
    private readonly FileDescriptorHandle _fd;

    /// <summary>Opens and configures <paramref name="path"/>.</summary>
    /// <exception cref="IOException">Missing node, no permission, or termios refused; the message names the device.</exception>
    public TermiosSerialPort(string path, SerialSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!Termios.TryGetSpeedConstant(settings.BaudRate, out var speed))
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.BaudRate, "Unsupported baud rate.");
        }

        if (settings.StopBits is not (1 or 2))
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.StopBits, "Stop bits are 1 or 2.");
        }

        Path = path;
        _fd = FileDescriptorHandle.Open(path, Libc.ORdWr | Libc.ONoCtty | Libc.ONonBlock);
        try
        {
            Configure(speed, settings);
            RsDriverEnabled = settings.Rs485 && TryEnableRs485();
        }
        catch
        {
            _fd.Dispose();
            throw;
        }
    }

    public string Path { get; }

    /// <summary>True when the driver accepted TIOCSRS485 and now switches the transceiver itself.</summary>
    public bool RsDriverEnabled { get; }

    public unsafe void Write(ReadOnlySpan<byte> data)
    {
        fixed (byte* start = data)
        {
            var written = 0;
            while (written < data.Length)
            {
                var n = Libc.Write(_fd.Fd, start + written, (nuint)(data.Length - written));
                if (n < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno is Libc.EAgain or Libc.EIntr)
                    {
                        WaitWritable();
                        continue;
                    }

                    throw NativeError.Last($"write to {Path} failed");
                }

                written += (int)n;
            }
        }

        // Wait until the bytes are on the wire, so a half-duplex RS485 line can turn round.
        if (Libc.TcDrain(_fd.Fd) < 0 && Marshal.GetLastPInvokeError() != Libc.EIntr)
        {
            throw NativeError.Last($"tcdrain on {Path} failed");
        }
    }

    public unsafe int Read(Span<byte> buffer, TimeSpan timeout)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        var pollFd = new PollFd { Fd = _fd.Fd, Events = Libc.PollIn };
        var ready = Libc.Poll(&pollFd, 1, Math.Max(0, (int)Math.Ceiling(timeout.TotalMilliseconds)));
        if (ready <= 0)
        {
            return ready == 0 || Marshal.GetLastPInvokeError() == Libc.EIntr ? 0 : throw NativeError.Last($"poll on {Path} failed");
        }

        fixed (byte* start = buffer)
        {
            var n = Libc.Read(_fd.Fd, start, (nuint)buffer.Length);
            if (n < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                return errno is Libc.EAgain or Libc.EIntr ? 0 : throw NativeError.Last($"read from {Path} failed");
            }

            return (int)n;
        }
    }

    public void DiscardInput() => Libc.TcFlush(_fd.Fd, Termios.TcIFlush);

    public void Dispose() => _fd.Dispose();

    private unsafe void Configure(uint speed, SerialSettings settings)
    {
        Termios termios;
        if (Libc.TcGetAttr(_fd.Fd, &termios) < 0)
        {
            throw NativeError.Last($"{Path} is not a terminal");
        }

        Libc.CfMakeRaw(&termios);
        termios.ControlFlags &= ~(Termios.Csize | Termios.Parenb | Termios.Parodd | Termios.Cstopb | Termios.Crtscts);
        termios.ControlFlags |= Termios.Cs8 | Termios.Cread | Termios.Clocal;
        termios.ControlFlags |= settings.Parity switch
        {
            SerialParity.Even => Termios.Parenb,
            SerialParity.Odd => Termios.Parenb | Termios.Parodd,
            _ => 0u,
        };
        if (settings.StopBits == 2)
        {
            termios.ControlFlags |= Termios.Cstopb;
        }

        // Non-blocking fd plus poll: VMIN/VTIME 0 so read returns what is there.
        termios.ControlChars[Termios.Vmin] = 0;
        termios.ControlChars[Termios.Vtime] = 0;
        if (Libc.CfSetSpeed(&termios, speed) < 0)
        {
            throw NativeError.Last($"cannot set {settings.BaudRate} baud on {Path}");
        }

        if (Libc.TcSetAttr(_fd.Fd, Termios.TcsaNow, &termios) < 0)
        {
            throw NativeError.Last($"cannot configure {Path}");
        }

        Libc.TcFlush(_fd.Fd, Termios.TcIoFlush);
    }

    private unsafe bool TryEnableRs485()
    {
        var rs485 = new SerialRs485 { Flags = SerialRs485.Enabled | SerialRs485.RtsOnSend };
        return Libc.Ioctl(_fd.Fd, SerialRs485.SetIoctl, &rs485) == 0;
    }

    private unsafe void WaitWritable()
    {
        var pollFd = new PollFd { Fd = _fd.Fd, Events = 0x4 }; // POLLOUT
        Libc.Poll(&pollFd, 1, 100);
    }
}
