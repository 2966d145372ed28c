using System.Runtime.InteropServices;

namespace Evse.Hardware.Linux.Interop;

/// <summary>Turns the errno of the last P/Invoke into an IOException that names what we were doing.</summary>
internal static class NativeError
{
    internal static IOException Last(string what)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new IOException($"{what}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})", errno);
    }
}
