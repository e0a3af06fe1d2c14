using System.CommandLine;
using FinalAccounts.Input;

namespace Generator.Cli;

/// <summary>`generator init &lt;path.xlsx&gt;`: a blank input workbook with every sheet, headers, instructions and validation.</summary>
public static class InitCommand
{
    public static Command Create()
    {
        var path = new Argument<FileInfo>("path") { Description = "要生成的空白工作簿路径（.xlsx）" };
        var force = new Option<bool>("--force") { Description = "覆盖已存在的文件" };
        var command = new Command("init", "生成空白的输入工作簿（含全部工作表、表头和填表说明）") { path, force };
        command.SetAction(parse => Run(parse.GetValue(path)!.FullName, parse.GetValue(force), Console.Out));
        return command;
    }

    public static int Run(string path, bool force, TextWriter output)
    {
        var name = Path.GetFileName(path);
        if (!path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            output.WriteLine($"{name}: error INIT01: 空白工作簿只能生成为 .xlsx 文件。");
            return ExitCodes.Errors;
        }
        if (File.Exists(path) && !force)
        {
            output.WriteLine($"{name}: error INIT02: 文件已存在，为避免覆盖已填写的内容，未写入；确需覆盖请加 --force。");
            return ExitCodes.Errors;
        }
        var folder = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(folder))
        {
            output.WriteLine($"{name}: error INIT03: 目录“{folder}”不存在。");
            return ExitCodes.Errors;
        }
        XlsxWriter.Write(path, BlankWorkbook.Create());
        output.WriteLine($"已生成空白工作簿：{path}");
        return ExitCodes.Clean;
    }
}
