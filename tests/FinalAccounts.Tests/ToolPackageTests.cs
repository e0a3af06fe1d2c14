using FinalAccounts.Tests.Support;

namespace FinalAccounts.Tests;

/// <summary>Issue 17: `dotnet pack` + `dotnet tool install` give a working `generator`, templates included.</summary>
[Collection(ToolPackagesCollection.Name)]
public class ToolPackageTests
{
    private static (int Exit, string Output) Run(string file, string workingDirectory, params string[] args) =>
        ProcessRun.Run(file, workingDirectory, TimeSpan.FromMinutes(3), args);

    [Fact]
    public void PackedToolInstallsAndGeneratesTheSampleFromAnyFolder()
    {
        using var temp = new TempFolder();
        var feed = Path.Combine(temp.Path, "feed");
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;   // Debug or Release, as the tests were built
        var pack = Run("dotnet", Repo.Root, "pack", Path.Combine("src", "Generator.Cli"), "-c", configuration, "--no-build", "-o", feed);
        Assert.True(pack.Exit == 0, pack.Output);
        var package = Assert.Single(Directory.GetFiles(feed, "FinalAccounts.Generator.*.nupkg"));

        var tools = Path.Combine(temp.Path, "tools");
        var install = Run("dotnet", temp.Path, "tool", "install", "--tool-path", tools, "--add-source", feed, "FinalAccounts.Generator");
        Assert.True(install.Exit == 0, install.Output);
        var generator = Path.Combine(tools, OperatingSystem.IsWindows() ? "generator.exe" : "generator");
        Assert.True(File.Exists(generator), $"{package} installed no generator command");

        // From a folder that is not the repository: the default template must come with the tool.
        var elsewhere = Directory.CreateDirectory(Path.Combine(temp.Path, "部门 决算")).FullName;
        var output = Path.Combine(elsewhere, "报告.docx");
        var generate = Run(generator, elsewhere, "generate", Repo.SampleXlsx, "--out", output);
        Assert.True(generate.Exit == 0, generate.Output);
        Assert.Contains("已生成报告", generate.Output);
        Assert.Empty(DocxText.ValidationErrors(File.ReadAllBytes(output)));
        Assert.StartsWith("示例县农业农村局\n2024年度部门决算\n", DocxText.Of(File.ReadAllBytes(output)));

        // The field reference needs the view model's documentation file and the embedded sample: both travel with the tool.
        var fields = Run(generator, elsewhere, "template", "fields");
        Assert.True(fields.Exit == 0, fields.Output);
        Assert.Equal(File.ReadAllText(Path.Combine(Repo.Root, "docs", "模板字段.md")).Replace("\r\n", "\n").TrimEnd(), fields.Output.Replace("\r\n", "\n").TrimEnd());
    }
}
