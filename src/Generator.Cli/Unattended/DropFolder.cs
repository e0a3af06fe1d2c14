using Microsoft.Extensions.Logging;

namespace Generator.Cli.Unattended;

/// <summary>
/// The drop folder's layout and its crash-safe processing. A workbook moves inbox → work/&lt;claim&gt;
/// → archive (or failed); its report goes out/ by rename only. Each step leaves evidence in the
/// claim folder, so after a crash every claim is finished from where it stopped: never lost,
/// never published twice. A fault of the disk or of a folder (<see cref="StorageFault"/>) leaves
/// the claim where it is, to be finished by a later pass; it never fails the workbook.
/// </summary>
/// <param name="maxDeaths">Processing starts that ended with the process gone (out of memory, a crash, a kill) before the workbook is given up.</param>
/// <param name="isOpenForWriting">Whether a writer still has a file open; a seam for tests of a platform where writers are invisible.</param>
/// <param name="layout">The 目录 page numbers: the reports of one pass are laid out together by one LibreOffice process; null: none.</param>
public sealed class DropFolder(string root, CompiledReportTemplate template, ILogger logger, int maxDeaths = 3, Func<string, bool>? isOpenForWriting = null,
    LayoutPass? layout = null)
{
    public string Inbox => Path.Combine(root, "inbox");
    public string Out => Path.Combine(root, "out");
    public string Archive => Path.Combine(root, "archive");
    public string Failed => Path.Combine(root, "failed");
    public string Work => Path.Combine(root, "work");

    /// <summary>Held open, unshared, while a service runs on this folder: one service per folder.</summary>
    public string LockFile => Path.Combine(root, ".watch.lock");

    private const string OriginalName = "original-name.txt";
    private const string ClaimedState = "claimed.txt";
    private const string Attempts = "attempts.txt";
    private const string PublishMarker = "publish.txt";
    private const string PublishingOutput = "publishing-output.txt";
    private const string PublishingInput = "publishing-input.txt";
    private const string StagedReport = "report.docx";
    private const string StagedFailure = "failure.txt";

    private readonly Func<string, bool> _isOpenForWriting = isOpenForWriting ?? FileWriters.IsOpenForWriting;
    private readonly Dictionary<string, (long Size, DateTime Written, DateTime Seen)> _observed = new();
    private readonly HashSet<string> _skipped = new(StringComparer.Ordinal);

    public void EnsureFolders()
    {
        foreach (var folder in new[] { Inbox, Out, Archive, Failed, Work })
            Directory.CreateDirectory(folder);
    }

    /// <summary>
    /// Takes the folder for this process, or returns null when another service holds it. The lock
    /// is the open file itself (FileShare.None: flock on Unix, a sharing denial on Windows), so it
    /// ends with the process however that ends.
    /// </summary>
    public FileStream? TryLock()
    {
        try
        {
            return new FileStream(LockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException) when (File.Exists(LockFile))
        {
            return null;
        }
    }

    /// <summary>Finishes every claim a previous run or an earlier pass left behind (a crash, a kill, a power cut, a full disk).</summary>
    public void Recover()
    {
        var claims = Directory.EnumerateDirectories(Work).Order(StringComparer.Ordinal).ToList();
        foreach (var claim in claims)
            logger.LogInformation("继续处理未完成的领取 {Claim}", Path.GetFileName(claim));
        FinishAll(claims, TimeSpan.Zero);
    }

    /// <summary>One pass: unfinished claims first, then each workbook of the inbox that has finished arriving.</summary>
    public int ProcessReadyFiles(TimeSpan stableFor)
    {
        Recover();
        var files = Directory.EnumerateFiles(Inbox).Where(BatchRunner.IsWorkbook).Order(StringComparer.Ordinal).ToList();
        foreach (var gone in _observed.Keys.Except(files).ToList())
            _observed.Remove(gone);   // taken away by the user: forget it, so a long-running service does not grow
        _skipped.IntersectWith(files);
        var claims = new List<string>();
        foreach (var file in files)
        {
            if (!IsOrdinaryFile(file) || !IsStable(file, stableFor))
                continue;
            if (Claim(file) is { } claim)
                claims.Add(claim);
        }
        FinishAll(claims, stableFor);
        return claims.Count;
    }

    /// <summary>
    /// A pipe or a device would block the service when opened, and a link could lead anywhere
    /// (its target would be archived or moved): such entries are left alone, logged once.
    /// </summary>
    private bool IsOrdinaryFile(string file)
    {
        string reason;
        if (InputFileGuard.IsLink(file))
            reason = $"“{Path.GetFileName(file)}”是符号链接，投放目录不跟随链接，请放入文件本身。";
        else if (InputFileGuard.IsRegularFile(file, out reason))
            return true;
        if (_skipped.Add(file))
            logger.LogWarning("跳过 {File}：{Reason}", Path.GetFileName(file), reason);
        return false;
    }

    /// <summary>
    /// Fully written: same size and time as seen at least stableFor ago, and no process has it open
    /// for writing (a copy that pauses longer than stableFor still holds the file open).
    /// </summary>
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
        return now - seen >= stableFor && !_isOpenForWriting(file);
    }

    /// <summary>Moves the file into a new claim folder; on any failure nothing of the claim remains and the file stays in the inbox.</summary>
    private string? Claim(string file)
    {
        var claim = Path.Combine(Work, $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}");
        var info = new FileInfo(file);
        try
        {
            TestHooks.ThrowIfStorageFault(claim);
            Directory.CreateDirectory(claim);
            WriteNote(Path.Combine(claim, OriginalName), Path.GetFileName(file));
            WriteNote(Path.Combine(claim, ClaimedState), $"{info.Length}\n{info.LastWriteTimeUtc.Ticks}\n");
            File.Move(file, Path.Combine(claim, "input" + Path.GetExtension(file).ToLowerInvariant()));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            DeleteClaim(claim);
            if (!File.Exists(file) || ex.HResult is unchecked((int)0x80070020) or unchecked((int)0x80070021))
                return null;   // it vanished, or got locked again (Windows): look next pass
            throw ex as StorageFault ?? new StorageFault(claim, ex);   // the disk or work/ refuses: the service backs off and says why
        }
        _observed.Remove(file);
        logger.LogInformation("已领取 {File}", Path.GetFileName(file));
        return claim;
    }

    private static void DeleteClaim(string claim)
    {
        try
        {
            if (Directory.Exists(claim))
                Directory.Delete(claim, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // an empty claim folder is removed by the next recovery pass (input is null, no marker)
        }
    }

    /// <summary>
    /// Drives claims to their end from whatever state each is in: every report staged first, then all
    /// of them laid out by one LibreOffice process (a report's 目录 page numbers), then published.
    /// </summary>
    private void FinishAll(IReadOnlyList<string> claims, TimeSpan stableFor)
    {
        var staged = claims.Where(Directory.Exists).Where(claim => StageClaim(claim, stableFor)).ToList();   // gone: finished meanwhile
        var reports = staged.Select(claim => Path.Combine(claim, StagedReport)).Where(File.Exists).ToList();
        layout?.NumberAll(reports, (i, note) =>
        {
            if (note is not null)
                logger.LogWarning("{File}：{Note}", OriginalOf(Path.GetDirectoryName(reports[i])!), note);
        });
        foreach (var claim in staged)
        {
            Publish(claim, Directory.EnumerateFiles(claim, "input.*").FirstOrDefault(), OriginalOf(claim), File.ReadAllLines(Path.Combine(claim, PublishMarker)));
            Directory.Delete(claim, recursive: true);
        }
    }

    private static string OriginalOf(string claim) =>
        File.Exists(Path.Combine(claim, OriginalName)) ? File.ReadAllText(Path.Combine(claim, OriginalName)).Trim() : "workbook.xlsx";

    /// <summary>Brings one claim to its publish marker; false when there is nothing left to publish (the workbook is still or again in the inbox).</summary>
    private bool StageClaim(string claim, TimeSpan stableFor)
    {
        foreach (var temp in Directory.EnumerateFiles(claim, "*.tmp"))
            File.Delete(temp);   // a write the crash interrupted; it is redone below
        var input = Directory.EnumerateFiles(claim, "input.*").FirstOrDefault();
        var marker = Path.Combine(claim, PublishMarker);
        if (input is null && !File.Exists(marker))
        {
            Directory.Delete(claim, recursive: true);   // claimed folder created, file never moved in: it is still in the inbox
            return false;
        }
        if (File.Exists(marker))
            return true;
        foreach (var stray in Directory.EnumerateFiles(claim, "*.docx"))
            File.Delete(stray);   // staged before the crash but never marked: it is made again
        return Stage(claim, input!, OriginalOf(claim), marker, stableFor);   // false: put back into the inbox
    }

    /// <summary>
    /// Generates the report (or the failure report) inside the claim and writes the publish marker.
    /// Each start is counted in the claim first, so a workbook that takes the process down with it
    /// is recognised at the next start and, after <c>maxDeaths</c> of them, failed instead of tried
    /// again forever. Returns false when the workbook went back to the inbox.
    /// </summary>
    private bool Stage(string claim, string input, string original, string marker, TimeSpan stableFor)
    {
        var attemptsFile = Path.Combine(claim, Attempts);
        var deaths = File.Exists(attemptsFile) && int.TryParse(File.ReadAllText(attemptsFile).Trim(), out var n) ? n : 0;
        if (deaths >= maxDeaths)
        {
            logger.LogError("{File}：处理时程序已 {Deaths} 次异常退出，移入 failed", original, deaths);
            AtomicFile.WriteAllText(Path.Combine(claim, StagedFailure), ReportJob.ProcessDiedDetails(original, deaths));
            AtomicFile.WriteAllText(marker, $"failure\n{OutputNames.Safe(Path.GetFileNameWithoutExtension(original)) + BatchRunner.FailureSuffix}\n");
            return true;
        }
        WriteNote(attemptsFile, (deaths + 1).ToString());
        TestHooks.CrashIfPoison(original);
        (JobOutcome Outcome, string? Staged, string? Title) job;
        try
        {
            job = ReportJob.Stage(input, template, claim, spareCore: true);
        }
        catch (StorageFault)
        {
            TryWrite(attemptsFile, deaths.ToString());   // the process lives: this start was no death
            throw;
        }
        var (outcome, staged, title) = job;
        if (staged is null && StillChanging(claim, input, stableFor))
        {
            PutBack(claim, input, original);
            return false;
        }
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
        logger.Log(ScheduledBatchService.Level(outcome.Status), "{File}：{Status} {Problem}", original, BatchRunner.StatusText(outcome.Status),
            outcome.FirstProblem?.Replace(Path.GetFileName(input), original) ?? "");
        return true;
    }

    /// <summary>
    /// A few bytes of claim bookkeeping, written in place: one write call, which a kill cannot tear,
    /// and no rename step (the crash tests pause the renames of reports, not of these).
    /// </summary>
    private static void WriteNote(string path, string text)
    {
        try
        {
            TestHooks.ThrowIfStorageFault(path);
            File.WriteAllText(path, text);
        }
        catch (Exception ex) when (ex is (IOException or UnauthorizedAccessException) and not StorageFault)
        {
            throw new StorageFault(path, ex);
        }
    }

    private static void TryWrite(string path, string text)
    {
        try
        {
            WriteNote(path, text);
        }
        catch (StorageFault)
        {
            // counted once too often at worst
        }
    }

    /// <summary>
    /// A workbook that failed to read may only have been caught mid-copy (a writer the platform
    /// does not show, or one that came back): if it changed since it was claimed, or changes
    /// within the stable period, or a writer has it open, it was not the workbook's fault.
    /// </summary>
    private bool StillChanging(string claim, string input, TimeSpan stableFor)
    {
        var state = File.ReadAllLines(Path.Combine(claim, ClaimedState));
        bool Changed()
        {
            var now = new FileInfo(input);
            return now.Length.ToString() != state[0] || now.LastWriteTimeUtc.Ticks.ToString() != state[1];
        }
        if (Changed() || _isOpenForWriting(input))
            return true;
        var until = DateTime.UtcNow + stableFor;
        while (DateTime.UtcNow < until)
        {
            Thread.Sleep(TimeSpan.FromMilliseconds(Math.Min(100, stableFor.TotalMilliseconds)));
            if (Changed())
                return true;
        }
        return false;
    }

    private void PutBack(string claim, string input, string original)
    {
        var back = OutputNames.MoveToFreeName(input, Inbox, Path.GetFileNameWithoutExtension(original), Path.GetExtension(original));
        _observed.Remove(back);
        logger.LogWarning("{File} 领取后仍在写入，已放回 inbox，写完后再处理", original);
        Directory.Delete(claim, recursive: true);
    }

    private void Publish(string claim, string? input, string original, string[] marker)
    {
        var succeeded = marker[0] == "report";
        var staged = Path.Combine(claim, succeeded ? StagedReport : StagedFailure);
        if (File.Exists(staged))   // gone means a previous run already moved it
        {
            var published = OutputNames.MoveToFreeName(staged, succeeded ? Out : Failed, marker[1], succeeded ? ".docx" : ".txt",
                Path.Combine(claim, PublishingOutput));
            logger.LogInformation("已发布 {Output}", Path.GetFileName(published));
        }
        if (input is not null)
            OutputNames.MoveToFreeName(input, succeeded ? Archive : Failed, OutputNames.Safe(Path.GetFileNameWithoutExtension(original)), Path.GetExtension(input),
                Path.Combine(claim, PublishingInput));
    }
}
