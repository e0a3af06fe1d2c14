using FinalAccounts.Input;

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
        reason = UnixFile.KindOf(path) switch
        {
            UnixFile.Kind.Regular or UnixFile.Kind.Unknown => "",   // Unknown: Windows (no pipes or devices in a folder) or a runtime without the shim
            UnixFile.Kind.Fifo => $"“{name}”是命名管道（FIFO），不是工作簿文件，未读取。",
            UnixFile.Kind.CharacterDevice or UnixFile.Kind.BlockDevice => $"“{name}”是设备文件，不是工作簿文件，未读取。",
            UnixFile.Kind.Socket => $"“{name}”是套接字，不是工作簿文件，未读取。",
            _ => $"“{name}”不是普通文件，未读取。",
        };
        return reason.Length == 0;
    }
}
