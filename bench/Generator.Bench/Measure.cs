using System.Diagnostics;

namespace Generator.Bench;

/// <summary>A careful stopwatch: warm-up runs first, then the median of the timed runs.</summary>
internal static class Measure
{
    public static double Median(int warmup, int runs, Action action)
    {
        WarmUntilSteady(Math.Max(warmup, 150), action);
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

    /// <summary>
    /// Runs the action until its time stops falling. Tiered JIT (with PGO) reaches its final code for a
    /// whole report only after a few hundred runs: after 150 runs the sample's pipeline still took twice its
    /// steady time (27 → 22 → 17.5 → 15 → 13.7 → 12.6 ms in rounds of 40), so a fixed count timed
    /// half-optimised code for some rows and optimised code for others (the floor is mostly precompiled
    /// SDK code). Rounds of 20 runs go on until three rounds in a row bring no new best round median
    /// (within 3 %): at least <paramref name="minimum"/> runs, beyond that at most 2 000 runs or 30 s.
    /// </summary>
    public static int WarmUntilSteady(int minimum, Action action)
    {
        const int round = 20;
        var best = double.MaxValue;
        var stale = 0;
        var done = 0;
        var clock = Stopwatch.StartNew();
        while (done < minimum || (done < 2_000 && clock.Elapsed.TotalSeconds < 30))
        {
            var times = new double[round];
            for (var i = 0; i < round; i++)
                times[i] = Once(action);
            done += round;
            Array.Sort(times);
            var median = times[round / 2];
            if (median < best * 0.97)
                (best, stale) = (median, 0);
            else
                stale++;
            if (stale >= 3 && done >= minimum)
                break;
        }
        return done;
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
