using System.Runtime.InteropServices;

namespace Evse.Hardware.Linux.Interop;

/// <summary>An owned Linux file descriptor, closed exactly once.</summary>
internal sealed class FileDescriptorHandle : SafeHandle
{
    public FileDescriptorHandle(int fd)
        : base(-1, ownsHandle: true) => SetHandle(fd);

    public override bool IsInvalid => handle == -1;

    public int Fd => (int)handle;

    /// <summary>Opens a device node; a missing node or a permission problem becomes an IOException naming it.</summary>
    public static FileDescriptorHandle Open(string path, int flags)
    {
        var fd = Libc.Open(path, flags | Libc.OCloExec);
        if (fd < 0)
        {
            throw NativeError.Last($"cannot open {path}");
        }

        return new FileDescriptorHandle(fd);
    }

    protected override bool ReleaseHandle() => Libc.Close((int)handle) == 0;
}
