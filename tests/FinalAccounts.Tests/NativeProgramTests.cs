using System.Runtime.InteropServices;
using System.Text.Json;
using System.Xml.Linq;
using FinalAccounts.Tests.Support;

namespace FinalAccounts.Tests;

/// <summary>
/// The native program as a user gets it: the .NET tool of build.cake's Pack (`dotnet pack -p:NativeTool=true`) installed
/// with `dotnet tool install`, which on the system that packed it is the native (AOT) program — compiled as build.cake's
/// Publish compiles it for that system. Packed and installed once, then run over every path where trimming or
/// ahead-of-time compilation could make it differ from the JIT-compiled program: reflection over the view model
/// (templates, trace, review comments, field reference), JSON written by generated code, .xls reading, settings binding
/// and the log file of the services.
/// </summary>
public sealed class NativeProgram : IDisposable
{
    private readonly TempFolder _folder = new();

    public NativeProgram()
    {
        Feed = Path.Combine(_folder.Path, "feed");
        var tools = Path.Combine(_folder.Path, "工具");
        var log = new System.Text.StringBuilder();
        try
        {
            var pack = ProcessRun.Run("dotnet", Repo.Root, TimeSpan.FromMinutes(15), "pack", Path.Combine("src", "Generator.Cli"), "-c", "Release",
                "-p:NativeTool=true", "-o", Feed, "-nologo");
            log.AppendLine(pack.Output);
            if (pack.Exit == 0)
                log.AppendLine(ProcessRun.Run("dotnet", _folder.Path, TimeSpan.FromMinutes(3), "tool", "install", "--tool-path", tools, "--add-source", Feed,
                    "FinalAccounts.Generator").Output);
        }
        catch (TimeoutException ex)
        {
            log.AppendLine(ex.Message);
        }
        PackOutput = log.ToString();
        Program = Path.Combine(tools, OperatingSystem.IsWindows() ? "generator.exe" : "generator");
        if (!File.Exists(Program))
            Program = null;
        ToolFolder = tools;
    }

    /// <summary>The installed command; null when packing or installing failed (<see cref="PackOutput"/> says why).</summary>
    public string? Program { get; }

    /// <summary>What `dotnet pack` and `dotnet tool install` wrote.</summary>
    public string PackOutput { get; }

    /// <summary>The packages: the one naming the packages per system, this system's native one and the framework-dependent one.</summary>
    public string Feed { get; }

    /// <summary>Where the tool was installed (--tool-path).</summary>
    public string ToolFolder { get; }

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

/// <summary>
/// The tests that pack the tool (this system's native package, the framework-dependent one): one after the other, since
/// both build src/Generator.Cli.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ToolPackagesCollection
{
    public const string Name = "Tool packages";
}

[Collection(ToolPackagesCollection.Name)]
public class NativeProgramTests(NativeProgram native) : IClassFixture<NativeProgram>
{
    private string Program => native.Program ?? throw new Xunit.Sdk.XunitException("packing or installing the native tool failed:\n" + native.PackOutput);

    [NativeToolchainFact]
    public void TheToolInstalledOnThePackingSystemIsItsNativeProgram()
    {
        _ = Program;
        // The package dotnet tool install asks for names this system's package and the framework-dependent one for the rest.
        var settings = ToolSettings(Path.Combine(native.Feed, "FinalAccounts.Generator.1.0.0.nupkg"));
        var named = settings.Descendants("RuntimeIdentifierPackage").ToDictionary(p => (string)p.Attribute("RuntimeIdentifier")!, p => (string)p.Attribute("Id")!);
        Assert.Equal(2, named.Count);
        Assert.Equal("FinalAccounts.Generator.any", named["any"]);
        var rid = Assert.Single(named.Keys, k => k != "any");
        // The system's portable name (linux-x64, win-x64…), which dotnet tool install on any machine of that kind looks for.
        Assert.Equal($"{(OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux")}-{RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}", rid);
        Assert.Equal($"FinalAccounts.Generator.{rid}", named[rid]);
        var packages = Directory.GetFiles(native.Feed, "*.nupkg").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal);
        Assert.Equal(["FinalAccounts.Generator.1.0.0.nupkg", "FinalAccounts.Generator.any.1.0.0.nupkg", $"FinalAccounts.Generator.{rid}.1.0.0.nupkg"], packages);

        // Installed: the program itself, with no managed assembly for a runtime to load, and not the 100 MB symbol file.
        var installed = Directory.GetFiles(Path.Combine(native.ToolFolder, ".store"), "*", SearchOption.AllDirectories);
        Assert.Contains(installed, f => Path.GetFileName(f) == Path.GetFileName(Program) && f.Contains($"finalaccounts.generator.{rid}", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(installed, f => Path.GetFileName(f) is "generator.dll" or "generator.dbg");
        Assert.Contains(installed, f => f.EndsWith(Path.Combine("templates", "default", "template.xml"), StringComparison.Ordinal));
    }

    [NativeToolchainFact]
    public void TheToolForEveryOtherSystemIsTheFrameworkDependentProgramWithItsTemplates()
    {
        _ = Program;
        using var temp = new TempFolder();
        var package = Path.Combine(native.Feed, "FinalAccounts.Generator.any.1.0.0.nupkg");
        var settings = ToolSettings(package);
        var command = Assert.Single(settings.Descendants("Command"));
        Assert.Equal("dotnet", (string?)command.Attribute("Runner"));
        System.IO.Compression.ZipFile.ExtractToDirectory(package, temp.File("包"));
        var entry = Assert.Single(Directory.GetFiles(temp.File("包"), (string)command.Attribute("EntryPoint")!, SearchOption.AllDirectories));

        // Run as dotnet tool install would run it on another system, from a folder that is not the repository.
        var elsewhere = Directory.CreateDirectory(temp.File("部门 决算")).FullName;
        var output = Path.Combine(elsewhere, "报告.docx");
        var generate = ProcessRun.Run("dotnet", elsewhere, TimeSpan.FromMinutes(3), entry, "generate", Repo.SampleXlsx, "--out", output, "--no-layout");
        Assert.True(generate.Exit == 0, generate.Output);
        Assert.Empty(DocxText.ValidationErrors(File.ReadAllBytes(output)));
        Assert.StartsWith("示例县农业农村局\n2024年度部门决算\n", DocxText.Of(File.ReadAllBytes(output)));
    }

    /// <summary>A tool package's DotnetToolSettings.xml.</summary>
    private static XDocument ToolSettings(string package)
    {
        using var zip = System.IO.Compression.ZipFile.OpenRead(package);
        var entry = zip.Entries.Single(e => e.Name == "DotnetToolSettings.xml");
        using var stream = entry.Open();
        return XDocument.Load(stream);
    }

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
