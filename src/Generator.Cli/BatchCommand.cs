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
        var noLayout = new Option<bool>("--no-layout") { Description = "不用 LibreOffice 排版（更快）；目录页码留给 Word/WPS 打开时更新" };
        var command = new Command("batch", "批量生成一个目录中全部工作簿的报告（已有最新报告的工作簿跳过）") { input, output, parallel, template, force, noLayout };
        command.SetAction(parse =>
        {
            // Redirected to a file or a pipe (a scheduled task, CI, a bureau's script): plain lines, no escape codes.
            return Run(parse.GetValue(input)!.FullName, parse.GetValue(output)!.FullName, parse.GetValue(parallel),
                parse.GetValue(template), AnsiConsole.Console, parse.GetValue(force), Console.IsOutputRedirected ? Console.Out : null,
                parse.GetValue(noLayout) ? null : LayoutPass.Installed);
        });
        return command;
    }

    /// <param name="plain">
    /// Output that is not a terminal: everything is written there as plain lines (one per finished
    /// workbook, then one per workbook in the summary), never wrapped, coloured or redrawn; <paramref name="console"/> is unused.
    /// </param>
    /// <param name="layout">The 目录 page numbers from one LibreOffice per worker (the command's default); null skips the layout pass.</param>
    public static int Run(string inputFolder, string outputFolder, int parallel, string? templatePath, IAnsiConsole console, bool force = false, TextWriter? plain = null,
        LayoutPass? layout = null)
    {
        Action<string> say = plain is null ? console.WriteLine : plain.WriteLine;
        if (!Directory.Exists(inputFolder))
        {
            say($"error BATCH01: 输入目录“{inputFolder}”不存在。");
            return ExitCodes.Errors;
        }
        if (templatePath is null && CompiledReportTemplate.DefaultChoiceNote() is { } note)
            say(note);
        var (template, problems) = CompiledReportTemplate.Load(templatePath ?? CompiledReportTemplate.DefaultPath);
        if (template is null)
        {
            foreach (var problem in problems)
                say(problem);
            return ExitCodes.Errors;
        }
        if (layout is { IsAvailable: false })
        {
            say(LayoutPass.Unavailable);   // once for the run, not once per report
            layout = null;
        }
        var started = DateTimeOffset.Now;
        var workbooks = BatchRunner.Workbooks(inputFolder);
        IReadOnlyList<JobOutcome> outcomes = [];
        if (plain is not null)
        {
            say($"生成报告：{workbooks.Count} 个工作簿，{parallel} 路并行");
            var done = 0;
            var gate = new object();
            outcomes = BatchRunner.Run(workbooks, outputFolder, template, parallel, outcome =>
            {
                lock (gate)
                    say($"[{++done}/{workbooks.Count}] {Line(outcome)}");
            }, force: force, layout: layout);
        }
        else
        {
            console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(progress =>
                {
                    var task = progress.AddTask($"生成报告（{workbooks.Count} 个工作簿，{parallel} 路并行）", maxValue: Math.Max(1, workbooks.Count));
                    outcomes = BatchRunner.Run(workbooks, outputFolder, template, parallel, _ => task.Increment(1), force: force, layout: layout);
                    task.Value = task.MaxValue;
                });
        }
        var exit = ExitCodeOf(outcomes);
        foreach (var layoutNote in outcomes.Where(o => o.LayoutNote is not null).GroupBy(o => o.LayoutNote))
            say($"{layoutNote.Count()} 份报告：{layoutNote.Key}");
        if (plain is not null)
            SummariseInLines(outcomes, plain);
        else
            Summarise(outcomes, console);
        try
        {
            var json = BatchSummary.Write(inputFolder, outputFolder, outcomes, started, DateTimeOffset.Now, exit);
            say($"汇总（JSON）：{json}");
        }
        catch (StorageFault fault)
        {
            // The bureau's tooling reads this file: without it the run is not complete, whatever the reports.
            say($"未能写出 {BatchSummary.FileName}：{fault.Message}");
            exit = ExitCodes.EnvironmentFault;
        }
        return exit;
    }

    public static int ExitCodeOf(IReadOnlyList<JobOutcome> outcomes) =>
        outcomes.Any(o => o.Status == JobStatus.NotWritten) ? ExitCodes.EnvironmentFault
        : outcomes.Any(o => o.Status == JobStatus.Failed) ? ExitCodes.Errors
        : outcomes.Any(o => o.Status == JobStatus.SucceededWithWarnings) ? ExitCodes.Warnings
        : ExitCodes.Clean;

    /// <summary>One workbook's result on one line: its report, or its failure and the failure report.</summary>
    public static string Line(JobOutcome outcome)
    {
        var name = Path.GetFileName(outcome.Input);
        var status = BatchRunner.StatusText(outcome.Status);
        return outcome.Status switch
        {
            JobStatus.Failed => $"{name}：{status}，{outcome.FirstProblem}（错误报告：{Path.GetFileName(outcome.Report ?? "")}）",
            JobStatus.NotWritten => $"{name}：{status}，{outcome.FirstProblem}",
            _ => $"{name}：{status} → {Path.GetFileName(outcome.Report ?? "")}",
        };
    }

    private static void SummariseInLines(IReadOnlyList<JobOutcome> outcomes, TextWriter console)
    {
        console.WriteLine("汇总：");
        foreach (var outcome in outcomes)
            console.WriteLine("  " + Line(outcome));
        console.WriteLine(Totals(outcomes));
        if (outcomes.Any(o => o.Status == JobStatus.NotWritten))
            console.WriteLine(EnvironmentAdvice);
    }

    public static string Totals(IReadOnlyList<JobOutcome> outcomes) =>
        $"合计：成功 {outcomes.Count(o => o.Status == JobStatus.Succeeded)}，有警告 {outcomes.Count(o => o.Status == JobStatus.SucceededWithWarnings)}，"
        + $"失败 {outcomes.Count(o => o.Status == JobStatus.Failed)}，已是最新 {outcomes.Count(o => o.Status == JobStatus.UpToDate)}，"
        + $"环境故障 {outcomes.Count(o => o.Status == JobStatus.NotWritten)}";

    private const string EnvironmentAdvice = "有工作簿因磁盘或输出目录的问题未能写出（不是工作簿的问题）：排除故障后重新运行即可，已生成的报告不会重复生成。";

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
            console.WriteLine(EnvironmentAdvice);
    }
}
