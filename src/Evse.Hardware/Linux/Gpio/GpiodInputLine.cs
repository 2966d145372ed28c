using Evse.Hardware.Linux.Interop;

namespace Evse.Hardware.Linux.Gpio;

/// <summary>An input line requested through libgpiod; edge waits poll the line's event fd.</summary>
internal sealed class GpiodInputLine(nint line, int offset, bool activeLow, bool withEdges) : IGpioInput
{
    private bool _released;

    public bool Read()
    {
        ObjectDisposedException.ThrowIf(_released, this);
        var value = Gpiod.LineGetValue(line);
        return value < 0 ? throw NativeError.Last($"cannot read GPIO line {offset}") : (value == 1) != activeLow;
    }

    public unsafe bool TryWaitForEdge(TimeSpan timeout, out GpioEdge edge)
    {
        ObjectDisposedException.ThrowIf(_released, this);
        if (!withEdges)
        {
            throw new InvalidOperationException($"GPIO line {offset} was requested without edge events.");
        }

        edge = default;
        var fd = Gpiod.LineEventGetFd(line);
        if (fd < 0)
        {
            throw NativeError.Last($"cannot get the event fd of GPIO line {offset}");
        }

        var pollFd = new PollFd { Fd = fd, Events = Libc.PollIn };
        var ready = Libc.Poll(&pollFd, 1, (int)Math.Ceiling(timeout.TotalMilliseconds));
        if (ready == 0)
        {
            return false;
        }

        if (ready < 0)
        {
            return System.Runtime.InteropServices.Marshal.GetLastPInvokeError() == Libc.EIntr
                ? false
                : throw NativeError.Last($"cannot poll GPIO line {offset}");
        }

        GpiodLineEvent lineEvent;
        if (Gpiod.LineEventRead(line, &lineEvent) < 0)
        {
            throw NativeError.Last($"cannot read an edge event of GPIO line {offset}");
        }

        var rising = lineEvent.EventType == Gpiod.RisingEdge;
        var timestamp = TimeSpan.FromSeconds(lineEvent.Seconds) + TimeSpan.FromTicks(lineEvent.Nanoseconds / 100);
        edge = new GpioEdge(rising != activeLow, timestamp);
        return true;
    }

    public void Dispose()
    {
        if (!_released)
        {
            _released = true;
            Gpiod.LineRelease(line);
        }
    }
}
