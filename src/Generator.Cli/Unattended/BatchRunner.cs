namespace Generator.Cli.Unattended;

/// <summary>
/// Generates every workbook of a folder with one compiled template, N at a time. Reports are
/// named after the department; each failed workbook gets a Chinese failure report beside them.
/// A rerun is idempotent: each report records its source (<see cref="ReportProvenance"/>), so a
/// workbook whose current report exists is skipped, and one whose report is stale (or forced) is
/// regenerated into the name its report already has — never a "(2)" copy of the same source.
/// </summary>
public static class BatchRunner
{
    public const string FailureSuffix = ".错误报告";

    /// <summary>Workbooks a user put in a folder: .xlsx and .xls, not Office lock files (~$…) or hidden/temporary files.</summary>
    public static IReadOnlyList<string> Workbooks(string folder) =>
        Directory.EnumerateFiles(folder)
            .Where(IsWorkbook)
            .Order(StringComparer.Ordinal)
            .ToList();

    public static bool IsWorkbook(string path)
    {
        var name = Path.GetFileName(path);
        return !name.StartsWith("~$", StringComparison.Ordinal) && !name.StartsWith('.')
               && (name.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".xls", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The word for an outcome in summaries and logs.</summary>
    public static string StatusText(JobStatus status) => status switch
    {
        JobStatus.Succeeded => "成功",
        JobStatus.SucceededWithWarnings => "有警告",
        JobStatus.Failed => "失败",
        JobStatus.UpToDate => "已是最新",
        _ => "环境故障，未写出",
    };

    /// <param name="layout">
    /// The 目录 page numbers: every report is staged first, then each worker lays its share out with one
    /// LibreOffice process (<see cref="LayoutPass.NumberAll"/>) and publishes each report as soon as it is
    /// numbered. Null: no layout pass, each report published as soon as it is made.
    /// </param>
    public static IReadOnlyList<JobOutcome> Run(IReadOnlyList<string> workbooks, string outputFolder, CompiledReportTemplate template, int parallel,
        Action<JobOutcome>? finished = null, CancellationToken cancellation = default, bool force = false, LayoutPass? layout = null)
    {
        var outcomes = new JobOutcome[workbooks.Count];
        string staging;
        try
        {
            Directory.CreateDirectory(outputFolder);
            staging = Path.Combine(outputFolder, ".staging", Guid.NewGuid().ToString("N"));
            TestHooks.ThrowIfStorageFault(staging);
            Directory.CreateDirectory(staging);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Nothing can be written at all: every workbook is reported, none is blamed.
            var problem = ex as StorageFault ?? new StorageFault(outputFolder, ex);
            return workbooks.Select(w => new JobOutcome(w, JobStatus.NotWritten, null, problem.Message, problem.Message)).ToList();
        }
        var earlier = ExistingReports(outputFolder, workbooks);
        var workers = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallel), CancellationToken = cancellation };
        var waiting = new System.Collections.Concurrent.ConcurrentBag<(int Index, StagedReport Report, System.Diagnostics.Stopwatch Clock)>();
        void Done(int i, JobOutcome outcome, System.Diagnostics.Stopwatch clock)
        {
            outcomes[i] = outcome with { Duration = clock.Elapsed };
            finished?.Invoke(outcomes[i]);
        }
        try
        {
            Parallel.For(0, workbooks.Count, workers, i =>
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var (outcome, staged) = Prepare(workbooks[i], outputFolder, staging, template, earlier[i], force);
                if (staged is null)
                    Done(i, outcome, clock);
                else if (layout is null)
                    Done(i, Place(staged, outputFolder), clock);
                else
                    waiting.Add((i, staged, clock));
            });
            // One LibreOffice per worker, each laying out its share of the reports in one process.
            var shares = waiting.OrderBy(w => w.Index).Select((w, n) => (w, n)).GroupBy(x => x.n % Math.Max(1, parallel), x => x.w).Select(g => g.ToList()).ToList();
            Parallel.ForEach(shares, workers, share =>
                layout!.NumberAll(share.Select(w => w.Report.Report).ToList(), (j, note) =>
                    Done(share[j].Index, Place(share[j].Report, outputFolder) with { LayoutNote = note }, share[j].Clock)));
        }
        finally
        {
            RemoveStaging(staging);
        }
        return outcomes;
    }

    /// <summary>
    /// For each workbook, the report an earlier run made from it: the one recording its file name,
    /// else one recording its bytes (the workbook was renamed). Each report belongs to one workbook at most.
    /// </summary>
    private static (string Path, ReportProvenance Source)?[] ExistingReports(string outputFolder, IReadOnlyList<string> workbooks)
    {
        var reports = Directory.EnumerateFiles(outputFolder, "*.docx")
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .Select(f => (Path: f, Source: ReportProvenance.ReadFrom(f)))
            .Where(r => r.Source is not null)
            .Select(r => (r.Path, Source: r.Source!))
            .ToList();
        var mine = new (string Path, ReportProvenance Source)?[workbooks.Count];
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var hashes = workbooks.Select(w => reports.Count == 0 ? "" : ReportProvenance.Sha256Of(w)).ToList();
        for (var i = 0; i < workbooks.Count; i++)
        {
            var name = Path.GetFileName(workbooks[i]);
            var byName = reports.Where(r => r.Source.SourceName == name && !taken.Contains(r.Path)).OrderByDescending(r => r.Source.SourceSha256 == hashes[i]).ToList();
            if (byName.Count > 0 && taken.Add(byName[0].Path))
                mine[i] = byName[0];
        }
        for (var i = 0; i < workbooks.Count; i++)
        {
            if (mine[i] is not null)
                continue;
            var bySha = reports.FirstOrDefault(r => r.Source.SourceSha256 == hashes[i] && !taken.Contains(r.Path));
            if (bySha.Path is not null && taken.Add(bySha.Path))
                mine[i] = bySha;
        }
        return mine;
    }

    /// <summary>A workbook's report made and staged, waiting to be put in place (after the layout pass, in a batch that has one).</summary>
    public sealed record StagedReport(JobOutcome Outcome, string Report, string? Title, string Workbook, (string Path, ReportProvenance Source)? Earlier);

    /// <summary>
    /// Stages one report and moves it (or the failure report) into the output folder: over its own
    /// earlier report, else under a free name. A full disk or unwritable folder fails nothing: the
    /// outcome says what the machine refused, and nothing half-written stays behind.
    /// </summary>
    public static JobOutcome Publish(string workbook, string outputFolder, string staging, CompiledReportTemplate template,
        (string Path, ReportProvenance Source)? earlier = null, bool force = false)
    {
        var (outcome, staged) = Prepare(workbook, outputFolder, staging, template, earlier, force);
        return staged is null ? outcome : Place(staged, outputFolder);
    }

    /// <summary>
    /// The workbook's outcome when nothing is left to do (up to date, failure report in place, nothing
    /// writable), or its staged report, which <see cref="Place"/> puts in place.
    /// </summary>
    private static (JobOutcome Outcome, StagedReport? Staged) Prepare(string workbook, string outputFolder, string staging, CompiledReportTemplate template,
        (string Path, ReportProvenance Source)? earlier, bool force)
    {
        var name = Path.GetFileName(workbook);
        if (!force && earlier is { } current && current.Source.TemplateIdentity == template.Identity
            && current.Source.SourceSha256 == ReportProvenance.Sha256Of(workbook))
            return (new JobOutcome(workbook, JobStatus.UpToDate, current.Path, null, ""), null);
        try
        {
            var (outcome, staged, title) = ReportJob.Stage(workbook, template, staging, spareCore: false);
            if (staged is not null)
                return (outcome, new StagedReport(outcome, staged, title, workbook, earlier));
            var baseName = OutputNames.Safe(Path.GetFileNameWithoutExtension(workbook));
            var failure = Path.Combine(staging, Guid.NewGuid().ToString("N") + ".txt");
            AtomicFile.WriteAllText(failure, outcome.Details);
            if (OwnFailureReport(outputFolder, baseName, name) is { } own)
            {
                MoveReplacing(failure, own);
                return (outcome with { Report = own }, null);
            }
            return (outcome with { Report = OutputNames.MoveToFreeName(failure, outputFolder, baseName + FailureSuffix, ".txt") }, null);
        }
        catch (StorageFault fault)
        {
            // Whatever was staged goes with the staging folder at the end of the run.
            return (new JobOutcome(workbook, JobStatus.NotWritten, null, fault.Message, fault.Message), null);
        }
    }

    /// <summary>Moves a staged report over its own earlier report, else under a free name after its title.</summary>
    private static JobOutcome Place(StagedReport staged, string outputFolder)
    {
        var baseName = Path.GetFileNameWithoutExtension(staged.Workbook);
        try
        {
            RemoveOwnFailureReport(outputFolder, OutputNames.Safe(baseName), Path.GetFileName(staged.Workbook));
            if (staged.Earlier is { } previous)
            {
                MoveReplacing(staged.Report, previous.Path);
                return staged.Outcome with { Report = previous.Path };
            }
            return staged.Outcome with { Report = OutputNames.MoveToFreeName(staged.Report, outputFolder, OutputNames.Safe(staged.Title, OutputNames.Safe(baseName)), ".docx") };
        }
        catch (StorageFault fault)
        {
            return new JobOutcome(staged.Workbook, JobStatus.NotWritten, null, fault.Message, fault.Message);
        }
    }

    private static void MoveReplacing(string staged, string target)
    {
        try
        {
            TestHooks.ThrowIfStorageFault(target);
            File.Move(staged, target, overwrite: true);   // a rename: readers see the old report or the new one, never half of one
        }
        catch (Exception ex) when (ex is (IOException or UnauthorizedAccessException) and not StorageFault)
        {
            throw new StorageFault(target, ex);
        }
    }

    /// <summary>A failure report an earlier run wrote for this very workbook (its first line names it).</summary>
    private static string? OwnFailureReport(string outputFolder, string baseName, string workbookName) =>
        Directory.EnumerateFiles(outputFolder, baseName + FailureSuffix + "*.txt")
            .Order(StringComparer.Ordinal)
            .FirstOrDefault(f => File.ReadLines(f).FirstOrDefault() == ReportJob.FirstLine(workbookName));

    /// <summary>The workbook now has a report: its old failure report would only mislead.</summary>
    private static void RemoveOwnFailureReport(string outputFolder, string baseName, string workbookName)
    {
        if (OwnFailureReport(outputFolder, baseName, workbookName) is { } stale)
            TryDelete(stale);
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // left for the next run, which overwrites it by name
        }
    }

    private static void RemoveStaging(string staging)
    {
        try
        {
            Directory.Delete(staging, recursive: true);
            var parent = Path.GetDirectoryName(staging)!;
            if (!Directory.EnumerateFileSystemEntries(parent).Any())
                Directory.Delete(parent);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // another batch is using the staging folder too, or the disk refuses: nothing of it is a report
        }
    }
}
