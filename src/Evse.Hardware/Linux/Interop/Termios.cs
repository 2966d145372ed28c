using System.Runtime.InteropServices;

namespace Evse.Hardware.Linux.Interop;

/// <summary>
/// glibc struct termios (bits/termios-struct.h), identical on x86_64 and aarch64: four tcflag_t
/// (uint), cc_t c_line, cc_t c_cc[NCCS = 32], then speed_t c_ispeed and c_ospeed; 60 bytes.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct Termios
{
    // asm-generic/termbits.h octal values, written in hex.
    internal const uint Csize = 0x30;
    internal const uint Cs7 = 0x20;
    internal const uint Cs8 = 0x30;
    internal const uint Cstopb = 0x40;
    internal const uint Cread = 0x80;
    internal const uint Parenb = 0x100;
    internal const uint Parodd = 0x200;
    internal const uint Clocal = 0x800;
    internal const uint Crtscts = 0x80000000;
    internal const int Vtime = 5;
    internal const int Vmin = 6;
    internal const int TcsaNow = 0;
    internal const int TcIoFlush = 2;
    internal const int TcIFlush = 0;

    public uint InputFlags;
    public uint OutputFlags;
    public uint ControlFlags;
    public uint LocalFlags;
    public byte Line;
    public fixed byte ControlChars[32];
    public uint InputSpeed;
    public uint OutputSpeed;

    /// <summary>The Bxxxx speed constant for a baud rate (asm-generic/termbits.h).</summary>
    internal static bool TryGetSpeedConstant(int baud, out uint speed)
    {
        speed = baud switch
        {
            1200 => 0x9,
            2400 => 0xB,
            4800 => 0xC,
            9600 => 0xD,
            19200 => 0xE,
            38400 => 0xF,
            57600 => 0x1001,
            115200 => 0x1002,
            230400 => 0x1003,
            _ => 0,
        };
        return speed != 0;
    }
}
