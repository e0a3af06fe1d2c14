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

    /// <summary>Ends the stage that ran since the last call (or since this object was made).</summary>
    public void Done(string stage)
    {
        _times.Add((stage, _watch.Elapsed.TotalMilliseconds));
        _watch.Restart();
    }
}
