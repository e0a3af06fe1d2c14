using System.CommandLine;
using FinalAccounts.Input;
using FinalAccounts.Model;

namespace Generator.Cli;

/// <summary>`generator validate &lt;workbook&gt;`: every finding, grouped by sheet; exit 0 clean, 1 warnings, 2 errors.</summary>
public static class ValidateCommand
{
    public static Command Create()
    {
        var workbook = new Argument<FileInfo>("workbook") { Description = "决算工作簿（.xlsx 或 .xls）" };
        var template = new Option<string?>("--template") { Description = "按哪个模板检查（默认：templates/default），与 generate 使用同一模板时结果相同" };
        var command = new Command("validate", "读取并核对工作簿，按工作表列出全部问题（与 generate 报告的问题完全相同）") { workbook, template };
        command.SetAction(parse => Run(parse.GetValue(workbook)!.FullName, Console.Out, parse.GetValue(template)));
        return command;
    }

    public static int Run(string path, TextWriter output, string? templatePath = null)
    {
        if (CompiledReportTemplate.LoadForCommand(templatePath, output, "模板有问题，无法检查。") is not { } template)
            return ExitCodes.Errors;
        var built = ReportWriter.Build(path, template);
        Print(Path.GetFileName(path), built.Findings, output);
        foreach (var problem in built.TemplateProblems)
            output.WriteLine(problem);
        return built.TemplateProblems.Count > 0 ? ExitCodes.Errors : ExitCodeOf(built.Findings);
    }

    /// <summary>
    /// Exactly what `generate` with this template reports (the default template when none is given):
    /// reader and rule findings, then the calculation's, each placeholder's finding naming its section.
    /// </summary>
    public static IReadOnlyList<Diagnostic> Validate(string path, string? templatePath = null)
    {
        var (template, problems) = CompiledReportTemplate.Load(templatePath ?? CompiledReportTemplate.DefaultPath);
        if (template is null)
            throw new InvalidOperationException(string.Join("\n", problems));
        return ReportWriter.Build(path, template).Findings;
    }

    /// <summary>Workbook-level findings first, then sheet by sheet in the workbook's own order.</summary>
    public static IReadOnlyList<Diagnostic> InWorkbookOrder(FinalAccountsWorkbook workbook, IEnumerable<Diagnostic> findings)
    {
        var sheetOrder = new Dictionary<string, int>();
        foreach (var (sheet, i) in workbook.Sheets.Select((s, i) => (s, i)))
            sheetOrder.TryAdd(sheet.Name, i);   // two sheets of one name are an IN034 error; the first sets the order
        return findings
            .Select((f, i) => (f, i))
            .OrderBy(p => p.f.Location is null ? -1 : sheetOrder.GetValueOrDefault(p.f.Location.Sheet, int.MaxValue))
            .ThenBy(p => p.i)
            .Select(p => p.f)
            .ToList();
    }

    public static int ExitCodeOf(IReadOnlyList<Diagnostic> findings) =>
        findings.Any(f => f.Severity == Severity.Error) ? ExitCodes.Errors
        : findings.Any(f => f.NeedsAttention) ? ExitCodes.Warnings
        : ExitCodes.Clean;

    public static void Print(string fileName, IReadOnlyList<Diagnostic> findings, TextWriter output)
    {
        fileName = Printable.Escape(fileName);   // a file name may hold ESC or BEL too
        if (findings.Count == 1 && findings[0].Location is null && findings[0].Id is InputIds.FileUnreadable or InputIds.NotAWorkbook or InputIds.Encrypted or InputIds.Corrupt)
        {
            output.WriteLine(Printable.Escape($"{fileName}: error {findings[0].Id}: {findings[0].Message}"));
            return;
        }
        var errors = findings.Count(f => f.Severity == Severity.Error);
        var warnings = findings.Count(f => f.Severity == Severity.Warning);
        var notes = findings.Count(f => f.Severity == Severity.Info);
        if (findings.Count == notes && notes == 0)
        {
            output.WriteLine($"{fileName}：检查通过，未发现问题。");
            return;
        }
        foreach (var group in findings.GroupBy(f => f.Location?.Sheet ?? ""))
        {
            output.WriteLine(group.Key.Length == 0 ? "【工作簿】" : $"【{group.Key}】");
            foreach (var finding in group)
                output.WriteLine("  " + finding.Format(fileName));
        }
        output.WriteLine(errors + warnings == 0 ? $"{fileName}：检查通过，另有 {notes} 条说明。"
            : $"{fileName}：{errors} 个错误，{warnings} 个警告" + (notes > 0 ? $"，{notes} 条说明。" : "。") + (errors > 0 ? "请修正错误后再生成报告。" : ""));
    }
}
