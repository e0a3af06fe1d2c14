using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace FinalAccounts.Tests.Support;

/// <summary>
/// A `generator watch` child process, as a supervisor runs it: its console output is kept for
/// assertions, and it is killed when disposed, so a failing test leaves no service running.
/// </summary>
public sealed class WatchProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private WatchProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Starts a watch on <paramref name="folder"/> polling every 0.2 s with a 0.5 s stable period; <paramref name="settings"/> add or override (--Watch:…=…).</summary>
    public static WatchProcess Start(string folder, IReadOnlyDictionary<string, string>? environment = null, params string[] settings)
    {
        var generator = Path.Combine(AppContext.BaseDirectory, "generator.dll");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { generator, "watch", folder, "--Watch:PollSeconds=0.2", "--Watch:StableSeconds=0.5", "--Watch:Layout=false" }.Concat(settings))
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        return new WatchProcess(Process.Start(start)!);
    }

    /// <summary>Everything the process printed so far (console log lines, stderr).</summary>
    public string Output => string.Join("\n", _lines);

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>kill -9: the process ends wherever it is, without any cleanup.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, what systemd sends to stop a service.</summary>
    public void Terminate()
    {
        if (!OperatingSystem.IsWindows())
            _ = SendSignal(_process.Id, 15);
    }

    /// <summary>True when the process ended within <paramref name="timeout"/> (its output read to the end).</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
            return false;
        _process.WaitForExit();
        return true;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            Kill();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
            _lines.Enqueue(line);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}

/// <summary>Waiting for what another process or thread does: polled, with a deadline, never a fixed sleep.</summary>
public static class Poll
{
    public static bool Until(Func<bool> condition, double seconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                return false;
            Thread.Sleep(50);
        }
        return true;
    }
}
