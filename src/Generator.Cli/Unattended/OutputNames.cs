namespace Generator.Cli.Unattended;

/// <summary>
/// Names of files written into an output folder from text a user controls (a department name,
/// a workbook name): reduced to a plain file name that cannot leave the folder, and never
/// overwriting what is there — a taken name gets (2), (3) ….
/// </summary>
public static class OutputNames
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    /// <summary>A safe base name: no separators, no reserved or control characters, no leading dots, at most 80 characters.</summary>
    public static string Safe(string? text, string fallback = "报告")
    {
        var chars = (text ?? "").Select(c => char.IsControl(c) || "<>:\"/\\|?*".Contains(c) ? '_' : c).ToArray();
        var name = new string(chars).Replace("..", "_").Trim().Trim('.', ' ', '_');
        if (name.Length > 80)
            name = name[..80];
        if (name.Length == 0 || Reserved.Contains(name.Split('.')[0]))
            name = fallback;
        return name;
    }

    /// <summary>
    /// Moves a finished file to folder/baseName+extension, or the first free "baseName(n)" — the
    /// move itself refuses to overwrite, so two workers can never take the same name.
    /// </summary>
    public static string MoveToFreeName(string source, string folder, string baseName, string extension)
    {
        var root = Path.GetFullPath(folder);
        lock (Gate)
        {
            for (var n = 1; ; n++)
            {
                var target = Path.GetFullPath(Path.Combine(root, n == 1 ? $"{baseName}{extension}" : $"{baseName}({n}){extension}"));
                if (!target.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                    throw new InvalidOperationException("output name escapes its folder");   // Safe() makes this unreachable
                if (!File.Exists(target) && TryMoveWithoutOverwrite(source, target))
                    return target;
            }
        }
    }

    private static readonly object Gate = new();

    /// <summary>
    /// Moves only if the target does not exist, atomically: on Unix a hard link fails when the name
    /// is taken (rename would silently replace it, even from File.Move without overwrite); on
    /// Windows MoveFileEx without replace already refuses.
    /// </summary>
    private static bool TryMoveWithoutOverwrite(string source, string target)
    {
        if (OperatingSystem.IsWindows())
        {
            try
            {
                File.Move(source, target, overwrite: false);
                return true;
            }
            catch (IOException) when (File.Exists(target))
            {
                return false;
            }
        }
        if (Link(source, target) == 0)
        {
            File.Delete(source);
            return true;
        }
        if (System.Runtime.InteropServices.Marshal.GetLastPInvokeError() == 17)   // EEXIST: taken by another process
            return false;
        // No hard links here (another device, a file system without them): the lock above still keeps our own workers apart.
        File.Move(source, target, overwrite: false);
        return true;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int Link(string oldPath, string newPath);
}
