using FinalAccounts.Model;

namespace Generator.Cli.Unattended;

public enum JobStatus
{
    Succeeded,
    SucceededWithWarnings,
    Failed,

    /// <summary>The report made from this very workbook with this very template exists already (batch rerun).</summary>
    UpToDate,

    /// <summary>Not the workbook's fault: the disk is full or the output folder refuses writes.</summary>
    NotWritten,
}

/// <summary>One workbook's result in a batch or the drop folder.</summary>
public sealed record JobOutcome(string Input, JobStatus Status, string? Report, string? FirstProblem, string Details)
{
    /// <summary>Errors found (error findings and template problems, or 1 for a failure without them); null when the workbook was not read this run (up to date, or the output refused before).</summary>
    public int? Errors { get; init; }

    /// <summary>Warnings found (the 【待填写…】 kind); null like <see cref="Errors"/>.</summary>
    public int? Warnings { get; init; }

    /// <summary>How long this workbook took, from its turn in the batch to its report in place.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Why the report's 目录 has no page numbers after the layout pass (Word/WPS fill them on opening); null when it has them or no pass ran.</summary>
    public string? LayoutNote { get; init; }
}

/// <summary>
/// Generates one workbook's report into a staging folder; the caller publishes it. Never throws
/// for a bad workbook: every problem becomes the outcome's text, written as the failure report.
/// </summary>
public static class ReportJob
{
    /// <param name="spareCore">Whether the report may take a second core (<see cref="ReportWriter.Generate"/>): a drop folder makes one report at a time, a batch one per worker.</param>
    public static (JobOutcome Outcome, string? StagedReport, string? Title) Stage(string workbook, CompiledReportTemplate template, string stagingFolder,
        bool spareCore)
    {
        var name = Path.GetFileName(workbook);
        var staged = Path.Combine(stagingFolder, Guid.NewGuid().ToString("N") + ".docx");
        GenerateResult result;
        try
        {
            result = ReportWriter.Generate(workbook, template, staged, spareCore: spareCore);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not StorageFault)
        {
            // A defect of ours must not stop the batch: the workbook fails with a message and the rest go on.
            result = new GenerateResult([], [], null, null, $"内部错误：{ex.Message}");
        }
        var details = Details(name, result);
        var first = result.Findings.FirstOrDefault(f => f.Severity == Severity.Error)?.Format(name)
                    ?? result.TemplateProblems.FirstOrDefault() ?? result.Failure ?? result.Findings.FirstOrDefault()?.Format(name);
        var status = !result.Succeeded ? JobStatus.Failed : result.Findings.Any(f => f.NeedsAttention) ? JobStatus.SucceededWithWarnings : JobStatus.Succeeded;
        // Failure restates the findings ("工作簿有错误…"); it counts only when nothing else says why (an internal error).
        var errors = result.Findings.Count(f => f.Severity == Severity.Error) + result.TemplateProblems.Count;
        var counts = new JobOutcome(workbook, status, null, first, details)
        {
            Errors = errors == 0 && !result.Succeeded ? 1 : errors,
            Warnings = result.Findings.Count(f => f.Severity == Severity.Warning),
        };
        return (counts, result.Succeeded ? staged : null, result.ReportTitle);
    }

    /// <summary>The first line of a failure report: the workbook it is about (a batch rerun finds its own reports by it).</summary>
    public static string FirstLine(string workbookName) => $"文件：{workbookName}";

    /// <summary>The failure report of a workbook during whose processing the program died again and again.</summary>
    public static string ProcessDiedDetails(string name, int deaths)
    {
        var text = new StringWriter();
        text.WriteLine($"文件：{name}");
        text.WriteLine($"处理时间：{DateTime.Now:yyyy-MM-dd HH:mm:ss}");
        text.WriteLine("结果：未生成报告，处理时程序异常退出。");
        text.WriteLine();
        text.WriteLine($"处理这个工作簿时程序异常退出了 {deaths} 次（内存耗尽、崩溃或被强制结束），为了不耽误其他工作簿，已不再重试。");
        text.WriteLine("请检查工作簿是否异常庞大或已损坏（例如某个单元格有极长的文字），修正后重新放入；如仍出现，请将此文件和工作簿反馈给维护人员。");
        return text.ToString();
    }

    /// <summary>The failure (or warning) report: every finding in the validate format, in Chinese.</summary>
    public static string Details(string name, GenerateResult result)
    {
        var text = new StringWriter();
        text.WriteLine(FirstLine(name));
        text.WriteLine($"处理时间：{DateTime.Now:yyyy-MM-dd HH:mm:ss}");
        text.WriteLine(result.Succeeded ? (result.Findings.Any(f => f.NeedsAttention) ? "结果：已生成报告，但有以下警告。" : "结果：已生成报告。") : "结果：未生成报告，请修正以下问题后重新放入。");
        text.WriteLine();
        ValidateCommand.Print(name, result.Findings, text);
        foreach (var problem in result.TemplateProblems)
            text.WriteLine(problem);
        if (result.Failure is not null)
            text.WriteLine(result.Failure);
        return text.ToString();
    }
}
