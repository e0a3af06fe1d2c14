using System.CommandLine;
using Generator.Cli.Unattended;
using Spectre.Console;

namespace Generator.Cli;

/// <summary>`generator batch &lt;input-folder&gt; &lt;output-folder&gt; [--parallel N] [--template T] [--force]`: every workbook of a folder.</summary>
public static class BatchCommand
{
    public static Command Create()
    {
        var input = new Argument<DirectoryInfo>("input-folder") { Description = "放工作簿的目录" };
        var output = new Argument<DirectoryInfo>("output-folder") { Description = "报告输出目录" };
        var parallel = new Option<int>("--parallel") { Description = "同时处理的工作簿数（默认：CPU 核数）", DefaultValueFactory = _ => Environment.ProcessorCount };
        var template = new Option<string?>("--template") { Description = "模板目录或文件（默认：templates/default）" };
        var force = new Option<bool>("--force") { Description = "报告已是最新也重新生成（写回原来的文件名）" };
        var command = new Command("batch", "批量生成一个目录中全部工作簿的报告（已有最新报告的工作簿跳过）") { input, output, parallel, template, force };
        command.SetAction(parse => Run(parse.GetValue(input)!.FullName, parse.GetValue(output)!.FullName, parse.GetValue(parallel),
            parse.GetValue(template), AnsiConsole.Console, parse.GetValue(force)));
        return command;
    }

    public static int Run(string inputFolder, string outputFolder, int parallel, string? templatePath, IAnsiConsole console, bool force = false)
    {
        if (!Directory.Exists(inputFolder))
        {
            console.WriteLine($"error BATCH01: 输入目录“{inputFolder}”不存在。");
            return ExitCodes.Errors;
        }
        var (template, problems) = CompiledReportTemplate.Load(templatePath ?? CompiledReportTemplate.DefaultPath);
        if (template is null)
        {
            foreach (var problem in problems)
                console.WriteLine(problem);
            return ExitCodes.Errors;
        }
        var workbooks = BatchRunner.Workbooks(inputFolder);
        IReadOnlyList<JobOutcome> outcomes = [];
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(progress =>
            {
                var task = progress.AddTask($"生成报告（{workbooks.Count} 个工作簿，{parallel} 路并行）", maxValue: Math.Max(1, workbooks.Count));
                outcomes = BatchRunner.Run(workbooks, outputFolder, template, parallel, _ => task.Increment(1), force: force);
                task.Value = task.MaxValue;
            });
        Summarise(outcomes, console);
        return outcomes.Any(o => o.Status == JobStatus.NotWritten) ? ExitCodes.EnvironmentFault
            : outcomes.Any(o => o.Status == JobStatus.Failed) ? ExitCodes.Errors
            : outcomes.Any(o => o.Status == JobStatus.SucceededWithWarnings) ? ExitCodes.Warnings
            : ExitCodes.Clean;
    }

    /// <summary>Every workbook with its result and its report (or first problem), then the counts.</summary>
    private static void Summarise(IReadOnlyList<JobOutcome> outcomes, IAnsiConsole console)
    {
        var table = new Table().AddColumns("工作簿", "结果", "报告或第一个问题");
        foreach (var outcome in outcomes)
            table.AddRow(Markup.Escape(Path.GetFileName(outcome.Input)),
                outcome.Status switch
                {
                    JobStatus.Failed or JobStatus.NotWritten => $"[red]{BatchRunner.StatusText(outcome.Status)}[/]",
                    JobStatus.SucceededWithWarnings => $"[yellow]{BatchRunner.StatusText(outcome.Status)}[/]",
                    _ => BatchRunner.StatusText(outcome.Status),
                },
                Markup.Escape(outcome.Status is JobStatus.Failed or JobStatus.NotWritten ? outcome.FirstProblem ?? "" : Path.GetFileName(outcome.Report ?? "")));
        if (table.Rows.Count > 0)
            console.Write(table);
        console.Write(new Table().AddColumns("成功", "有警告", "失败", "已是最新", "环境故障").AddRow(
            outcomes.Count(o => o.Status == JobStatus.Succeeded).ToString(),
            outcomes.Count(o => o.Status == JobStatus.SucceededWithWarnings).ToString(),
            outcomes.Count(o => o.Status == JobStatus.Failed).ToString(),
            outcomes.Count(o => o.Status == JobStatus.UpToDate).ToString(),
            outcomes.Count(o => o.Status == JobStatus.NotWritten).ToString()));
        if (outcomes.Any(o => o.Status == JobStatus.NotWritten))
            console.WriteLine("有工作簿因磁盘或输出目录的问题未能写出（不是工作簿的问题）：排除故障后重新运行即可，已生成的报告不会重复生成。");
    }
}
