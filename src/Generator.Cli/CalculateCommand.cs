using System.CommandLine;
using DocxTemplating;
using FinalAccounts.Calculation;
using FinalAccounts.Report;

namespace Generator.Cli;

/// <summary>
/// `generator calculate &lt;workbook&gt; [--settings F] [--json F] [--trace F]`: read, check and calculate;
/// writes the view model as JSON (the data `render` fills a template with) and the trace of every figure.
/// </summary>
public static class CalculateCommand
{
    public static Command Create()
    {
        var workbook = new Argument<FileInfo>("workbook") { Description = "决算工作簿（.xlsx 或 .xls）" };
        var settings = new Option<FileInfo?>("--settings") { Description = "计算设置 settings.json（默认：各项取默认值）" };
        var json = new Option<FileInfo?>("--json") { Description = "把视图模型写成 JSON 文件" };
        var trace = new Option<FileInfo?>("--trace") { Description = "写出每个数字及其来源单元格" };
        var command = new Command("calculate", "计算报告中的全部数字和措辞选择，输出 JSON 和来源追踪") { workbook, settings, json, trace };
        command.SetAction(parse => Run(parse.GetValue(workbook)!.FullName, parse.GetValue(settings)?.FullName,
            parse.GetValue(json)?.FullName, parse.GetValue(trace)?.FullName, Console.Out));
        return command;
    }

    public static int Run(string path, string? settingsPath, string? jsonPath, string? tracePath, TextWriter output)
    {
        string[] inputs = settingsPath is null ? [path] : [path, settingsPath];
        var refused = (jsonPath is null ? null : OutputPaths.Problem(jsonPath, ".json", "--json", inputs, OutputPaths.IsViewModelJson))
            ?? (tracePath is null ? null : OutputPaths.Problem(tracePath, ".txt", "--trace", inputs, OutputPaths.IsTrace));
        if (refused is not null)
        {
            output.WriteLine($"error OUT02: {refused}");
            return ExitCodes.Errors;
        }
        var settings = CalculationSettings.Default;
        if (settingsPath is not null)
        {
            var read = File.Exists(settingsPath)
                ? ReportTemplate.ReadSettings(settingsPath)
                : (null, [TemplateDiagnostic.OfFile(TemplateErrors.TemplateNotFound, settingsPath, null, "设置文件不存在。")]);
            foreach (var problem in read.Problems)
                output.WriteLine(problem.Format(Path.GetFileName(settingsPath)));
            if (read.Settings is null)
                return ExitCodes.Errors;
            settings = read.Settings;
        }
        var stage = ReportPipeline.Calculate(path, settings);
        ValidateCommand.Print(Path.GetFileName(path), stage.Findings, output);
        if (stage.Model is null)
            return ExitCodes.Errors;
        if (jsonPath is not null)
            AtomicFile.WriteAllText(jsonPath, ViewModelJson.Serialize(stage.Model));
        if (tracePath is not null)
            AtomicFile.WriteAllText(tracePath, string.Join("\n", ModelTrace.Lines(stage.Model)) + "\n");
        return ValidateCommand.ExitCodeOf(stage.Findings);
    }
}
