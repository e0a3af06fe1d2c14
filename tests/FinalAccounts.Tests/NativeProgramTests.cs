using System.Runtime.InteropServices;
using System.Text.Json;
using System.Xml.Linq;
using FinalAccounts.Tests.Support;

namespace FinalAccounts.Tests;

/// <summary>
/// The native program (`dotnet publish -p:PublishAot=true`, what build.cake's Publish makes for the machine's own
/// system): published once, then run over every path where trimming or ahead-of-time compilation could make it
/// differ from the JIT-compiled program — reflection over the view model (templates, trace, review comments, field
/// reference), JSON written by generated code, .xls reading, settings binding and the log file of the services.
/// </summary>
public sealed class NativeProgram : IDisposable
{
    private readonly TempFolder _folder = new();

    public NativeProgram()
    {
        var output = Path.Combine(_folder.Path, "程序");
        (int Exit, string Output) publish;
        try
        {
            publish = ProcessRun.Run("dotnet", Repo.Root, TimeSpan.FromMinutes(15), "publish", Path.Combine("src", "Generator.Cli"), "-c", "Release",
                "-r", RuntimeInformation.RuntimeIdentifier, "-p:PublishAot=true", "-o", output, "-nologo");
        }
        catch (TimeoutException ex)
        {
            publish = (-1, ex.Message);
        }
        PublishOutput = publish.Output;
        Program = Path.Combine(output, OperatingSystem.IsWindows() ? "generator.exe" : "generator");
        if (publish.Exit != 0 || !File.Exists(Program))
            Program = null;
    }

    /// <summary>The native program; null when the publish failed (its output says why).</summary>
    public string? Program { get; }

    public string PublishOutput { get; }

    public void Dispose() => _folder.Dispose();
}

/// <summary>
/// Needs a native linker (gcc or clang). Without one the test is skipped with the reason, except under CI=true,
/// where .ci/run installs it and a missing one must fail.
/// </summary>
public sealed class NativeToolchainFactAttribute : FactAttribute
{
    public NativeToolchainFactAttribute()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator);
        var linker = OperatingSystem.IsWindows() || path.Any(d => File.Exists(Path.Combine(d, "gcc")) || File.Exists(Path.Combine(d, "clang")));
        if (!linker && Environment.GetEnvironmentVariable("CI") != "true")
            Skip = "No gcc or clang: the native (AOT) program cannot be linked here. Install gcc, or run .ci/run.";
    }
}

public class NativeProgramTests(NativeProgram native) : IClassFixture<NativeProgram>
{
    private string Program => native.Program ?? throw new Xunit.Sdk.XunitException("the native publish failed:\n" + native.PublishOutput);

    [NativeToolchainFact]
    public void TheNativeProgramWritesTheSameReportsAsTheJitCompiledOne()
    {
        using var temp = new TempFolder();
        var cases = new (string Workbook, string[] Options)[]
        {
            (Repo.SampleXlsx, []),
            (Repo.SampleXls, []),
            (Repo.SichuanSampleXlsx, ["--template", Path.Combine(Repo.Root, "templates", "hubei")]),
            (Repo.SampleXlsx, ["--review", "--trace"]),
        };
        foreach (var (workbook, options, i) in cases.Select((c, i) => (c.Workbook, c.Options, i)))
        {
            var nativeDocx = temp.File($"native{i}.docx");
            var jitDocx = temp.File($"jit{i}.docx");
            var fromNative = GeneratorProcess.Run(["generate", workbook, "--out", nativeDocx, "--no-layout", .. options], program: Program);
            var fromJit = GeneratorProcess.Run(["generate", workbook, "--out", jitDocx, "--no-layout", .. options]);
            Assert.True(fromNative.Exit == fromJit.Exit, $"native exit {fromNative.Exit}, JIT exit {fromJit.Exit}:\n{fromNative.Out}{fromNative.Err}");
            Assert.Equal(fromJit.Out.Replace(jitDocx, nativeDocx), fromNative.Out);
            var bytes = File.ReadAllBytes(nativeDocx);
            Assert.Empty(DocxText.ValidationErrors(bytes));
            Assert.Equal(DocxText.Of(File.ReadAllBytes(jitDocx)), DocxText.Of(bytes));
            if (options.Contains("--trace"))
                Assert.Equal(File.ReadAllText(Path.ChangeExtension(jitDocx, ".trace.txt")), File.ReadAllText(Path.ChangeExtension(nativeDocx, ".trace.txt")));
        }
    }

