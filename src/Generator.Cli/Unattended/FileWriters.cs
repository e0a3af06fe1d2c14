namespace Generator.Cli.Unattended;

/// <summary>
/// Whether some process still has a file open for writing. On Linux an ordinary writer (cp, a
/// network copy, a shell redirect) takes no lock, so a failed exclusive open proves nothing there:
/// the kernel's table of open files (/proc/&lt;pid&gt;/fd and the access mode in
/// /proc/&lt;pid&gt;/fdinfo) is asked instead. On Windows a writer denies an exclusive open.
/// </summary>
public static class FileWriters
{
    public static bool IsOpenForWriting(string path)
    {
        var full = Path.GetFullPath(path);
        if (OperatingSystem.IsLinux() && Directory.Exists("/proc/self/fd") && AnyProcessWrites(full))
            return true;
        return !CanOpenExclusively(full);
    }

    private static bool CanOpenExclusively(string path)
    {
        try
        {
            using var exclusive = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None);
            return true;
        }
        catch (FileNotFoundException)
        {
            return true;   // gone: nobody writes it; the caller finds it missing
        }
        catch (IOException)
        {
            return false;   // still being copied, or open in Excel
        }
        catch (UnauthorizedAccessException)
        {
            return true;   // not ours to read; the claim step says so
        }
    }

    /// <summary>
    /// Every process's open descriptors that lead to the file, and whether one was opened with
    /// O_WRONLY or O_RDWR (the low two bits of "flags:", octal). Processes of other users are
    /// invisible to an unprivileged service: run it as the user that copies the files, or as root.
    /// </summary>
    private static bool AnyProcessWrites(string path)
    {
        IEnumerable<string> processes;
        try
        {
            processes = Directory.EnumerateDirectories("/proc").Where(p => Path.GetFileName(p).All(char.IsAsciiDigit)).ToList();
        }
        catch (IOException)
        {
            return false;
        }
        foreach (var process in processes)
        {
            try
            {
                foreach (var descriptor in Directory.EnumerateFileSystemEntries(Path.Combine(process, "fd")))
                {
                    if (new FileInfo(descriptor).LinkTarget != path)
                        continue;
                    if (OpenedForWriting(Path.Combine(process, "fdinfo", Path.GetFileName(descriptor))))
                        return true;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // the process ended while we looked, or belongs to another user
            }
        }
        return false;
    }

    private static bool OpenedForWriting(string fdinfo)
    {
        foreach (var line in File.ReadLines(fdinfo))
        {
            if (!line.StartsWith("flags:", StringComparison.Ordinal))
                continue;
            var flags = Convert.ToInt64(line["flags:".Length..].Trim(), 8);
            return (flags & 3) != 0;   // O_WRONLY = 1, O_RDWR = 2
        }
        return false;
    }
}
