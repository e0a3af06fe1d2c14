using System.CommandLine;
using System.Text;
using Generator.Cli;

Console.OutputEncoding = Encoding.UTF8;
CommandLineText.UseChinese();

var root = new RootCommand("部门决算公开报告生成工具：读取决算工作簿，核对勾稽关系，生成报告。")
{
    ValidateCommand.Create(),
    InitCommand.Create(),
    CalculateCommand.Create(),
    GenerateCommand.Create(),
    BatchCommand.Create(),
    UnattendedCommands.Watch(),
    UnattendedCommands.Schedule(),
    TemplateCommands.Render(),
    new Command("template", "模板作者用的命令") { TemplateCommands.Check(), TemplateCommands.Fields() },
};
CommandLineText.Localise(root);
try
{
    var parse = root.Parse(args);
    if (parse.Errors.Count > 0)
    {
        CommandLineText.PrintUsageErrors(parse, Console.Error);
        return ExitCodes.Usage;
    }
    // Help and --version are written into a buffer so their English headings can be put into Chinese;
    // the commands themselves write to the console directly.
    var help = new StringWriter();
    // Our own handler below, not System.CommandLine's, so that no stack trace reaches a finance user.
    var exit = parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = help });
    Console.Out.Write(CommandLineText.Help(help.ToString()));
    return exit;
}
catch (Exception ex)
{
    // The last line of defence: a user sees one line, never a stack trace.
    Console.Error.WriteLine($"内部错误：{ex.Message}（请将此信息和输入文件反馈给维护人员）");
    return ExitCodes.InternalError;
}
