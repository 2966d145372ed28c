using System.Runtime.InteropServices;

namespace Evse.Hardware.Linux.Interop;

/// <summary>struct pollfd (poll.h): int fd; short events; short revents.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PollFd
{
    public int Fd;
    public short Events;
    public short ReturnedEvents;
}
