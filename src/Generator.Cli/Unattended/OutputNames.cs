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
    /// With <paramref name="intentFile"/> the move can be resumed after a kill at any instant: the
    /// chosen name is written there before the move, and a later call that finds that name already
    /// holding the same bytes (the kill fell between link and unlink) only removes the source,
    /// instead of publishing a second copy as "(2)".
    /// </summary>
    public static string MoveToFreeName(string source, string folder, string baseName, string extension, string? intentFile = null)
    {
        var root = Path.GetFullPath(folder);
        lock (Gate)
        {
            if (intentFile is not null && AlreadyMoved(source, intentFile) is { } earlier)
                return earlier;
            for (var n = 1; ; n++)
            {
                var target = Path.GetFullPath(Path.Combine(root, n == 1 ? $"{baseName}{extension}" : $"{baseName}({n}){extension}"));
                if (!target.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                    throw new InvalidOperationException("output name escapes its folder");   // Safe() makes this unreachable
                if (File.Exists(target))
                    continue;
                if (intentFile is not null)
                    AtomicFile.WriteAllText(intentFile, target);
                if (TryMoveWithoutOverwrite(source, target))
                    return target;
            }
        }
    }

    /// <summary>The target an interrupted move already reached: same bytes under the name it chose.</summary>
    private static string? AlreadyMoved(string source, string intentFile)
    {
        if (!File.Exists(intentFile))
            return null;
        var target = File.ReadAllText(intentFile).Trim();
        if (target.Length == 0 || !File.Exists(target) || !SameBytes(source, target))
            return null;
        File.Delete(source);
        return target;
    }

    public static bool SameBytes(string first, string second)
    {
        var a = new FileInfo(first);
        var b = new FileInfo(second);
        if (a.Length != b.Length)
            return false;
        using var x = a.OpenRead();
        using var y = b.OpenRead();
        var bufferX = new byte[81920];
        var bufferY = new byte[81920];
        while (true)
        {
            var read = x.ReadAtLeast(bufferX, bufferX.Length, throwOnEndOfStream: false);
            if (read != y.ReadAtLeast(bufferY, bufferY.Length, throwOnEndOfStream: false))
                return false;
            if (read == 0)
                return true;
            if (!bufferX.AsSpan(0, read).SequenceEqual(bufferY.AsSpan(0, read)))
                return false;
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
        try
        {
            TestHooks.ThrowIfStorageFault(target);
            return MoveUnlessTaken(source, target);
        }
        catch (Exception ex) when (ex is (IOException or UnauthorizedAccessException) and not StorageFault)
        {
            throw new StorageFault(target, ex);
        }
    }

    private static bool MoveUnlessTaken(string source, string target)
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
            TestHooks.PauseBetweenLinkAndUnlink();
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
