using Microsoft.Extensions.Logging;

namespace Generator.Cli.Unattended;

/// <summary>
/// The drop folder's layout and its crash-safe processing. A workbook moves inbox → work/&lt;claim&gt;
/// → archive (or failed); its report goes out/ by rename only. Each step leaves evidence in the
/// claim folder, so after a crash every claim is finished from where it stopped: never lost,
/// never published twice.
/// </summary>
public sealed class DropFolder(string root, CompiledReportTemplate template, ILogger logger)
{
    public string Inbox => Path.Combine(root, "inbox");
    public string Out => Path.Combine(root, "out");
    public string Archive => Path.Combine(root, "archive");
    public string Failed => Path.Combine(root, "failed");
    public string Work => Path.Combine(root, "work");

    private const string OriginalName = "original-name.txt";
    private const string PublishMarker = "publish.txt";
    private const string StagedReport = "report.docx";
    private const string StagedFailure = "failure.txt";

    private readonly Dictionary<string, (long Size, DateTime Written, DateTime Seen)> _observed = new();

    public void EnsureFolders()
    {
        foreach (var folder in new[] { Inbox, Out, Archive, Failed, Work })
            Directory.CreateDirectory(folder);
    }

    /// <summary>Finishes every claim a previous run left behind (a crash, a kill, a power cut).</summary>
    public void Recover()
    {
        foreach (var claim in Directory.EnumerateDirectories(Work).Order(StringComparer.Ordinal))
        {
            logger.LogInformation("Resuming unfinished claim {Claim}", Path.GetFileName(claim));
            Finish(claim);
        }
    }

    /// <summary>One pass over the inbox: claims and processes each workbook that has finished arriving.</summary>
    public int ProcessReadyFiles(TimeSpan stableFor)
    {
        var processed = 0;
        var files = Directory.EnumerateFiles(Inbox).Where(BatchRunner.IsWorkbook).Order(StringComparer.Ordinal).ToList();
        foreach (var gone in _observed.Keys.Except(files).ToList())
            _observed.Remove(gone);   // taken away by the user: forget it, so a long-running service does not grow
        foreach (var file in files)
        {
            if (!IsStable(file, stableFor))
                continue;
            var claim = Claim(file);
            if (claim is null)
                continue;
            Finish(claim);
            processed++;
        }
        return processed;
    }

    /// <summary>Fully written: same size and time as seen at least stableFor ago, and nobody else has it open.</summary>
    private bool IsStable(string file, TimeSpan stableFor)
    {
        var info = new FileInfo(file);
        if (!info.Exists)
            return false;
        var now = DateTime.UtcNow;
        var seen = _observed.TryGetValue(file, out var before) && before.Size == info.Length && before.Written == info.LastWriteTimeUtc
            ? before.Seen
            : info.LastWriteTimeUtc < now - stableFor ? info.LastWriteTimeUtc : now;   // already old at first sight: dropped while we were down
        _observed[file] = (info.Length, info.LastWriteTimeUtc, seen);
        if (now - seen < stableFor)
            return false;
        try
        {
            using var exclusive = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.None);
            return true;
        }
        catch (IOException)
        {
            return false;   // still being copied or open in Excel
        }
    }

    private string? Claim(string file)
    {
        var claim = Path.Combine(Work, $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(claim);
        File.WriteAllText(Path.Combine(claim, OriginalName), Path.GetFileName(file));
        try
        {
            File.Move(file, Path.Combine(claim, "input" + Path.GetExtension(file).ToLowerInvariant()));
        }
        catch (IOException)
        {
            Directory.Delete(claim, recursive: true);   // it vanished or got locked again: look next pass
            return null;
        }
        _observed.Remove(file);
        logger.LogInformation("Claimed {File}", Path.GetFileName(file));
        return claim;
    }

    /// <summary>Drives one claim to its end from whatever state it is in.</summary>
    private void Finish(string claim)
    {
        foreach (var temp in Directory.EnumerateFiles(claim, "*.tmp"))
            File.Delete(temp);   // a write the crash interrupted; it is redone below
        var input = Directory.EnumerateFiles(claim, "input.*").FirstOrDefault();
        var original = File.Exists(Path.Combine(claim, OriginalName)) ? File.ReadAllText(Path.Combine(claim, OriginalName)).Trim() : "workbook.xlsx";
        var marker = Path.Combine(claim, PublishMarker);
        if (input is null && !File.Exists(marker))
        {
            Directory.Delete(claim, recursive: true);   // claimed folder created, file never moved in: it is still in the inbox
            return;
        }
        if (!File.Exists(marker))
        {
            foreach (var stray in Directory.EnumerateFiles(claim, "*.docx"))
                File.Delete(stray);   // staged before the crash but never marked: it is made again
            Stage(claim, input!, original, marker);
        }
        Publish(claim, input, original, File.ReadAllLines(marker));
        Directory.Delete(claim, recursive: true);
    }

    private void Stage(string claim, string input, string original, string marker)
    {
        var (outcome, staged, title) = ReportJob.Stage(input, template, claim);
        string baseName;
        if (staged is not null)
        {
            File.Move(staged, Path.Combine(claim, StagedReport));
            baseName = OutputNames.Safe(title, OutputNames.Safe(Path.GetFileNameWithoutExtension(original)));
        }
        else
        {
            AtomicFile.WriteAllText(Path.Combine(claim, StagedFailure), outcome.Details.Replace(Path.GetFileName(input), original));
            baseName = OutputNames.Safe(Path.GetFileNameWithoutExtension(original)) + BatchRunner.FailureSuffix;
        }
        // The marker is written last: once it exists, the claim only has files left to move.
        AtomicFile.WriteAllText(marker, $"{(staged is not null ? "report" : "failure")}\n{baseName}\n");
        logger.LogInformation("{File}: {Status} {Problem}", original, outcome.Status, outcome.FirstProblem?.Replace(Path.GetFileName(input), original) ?? "");
    }

    private void Publish(string claim, string? input, string original, string[] marker)
    {
        var succeeded = marker[0] == "report";
        var staged = Path.Combine(claim, succeeded ? StagedReport : StagedFailure);
        if (File.Exists(staged))   // gone means a previous run already moved it
        {
            var published = OutputNames.MoveToFreeName(staged, succeeded ? Out : Failed, marker[1], succeeded ? ".docx" : ".txt");
            logger.LogInformation("Published {Output}", Path.GetFileName(published));
        }
        if (input is not null)
            OutputNames.MoveToFreeName(input, succeeded ? Archive : Failed, OutputNames.Safe(Path.GetFileNameWithoutExtension(original)), Path.GetExtension(input));
    }
}
