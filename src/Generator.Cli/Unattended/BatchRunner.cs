namespace Generator.Cli.Unattended;

/// <summary>
/// Generates every workbook of a folder with one compiled template, N at a time. Reports are
/// named after the department; each failed workbook gets a Chinese failure report beside them.
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

    public static IReadOnlyList<JobOutcome> Run(IReadOnlyList<string> workbooks, string outputFolder, CompiledReportTemplate template, int parallel,
        Action<JobOutcome>? finished = null, CancellationToken cancellation = default)
    {
        Directory.CreateDirectory(outputFolder);
        var staging = Path.Combine(outputFolder, ".staging");
        Directory.CreateDirectory(staging);
        var outcomes = new JobOutcome[workbooks.Count];
        try
        {
            Parallel.For(0, workbooks.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallel), CancellationToken = cancellation }, i =>
            {
                outcomes[i] = Publish(workbooks[i], outputFolder, staging, template);
                finished?.Invoke(outcomes[i]);
            });
        }
        finally
        {
            if (!Directory.EnumerateFileSystemEntries(staging).Any())
                Directory.Delete(staging);
        }
        return outcomes;
    }

    /// <summary>Stages one report and moves it (or the failure report) into the output folder under a free name.</summary>
    public static JobOutcome Publish(string workbook, string outputFolder, string staging, CompiledReportTemplate template)
    {
        var (outcome, staged, title) = ReportJob.Stage(workbook, template, staging);
        var baseName = Path.GetFileNameWithoutExtension(workbook);
        if (staged is not null)
            return outcome with { Report = OutputNames.MoveToFreeName(staged, outputFolder, OutputNames.Safe(title, OutputNames.Safe(baseName)), ".docx") };
        var failure = Path.Combine(staging, Guid.NewGuid().ToString("N") + ".txt");
        File.WriteAllText(failure, outcome.Details);
        return outcome with { Report = OutputNames.MoveToFreeName(failure, outputFolder, OutputNames.Safe(baseName) + FailureSuffix, ".txt") };
    }
}
