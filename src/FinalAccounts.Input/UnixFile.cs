using System.Runtime.InteropServices;

namespace FinalAccounts.Input;

/// <summary>
/// The file type from stat(2). .NET reports pipes, sockets and devices exactly like regular files
/// (attributes Normal, length 0), and opening a named pipe for reading blocks until someone writes.
/// </summary>
internal static class UnixFile
{
    private const int TypeMask = 0xF000;    // S_IFMT
    private const int Regular = 0x8000;     // S_IFREG

    /// <summary>True for a regular file; when the type cannot be asked (another libc or architecture), true.</summary>
    public static bool IsRegular(string path)
    {
        // st_mode's offset in struct stat differs by architecture (x86-64: after dev, ino, nlink; the generic layout: after dev, ino).
        var modeOffset = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 24,
            Architecture.Arm64 => 16,
            _ => -1,
        };
        if (!OperatingSystem.IsLinux() || modeOffset < 0)
            return true;
        var buffer = new byte[256];
        try
        {
            if (Stat(path, buffer) != 0)
                return false;
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return true;
        }
        return (BitConverter.ToInt32(buffer, modeOffset) & TypeMask) == Regular;
    }

    // DllImport marshals strings as UTF-8 on Unix; LibraryImport would need unsafe code for this one call.
    [DllImport("libc", EntryPoint = "stat", SetLastError = true)]
    private static extern int Stat(string path, byte[] buffer);
}
