using System.CommandLine;
using FinalAccounts.Checks;
using FinalAccounts.Input;
using FinalAccounts.Model;

namespace Generator.Cli;

/// <summary>`generator validate &lt;workbook&gt;`: every finding, grouped by sheet; exit 0 clean, 1 warnings, 2 errors.</summary>
public static class ValidateCommand
{
    public static Command Create()
    {
        var workbook = new Argument<FileInfo>("workbook") { Description = "决算工作簿（.xlsx 或 .xls）" };
        var command = new Command("validate", "读取并核对工作簿，按工作表列出全部问题") { workbook };
        command.SetAction(parse => Run(parse.GetValue(workbook)!.FullName, Console.Out));
        return command;
    }

    public static int Run(string path, TextWriter output)
    {
        var findings = Validate(path);
        Print(Path.GetFileName(path), findings, output);
        return ExitCodeOf(findings);
    }

    /// <summary>Read, then check what was read: reader findings first, rule findings after.</summary>
    public static IReadOnlyList<Diagnostic> Validate(string path)
    {
        var read = WorkbookReader.Read(path);
        if (read.Workbook is null)
            return read.Diagnostics;
        return InWorkbookOrder(read.Workbook, read.Diagnostics.Concat(WorkbookChecks.Run(read.Workbook)));
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
        : findings.Count > 0 ? ExitCodes.Warnings
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
        var warnings = findings.Count - errors;
        if (findings.Count == 0)
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
        output.WriteLine($"{fileName}：{errors} 个错误，{warnings} 个警告。" + (errors > 0 ? "请修正错误后再生成报告。" : ""));
    }
}