    [NativeToolchainFact]
    public void TheNativeProgramWritesTheSameViewModelJsonAndFieldReference()
    {
        using var temp = new TempFolder();
        var calculated = GeneratorProcess.Run(["calculate", Repo.SampleXlsx, "--json", temp.File("native.json")], program: Program);
        Assert.True(calculated.Exit == 0, calculated.Out + calculated.Err);
        GeneratorProcess.Run(["calculate", Repo.SampleXlsx, "--json", temp.File("jit.json")]);
        var json = File.ReadAllText(temp.File("native.json"));
        Assert.Equal(File.ReadAllText(temp.File("jit.json")), json);
        Assert.Equal("示例县农业农村局", JsonDocument.Parse(json).RootElement.GetProperty("department").GetProperty("name").GetString());

        var fields = GeneratorProcess.Run(["template", "fields"], program: Program);
        Assert.True(fields.Exit == 0, fields.Err);
        Assert.Equal(File.ReadAllText(Path.Combine(Repo.Root, "docs", "模板字段.md")).Replace("\r\n", "\n").TrimEnd(), fields.Out.Replace("\r\n", "\n").TrimEnd());
    }

    [NativeToolchainFact]
    public void TheNativeProgramRunsTheBatchAndChecksTheScheduleAsTheJitCompiledOneDoes()
    {
        using var temp = new TempFolder();
        var input = Directory.CreateDirectory(temp.File("工作簿")).FullName;
        File.Copy(Repo.SampleXlsx, Path.Combine(input, "a.xlsx"));
        File.WriteAllText(Path.Combine(input, "b.xlsx"), "not a workbook");
        var output = temp.File("报告");
        var batch = GeneratorProcess.Run(["batch", input, output, "--no-layout"], program: Program);
        Assert.True(batch.Exit == 2, batch.Out + batch.Err);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "batch-summary.json")));
        var statuses = summary.RootElement.GetProperty("workbooks").EnumerateArray()
            .ToDictionary(w => Path.GetFileName(w.GetProperty("input").GetString()!), w => w.GetProperty("status").GetString());
        Assert.Equal("succeeded", statuses["a.xlsx"]);
        Assert.Equal("failed", statuses["b.xlsx"]);

        // Settings bound from arguments; a bad one refused at once, in Chinese, into the log file too.
        var log = Path.Combine(temp.Path, "日志", "generator.log");
        var refused = GeneratorProcess.Run(["schedule", "--next", "2", "--Schedule:Cron=every night", "--Schedule:Input=" + input,
            "--Schedule:Output=" + output, "--Logging:File:Path=" + log], program: Program);
        Assert.Equal(2, refused.Exit);
        Assert.Contains("Schedule:Cron “every night” 不是有效的 Cron 表达式", refused.Out + refused.Err);
        var written = Assert.Single(Directory.GetFiles(Path.GetDirectoryName(log)!));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d.*不是有效的 Cron 表达式", File.ReadAllText(written));

        var next = GeneratorProcess.Run(["schedule", "--next", "2", "--Schedule:Cron=30 2 * * *", "--Schedule:Input=" + input, "--Schedule:Output=" + output],
            program: Program);
        Assert.True(next.Exit == 0, next.Out + next.Err);
        Assert.Equal(2, next.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Contains("T02:30:00")));
    }
}

/// <summary>The native program builds OpenXml's enum arrays only for the types openxml-enums.rd.xml lists.</summary>
public class OpenXmlEnumListTests
{
    [Fact]
    public void TheNativeProgramsEnumListNamesEveryPublicEnumOfTheReferencedOpenXml()
    {
        var listed = XDocument.Load(Path.Combine(Repo.Root, "src", "Generator.Cli", "openxml-enums.rd.xml"))
            .Descendants().Where(e => e.Name.LocalName == "Type").Select(e => (string)e.Attribute("Name")!).ToHashSet();
        var enums = typeof(DocumentFormat.OpenXml.OpenXmlElement).Assembly.GetTypes().Where(t => t.IsEnum && t.IsPublic)
            .Select(t => t.FullName + "[]").ToHashSet();
        Assert.True(enums.Count > 500, $"only {enums.Count} enums found");
        Assert.Empty(enums.Except(listed));
    }
}
