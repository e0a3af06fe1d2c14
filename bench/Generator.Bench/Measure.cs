using System.Diagnostics;

namespace Generator.Bench;

/// <summary>A careful stopwatch: warm-up runs first, then the median of the timed runs.</summary>
internal static class Measure
{
    public static double Median(int warmup, int runs, Action action)
    {
        // Tiered JIT promotes a method after ~30 calls, but only once no new methods have been compiled for a
        // while, and a render keeps meeting new ones for its first ~100 runs: 40 warm-up runs still timed
        // partly unoptimised code (a render's median 114 ms against ~25 ms warm).
        for (var i = 0; i < Math.Max(warmup, 150); i++)
            action();
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times[times.Count / 2];
    }

    /// <summary>Whole processes: one untimed start (disk cache), then the median of the timed ones.</summary>
    public static double Processes(int runs, Action start)
    {
        start();
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
            times.Add(Once(start));
        times.Sort();
        return times[times.Count / 2];
    }

    public static double Once(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalMilliseconds;
    }

    /// <summary>Runs a process to its end; returns its standard output.</summary>
    public static string Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode is not (0 or 1))
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {process.ExitCode}: {error.Result}");
        return output.Result;
    }
}
