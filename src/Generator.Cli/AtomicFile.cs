namespace Generator.Cli;

/// <summary>
/// A pause between writing a file and renaming it into place, set only by the crash test
/// (GENERATOR_TEST_PAUSE_BEFORE_RENAME_MS) so it can kill the process while a report is being written.
/// </summary>
public static class TestHooks
{
    private static readonly int PauseMilliseconds =
        int.TryParse(Environment.GetEnvironmentVariable("GENERATOR_TEST_PAUSE_BEFORE_RENAME_MS"), out var ms) ? ms : 0;

    public static void PauseBeforeRename()
    {
        if (PauseMilliseconds > 0)
            Thread.Sleep(PauseMilliseconds);
    }
}

/// <summary>Writes to a temporary name beside the target and renames, so no half-written file is ever seen.</summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string text) =>
        Write(path, temp => File.WriteAllText(temp, text, new System.Text.UTF8Encoding(false)));

    public static void Write(string path, Action<string> writeTemp)
    {
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            writeTemp(temp);
            TestHooks.PauseBeforeRename();
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }
    }
}
