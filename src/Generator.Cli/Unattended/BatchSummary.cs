using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Generator.Cli.Unattended;

/// <summary>
/// batch-summary.json beside the reports: for a bureau's tooling, every input with its report (or
/// failure report), status, finding counts and duration, then the totals. Written atomically, so a
/// tool polling the folder never reads half of it; each run replaces the previous one.
/// </summary>
public static partial class BatchSummary
{
    public const string FileName = "batch-summary.json";

    /// <summary>ISO-8601 local time with its offset, the one format of times in logs and summaries: 2026-11-23T02:00:00+08:00.</summary>
    public static string Iso(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static string Status(JobStatus status) => status switch
    {
        JobStatus.Succeeded => "succeeded",
        JobStatus.SucceededWithWarnings => "warnings",
        JobStatus.Failed => "failed",
        JobStatus.UpToDate => "up-to-date",
        _ => "environment-fault",
    };

    /// <summary>Writes the summary into <paramref name="outputFolder"/>; returns its path, or throws <see cref="StorageFault"/>.</summary>
    public static string Write(string inputFolder, string outputFolder, IReadOnlyList<JobOutcome> outcomes, DateTimeOffset started, DateTimeOffset finished, int exitCode)
    {
        var path = Path.Combine(outputFolder, FileName);
        AtomicFile.WriteAllText(path, ToJson(inputFolder, outputFolder, outcomes, started, finished, exitCode));
        return path;
    }

    public static string ToJson(string inputFolder, string outputFolder, IReadOnlyList<JobOutcome> outcomes, DateTimeOffset started, DateTimeOffset finished, int exitCode)
    {
        int Count(JobStatus status) => outcomes.Count(o => o.Status == status);
        var summary = new Document(
            Path.GetFullPath(inputFolder), Path.GetFullPath(outputFolder), Iso(started), Iso(finished),
            (long)(finished - started).TotalMilliseconds, exitCode,
            new Totals(outcomes.Count, Count(JobStatus.Succeeded), Count(JobStatus.SucceededWithWarnings), Count(JobStatus.Failed),
                Count(JobStatus.UpToDate), Count(JobStatus.NotWritten)),
            outcomes.Select(o => new Entry(
                Path.GetFullPath(o.Input),
                o.Status is JobStatus.Succeeded or JobStatus.SucceededWithWarnings or JobStatus.UpToDate ? Full(o.Report) : null,
                o.Status == JobStatus.Failed ? Full(o.Report) : null,
                Status(o.Status), o.Errors, o.Warnings,
                o.Status is JobStatus.Succeeded or JobStatus.UpToDate ? null : o.FirstProblem,
                (long)o.Duration.TotalMilliseconds)).ToList());
        return JsonSerializer.Serialize(summary, (JsonTypeInfo<Document>)Options.GetTypeInfo(typeof(Document))) + "\n";
    }

    private static string? Full(string? path) => path is null ? null : Path.GetFullPath(path);

    // Chinese paths and messages stay readable in the file (no \uXXXX escapes).
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // Generated at compile time (no reflection), so the native program writes the same file.
        TypeInfoResolver = SummaryJsonContext.Default,
    };

    [JsonSerializable(typeof(Document))]
    private sealed partial class SummaryJsonContext : JsonSerializerContext;

    private sealed record Document(string InputFolder, string OutputFolder, string StartedAt, string FinishedAt, long DurationMs, int ExitCode,
        Totals Totals, IReadOnlyList<Entry> Workbooks);

    private sealed record Totals(int Inputs, int Succeeded, int Warnings, int Failed, int UpToDate, int EnvironmentFault);

    private sealed record Entry(string Input, string? Output, string? FailureReport, string Status, int? Errors, int? Warnings, string? FirstProblem, long DurationMs);
}
