namespace Evse.Hardware.Linux.Interop;

/// <summary>The C library. Each native call lives in its own Libc.*.cs file.</summary>
internal static partial class Libc
{
    internal const string Name = "libc";

    // fcntl.h, asm-generic values shared by x64 and arm64.
    internal const int ORdOnly = 0x0;
    internal const int ORdWr = 0x2;
    internal const int ONoCtty = 0x100;
    internal const int ONonBlock = 0x800;
    internal const int OCloExec = 0x80000;

    // poll.h
    internal const short PollIn = 0x1;

    // errno.h
    internal const int EIntr = 4;
    internal const int EAgain = 11;
    internal const int ENoEnt = 2;
}
