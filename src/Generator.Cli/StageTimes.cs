using System.Diagnostics;

namespace Generator.Cli;

/// <summary>
/// How long each stage of one report took, measured inside the pipeline itself, so the stages add up
/// to the whole (the bench prints them; a stage timed on its own would run in other conditions).
/// </summary>
public sealed class StageTimes
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly List<(string Stage, double Milliseconds)> _times = new();

    public IReadOnlyList<(string Stage, double Milliseconds)> Times => _times;

    /// <summary>
    /// Times for `generate --timings`: the first stage is the start-up, from the process's start to this call
    /// (runtime, assembly loading, command-line parsing), so an operator sees where a cold run's time goes.
    /// </summary>
    public static StageTimes SinceProcessStart()
    {
        var times = new StageTimes();
        var started = Process.GetCurrentProcess().StartTime;
        times._times.Add(("start-up", Math.Max(0, (DateTime.Now - started).TotalMilliseconds)));
        return times;
    }

    /// <summary>One line per stage and the total, in milliseconds.</summary>
    public string Summary() =>
        string.Join("\n", _times.Select(t => FormattableString.Invariant($"{t.Stage,-48} {t.Milliseconds,8:0.0} ms"))
            .Append(FormattableString.Invariant($"{"total",-48} {_times.Sum(t => t.Milliseconds),8:0.0} ms")));

    /// <summary>Ends the stage that ran since the last call (or since this object was made).</summary>
    public void Done(string stage)
    {
        _times.Add((stage, _watch.Elapsed.TotalMilliseconds));
        _watch.Restart();
    }
}
