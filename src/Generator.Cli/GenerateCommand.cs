using System.CommandLine;

namespace Generator.Cli;

/// <summary>`generator generate &lt;workbook&gt; [--template T] [--out F] [--pdf] [--trace]`: the report.</summary>
public static class GenerateCommand
{
    public static Command Create()
    {
        var workbook = new Argument<FileInfo>("workbook") { Description = "决算工作簿（.xlsx 或 .xls）" };
        var template = new Option<string?>("--template") { Description = "模板目录或文件（默认：templates/default）" };
        var output = new Option<FileInfo?>("--out") { Description = "输出的 .docx（默认：与工作簿同名，放在工作簿旁边）" };
        var pdf = new Option<bool>("--pdf") { Description = "同时用 LibreOffice 导出 PDF" };
        var trace = new Option<bool>("--trace") { Description = "在报告旁写出每个数字的来源（.trace.txt）" };
        var review = new Option<bool>("--review") { Description = "写出审阅稿：每个待填写标记和警告处、每段正文的数字来源处都有 Word 批注" };
        var noLayout = new Option<bool>("--no-layout") { Description = "不用 LibreOffice 排版（更快）；目录页码留给 Word/WPS 打开时更新" };
        var timings = new Option<bool>("--timings") { Description = "在标准错误输出中列出各阶段用时（启动、载入模板、读取、检查、计算、填充、写出）" };
        var command = new Command("generate", "生成部门决算公开报告") { workbook, template, output, pdf, trace, review, noLayout, timings };
        command.SetAction(parse =>
        {
            var stages = parse.GetValue(timings) ? StageTimes.SinceProcessStart() : null;
            var exit = Run(parse.GetValue(workbook)!.FullName, parse.GetValue(template), parse.GetValue(output)?.FullName,
                parse.GetValue(pdf), parse.GetValue(trace), Console.Out, parse.GetValue(review), layout: !parse.GetValue(noLayout), stages);
            if (stages is not null)
                Console.Error.WriteLine(stages.Summary());
            return exit;
        });
        return command;
    }

    /// <param name="layout">The 目录's page numbers from a LibreOffice layout (the command's default; off in library use and tests unless asked).</param>
    public static int Run(string workbookPath, string? templatePath, string? outputPath, bool pdf, bool trace, TextWriter output, bool review = false,
        bool layout = false, StageTimes? stages = null)
    {
        var name = Path.GetFileName(workbookPath);
        if (CompiledReportTemplate.LoadForCommand(templatePath, output, "模板有问题，未生成报告。") is not { } template)
            return ExitCodes.Errors;
        stages?.Done("load and compile the template");
        var docx = Path.GetFullPath(outputPath ?? Path.ChangeExtension(workbookPath, ".docx"));
        if (OutputProblem(workbookPath, templatePath, docx, pdf, trace) is { } refused)
        {
            output.WriteLine($"error OUT02: {refused}");
            return ExitCodes.Errors;
        }
        GenerateResult result;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(docx)!);
            result = ReportWriter.Generate(workbookPath, template, docx, pdf, trace, review, layout, stages);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            output.WriteLine($"error OUT01: 无法写入“{docx}”：{ex.Message}。请换一个可写的输出位置（--out）。");
            return ExitCodes.Errors;
        }
        ValidateCommand.Print(name, result.Findings, output);
        foreach (var problem in result.TemplateProblems)
            output.WriteLine(problem);
        if (result.Docx is not null)
            output.WriteLine(review ? $"已生成审阅稿（{result.Comments} 条批注）：{result.Docx}" : $"已生成报告：{result.Docx}");
        if (result.Pdf is not null)
            output.WriteLine($"已生成 PDF：{result.Pdf}");
        if (result.LayoutNote is not null)
            output.WriteLine(result.LayoutNote);
        if (result.MissingFonts.Count > 0)
            output.WriteLine($"提示：本机没有模板所用的字体 {string.Join("、", result.MissingFonts)}，PDF 中已由其他字体代替，版式可能与 Word、WPS 中打开时不同；"
                + "安装这些字体后重新导出即可（.docx 不受影响）。");
        if (result.Failure is not null)
            output.WriteLine(result.Failure);
        return result.ExitCode;
    }

    /// <summary>The report, and the trace and PDF written beside it, may replace only files of an earlier report of ours.</summary>
    private static string? OutputProblem(string workbookPath, string? templatePath, string docx, bool pdf, bool trace)
    {
        string[] inputs = templatePath is null ? [workbookPath] : [workbookPath, templatePath];
        if (OutputPaths.Problem(docx, ".docx", "--out", inputs, OutputPaths.IsReport) is { } problem)
            return problem;
        // The trace and PDF share the report's name: they are ours when the report beside them is.
        var reportIsOurs = File.Exists(docx);
        bool Beside(string _) => reportIsOurs;
        if (trace && OutputPaths.Problem(Path.ChangeExtension(docx, ".trace.txt"), ".txt", "--trace", inputs, Beside) is { } traceProblem)
            return traceProblem;
        return pdf ? OutputPaths.Problem(Path.ChangeExtension(docx, ".pdf"), ".pdf", "--pdf", inputs, Beside) : null;
    }
}
