using System.CommandLine;
using System.Text.Json;
using DocxTemplating;
using FinalAccounts.Calculation;
using FinalAccounts.Report;

namespace Generator.Cli;

/// <summary>
/// Commands for template authors: `render` fills any template from a JSON file, `check` lists a
/// template's problems and the fields it uses, `fields` prints what the report's view model offers.
/// </summary>
public static class TemplateCommands
{
    public static Command Render()
    {
        var template = new Argument<FileInfo>("template") { Description = "模板（.docx，或 Word 可打开的 Flat OPC .xml）" };
        var data = new Argument<FileInfo>("data") { Description = "数据（JSON）" };
        var output = new Option<FileInfo>("--output", "-o") { Description = "输出 .docx", Required = true };
        var command = new Command("render", "用 JSON 数据填充任意模板（模板作者预览用）") { template, data, output };
        command.SetAction(parse => RunRender(parse.GetValue(template)!.FullName, parse.GetValue(data)!.FullName, parse.GetValue(output)!.FullName, Console.Out));
        return command;
    }

    public static int RunRender(string templatePath, string dataPath, string outputPath, TextWriter output)
    {
        if (OutputPaths.Problem(outputPath, ".docx", "-o", [templatePath, dataPath], OutputPaths.IsReport) is { } refused)
        {
            output.WriteLine($"error OUT02: {refused}");
            return ExitCodes.Errors;
        }
        JsonElement json;
        try
        {
            json = JsonDocument.Parse(ReadData(dataPath)).RootElement;
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            output.WriteLine($"{Path.GetFileName(dataPath)}: error DATA01: 数据文件不是有效的 JSON：{ex.Message}");
            return ExitCodes.Errors;
        }
        // A preview fills from JSON and calculates nothing, so settings.json is not read here.
        var compiled = ReportTemplate.Load(templatePath, ReportTemplate.Options(DataSchema.FromJson(json)), withSettings: false);
        if (Report(templatePath, compiled.Problems, output))
            return ExitCodes.Errors;
        try
        {
            // Stamped like a report, so a later render may replace it and nothing else.
            var provenance = new ReportProvenance(Path.GetFileName(dataPath), ReportProvenance.Sha256Of(dataPath), ReportProvenance.TemplateIdentityOf(templatePath));
            // One document at a time, as `generate` makes one report: a second core may write half of its main part.
            var bytes = compiled.Template!.Render(DataTree.FromJson(json), provenance.StampInto, spareCore: true);
            AtomicFile.Write(outputPath, temp => File.WriteAllBytes(temp, bytes));
        }
        catch (TemplateRenderException ex)
        {
            Report(templatePath, ex.Problems, output);
            return ExitCodes.Errors;
        }
        output.WriteLine($"已生成：{outputPath}");
        return ExitCodes.Clean;
    }

    /// <summary>A preview's data file, refused (as not valid JSON data) past the size a template may have: it is read whole.</summary>
    private static string ReadData(string dataPath)
    {
        var length = new FileInfo(dataPath).Length;
        if (length > TemplateLimits.MaxFileBytes)
            throw new IOException($"文件有 {TemplateLimits.Megabytes(length)}，超过上限 {TemplateLimits.Megabytes(TemplateLimits.MaxFileBytes)}，未读取");
        return File.ReadAllText(dataPath);
    }

    public static Command Check()
    {
        var template = new Argument<FileInfo>("template") { Description = "模板（.docx 或 Flat OPC .xml）" };
        var data = new Option<FileInfo?>("--data") { Description = "按此 JSON 数据检查字段（默认：按报告视图模型检查）" };
        var command = new Command("check", "列出模板的问题和用到的字段") { template, data };
        command.SetAction(parse => RunCheck(parse.GetValue(template)!.FullName, parse.GetValue(data)?.FullName, Console.Out));
        return command;
    }

    public static int RunCheck(string templatePath, string? dataPath, TextWriter output)
    {
        var schema = ReportTemplate.ViewModelSchema;
        if (dataPath is not null)
        {
            try
            {
                schema = DataSchema.FromJson(JsonDocument.Parse(ReadData(dataPath)).RootElement);
            }
            catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
            {
                output.WriteLine($"{Path.GetFileName(dataPath)}: error DATA01: 数据文件不是有效的 JSON：{ex.Message}");
                return ExitCodes.Errors;
            }
        }
        // settings.json is part of the template: checked here as generate will read it.
        var compiled = ReportTemplate.Load(templatePath, ReportTemplate.Options(schema));
        // Office's schema too: what a report copies from the template as it is must pass Word's check (generate leaves this out).
        var failed = Report(templatePath, [.. compiled.Problems, .. ReportTemplate.SchemaProblems(compiled)], output);
        output.WriteLine($"用到的字段（{compiled.UsedFields.Count}）：");
        foreach (var field in compiled.UsedFields)
            output.WriteLine("  " + field);
        return failed ? ExitCodes.Errors : ExitCodes.Clean;
    }

    public static Command Fields()
    {
        var command = new Command("fields", "列出报告视图模型提供的全部字段：含义、单位和示例值（由模型及其文档注释生成）");
        command.SetAction(_ =>
        {
            Console.Out.Write(FieldReference());
            return ExitCodes.Clean;
        });
        return command;
    }

    /// <summary>The field reference, generated from <see cref="ReportModel"/> and its documentation comments so it cannot drift.</summary>
    public static string FieldReference() => global::Generator.Cli.FieldReference.Markdown();

    private static bool Report(string templatePath, IReadOnlyList<TemplateDiagnostic> problems, TextWriter output)
    {
        foreach (var problem in problems)
            output.WriteLine(problem.Format(Path.GetFileName(templatePath)));
        if (problems.Count > 0)
            output.WriteLine($"{Path.GetFileName(templatePath)}：{problems.Count} 个问题。");
        return problems.Count > 0;
    }
}
