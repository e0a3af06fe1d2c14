using System.Diagnostics;
using FinalAccounts.Input;
using FinalAccounts.Tests.Support;
using Generator.Cli;
using static FinalAccounts.Tests.Support.XlsxPackage;

namespace FinalAccounts.Tests;

/// <summary>The reproductions of the hostile-input report, one test each, with the finding each must now give.</summary>
public class HostileReproductionTests(Xunit.Abstractions.ITestOutputHelper log)
{
    private static string Template => Path.Combine(Repo.Root, "templates", "default");

    private static (int Exit, string Output) Generate(string input, string report, bool trace = false)
    {
        var output = new StringWriter();
        var exit = GenerateCommand.Run(input, Template, report, pdf: false, trace: trace, output);
        return (exit, output.ToString());
    }

    private static (int Exit, string Output) Validate(string input)
    {
        var output = new StringWriter();
        return (ValidateCommand.Run(input, output), output.ToString());
    }

    /// <summary>The generator as its own process under a 512 MB GC heap limit: the peak working set it reached, its exit and output.</summary>
    private static (int Exit, string Output, long PeakBytes, TimeSpan Elapsed) RunBounded(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "generator.dll"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["DOTNET_GCHeapHardLimit"] = "0x20000000";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!process.WaitForExit(20))
        {
            try { process.Refresh(); peak = Math.Max(peak, process.PeakWorkingSet64); } catch (InvalidOperationException) { }
            if (clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("the generator did not finish within 60 s");
            }
        }
        return (process.ExitCode, output.Result + error.Result, peak, clock.Elapsed);
    }

    [Fact]
    public void R1_HugeSharedStringIsRefusedWithinBoundedMemory()
    {
        using var temp = new TempFolder();
        // Under the 100 MB package cap, so the reader itself must bound it: 90 M characters in one shared string, used as 部门名称.
        var under = XlsxPackage.Load(Repo.SampleXlsx).WithSharedStrings(new string('a', 90_000_000)).SetCell("基本信息", "B2", "s", V("0")).Save(temp.File("under.xlsx"));
        // The reported file: 180 M characters (over the package cap), refused before it is decompressed.
        var over = XlsxPackage.Load(Repo.SampleXlsx).WithSharedStrings(new string('a', 180_000_000)).SetCell("基本信息", "B2", "s", V("0")).Save(temp.File("over.xlsx"));
        foreach (var (input, id) in new[] { (under, "IN040"), (over, "IN005") })
        {
            var (exit, output, peak, elapsed) = RunBounded("generate", input, "--out", temp.File("r.docx"));
            log.WriteLine($"{Path.GetFileName(input)} ({new FileInfo(input).Length / 1024} KB): exit {exit}, peak {peak / 1024 / 1024} MB, {elapsed.TotalSeconds:F1} s");
            Assert.Equal(ExitCodes.Errors, exit);
            Assert.Contains($" {id}: ", output);
            Assert.True(peak < 512L * 1024 * 1024, $"peak working set {peak / 1024 / 1024} MB");
            Assert.False(File.Exists(temp.File("r.docx")));
        }
    }

    [Fact]
    public void R2_StrayCellFarAwayCostsNothingAndDoesNotWidenTheTable()
    {
        using var temp = new TempFolder();
        var input = WorkbookEditor.Load(Repo.SampleXlsx).Set("公开03表", "XFD1048576", 1m).Save(temp.File("stray.xlsx"));
        var clock = Stopwatch.StartNew();
        var (exit, output) = Validate(input);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"validate took {clock.Elapsed}");
        Assert.Equal(ExitCodes.Warnings, exit);
        Assert.Contains("[公开03表!A1048576]: warning IN021: ", output);

        var (generated, _) = Generate(input, temp.File("stray.docx"));
        var (plain, _) = Generate(Repo.SampleXlsx, temp.File("plain.docx"));
        Assert.Equal(ExitCodes.Warnings, generated);
        Assert.Equal(ExitCodes.Clean, plain);
        Assert.Equal(ColumnsOfWidestTable(temp.File("plain.docx")), ColumnsOfWidestTable(temp.File("stray.docx")));
        Assert.Empty(DocxText.ValidationErrors(File.ReadAllBytes(temp.File("stray.docx"))));
    }

    private static int ColumnsOfWidestTable(string docx)
    {
        using var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(docx, false);
        return word.MainDocumentPart!.Document.Descendants<DocumentFormat.OpenXml.Wordprocessing.TableGrid>().Max(g => g.Elements<DocumentFormat.OpenXml.Wordprocessing.GridColumn>().Count());
    }

    [Theory]
    [InlineData("基本信息", "基本信息 ")]
    [InlineData("基本信息", "基本 信息")]
    [InlineData("公开01表", "公开01表 ")]
    public void R3_SheetsThatMeanTheSameAreAnErrorNamingBoth(string original, string copy)
    {
        using var temp = new TempFolder();
        var editor = WorkbookEditor.Load(Repo.SampleXlsx);
        var duplicate = SheetContent.FromRaw(ExcelGridReader.Read(Repo.SampleXlsx).Sheets.Single(s => s.Name == original));
        duplicate.Name = copy;
        duplicate.Set(2, 2, "另一个部门");
        editor.Sheets.Add(duplicate);
        var input = editor.Save(temp.File("twice.xlsx"));
        var (exit, output) = Generate(input, temp.File("r.docx"));
        Assert.Equal(ExitCodes.Errors, exit);
        var line = output.Split('\n').Single(l => l.Contains(" IN034: "));
        Assert.Contains($"“{original}”", line);
        Assert.Contains($"“{copy}”", line);
        Assert.False(File.Exists(temp.File("r.docx")));
    }

    [Fact]
    public void R4_UnprintableCharactersAreRemovedWithTheSameWarningInValidateAndGenerate()
    {
        using var temp = new TempFolder();
        var input = XlsxPackage.Load(Repo.SampleXlsx)
            .SetCell("部门职责", "B2", "inlineStr", Inline("负责_xD800_农业_x001B_[2J工作_x0007_"))
            .Save(temp.File("surrogate.xlsx"));
        var (validateExit, validated) = Validate(input);
        var (generateExit, generated) = Generate(input, temp.File("r.docx"));
        Assert.Equal(ExitCodes.Warnings, validateExit);
        Assert.Equal(ExitCodes.Warnings, generateExit);
        var warning = validated.Split('\n').Single(l => l.Contains(" IN041: "));
        Assert.Contains("[部门职责!B2]", warning);
        Assert.Contains(@"\uD800", warning);
        Assert.Contains(@"\u001B", warning);
        Assert.Contains(warning.Trim(), generated);
        Assert.DoesNotContain('\u001B', validated + generated);
        Assert.DoesNotContain('\u0007', validated + generated);
        var bytes = File.ReadAllBytes(temp.File("r.docx"));
        Assert.Empty(DocxText.ValidationErrors(bytes));
        Assert.Contains("负责农业[2J工作", DocxText.Of(bytes));
    }

    [Theory]
    [InlineData("year of 基本信息 against the titles", "基本信息", "B3", 2023, "[公开01表!A1]: error CHK086: ")]
    [InlineData("prior year 7.9e27", "上年数", "B2", 7.9e27, "[上年数!B2]: error IN024: ")]
    [InlineData("prior year as an accounting negative", "上年数", "B2", "(7862.31)", "[上年数!B2]: warning IN023: ")]
    public void R5_InconsistentOrAbsurdSupplementaryInputIsReported(string _, string sheet, string cell, object value, string expected)
    {
        using var temp = new TempFolder();
        var input = WorkbookEditor.Load(Repo.SampleXlsx).Set(sheet, cell, value is double d ? (decimal)d : value).Save(temp.File("w.xlsx"));
        var (validateExit, validated) = Validate(input);
        var (generateExit, generated) = Generate(input, temp.File("r.docx"));
        Assert.Contains(expected, validated);
        Assert.Contains(expected, generated);
        Assert.Equal(validateExit, generateExit == ExitCodes.Errors ? ExitCodes.Errors : validateExit);
        Assert.Equal(expected.Contains("error"), File.Exists(temp.File("r.docx")) is false);
    }

    [Fact]
    public void R5_FormulaWithoutCachedValueIsNeverASilentZero()
    {
        using var temp = new TempFolder();
        var input = WorkbookEditor.Load(Repo.SampleXlsx).Set("项目资金", "C2", new Formula("1000+1")).Save(temp.File("w.xlsx"));
        var (exit, output) = Generate(input, temp.File("r.docx"));
        Assert.Equal(ExitCodes.Errors, exit);
        Assert.Contains("[项目资金!C2]: error IN046: ", output);
        Assert.False(File.Exists(temp.File("r.docx")));
    }

    [Fact]
    public void R6_OutputMayNeverBeTheInputOrAFileOfTheUsers()
    {
        using var temp = new TempFolder();
        var input = temp.File("w.xlsx");
        File.Copy(Repo.SampleXlsx, input);
        var before = File.ReadAllBytes(input);

        var (exit, output) = Generate(input, input);
        Assert.Equal(ExitCodes.Errors, exit);
        Assert.Contains("OUT02", output);
        Assert.Equal(before, File.ReadAllBytes(input));

        Assert.Contains("OUT02", Generate(input, temp.File("w.pdf")).Output);
        Assert.False(File.Exists(temp.File("w.pdf")));

        var mine = temp.File("我的总结.docx");
        File.WriteAllBytes(mine, File.ReadAllBytes(Path.Combine(Repo.Root, "tests", "FinalAccounts.Tests", "Fixtures", "encrypted.xlsx")));
        var mineBefore = File.ReadAllBytes(mine);
        Assert.Contains("OUT02", Generate(input, mine).Output);
        Assert.Equal(mineBefore, File.ReadAllBytes(mine));

        // A report of ours may be regenerated in place, with its trace.
        Assert.Equal(ExitCodes.Clean, Generate(input, temp.File("report.docx")).Exit);
        Assert.Equal(ExitCodes.Clean, Generate(input, temp.File("report.docx"), trace: true).Exit);
        Assert.True(File.Exists(temp.File("report.trace.txt")));

        // A trace of the user's own beside a new report name is not overwritten.
        File.WriteAllText(temp.File("other.trace.txt"), "用户自己的笔记");
        Assert.Contains("OUT02", Generate(input, temp.File("other.docx"), trace: true).Output);
        Assert.Equal("用户自己的笔记", File.ReadAllText(temp.File("other.trace.txt")));

        var calculate = new StringWriter();
        Assert.Equal(ExitCodes.Errors, CalculateCommand.Run(input, null, input, null, calculate));
        Assert.Contains("OUT02", calculate.ToString());
        Assert.Equal(before, File.ReadAllBytes(input));
    }

    [Fact]
    public async Task R11_NamedPipeIsRefusedWithoutOpeningIt()
    {
        if (OperatingSystem.IsWindows())
            return;   // no named pipes in the file system there
        using var temp = new TempFolder();
        var pipe = temp.File("a.xlsx");
        using (var mkfifo = Process.Start("mkfifo", [pipe]))
            mkfifo.WaitForExit();
        var validate = Task.Run(() => Validate(pipe));
        Assert.Same(validate, await Task.WhenAny(validate, Task.Delay(TimeSpan.FromSeconds(10))));
        var (exit, output) = await validate;
        Assert.Equal(ExitCodes.Errors, exit);
        Assert.Contains(" IN001: ", output);
    }
}
