namespace Generator.Cli;

/// <summary>
/// Seams for the fault tests: a pause between writing a file and renaming it into place
/// (GENERATOR_TEST_PAUSE_BEFORE_RENAME_MS), a pause between the link and the unlink of a publish
/// (GENERATOR_TEST_PAUSE_BETWEEN_LINK_AND_UNLINK_MS), so a test can kill the process there; a crash
/// of the drop folder service (GENERATOR_TEST_CRASH_SERVICE); a workbook that takes the process down
/// (GENERATOR_TEST_CRASH_ON_NAME: processing a file whose name contains it ends the process as an
/// out-of-memory kill would, without any cleanup); and storage faults injected under a
/// folder (in process, or GENERATOR_TEST_DISK_FULL_UNDER for a child process), for machines where a
/// full disk or a read-only folder cannot be made for real (tests running as root write anywhere).
/// </summary>
public static class TestHooks
{
    private static readonly int PauseMilliseconds = Milliseconds("GENERATOR_TEST_PAUSE_BEFORE_RENAME_MS");
    private static readonly int LinkPauseMilliseconds = Milliseconds("GENERATOR_TEST_PAUSE_BETWEEN_LINK_AND_UNLINK_MS");
    private static readonly object Gate = new();
    private static readonly List<(string Folder, Func<Exception> Fault)> Faults = [];

    static TestHooks()
    {
        if (Environment.GetEnvironmentVariable("GENERATOR_TEST_DISK_FULL_UNDER") is { Length: > 0 } folder)
            Faults.Add((Path.GetFullPath(folder), () => new IOException("No space left on device", 28)));
    }

    public static bool CrashService => Environment.GetEnvironmentVariable("GENERATOR_TEST_CRASH_SERVICE") == "1";

    /// <summary>Ends the process at once when <paramref name="workbookName"/> contains GENERATOR_TEST_CRASH_ON_NAME: a poison workbook.</summary>
    public static void CrashIfPoison(string workbookName)
    {
        if (Environment.GetEnvironmentVariable("GENERATOR_TEST_CRASH_ON_NAME") is { Length: > 0 } marker && workbookName.Contains(marker, StringComparison.Ordinal))
            Environment.FailFast($"GENERATOR_TEST_CRASH_ON_NAME: {workbookName}");
    }

    public static void PauseBeforeRename()
    {
        if (PauseMilliseconds > 0)
            Thread.Sleep(PauseMilliseconds);
    }

    public static void PauseBetweenLinkAndUnlink()
    {
        if (LinkPauseMilliseconds > 0)
            Thread.Sleep(LinkPauseMilliseconds);
    }

    /// <summary>Every write or move into <paramref name="folder"/> fails with the given exception until disposed.</summary>
    public static IDisposable InjectStorageFault(string folder, Func<Exception> fault)
    {
        var entry = (Path.GetFullPath(folder), fault);
        lock (Gate)
            Faults.Add(entry);
        return new Removal(() =>
        {
            lock (Gate)
                Faults.Remove(entry);
        });
    }

    /// <summary>Called before writing or moving a file to <paramref name="path"/>.</summary>
    public static void ThrowIfStorageFault(string path)
    {
        var full = Path.GetFullPath(path);
        Func<Exception>? fault;
        lock (Gate)
            fault = Faults.FirstOrDefault(f => full == f.Folder || full.StartsWith(f.Folder + Path.DirectorySeparatorChar, StringComparison.Ordinal)).Fault;
        if (fault is not null)
            throw fault();
    }

    private static int Milliseconds(string variable) => int.TryParse(Environment.GetEnvironmentVariable(variable), out var ms) ? ms : 0;

    private sealed class Removal(Action remove) : IDisposable
    {
        public void Dispose() => remove();
    }
}

/// <summary>
/// Writing failed because of the machine, not the input: the disk is full, the folder is read-only
/// or gone, permission is denied. The drop folder keeps the workbook queued and retries; batch
/// reports it without blaming the workbook. The message says the cause in Chinese.
/// </summary>
public sealed class StorageFault(string path, Exception cause) : IOException($"无法写入“{path}”：{Describe(cause)}", cause)
{
    public static string Describe(Exception cause) => cause switch
    {
        StorageFault fault => Describe(fault.InnerException!),
        DirectoryNotFoundException => $"目录不存在（{cause.Message}）",
        UnauthorizedAccessException => $"没有写权限或目录只读（{cause.Message}）",
        IOException { HResult: 28 or unchecked((int)0x80070070) or unchecked((int)0x80070027) } => $"磁盘空间已满（{cause.Message}）",
        IOException { HResult: 122 } => $"磁盘配额已用完（{cause.Message}）",
        IOException { HResult: 30 } => $"文件系统只读（{cause.Message}）",
        _ => $"读写出错（{cause.Message}）",
    };

    /// <summary>Faults of the environment, as opposed to defects of ours.</summary>
    public static bool IsStorageFault(Exception ex) => ex is IOException or UnauthorizedAccessException;
}

/// <summary>Writes to a temporary name beside the target and renames, so no half-written file is ever seen.</summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string text) =>
        Write(path, temp => File.WriteAllText(temp, text, new System.Text.UTF8Encoding(false)));

    /// <summary>Throws <see cref="StorageFault"/> when the disk or the folder refuses the write; nothing is left behind.</summary>
    public static void Write(string path, Action<string> writeTemp)
    {
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            TestHooks.ThrowIfStorageFault(full);
            writeTemp(temp);
            TestHooks.PauseBeforeRename();
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception ex) when (ex is (IOException or UnauthorizedAccessException) and not StorageFault)
        {
            throw new StorageFault(full, ex);
        }
        finally
        {
            try
            {
                if (File.Exists(temp))
                    File.Delete(temp);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // the folder became unwritable meanwhile: a stray .tmp is removed by the next recovery
            }
        }
    }
}
