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

    public static IReadOnlyList<JobOutcome> Run(IReadOnlyList<string> workbooks, string outputFolder, CompiledReportTemplate template, int parallel,
        Action<JobOutcome>? finished = null, CancellationToken cancellation = default, bool force = false)
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
        try
        {
            Parallel.For(0, workbooks.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallel), CancellationToken = cancellation }, i =>
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                outcomes[i] = Publish(workbooks[i], outputFolder, staging, template, earlier[i], force) with { Duration = clock.Elapsed };
                finished?.Invoke(outcomes[i]);
            });
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

    /// <summary>
    /// Stages one report and moves it (or the failure report) into the output folder: over its own
    /// earlier report, else under a free name. A full disk or unwritable folder fails nothing: the
    /// outcome says what the machine refused, and nothing half-written stays behind.
    /// </summary>
    public static JobOutcome Publish(string workbook, string outputFolder, string staging, CompiledReportTemplate template,
        (string Path, ReportProvenance Source)? earlier = null, bool force = false)
    {
        var name = Path.GetFileName(workbook);
        if (!force && earlier is { } current && current.Source.TemplateIdentity == template.Identity
            && current.Source.SourceSha256 == ReportProvenance.Sha256Of(workbook))
            return new JobOutcome(workbook, JobStatus.UpToDate, current.Path, null, "");
        try
        {
            var (outcome, staged, title) = ReportJob.Stage(workbook, template, staging);
            var baseName = Path.GetFileNameWithoutExtension(workbook);
            if (staged is not null)
            {
                RemoveOwnFailureReport(outputFolder, OutputNames.Safe(baseName), name);
                if (earlier is { } previous)
                {
                    MoveReplacing(staged, previous.Path);
                    return outcome with { Report = previous.Path };
                }
                return outcome with { Report = OutputNames.MoveToFreeName(staged, outputFolder, OutputNames.Safe(title, OutputNames.Safe(baseName)), ".docx") };
            }
            var failure = Path.Combine(staging, Guid.NewGuid().ToString("N") + ".txt");
            AtomicFile.WriteAllText(failure, outcome.Details);
            if (OwnFailureReport(outputFolder, OutputNames.Safe(baseName), name) is { } own)
            {
                MoveReplacing(failure, own);
                return outcome with { Report = own };
            }
            return outcome with { Report = OutputNames.MoveToFreeName(failure, outputFolder, OutputNames.Safe(baseName) + FailureSuffix, ".txt") };
        }
        catch (StorageFault fault)
        {
            // Whatever was staged goes with the staging folder at the end of the run.
            return new JobOutcome(workbook, JobStatus.NotWritten, null, fault.Message, fault.Message);
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
