using System.Diagnostics;
using System.Text.RegularExpressions;
using FinalAccounts.Tests.Support;
using Generator.Cli;

namespace FinalAccounts.Tests;

/// <summary>Issue 17: help and usage errors in Chinese; a usage error is exit 64, not the warnings code.</summary>
public class CommandLineTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args) => RunWith([], args);

    // An English machine still gets Chinese.
    private static (int Exit, string Out, string Err) RunWith(Dictionary<string, string> environment, params string[] args) =>
        GeneratorProcess.Run(args, new Dictionary<string, string>(environment) { ["LANG"] = "en_US.UTF-8" }, timeoutSeconds: 60);

    /// <summary>Latin words a Chinese help page may hold: command, option and argument names, file types, product names.</summary>
    private static readonly Regex AllowedLatin = new(@"^(generator|generate|validate|init|calculate|batch|watch|schedule|render|template|check|fields|help|version|xlsx|xls|docx|pdf|json|txt|trace|review|out|force|parallel|settings|workbook|path|data|folder|input|output|template|templates|default|appsettings|Schedule|Cron|Input|Output|LibreOffice|JSON|PDF|Word|inbox|cron|TPL|o|h|N|F|T|x|D|IR|dir|name|tags|Flat|OPC|xml|WPS|no|layout|timings)$", RegexOptions.IgnoreCase);

    [Theory]
    [InlineData("--help")]
    [InlineData("generate", "--help")]
    [InlineData("validate", "--help")]
    [InlineData("template", "check", "--help")]
    public void HelpIsInChinese(params string[] args)
    {
        var (exit, output, _) = Run(args);
        Assert.Equal(0, exit);
        Assert.Contains("用法：", output);
        Assert.Contains("显示帮助和用法", output);
        var english = Regex.Matches(output, "[A-Za-z]{2,}").Select(m => m.Value).Where(w => !AllowedLatin.IsMatch(w)).Distinct().ToList();
        Assert.True(english.Count == 0, "English in help: " + string.Join(", ", english));
    }

    [Fact]
    public void TimingsListEveryStageOfAColdRunOnStandardError()
    {
        using var temp = new TempFolder();
        var (exit, output, error) = Run("generate", Repo.SampleXlsx, "--out", temp.File("r.docx"), "--no-layout", "--timings");
        Assert.Equal(0, exit);
        Assert.DoesNotContain(" ms", output);   // the report's own lines stay clean for tools that read them
        var stages = Regex.Matches(error, @"^(.+?)\s+(\d+\.\d) ms$", RegexOptions.Multiline).ToDictionary(m => m.Groups[1].Value.Trim(), m => decimal.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["start-up", "load and compile the template", "read the workbook", "check", "calculate", "view model → data tree, hash the workbook",
            "render (fill, charts, layout, marks, package)", "write the .docx", "total"], stages.Keys);
        Assert.All(stages.Values, ms => Assert.True(ms > 0));
        var sum = stages.Where(s => s.Key != "total").Sum(s => s.Value);
        Assert.InRange(sum, stages["total"] - 0.5m, stages["total"] + 0.5m);   // each printed to 0.1 ms
    }

    [Fact]
    public void ATypoIsAUsageErrorWithTheNearestCommand()
    {
        var (exit, output, error) = Run("genrate", "sample.xlsx");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Equal("", output);
        Assert.Contains("无法识别“genrate”。您是不是要输入：generate？", error);
        Assert.Contains("运行“generator --help”查看用法。", error);
        Assert.DoesNotMatch("[A-Za-z]{3,} [A-Za-z]{3,}", error.Replace("generator --help", ""));   // no English sentence
    }

    [Fact]
    public void AMisspeltOptionSuggestsTheOption()
    {
        var (exit, _, error) = Run("validate", Repo.SampleXlsx, "--templat", "templates/default");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("您是不是要输入：--template？", error);
        Assert.Contains("运行“generator validate --help”查看用法。", error);
    }

    [Fact]
    public void AValueOfTheWrongTypeOrAMissingOptionIsSaidInChinese()
    {
        var (exit, _, error) = Run("batch", "in", "out", "--parallel", "abc");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("“abc”不是 --parallel 要求的整数。", error);
        var (renderExit, _, renderError) = Run("render", "template");
        Assert.Equal(ExitCodes.Usage, renderExit);
        Assert.Contains("缺少必需的选项 --output", renderError);
        Assert.DoesNotContain("Cannot parse", error + renderError);
        Assert.DoesNotContain("is required", error + renderError);
    }

    [Fact]
    public void RunsWhereTheMachineHasNoCultureData()
    {
        // Containers without ICU run .NET in globalization-invariant mode: no zh-Hans culture to switch to.
        var (exit, output, error) = RunWith(new() { ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1" }, "validate", Repo.SampleXlsx);
        Assert.True(exit == ExitCodes.Clean, output + error);
        Assert.Contains("检查通过", output);
    }

    [Fact]
    public void AMissingArgumentIsAUsageErrorNotTheWarningsCode()
    {
        var (exit, _, error) = Run("generate");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("“generate”", error);
        Assert.Contains("运行“generator generate --help”查看用法。", error);
    }
}

/// <summary>Issue 18: the program says which default template it used when the one beside the user differs.</summary>
public class DefaultTemplateChoiceTests
{
    private static (int Exit, string Out) RunIn(string folder, params string[] args) => Run(GeneratorProcess.Program, folder, args);

    private static (int Exit, string Out) Run(string program, string folder, params string[] args) =>
        GeneratorProcess.Run(args, workingDirectory: folder, program: program, timeoutSeconds: 60) is var (exit, stdout, stderr) ? (exit, stdout + stderr) : default;

    [Fact]
    public void AnEditedTemplatesFolderBesideTheUserIsNamedNotSilentlyIgnored()
    {
        using var temp = new TempFolder();
        var local = Directory.CreateDirectory(Path.Combine(temp.Path, "templates", "default")).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "templates", "default")))
            File.Copy(file, Path.Combine(local, Path.GetFileName(file)));
        var same = RunIn(temp.Path, "validate", Repo.SampleXlsx);
        Assert.Equal(ExitCodes.Clean, same.Exit);
        Assert.DoesNotContain("提示：使用的是程序自带的模板", same.Out);   // an identical copy: nothing to say

        File.AppendAllText(Path.Combine(local, "settings.json"), "\n");
        var edited = RunIn(temp.Path, "validate", Repo.SampleXlsx);
        Assert.Equal(ExitCodes.Clean, edited.Exit);
        // Run from this build output inside the source tree, the default template is the source's templates/default.
        Assert.Contains($"提示：使用的是生成本程序的源目录中的模板 {Path.Combine(Repo.Root, "templates", "default")}；当前目录的 templates/default 与之不同", edited.Out);
        Assert.Contains("--template templates/default", edited.Out);
    }

    [Fact]
    public void ABuildOutputInTheSourceTreeUsesTheEditedSourceTemplateNotItsStaleCopy()
    {
        // A source tree whose templates/default was edited after the last build: the copy beside the program is stale.
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("Generator.sln"), "");
        var source = Directory.CreateDirectory(Path.Combine(temp.Path, "templates", "default")).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(Repo.Root, "templates", "default")))
            File.Copy(file, Path.Combine(source, Path.GetFileName(file)));
        var xml = Path.Combine(source, "template.xml");
        File.WriteAllText(xml, File.ReadAllText(xml).Replace("年度部门决算</w:t>", "年度部门决算（已改）</w:t>"));
        var build = Directory.CreateDirectory(Path.Combine(temp.Path, "src", "Generator.Cli", "bin", "Debug")).FullName;
        foreach (var file in Directory.GetFiles(AppContext.BaseDirectory).Where(f => f.EndsWith(".dll") || f.EndsWith(".json") || f.EndsWith(".xml")))
            File.Copy(file, Path.Combine(build, Path.GetFileName(file)));
        var stale = Directory.CreateDirectory(Path.Combine(build, "templates", "default")).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(Repo.Root, "templates", "default")))
            File.Copy(file, Path.Combine(stale, Path.GetFileName(file)));

        var elsewhere = Directory.CreateDirectory(Path.Combine(temp.Path, "elsewhere")).FullName;
        var run = Run(Path.Combine(build, "generator.dll"), elsewhere, "generate", Repo.SampleXlsx, "--out", Path.Combine(elsewhere, "r.docx"), "--no-layout");
        Assert.True(run.Exit == ExitCodes.Clean, run.Out);
        var cover = DocxText.Of(File.ReadAllBytes(Path.Combine(elsewhere, "r.docx"))).Split('\n')[1];
        Assert.EndsWith("（已改）", cover);
    }
}
