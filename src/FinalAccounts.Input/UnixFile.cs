using System.Runtime.InteropServices;

namespace FinalAccounts.Input;

/// <summary>
/// The kind of a file system entry, from stat(2) through the .NET runtime's own native shim
/// (System.Native), whose status record is the same on every Unix and architecture: an int of
/// flags, then the mode with the portable S_IF* bits. .NET reports pipes, sockets and devices
/// exactly like regular files (attributes Normal, length 0), and opening a named pipe for reading
/// blocks until someone writes to it, so the kind must be asked without opening.
/// </summary>
public static class UnixFile
{
    public enum Kind { Unknown, Regular, Directory, Fifo, CharacterDevice, BlockDevice, Socket, Link }

    /// <summary>What the path is, following symbolic links when <paramref name="followLinks"/>; Unknown on Windows or without the shim.</summary>
    public static Kind KindOf(string path, bool followLinks = true)
    {
        if (OperatingSystem.IsWindows())
            return Kind.Unknown;
        var status = new byte[256];   // larger than the runtime's FileStatus record
        try
        {
            if ((followLinks ? Stat(path, status) : LStat(path, status)) != 0)
                return Kind.Unknown;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return Kind.Unknown;
        }
        return (BitConverter.ToInt32(status, 4) & 0xF000) switch
        {
            0x8000 => Kind.Regular,
            0x4000 => Kind.Directory,
            0x1000 => Kind.Fifo,
            0x2000 => Kind.CharacterDevice,
            0x6000 => Kind.BlockDevice,
            0xC000 => Kind.Socket,
            0xA000 => Kind.Link,
            _ => Kind.Unknown,
        };
    }

    /// <summary>True unless the path is known to be something other than a regular file.</summary>
    public static bool IsRegular(string path) => KindOf(path) is Kind.Regular or Kind.Unknown;

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true)]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] status);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", SetLastError = true)]
    private static extern int LStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] status);
}
