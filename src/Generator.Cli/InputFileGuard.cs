using System.Runtime.InteropServices;

namespace Generator.Cli;

/// <summary>
/// Whether a path names an ordinary file that can be opened and read to its end. A named pipe, a
/// device or a socket blocks or never ends when opened, so it is refused by its type, without
/// opening it. Used by the drop folder before claiming and by the commands before reading.
/// </summary>
public static class InputFileGuard
{
    /// <summary>
    /// True for a regular file (a symbolic link counts by what it finally points to). Otherwise
    /// false, with the reason in Chinese for the user.
    /// </summary>
    public static bool IsRegularFile(string path, out string reason)
    {
        FileSystemInfo info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            var target = info.ResolveLinkTarget(returnFinalTarget: true);
            if (target is null || !target.Exists)
            {
                reason = $"“{Path.GetFileName(path)}”是指向不存在文件的符号链接。";
                return false;
            }
            info = target;
        }
        return IsRegular(info.FullName, out reason);
    }

    /// <summary>True when the path itself is a symbolic link (or a Windows junction): the drop folder never follows those.</summary>
    public static bool IsLink(string path) => new FileInfo(path).LinkTarget is not null;

    private static bool IsRegular(string path, out string reason)
    {
        var name = Path.GetFileName(path);
        if (Directory.Exists(path))
        {
            reason = $"“{name}”是目录，不是文件。";
            return false;
        }
        if (!File.Exists(path))
        {
            reason = $"“{name}”不存在。";
            return false;
        }
        if (OperatingSystem.IsWindows())
        {
            // Windows has no pipes or devices in a folder; a device path (\\.\…, CON) is not listed as a file.
            reason = "";
            return true;
        }
        var kind = UnixFileKind(path);
        reason = kind switch
        {
            FileKind.Regular or FileKind.Unknown => "",
            FileKind.Fifo => $"“{name}”是命名管道（FIFO），不是工作簿文件，未读取。",
            FileKind.CharacterDevice or FileKind.BlockDevice => $"“{name}”是设备文件，不是工作簿文件，未读取。",
            FileKind.Socket => $"“{name}”是套接字，不是工作簿文件，未读取。",
            _ => $"“{name}”不是普通文件，未读取。",
        };
        return reason.Length == 0;
    }

    private enum FileKind { Unknown, Regular, Directory, Fifo, CharacterDevice, BlockDevice, Socket, Link }

    /// <summary>
    /// The file type from lstat, through the .NET runtime's own native shim (System.Native), whose
    /// status record is the same on every Unix and architecture: an int of flags, then the mode with
    /// portable S_IF* bits. .NET exposes no public way to tell a pipe from a file without opening it.
    /// </summary>
    private static FileKind UnixFileKind(string path)
    {
        var status = new byte[256];   // larger than the runtime's FileStatus record
        try
        {
            if (SystemNativeLStat(path, status) != 0)
                return FileKind.Unknown;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return FileKind.Unknown;   // a runtime without the shim: behave as before rather than refuse every file
        }
        var mode = BitConverter.ToInt32(status, 4) & 0xF000;
        return mode switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0x1000 => FileKind.Fifo,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            0xA000 => FileKind.Link,
            _ => FileKind.Unknown,
        };
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", SetLastError = true)]
    private static extern int SystemNativeLStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] status);
}
