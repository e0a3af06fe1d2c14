using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocxTemplating;
using FinalAccounts.Report;
using FinalAccounts.Tests.Support;
using Generator.Cli;
using Generator.Cli.Unattended;
using Microsoft.Extensions.Options;
using Spectre.Console;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace FinalAccounts.Tests;

/// <summary>
/// What a template maintainer can get wrong — an element helper given the wrong field, chart data
/// without points, a mistake in settings.json, a template path that is not there, a damaged
/// template file — is a diagnostic with an id and a place, and exit 2: never 内部错误 (exit 3).
/// </summary>
public class TemplateMistakeTests
{
    private static readonly string DefaultTemplate = Path.Combine(Repo.Root, "templates", "default");

    /// <summary>Batch writes to its plain-lines writer in these tests; the console is unused.</summary>
    private static IAnsiConsole NoConsole => AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) });

    /// <summary>A copy of the default template folder, its template.xml and settings.json changed as given.</summary>
    private static string CopyOfDefault(TempFolder temp, Func<string, string>? xml = null, string? settings = null)
    {
        var folder = Directory.CreateDirectory(temp.File("tpl")).FullName;
        foreach (var file in Directory.GetFiles(DefaultTemplate))
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        var template = Path.Combine(folder, "template.xml");
        if (xml is not null)
            File.WriteAllText(template, xml(File.ReadAllText(template)));
        if (settings is not null)
            File.WriteAllText(Path.Combine(folder, "settings.json"), settings);
        return folder;
    }

    private static string ChartOfAName(string xml) =>
        new Regex(Regex.Escape("{{chart charts.totalChange \"收支总计\"}}")).Replace(xml, "{{chart department.name}}", 1);

    [Fact]
    public void ChartOfAPlainFieldIsFoundByTemplateCheckAndRefusedByGenerate()
    {
        using var temp = new TempFolder();
        var template = CopyOfDefault(temp, ChartOfAName);

        var check = new StringWriter();
        Assert.Equal(ExitCodes.Errors, TemplateCommands.RunCheck(template, null, check));
        var line = Assert.Single(check.ToString().Split('\n'), l => l.Contains("TPL013"));
        Assert.Matches(@"\[正文 第\d+段（标题“一、收入支出决算总体情况说明”下）\]: error TPL013: “chart”需要一个图表字段", line);
        Assert.Contains("；department.name：是一个值，应为对象", line);
        Assert.EndsWith("标签：{{chart department.name}}", line.TrimEnd());

        var generate = new StringWriter();
        var docx = temp.File("report.docx");
        Assert.Equal(ExitCodes.Errors, GenerateCommand.Run(Repo.SampleXlsx, template, docx, pdf: false, trace: false, generate));
        Assert.Contains("error TPL013", generate.ToString());
        Assert.False(File.Exists(docx));
    }

    [Fact]
    public void ATagThatPrintsAnObjectOrAListOfObjectsIsTpl015NotABlankInTheReport()
    {
        using var temp = new TempFolder();
        // The first year in the title and the first prior year in the text become tags that print a whole object and a list.
        var template = CopyOfDefault(temp, xml => new Regex(Regex.Escape("{{department.priorYear}}")).Replace(
            new Regex(Regex.Escape("{{department.year}}")).Replace(xml, "{{department}}", 1), "{{appendix}}", 1));

        var check = new StringWriter();
        Assert.Equal(ExitCodes.Errors, TemplateCommands.RunCheck(template, null, check));
        var lines = check.ToString().Split('\n').Where(l => l.Contains("TPL015")).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Contains("error TPL015: “department”是一个对象，不能直接印出；请写出它的一个字段，如 {{department.name}}（它的字段：name、year、", lines[0]);
        Assert.EndsWith("标签：{{department}}", lines[0].TrimEnd());
        Assert.Matches(@"\[正文 第\d+段（标题“[^”]+”下）\]: error TPL015: “appendix”是一个由对象组成的列表，不能直接印出；请用 \{\{#each appendix\}\}", lines[1]);

        var generate = new StringWriter();
        var docx = temp.File("report.docx");
        Assert.Equal(ExitCodes.Errors, GenerateCommand.Run(Repo.SampleXlsx, template, docx, pdf: false, trace: false, generate));
        Assert.Contains("error TPL015", generate.ToString());
        Assert.False(File.Exists(docx));
    }

    [Fact]
    public void AnAmountObjectPrintedWithoutItsTextIsTpl015NamingTheTextField()
    {
        using var temp = new TempFolder();
        var (exit, output, docx) = Render(temp, new DocxBuilder().Paragraph("合计{{total}}万元，{{#each items}}{{name}}{{/each}}{{items}}"),
            """{ "total": { "value": 12.5, "text": "12.50" }, "items": [ { "name": "甲" } ] }""");

        Assert.Equal(ExitCodes.Errors, exit);
        Assert.Contains("t.docx[正文 第1段]: error TPL015: “total”是一个对象，不能直接印出；请写出它的一个字段，如 {{total.text}}（它的字段：value、text）。", output);
        Assert.Contains("error TPL015: “items”是一个由对象组成的列表", output);
        Assert.False(File.Exists(docx));
    }

    [Fact]
    public void WithoutASchemaAnObjectReachingAPrintingTagIsStillTpl015WhenFilling()
    {
        // No schema to check against at compile (a library caller's own data): the fill itself refuses, at the tag.
        var compiled = DocxTemplate.Compile(new DocxBuilder().Paragraph("前{{x}}后").Paragraph("{{y}}").Build(), "t.docx", new TemplateOptions()).Template!;
        var data = new Dictionary<string, object?>
        {
            ["x"] = new Dictionary<string, object?> { ["text"] = "1.00" },
            ["y"] = new List<object?> { new Dictionary<string, object?> { ["name"] = "甲" } },
        };

        var problems = Assert.Throws<TemplateRenderException>(() => compiled.Render(data)).Problems;
        Assert.Equal(["TPL015", "TPL015"], problems.Select(p => p.Id));
        Assert.Equal("“x”是一个对象，不能直接印出；请写出它的字段。", problems[0].Message);
        Assert.Equal(1, problems[0].Location?.Paragraph);
        Assert.Equal("“y”是一个由对象组成的列表，不能直接印出；请写出它的字段。", problems[1].Message);
        // A list of plain values still prints as before (joined), and so does a value.
        var plain = compiled.Render(new Dictionary<string, object?> { ["x"] = "值", ["y"] = new List<object?> { "a", "b" } });
        Assert.Equal("前值后\na,b", DocxText.Of(plain).Trim());
    }

    private static string WriteTemplate(TempFolder temp, DocxBuilder builder)
    {
        var path = temp.File("t.docx");
        File.WriteAllBytes(path, builder.Build());
        return path;
    }

    private static (int Exit, string Output, string Docx) Render(TempFolder temp, DocxBuilder builder, string json)
    {
        var data = temp.File("data.json");
        File.WriteAllText(data, json);
        var output = new StringWriter();
        var docx = temp.File("out.docx");
        return (TemplateCommands.RunRender(WriteTemplate(temp, builder), data, docx, output), output.ToString(), docx);
    }

    [Fact]
    public void ChartWithoutPointsRendersNothingInItsPlace()
    {
        using var temp = new TempFolder();
        var (exit, output, docx) = Render(temp, new DocxBuilder().Paragraph("图前").Paragraph("{{chart c \"收入\"}}").Paragraph("图后"),
            """{ "c": { "kind": "bar", "points": [] } }""");

        Assert.True(exit == ExitCodes.Clean, output);
        var bytes = File.ReadAllBytes(docx);
        Assert.Empty(DocxText.ValidationErrors(bytes));
        Assert.Equal("图前\n图后", DocxText.Of(bytes).Trim());
        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        Assert.Empty(document.MainDocumentPart!.ChartParts);
    }

    [Fact]
    public void ChartDataWithoutAPointsFieldIsATemplateProblemBeforeRendering()
    {
        using var temp = new TempFolder();
        var (exit, output, docx) = Render(temp, new DocxBuilder().Paragraph("{{chart c}}"), """{ "c": { "kind": "bar" } }""");

        Assert.Equal(ExitCodes.Errors, exit);
        Assert.Contains("t.docx[正文 第1段]: error TPL013: “chart”需要一个图表字段", output);
        Assert.Contains("；c.points：数据中没有该字段", output);
        Assert.False(File.Exists(docx));
    }

    [Fact]
    public void ChartDataTheHelperCannotReadIsTpl020AtTheTag()
    {
        using var temp = new TempFolder();
        // The schema has label and value, so compile passes; the value is not a number.
        var (exit, output, _) = Render(temp, new DocxBuilder().Paragraph("说明").Paragraph("{{chart c \"收入\"}}"),
            """{ "c": { "points": [ { "label": "本年", "value": "很多" } ] } }""");

        Assert.Equal(ExitCodes.Errors, exit);
        Assert.Contains("t.docx[正文 第2段]: error TPL020: “chart”无法生成", output);
        Assert.Contains("points 第1项的 value“很多”不是数字", output);
        Assert.Contains("标签：{{chart c \"收入\"}}", output);
    }

    [Fact]
    public void PublicTableGivenAListInsteadOfATableIsTpl013()
    {
        using var temp = new TempFolder();
        var (exit, output, _) = Render(temp, new DocxBuilder().Paragraph("{{publicTable appendix}}"),
            """{ "appendix": [ { "columnCount": 1, "headerRows": [], "rows": [] } ] }""");

        Assert.Equal(ExitCodes.Errors, exit);
        Assert.Contains("error TPL013: “publicTable”需要一张附表", output);
        Assert.Contains("；appendix：是列表，应为对象", output);
    }

    public static TheoryData<string, string, string, string> SettingsMistakes => new()
    {
        { """{ "budgetBasis": 3 }""", "TPL035", "$.budgetBasis", "应为文字“调整预算”或“年初预算”，现为数字 3" },
        { """{ "roughlyEqualBandPercnt": 1 }""", "TPL034", "$.roughlyEqualBandPercnt", "没有这项设置。是否想写“roughlyEqualBandPercent”？" },
        { """{ "budgetBasis": "调整预算", }, """, "TPL033", "$", "不是有效的 JSON，第1行附近写法有误" },
        { """{ "reasonRequiredAbovePercent": "5%" }""", "TPL035", "$.reasonRequiredAbovePercent", "应为数字（百分数，不小于 0，不带 % 和引号），现为文字“5%”" },
        { """{ "roughlyEqualBandPercent": -1 }""", "TPL036", "$.roughlyEqualBandPercent", "应为 0 到 100 的百分数，现为 -1" },
        { """{ "budgetBasis": "调整数" }""", "TPL036", "$.budgetBasis", "应为“调整预算”或“年初预算”，现为“调整数”" },
        { """{ "missingReasonPlaceholder": "【待填写】" }""", "TPL036", "$.missingReasonPlaceholder", "应以文字开头并含一处 {0}" },
        { """[ "调整预算" ]""", "TPL035", "$", "应为对象" },
        { """{ "words": { "rise": "上升", "grow": "上升" } }""", "TPL034", "$.words", "words 中没有“grow”" },
        { """{ "words": { "fall": 1 } }""", "TPL035", "$.words", "words.fall 应为非空文字，现为数字 1" },
        { """{ "words": "上升" }""", "TPL035", "$.words", "应为对象" },
        { """{ "budgetBasis": "调整预算", "budgetBasis": "年初预算" }""", "TPL034", "$.budgetBasis", "这项设置写了不止一次（又写作 文字“年初预算”）；只能写一次" },
        { """{ "words": { "rise": "上升", "rise": "增长" } }""", "TPL034", "$.words", "words.rise 写了不止一次（又写作 文字“增长”）" },
        { """{ "zeroAmount": "零" }""", "TPL036", "$.zeroAmount", "应为“0”（0万元，占0%）或“0.00”（0.00万元，占0.00%），现为“零”" },
        { """{ "moneyUnit": "千元" }""", "TPL036", "$.moneyUnit", "应为“万元”或“元”，现为“千元”" },
    };

    /// <summary>Issue 16: a zero amount reads one way everywhere, chosen by the template ("0万元，占0%" or "0.00万元，占0.00%").</summary>
    [Fact]
    public void ZeroAmountsReadAsTheTemplateSaysEverywhere()
    {
        using var temp = new TempFolder();
        var plain = Generated.From(Repo.SampleXlsx, temp.File("plain.docx"));
        // 二: the sample has no 国有资本经营预算财政拨款收入 (0) beside 520.00万元，占6.61%.
        Assert.Contains(plain.Lines, l => l.Contains("国有资本经营预算财政拨款收入0万元，占0%"));
        var template = CopyOfDefault(temp, settings: """{ "zeroAmount": "0.00" }""");
        var report = Generated.From(Repo.SampleXlsx, temp.File("r.docx"), Path.GetFullPath(template));
        Assert.Contains(report.Lines, l => l.Contains("国有资本经营预算财政拨款收入0.00万元，占0.00%"));
        Assert.DoesNotMatch(@"(?<![\d.,])0万元", report.Text);
        Assert.DoesNotMatch(@"占0%", report.Text);
        // Only zeros changed: every other line is the plain report's.
        Assert.Equal(plain.Lines.Count, report.Lines.Count);
        static string ZerosAsTwoDecimals(string line) =>
            System.Text.RegularExpressions.Regex.Replace(line, @"(?<![\d.,])0(?=万元|%)", "0.00");
        Assert.All(plain.Lines.Zip(report.Lines), pair => Assert.Equal(ZerosAsTwoDecimals(pair.First), pair.Second));
    }

    /// <summary>Issue 13: the words the calculation chooses come from the template's settings; today's are the defaults.</summary>
    [Fact]
    public void ARegionChangesTheChosenWordsInSettingsNotInCode()
    {
        using var temp = new TempFolder();
        var template = CopyOfDefault(temp, settings: """{ "words": { "increase": "增加了", "rise": "上升", "below": "低于" } }""");
        var report = Generated.From(Repo.SampleXlsx, temp.File("r.docx"), Path.GetFullPath(template));
        // 一: 8012.15 against 7862.31 is up 149.84, 1.91%; the sentence now says so in the region's words.
        Assert.Contains(report.Lines, l => l.StartsWith("2024年度收、支总计8012.15万元。与2023年相比，收、支总计各增加了149.84万元，上升1.91%。", StringComparison.Ordinal));
        Assert.DoesNotContain(report.Lines, l => l.Contains("增长1.91%"));
        // A 项 spent below its budget (2130122 农业生产发展: 1842.95 against 1900.00) reads 低于, and still asks for its reason.
        var sample = Generated.From(Repo.SampleXlsx, temp.File("plain.docx"));
        Assert.Equal(sample.Lines.Count(l => l.Contains("小于预算")), report.Lines.Count(l => l.Contains("低于预算")));
        Assert.True(report.Lines.Count(l => l.Contains("低于预算")) > 0);
    }

    [Theory]
    [MemberData(nameof(SettingsMistakes))]
    public void SettingsMistakeIsNamedWithItsFileAndJsonPath(string settings, string id, string path, string message)
    {
        using var temp = new TempFolder();
        var template = CopyOfDefault(temp, settings: settings);
        var output = new StringWriter();

        Assert.Equal(ExitCodes.Errors, TemplateCommands.RunCheck(template, null, output));

        Assert.Contains($"{Path.Combine(template, "settings.json")}[{path}]: error {id}: {message}", output.ToString());
    }

    [Fact]
    public void EveryMistakeOfASettingsFileIsReportedAtOnceAndGenerateValidateAndBatchExit2()
    {
        using var temp = new TempFolder();
        var template = CopyOfDefault(temp, settings: """{"budgetBasis": 3, "roughlyEqualBandPercnt": 1}""");
        var settings = Path.Combine(template, "settings.json");
        string[] expected =
        [
            $"{settings}[$.budgetBasis]: error TPL035: 应为文字“调整预算”或“年初预算”，现为数字 3。",
            $"{settings}[$.roughlyEqualBandPercnt]: error TPL034: 没有这项设置。",
        ];

        var generate = new StringWriter();
        Assert.Equal(ExitCodes.Errors, GenerateCommand.Run(Repo.SampleXlsx, template, temp.File("r.docx"), false, false, generate));
        var validate = new StringWriter();
        Assert.Equal(ExitCodes.Errors, ValidateCommand.Run(Repo.SampleXlsx, validate, template));
        var batch = new StringWriter();
        var input = Directory.CreateDirectory(temp.File("in")).FullName;
        Assert.Equal(ExitCodes.Errors, BatchCommand.Run(input, temp.File("out"), 1, template, NoConsole, plain: batch));

        foreach (var output in new[] { generate, validate, batch }.Select(w => w.ToString()))
        {
            Assert.All(expected, line => Assert.Contains(line, output));
            Assert.DoesNotContain("内部错误", output);
        }
        Assert.False(File.Exists(temp.File("r.docx")));
    }

    [Fact]
    public async Task ScheduleAndWatchRefuseToStartWithABrokenSettingsFile()
    {
        using var temp = new TempFolder();
        var template = CopyOfDefault(temp, settings: """{"budgetBasis": 3}""");
        var input = Directory.CreateDirectory(temp.File("in")).FullName;

        var check = ScheduleCheck.Validate(new ScheduleOptions { Cron = "0 2 * * *", Input = input, Output = temp.File("out"), Template = template });
        Assert.Contains(check.Problems, p => p.Contains($"Schedule:Template “{template}” 有问题") && p.Contains("[$.budgetBasis]: error TPL035"));

        var log = new ListLogger<DropFolderService>();
        var watch = new DropFolderService(Options.Create(new WatchOptions { Folder = temp.File("drop"), Template = template }), log);
        Assert.Equal(ExitCodes.Errors, await watch.RunAsync(CancellationToken.None));
        Assert.Contains("[$.budgetBasis]: error TPL035", log.Text);
    }

    public static TheoryData<string> Commands => ["generate", "validate", "batch", "render", "check"];

    /// <summary>Each command that takes a template, given a path that is not there.</summary>
    [Theory]
    [MemberData(nameof(Commands))]
    public void MissingTemplateIsTpl030ForEveryCommand(string command)
    {
        using var temp = new TempFolder();
        var missing = temp.File("没有这个模板");
        var output = new StringWriter();
        var data = temp.File("data.json");
        File.WriteAllText(data, "{}");
        var exit = command switch
        {
            "generate" => GenerateCommand.Run(Repo.SampleXlsx, missing, temp.File("r.docx"), false, false, output),
            "validate" => ValidateCommand.Run(Repo.SampleXlsx, output, missing),
            "batch" => BatchCommand.Run(temp.Path, temp.File("out"), 1, missing, NoConsole, plain: output),
            "render" => TemplateCommands.RunRender(missing, data, temp.File("r.docx"), output),
            _ => TemplateCommands.RunCheck(missing, null, output),
        };

        Assert.Equal(ExitCodes.Errors, exit);
        Assert.Contains($"{missing}: error TPL030: 模板不存在。", output.ToString());
    }

    [Fact]
    public void FolderWithoutATemplateFileIsTpl030()
    {
        using var temp = new TempFolder();
        var output = new StringWriter();

        Assert.Equal(ExitCodes.Errors, TemplateCommands.RunCheck(temp.Path, null, output));

        Assert.Contains($"{temp.Path}: error TPL030: 模板目录中没有 template.xml 或 template.docx。", output.ToString());
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("not a package")]
    [InlineData("part without content")]
    public void DamagedFlatOpcFileIsTpl032(string damage)
    {
        using var temp = new TempFolder();
        var template = CopyOfDefault(temp, xml => damage switch
        {
            "truncated" => xml[..(xml.Length / 2)],
            "not a package" => "<?xml version=\"1.0\"?><document/>",
            _ => Regex.Replace(xml, "<pkg:xmlData>.*?</pkg:xmlData>", "<pkg:xmlData></pkg:xmlData>", RegexOptions.Singleline),
        });
        var output = new StringWriter();

        Assert.Equal(ExitCodes.Errors, TemplateCommands.RunCheck(template, null, output));

        var file = Path.Combine(template, "template.xml");
        Assert.Matches(damage == "truncated" ? $@"{Regex.Escape(file)}\[第\d+行第\d+列\]: error TPL032: " : $@"{Regex.Escape(file)}: error TPL032: ", output.ToString());
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("not a package")]
    public void DamagedDocxFileIsTpl008NotAnInternalError(string damage)
    {
        using var temp = new TempFolder();
        var docx = ReportTemplate.Package(DefaultTemplate);
        var folder = Directory.CreateDirectory(temp.File("tpl")).FullName;
        var file = Path.Combine(folder, "template.docx");
        File.WriteAllBytes(file, damage == "truncated" ? docx[..(docx.Length / 2)] : "不是 Word 文档"u8.ToArray());

        var check = new StringWriter();
        Assert.Equal(ExitCodes.Errors, TemplateCommands.RunCheck(folder, null, check));
        Assert.Contains("error TPL008: 模板不是有效的 Word 文档（.docx）", check.ToString());

        var generate = new StringWriter();
        var report = temp.File("report.docx");
        Assert.Equal(ExitCodes.Errors, GenerateCommand.Run(Repo.SampleXlsx, folder, report, pdf: false, trace: false, generate));
        Assert.Contains("TPL008", generate.ToString());
        Assert.False(File.Exists(report));
    }

    /// <summary>The default template as template.docx in a folder of its own, with one part added or replaced.</summary>
    private static string DocxWithPart(TempFolder temp, string part, Action<Stream> write)
    {
        var folder = Directory.CreateDirectory(temp.File("tpl")).FullName;
        var file = Path.Combine(folder, "template.docx");
        File.WriteAllBytes(file, ReportTemplate.Package(DefaultTemplate));
        using (var zip = new System.IO.Compression.ZipArchive(File.Open(file, FileMode.Open), System.IO.Compression.ZipArchiveMode.Update))
        {
            zip.GetEntry(part)?.Delete();
            using var stream = zip.CreateEntry(part, System.IO.Compression.CompressionLevel.Fastest).Open();
            write(stream);
        }
        return folder;
    }

    /// <summary>9 MB of empty paragraphs, deflated to a few kB: past the 8 MB an XML part may have.</summary>
    private static void ManyParagraphs(Stream stream, string head, string tail)
    {
        stream.Write(System.Text.Encoding.UTF8.GetBytes(head));
        var chunk = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("<w:p/>", 16_384)));
        for (var written = 0L; written < 9L * 1024 * 1024; written += chunk.Length)
            stream.Write(chunk);
        stream.Write(System.Text.Encoding.UTF8.GetBytes(tail));
    }

    [Fact]
    public void ADocxWhoseDocumentInflatesPastTheLimitIsTpl038BeforeItIsOpened()
    {
        using var temp = new TempFolder();
        // A small file whose document part unpacks to millions of paragraphs (at 200 MB it took 8 GB and minutes).
        var folder = DocxWithPart(temp, "word/document.xml", stream => ManyParagraphs(stream,
            "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>", "</w:body></w:document>"));
        Assert.True(new FileInfo(Path.Combine(folder, "template.docx")).Length < 1024 * 1024);

        var check = new StringWriter();
        var watch = Stopwatch.StartNew();
        Assert.Equal(ExitCodes.Errors, TemplateCommands.RunCheck(folder, null, check));
        var line = Assert.Single(check.ToString().Split('\n'), l => l.Contains("TPL038"));
        Assert.Contains("template.docx: error TPL038: 模板中的“word/document.xml”解压后有 9 MB，超过单个 XML 部件的上限 8 MB（正常的模板不到 1 MB）。多为选错了文件", line);

        var generate = new StringWriter();
        var report = temp.File("report.docx");
        Assert.Equal(ExitCodes.Errors, GenerateCommand.Run(Repo.SampleXlsx, folder, report, pdf: false, trace: false, generate));
        Assert.Contains("error TPL038", generate.ToString());
        Assert.False(File.Exists(report));
        // Refused from the sizes the package declares, not after parsing millions of paragraphs (which takes some seconds).
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"{watch.Elapsed}");
    }

    [Theory]
    [InlineData(300, true)]
    [InlineData(200_000, true)]   // overflowed the SDK parser's stack: the process died, no message
    [InlineData(200, false)]
    public void ElementsNestedDeeperThanAnyDocumentAreTpl038NotAStackOverflow(int depth, bool refused)
    {
        using var temp = new TempFolder();
        var original = Encoding.UTF8.GetString(ZipPart(ReportTemplate.Package(DefaultTemplate), "word/document.xml"));
        var body = original.IndexOf("<w:body>", StringComparison.Ordinal) + "<w:body>".Length;
        var nested = string.Concat(Enumerable.Repeat("<w:customXml w:element=\"a\">", depth)) + "<w:p/>" + string.Concat(Enumerable.Repeat("</w:customXml>", depth));
        var folder = DocxWithPart(temp, "word/document.xml", stream => stream.Write(Encoding.UTF8.GetBytes(original.Insert(body, nested))));

        var check = new StringWriter();
        TemplateCommands.RunCheck(folder, null, check);
        if (refused)
            Assert.Contains("template.docx: error TPL038: 模板中的“word/document.xml”的元素嵌套超过 256 层", check.ToString());
        else
            Assert.DoesNotContain("TPL038", check.ToString());
    }

    [Fact]
    public void AFlatOpcTemplateNestedDeeperThanAnyDocumentIsTpl038NotAStackOverflow()
    {
        using var temp = new TempFolder();
        var nested = string.Concat(Enumerable.Repeat("<w:customXml w:element=\"a\">", 200_000)) + "<w:p/>" + string.Concat(Enumerable.Repeat("</w:customXml>", 200_000));
        var folder = CopyOfDefault(temp, xml => xml.Insert(xml.IndexOf("<w:body>", StringComparison.Ordinal) + "<w:body>".Length, nested));

        var generate = new StringWriter();
        var report = temp.File("report.docx");
        Assert.Equal(ExitCodes.Errors, GenerateCommand.Run(Repo.SampleXlsx, folder, report, pdf: false, trace: false, generate));
        Assert.Contains("template.xml: error TPL038: 模板文件的元素嵌套超过 256 层", generate.ToString());
        Assert.False(File.Exists(report));
    }

    private static string WithName(string xml, string replacement) =>
        new Regex(Regex.Escape("{{department.name}}")).Replace(xml, replacement, 1);

    [Theory]
    [InlineData(50_000, true)]   // overflowed the stack while checking: the process died without a word
    [InlineData(65, true)]
    [InlineData(63, false)]
    public void BlocksNestedDeeperThanAnyTemplateAreOneTpl008(int depth, bool refused)
    {
        using var temp = new TempFolder();
        var template = CopyOfDefault(temp, xml => WithName(xml,
            string.Concat(Enumerable.Repeat("{{#if department.name}}", depth)) + "{{department.name}}" + string.Concat(Enumerable.Repeat("{{/if}}", depth))));

        var check = new StringWriter();
        var exit = TemplateCommands.RunCheck(template, null, check);
        if (!refused)
        {
            Assert.Equal(ExitCodes.Clean, exit);
            return;
        }
        Assert.Equal(ExitCodes.Errors, exit);
        var lines = check.ToString().Split('\n').Where(l => l.Contains(": error TPL")).ToList();
        // One problem, at the first block too deep; the closing tags of the blocks left out are not each reported.
        var line = Assert.Single(lines);
        Assert.Contains("error TPL008: 块嵌套超过 64 层（{{else if}} 也算一层）", line);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ElseIfChainedPastTheDepthLimitIsOneTpl008WithoutElseAdvice(bool ownParagraphs)
    {
        using var temp = new TempFolder();
        // 70 {{else if}} in one block, then an {{else}}: past the 64th each further one was "只能有一个 {{else}}（多个条件请用 {{else if …}}）",
        // advice the maintainer had followed already. And an {{else}} in a block left out for its depth belonged to the block around it.
        var chain = new[] { "{{#if (eq n 0)}}", "零" }.Concat(Enumerable.Range(1, 70).SelectMany(i => new[] { $"{{{{else if (eq n {i})}}}}", $"第{i}" }))
            .Concat(["{{else}}", "其他", "{{/if}}"]).ToList();
        var nested = Enumerable.Repeat("{{#if n}}", 65).Concat(["甲", "{{else}}", "乙", "{{/if}}", "{{else}}", "丙"]).Concat(Enumerable.Repeat("{{/if}}", 64)).ToList();
        var builder = new DocxBuilder();
        foreach (var tags in new[] { chain, nested })
            if (ownParagraphs)
                foreach (var tag in tags)
                    builder.Paragraph(tag);
            else
                builder.Paragraph(string.Concat(tags));

        var (exit, output, docx) = Render(temp, builder, """{ "n": 1 }""");

        Assert.Equal(ExitCodes.Errors, exit);
        // Depth is reported once for the blocks of the body, or of a paragraph (here two), at the first tag too deep.
        var lines = output.Split('\n').Where(l => l.Contains(": error TPL")).ToList();
        Assert.True(lines.Count == (ownParagraphs ? 1 : 2), output);
        Assert.All(lines, line => Assert.Contains("error TPL008: 块嵌套超过 64 层（{{else if}} 也算一层）", line));
        Assert.EndsWith("标签：{{else if (eq n 64)}}", lines[0].TrimEnd());
        Assert.DoesNotContain("只能有一个", output);
        Assert.False(File.Exists(docx));
    }

    [Theory]
    [InlineData("{{#each appendix}}{{#each appendix}}{{#each appendix}}{{#each appendix}}{{#each appendix}}{{#each appendix}}{{#each appendix}}{{#each appendix}}x{{/each}}{{/each}}{{/each}}{{/each}}{{/each}}{{/each}}{{/each}}{{/each}}",
        "填充出的段落、表格行、图表和循环项超过 500000 个")]
    [InlineData("{{#each appendix}}{{#each appendix}}{{#each appendix}}{{#each appendix}}{{#each appendix}}TEXT{{/each}}{{/each}}{{/each}}{{/each}}{{/each}}",
        "一段文字填充后超过 10000000 个字符")]
    public void LoopsThatMultiplyPastAnyReportStopTheFillAtTheTag(string tags, string message)
    {
        using var temp = new TempFolder();
        // Eight loops over the nine 附表 are 43 million items; five around 3000 characters are 177 million characters.
        var template = CopyOfDefault(temp, xml => WithName(xml, tags.Replace("TEXT", new string('长', 3000))));
        var output = new StringWriter();
        var report = temp.File("report.docx");
        var watch = Stopwatch.StartNew();

        Assert.Equal(ExitCodes.Errors, GenerateCommand.Run(Repo.SampleXlsx, template, report, pdf: false, trace: false, output));

        var line = Assert.Single(output.ToString().Split('\n'), l => l.Contains("TPL020"));
        Assert.Matches(@"^template\.xml\[正文 第\d+段\]: error TPL020: ", line);
        Assert.Contains(message, line);
        Assert.EndsWith("标签：{{#each appendix}}", line.TrimEnd());
        Assert.False(File.Exists(report));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"{watch.Elapsed}");
    }

    [Fact]
    public void AChartInLoopsThatMultiplyStopsTheFillBeforeThousandsOfChartsAreMade()
    {
        using var temp = new TempFolder();
        // Four loops over the nine 附表 around a chart's paragraph would make 6561 charts, each a part with its workbook.
        var template = CopyOfDefault(temp, xml =>
        {
            var tag = xml.IndexOf("{{chart charts.totalChange", StringComparison.Ordinal);
            var start = xml.LastIndexOf("<w:p>", tag, StringComparison.Ordinal);
            var end = xml.IndexOf("</w:p>", tag, StringComparison.Ordinal) + "</w:p>".Length;
            Assert.True(start > 0 && xml.IndexOf("<w:p ", start, tag - start, StringComparison.Ordinal) < 0, "the chart's paragraph starts with <w:p>");
            static string Paragraph(string text) => $"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>";
            return xml[..start] + string.Concat(Enumerable.Repeat(Paragraph("{{#each appendix}}"), 4)) + xml[start..end]
                + string.Concat(Enumerable.Repeat(Paragraph("{{/each}}"), 4)) + xml[end..];
        });
        var output = new StringWriter();
        var report = temp.File("report.docx");

        Assert.Equal(ExitCodes.Errors, GenerateCommand.Run(Repo.SampleXlsx, template, report, pdf: false, trace: false, output));

        var line = Assert.Single(output.ToString().Split('\n'), l => l.Contains("TPL020"));
        Assert.Contains("填充出的段落、表格行、图表和循环项超过 500000 个（一张图表、一张附表按 100 个计", line);
        Assert.Contains("标签：{{chart charts.totalChange", line);
        Assert.False(File.Exists(report));
    }

    [Fact]
    public void AMegabyteLongTagIsQuotedShortenedInItsMessage()
    {
        using var temp = new TempFolder();
        var tag = "{{" + string.Concat(Enumerable.Repeat("a.", 500_000)) + "b}}";
        var template = CopyOfDefault(temp, xml => WithName(xml, tag));

        var check = new StringWriter();
        Assert.Equal(ExitCodes.Errors, TemplateCommands.RunCheck(template, null, check));
        var line = Assert.Single(check.ToString().Split('\n'), l => l.Contains("TPL005"));
        Assert.True(line.Length < 1_000, $"{line.Length} characters");
        Assert.Contains("数据中没有字段“a.a.a.", line);
        Assert.Contains($"（共 {tag.Length} 字）…", line);
        Assert.EndsWith("a.a.b}}", line.TrimEnd());
    }

    private static byte[] ZipPart(byte[] package, string part)
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(package));
        using var stream = new MemoryStream();
        zip.GetEntry(part)!.Open().CopyTo(stream);
        return stream.ToArray();
    }

    [Fact]
    public void AnXmlPartNamedLikeAnImageCountsAsXmlAndALargeImageDoesNot()
    {
        using var temp = new TempFolder();
        var disguised = DocxWithPart(temp, "word/media/image9.png", stream => ManyParagraphs(stream, "<?xml version=\"1.0\"?>\n<x>", "</x>"));
        var check = new StringWriter();
        Assert.Equal(ExitCodes.Errors, TemplateCommands.RunCheck(disguised, null, check));
        Assert.Contains("error TPL038: 模板中的“word/media/image9.png”解压后有 9 MB", check.ToString());

        using var other = new TempFolder();
        // A 9 MB photograph is not parsed: only the package's total limits it.
        var photo = DocxWithPart(other, "word/media/image9.png", stream =>
        {
            var bytes = new byte[9 * 1024 * 1024];
            new Random(7).NextBytes(bytes);
            bytes[0] = 0x89;
            stream.Write(bytes);
        });
        var clean = new StringWriter();
        Assert.Equal(ExitCodes.Clean, TemplateCommands.RunCheck(photo, null, clean));
        Assert.DoesNotContain("TPL038", clean.ToString());
    }

    [Fact]
    public void ATemplateFileOrSettingsFileTooLargeToBeATemplateIsTpl038UnreadAndDataTooLargeIsData01()
    {
        using var temp = new TempFolder();
        var folder = Directory.CreateDirectory(temp.File("tpl")).FullName;
        // Sparse files: their length is what is measured; nothing is read.
        using (var big = File.Create(Path.Combine(folder, "template.xml")))
            big.SetLength(TemplateLimits.MaxFileBytes + 1024 * 1024);
        var check = new StringWriter();
        Assert.Equal(ExitCodes.Errors, TemplateCommands.RunCheck(folder, null, check));
        Assert.Contains("template.xml: error TPL038: 模板文件有 65 MB，超过上限 64 MB（正常的模板不到 1 MB）。", check.ToString());

        using var other = new TempFolder();
        var settingsFolder = CopyOfDefault(other);
        using (var big = File.Create(Path.Combine(settingsFolder, "settings.json")))
            big.SetLength(TemplateLimits.MaxSettingsBytes + 512 * 1024);
        var settingsCheck = new StringWriter();
        Assert.Equal(ExitCodes.Errors, TemplateCommands.RunCheck(settingsFolder, null, settingsCheck));
        Assert.Contains("settings.json: error TPL038: 设置文件有 1.5 MB，超过上限 1 MB", settingsCheck.ToString());

        var data = temp.File("data.json");
        using (var big = File.Create(data))
            big.SetLength(TemplateLimits.MaxFileBytes + 1024 * 1024);
        var render = new StringWriter();
        Assert.Equal(ExitCodes.Errors, TemplateCommands.RunRender(DefaultTemplate, data, temp.File("out.docx"), render));
        Assert.Contains("data.json: error DATA01: 数据文件不是有效的 JSON：文件有 65 MB，超过上限 64 MB，未读取", render.ToString());
    }

    [Theory]
    [InlineData("/word/footer1.xml")]
    [InlineData("/word/styles.xml")]
    public void APartTakenOutWithItsReferenceLeftIsTpl008NotAnInternalError(string part)
    {
        using var temp = new TempFolder();
        // A hand edit of the Flat OPC file: the part is deleted, document.xml.rels still points at it.
        var template = CopyOfDefault(temp, xml =>
        {
            var removed = Regex.Replace(xml, $"<pkg:part pkg:name=\"{Regex.Escape(part)}\".*?</pkg:part>", "", RegexOptions.Singleline);
            Assert.NotEqual(xml, removed);
            return removed;
        });

        var check = new StringWriter();
        Assert.Equal(ExitCodes.Errors, TemplateCommands.RunCheck(template, null, check));
        Assert.Contains("error TPL008: 模板不是有效的 Word 文档（.docx）：", check.ToString());
        Assert.Contains("文档中的关系指向了包中没有的部件", check.ToString());

        var generate = new StringWriter();
        var report = temp.File("report.docx");
        Assert.Equal(ExitCodes.Errors, GenerateCommand.Run(Repo.SampleXlsx, template, report, pdf: false, trace: false, generate));
        Assert.Contains("TPL008", generate.ToString());
        Assert.DoesNotContain("内部错误", generate.ToString());
        Assert.False(File.Exists(report));
    }

    [Fact]
    public void AChartInAFooterIsTpl008AtItsTagNotAnInternalError()
    {
        using var temp = new TempFolder();
        // The chart helper adds its part to the document body while the footers are filled: it ended in 内部错误.
        var template = CopyOfDefault(temp, xml =>
        {
            var footer = xml.IndexOf("</w:ftr>", xml.IndexOf("<pkg:part pkg:name=\"/word/footer1.xml\"", StringComparison.Ordinal), StringComparison.Ordinal);
            return xml.Insert(footer, "<w:p><w:r><w:t>{{chart charts.totalChange \"收支总计\"}}</w:t></w:r></w:p>");
        });

        var check = new StringWriter();
        Assert.Equal(ExitCodes.Errors, TemplateCommands.RunCheck(template, null, check));
        var line = Assert.Single(check.ToString().Split('\n'), l => l.Contains("TPL008"));
        Assert.Contains("[页脚 /word/footer1.xml 第", line);
        Assert.Contains("error TPL008: “chart”只能放在正文中，页脚中放不了", line);

        var generate = new StringWriter();
        var report = temp.File("report.docx");
        Assert.Equal(ExitCodes.Errors, GenerateCommand.Run(Repo.SampleXlsx, template, report, pdf: false, trace: false, generate));
        Assert.DoesNotContain("内部错误", generate.ToString());
        Assert.False(File.Exists(report));
    }

    [Fact]
    public void StyleIdDefinedTwiceIsTpl037AndNoReportIsWritten()
    {
        using var temp = new TempFolder();
        // A merge of two templates: a second paragraph style under the id of the default one.
        var template = CopyOfDefault(temp, xml =>
        {
            var normal = Regex.Match(xml, "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"(\\w+)\">");
            Assert.True(normal.Success, "the default template defines a default paragraph style");
            var copy = $"<w:style w:type=\"paragraph\" w:styleId=\"{normal.Groups[1].Value}\"><w:name w:val=\"合并来的正文\"/></w:style>";
            return xml.Insert(xml.IndexOf("</w:styles>", StringComparison.Ordinal), copy);
        });
        var file = Path.Combine(template, "template.xml");

        var check = new StringWriter();
        Assert.Equal(ExitCodes.Errors, TemplateCommands.RunCheck(template, null, check));
        var line = Assert.Single(check.ToString().Split('\n'), l => l.Contains("TPL037"));
        Assert.StartsWith($"{file}[word/styles.xml]: error TPL037: 样式 ID“", line);
        Assert.Contains("定义了2次", line);
        Assert.Contains("“合并来的正文”", line);

        var generate = new StringWriter();
        var docx = temp.File("report.docx");
        Assert.Equal(ExitCodes.Errors, GenerateCommand.Run(Repo.SampleXlsx, template, docx, pdf: false, trace: false, generate));
        Assert.Contains("TPL037", generate.ToString());
        Assert.DoesNotContain("内部错误", generate.ToString());
        Assert.False(File.Exists(docx));
    }

    /// <summary>
    /// Content the report copies as it is and Office's schema refuses — here a paragraph's properties after its run, as a hand
    /// edit leaves them — is TPL039 in template check, at the part, the element and the paragraph's words; the report made
    /// from it would fail the same check.
    /// </summary>
    [Fact]
    public void ContentOfficesSchemaRefusesIsTpl039InTemplateCheck()
    {
        using var temp = new TempFolder();
        var template = CopyOfDefault(temp, xml => xml.Replace("<w:body>", "<w:body><w:p><w:r><w:t>次序错了的段落</w:t></w:r><w:pPr><w:jc w:val=\"center\"/></w:pPr></w:p>"));
        var file = Path.Combine(template, "template.xml");

        var check = new StringWriter();
        Assert.Equal(ExitCodes.Errors, TemplateCommands.RunCheck(template, null, check));
        var line = Assert.Single(check.ToString().Split('\n'), l => l.Contains("TPL039"));
        Assert.StartsWith($"{file}[word/document.xml /w:document[1]/w:body[1]/w:p[1]]: error TPL039: 模板中段落“次序错了的段落”中的内容不符合 Office 文档的格式规范：", line);
        Assert.Contains("pPr", line);

        // What TPL039 foretells: the report copies the paragraph and fails the schema check at the same element.
        var docx = temp.File("report.docx");
        var generate = new StringWriter();
        GenerateCommand.Run(Repo.SampleXlsx, template, docx, pdf: false, trace: false, generate);
        Assert.Contains(DocxText.ValidationErrors(File.ReadAllBytes(docx)), e => e.StartsWith("/word/document.xml /w:document[1]/w:body[1]/w:p[1]", StringComparison.Ordinal));
    }

    /// <summary>The schema check reads the template as loading read it: a file changed or gone since is not read again.</summary>
    [Fact]
    public void TheSchemaCheckReadsTheTemplateAsItWasLoaded()
    {
        using var temp = new TempFolder();
        var template = CopyOfDefault(temp, xml => xml.Replace("<w:body>", "<w:body><w:p><w:r><w:t>次序错了的段落</w:t></w:r><w:pPr><w:jc w:val=\"center\"/></w:pPr></w:p>"));
        var loaded = ReportTemplate.Load(template, ReportTemplate.Options(ReportTemplate.ViewModelSchema));

        File.Delete(Path.Combine(template, "template.xml"));

        Assert.Contains(ReportTemplate.SchemaProblems(loaded), p => p.Id == "TPL039" && p.Message.Contains("次序错了的段落"));
    }

    [Fact]
    public void ATemplateSpoiltThroughoutIsListedInAFewLines()
    {
        using var temp = new TempFolder();
        var wrong = string.Concat(Enumerable.Range(1, 30).Select(i => $"<w:p><w:r><w:t>第{i}段</w:t></w:r><w:pPr><w:jc w:val=\"center\"/></w:pPr></w:p>"));
        var template = CopyOfDefault(temp, xml => xml.Replace("<w:body>", "<w:body>" + wrong));

        var check = new StringWriter();
        Assert.Equal(ExitCodes.Errors, TemplateCommands.RunCheck(template, null, check));
        var lines = check.ToString().Split('\n').Where(l => l.Contains("TPL039")).ToList();
        Assert.Equal(TemplateSchemaCheck.MaxListed + 1, lines.Count);
        Assert.Contains("另有 10 处同类问题未列出", lines[^1]);
    }

    [Fact]
    public void StylesWithoutAnIdAreNotTheSameIdTwice()
    {
        using var temp = new TempFolder();
        // Hand-written styles without w:styleId (or an empty one): Office's schema check accepts them, and so did loading before TPL037.
        var template = CopyOfDefault(temp, xml => xml.Insert(xml.IndexOf("</w:styles>", StringComparison.Ordinal),
            "<w:style w:type=\"paragraph\"><w:name w:val=\"无编号甲\"/></w:style><w:style w:type=\"character\"><w:name w:val=\"无编号乙\"/></w:style>"
            + "<w:style w:type=\"paragraph\" w:styleId=\"\"><w:name w:val=\"空编号甲\"/></w:style><w:style w:type=\"paragraph\" w:styleId=\"\"><w:name w:val=\"空编号乙\"/></w:style>"));

        Assert.Empty(TemplateStyleCheck.Check(ReportTemplate.Package(template), template));
        var check = new StringWriter();
        Assert.Equal(ExitCodes.Clean, TemplateCommands.RunCheck(template, null, check));
        Assert.DoesNotContain("TPL037", check.ToString());
    }

    [Fact]
    public void LayoutStepThatCannotReadTheTemplateIsTpl020NotAnInternalError()
    {
        using var temp = new TempFolder();
        // A margin with its unit, as a hand edit may leave it: the landscape 附表 pages turn the margins round.
        var template = CopyOfDefault(temp, xml =>
        {
            var margin = new Regex("<w:pgMar w:top=\"\\d+\"");
            Assert.Matches(margin, xml);
            return margin.Replace(xml, "<w:pgMar w:top=\"3.7cm\"");
        });
        var output = new StringWriter();
        var docx = temp.File("report.docx");

        Assert.Equal(ExitCodes.Errors, GenerateCommand.Run(Repo.SampleXlsx, template, docx, pdf: false, trace: false, output));

        var line = Assert.Single(output.ToString().Split('\n'), l => l.Contains("TPL020"));
        Assert.StartsWith("template.xml: error TPL020: 填充后的排版步骤（表格列宽与附表横向页）无法处理模板中的内容：", line);
        Assert.Contains("3.7cm", line);
        Assert.DoesNotContain("内部错误", output.ToString());
        Assert.False(File.Exists(docx));
    }

    [Fact]
    public void ALayoutStepIsNamedByItsDescriptionOrElseAsALayoutStep()
    {
        var options = new TemplateOptions();
        options.Finishers.Add(document => throw new InvalidOperationException("读不懂"));
        var compiled = DocxTemplate.Compile(new DocxBuilder().Paragraph("正文").Build(), "t.docx", options).Template!;

        var problem = Assert.Single(Assert.Throws<TemplateRenderException>(() => compiled.Render(new Dictionary<string, object?>())).Problems);
        Assert.Equal("TPL020", problem.Id);
        // A lambda's compiler-made name (<…>b__0) would tell a maintainer nothing.
        Assert.StartsWith("填充后的排版步骤（模板的排版步骤）无法处理模板中的内容：读不懂", problem.Message);

        // The shipped steps carry the names a maintainer reads in the message.
        var names = new (Action<WordprocessingDocument> Step, string Name)[]
        {
            (PrintLayout.Apply, "表格列宽与附表横向页"), (ChartHeight.Apply, "图表高度"), (TableOfContents.Fill, "目录"),
        };
        foreach (var (step, name) in names)
            Assert.Equal(name, Assert.Single(step.Method.GetCustomAttributes(typeof(System.ComponentModel.DescriptionAttribute), false).Cast<System.ComponentModel.DescriptionAttribute>()).Description);
    }

    /// <summary>
    /// A step that reads only the template (Word's "update fields on open") is done once, when the template is compiled:
    /// every report carries its result without doing it again.
    /// </summary>
    [Fact]
    public void APreparationRunsOnceAtCompileAndEveryReportCarriesItsResult()
    {
        var calls = 0;
        var options = new TemplateOptions();
        options.Preparations.Add(document =>
        {
            calls++;
            var settings = document.MainDocumentPart!.DocumentSettingsPart ?? document.MainDocumentPart.AddNewPart<DocumentSettingsPart>();
            settings.Settings = new W.Settings(new W.UpdateFieldsOnOpen { Val = true });
            settings.Settings.Save();
        });
        var template = DocxTemplate.Compile(new DocxBuilder().Paragraph("{{name}}").Build(), "t.docx", options).Template!;
        Assert.Equal(1, calls);

        for (var i = 0; i < 3; i++)
        {
            var report = template.Render(new Dictionary<string, object?> { ["name"] = $"第{i}份" });
            using var word = WordprocessingDocument.Open(new MemoryStream(report), false);
            Assert.True(word.MainDocumentPart!.DocumentSettingsPart!.Settings.GetFirstChild<W.UpdateFieldsOnOpen>()?.Val?.Value);
            Assert.Equal($"第{i}份", word.MainDocumentPart.Document.Body!.InnerText);
        }
        Assert.Equal(1, calls);
    }

    [Fact]
    public void APreparationThatFailsOnTheTemplateIsTpl020AtCompileNotAnInternalError()
    {
        var options = new TemplateOptions();
        options.Preparations.Add(_ => throw new InvalidOperationException("读不懂设置"));

        var compiled = DocxTemplate.Compile(new DocxBuilder().Paragraph("正文").Build(), "t.docx", options);

        Assert.Null(compiled.Template);
        var problem = Assert.Single(compiled.Problems);
        Assert.Equal("TPL020", problem.Id);
        Assert.StartsWith("准备模板的步骤（模板的排版步骤）无法处理模板中的内容：读不懂设置", problem.Message);
    }

    /// <summary>The shipped templates' reports ask Word and WPS to update the 目录 on opening, also without the layout pass.</summary>
    [Theory]
    [InlineData("default")]
    [InlineData("hubei")]
    [InlineData("self-evaluation")]
    [InlineData("sichuan-2020")]
    public void EveryShippedTemplatesReportUpdatesItsFieldsOnOpening(string templateName)
    {
        var template = CompiledReportTemplate.Load(Path.Combine(Repo.Root, "templates", templateName)).Template!;
        var report = ReportWriter.Build(Repo.SampleXlsx, template);

        using var word = WordprocessingDocument.Open(new MemoryStream(report.Document!), false);
        var settings = word.MainDocumentPart!.DocumentSettingsPart!.Settings;
        Assert.True(Assert.Single(settings.Elements<W.UpdateFieldsOnOpen>()).Val?.Value);
    }

    [Fact]
    public void ShippedTemplatesDefineEachStyleIdOnce()
    {
        foreach (var folder in Directory.GetDirectories(Path.Combine(Repo.Root, "templates")))
        {
            var package = ReportTemplate.Package(folder);
            Assert.Empty(TemplateStyleCheck.Check(package, folder));
        }
    }

    /// <summary>The whole program, as a finance office runs it: the message and exit 2, not 内部错误 and 3.</summary>
    [Fact]
    public async Task GeneratorProcessGivenAMissingTemplateExits2WithTpl030()
    {
        using var temp = new TempFolder();
        var missing = temp.File("nonexist");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "generator.dll"), "generate", Repo.SampleXlsx, "--template", missing, "--out", temp.File("r.docx") })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(ExitCodes.Errors, process.ExitCode);
        Assert.Contains($"{missing}: error TPL030", await stdout);
        Assert.DoesNotContain("内部错误", await stdout + await stderr);
    }

    [Fact]
    public void ChangingTheOptionsOrThePackageAfterCompileChangesNoRender()
    {
        var options = new TemplateOptions { Schema = DataSchema.FromJson(JsonDocument.Parse("""{ "name": "示例局" }""").RootElement) };
        options.Helpers["shout"] = args => $"【{args[0]}】";
        options.ElementHelpers["box"] = new ElementHelperModule(ArgumentShape.Value, "一个值",
            (argument, _, _) => [new W.Paragraph(new W.Run(new W.Text($"框：{argument}")))]);
        var package = new DocxBuilder().Paragraph("{{shout name}}").Paragraph("{{box name}}").Build();
        var template = DocxTemplate.Compile(package, "t.docx", options).Template!;
        var data = new Dictionary<string, object?> { ["name"] = "示例局" };
        var before = DocxText.Of(template.Render(data));

        options.Helpers["shout"] = _ => "改了";
        options.ElementHelpers["box"] = new ElementHelperModule(ArgumentShape.Value, "一个值", (_, _, _) => throw new InvalidOperationException("改了"));
        options.Finishers.Add(_ => throw new InvalidOperationException("改了"));
        options.Schema = null;
        Array.Clear(package);

        Assert.Equal("【示例局】\n框：示例局", before.Trim());
        Assert.Equal(before, DocxText.Of(template.Render(data)));
    }

    [Theory]
    [InlineData("rIdGone")]   // the chart part taken out of the package, the drawing left: 内部错误-like TPL020 without a place, after filling
    [InlineData("rId1")]      // the drawing's relationship leads to the styles part: a report Word cannot open
    public void ADrawingWhoseChartPartIsNotInTheTemplateIsTpl008AtItsParagraph(string relationship)
    {
        using var temp = new TempFolder();
        const string drawing = """<w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:extent cx="5000000" cy="2000000"/><wp:docPr id="77" name="图表 1"/>"""
            + """<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">"""
            + """<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="RID"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>""";
        var template = CopyOfDefault(temp, xml =>
        {
            var tag = xml.IndexOf("{{department.name}}", StringComparison.Ordinal);
            var end = xml.IndexOf("</w:p>", tag, StringComparison.Ordinal);
            return xml[..end] + drawing.Replace("RID", relationship) + xml[end..];
        });

        var check = new StringWriter();
        Assert.Equal(ExitCodes.Errors, TemplateCommands.RunCheck(template, null, check));
        var line = Assert.Single(check.ToString().Split('\n'), l => l.Contains("error TPL"));
        Assert.Matches(@"^tpl\[正文 第1段\]: error TPL008: 段落中的图表引用的图表部件（关系“" + relationship + "”）不在模板中", line);

        var output = new StringWriter();
        var report = temp.File("report.docx");
        Assert.Equal(ExitCodes.Errors, GenerateCommand.Run(Repo.SampleXlsx, template, report, pdf: false, trace: false, output));
        Assert.Contains("error TPL008: 段落中的图表引用的图表部件", output.ToString());
        Assert.False(File.Exists(report));
    }


    [Theory]
    [InlineData("<w:sdt><w:sdtContent><w:p>DRAWING</w:p></w:sdtContent></w:sdt>")]   // a content control around the chart's paragraph
    [InlineData("<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w=\"5000\"/></w:tblGrid><w:sdt><w:sdtContent><w:tr><w:tc><w:p>DRAWING</w:p></w:tc></w:tr></w:sdtContent></w:sdt></w:tbl>")]   // around table rows
    public void ADrawingWithoutItsChartPartInAContentControlIsTpl008Too(string content)
    {
        using var temp = new TempFolder();
        // Content copied as it is was not checked: template check passed, generate failed after filling with an English
        // TPL020 (图表高度: "Specified argument was out of the range of valid values") naming no place.
        const string drawing = """<w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:extent cx="5000000" cy="2000000"/><wp:docPr id="77" name="图表 1"/>"""
            + """<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">"""
            + """<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rIdGone"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>""";
        var template = CopyOfDefault(temp, xml =>
        {
            var end = xml.IndexOf("</w:p>", xml.IndexOf("{{department.name}}", StringComparison.Ordinal), StringComparison.Ordinal) + "</w:p>".Length;
            return xml[..end] + content.Replace("DRAWING", drawing) + xml[end..];
        });

        var check = new StringWriter();
        Assert.Equal(ExitCodes.Errors, TemplateCommands.RunCheck(template, null, check));
        var line = Assert.Single(check.ToString().Split('\n'), l => l.Contains("error TPL"));
        Assert.Matches(@"^tpl\[正文 第1段.*\]: error TPL008: 段落中的图表引用的图表部件（关系“rIdGone”）不在模板中", line);

        var output = new StringWriter();
        var report = temp.File("report.docx");
        Assert.Equal(ExitCodes.Errors, GenerateCommand.Run(Repo.SampleXlsx, template, report, pdf: false, trace: false, output));
        Assert.Contains("error TPL008: 段落中的图表引用的图表部件", output.ToString());
        Assert.DoesNotContain("TPL020", output.ToString());
        Assert.False(File.Exists(report));
    }

    [Theory]
    [InlineData("""<w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:extent cx="500000" cy="500000"/><wp:docPr id="78" name="图片 1"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="0" name="x.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rIdGone"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="500000" cy="500000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>""", "图片")]
    [InlineData("""<w:hyperlink r:id="rIdGone"><w:r><w:t>链接</w:t></w:r></w:hyperlink>""", "超链接")]
    public void APictureOrHyperlinkWhosePartOrAddressIsNotInTheTemplateIsTpl008(string content, string what)
    {
        using var temp = new TempFolder();
        // As with a chart: the image part taken out by a hand edit, the picture left. Template check and generate passed,
        // and the report failed OpenXmlValidator ("The relationship 'rIdGone' … does not exist").
        var template = CopyOfDefault(temp, xml =>
        {
            var end = xml.IndexOf("</w:p>", xml.IndexOf("{{department.name}}", StringComparison.Ordinal), StringComparison.Ordinal);
            return xml[..end] + content + xml[end..];
        });

        var check = new StringWriter();
        Assert.Equal(ExitCodes.Errors, TemplateCommands.RunCheck(template, null, check));
        var line = Assert.Single(check.ToString().Split('\n'), l => l.Contains("error TPL"));
        Assert.StartsWith($"tpl[正文 第1段]: error TPL008: 段落中的{what}引用的部件（关系“rIdGone”）不在模板中", line);
        var output = new StringWriter();
        var report = temp.File("report.docx");
        Assert.Equal(ExitCodes.Errors, GenerateCommand.Run(Repo.SampleXlsx, template, report, pdf: false, trace: false, output));
        Assert.False(File.Exists(report));

        // With its relationship the same hyperlink is fine.
        using var again = new TempFolder();
        var linked = CopyOfDefault(again, xml =>
        {
            var end = xml.IndexOf("</w:p>", xml.IndexOf("{{department.name}}", StringComparison.Ordinal), StringComparison.Ordinal);
            xml = xml[..end] + """<w:hyperlink r:id="rIdLink"><w:r><w:t>链接</w:t></w:r></w:hyperlink>""" + xml[end..];
            return xml.Replace("""<Relationship Id="rId1" """, """<Relationship Id="rIdLink" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/" TargetMode="External"/><Relationship Id="rId1" """);
        });
        output = new StringWriter();
        report = again.File("report.docx");
        Assert.True(GenerateCommand.Run(Repo.SampleXlsx, linked, report, pdf: false, trace: false, output) is ExitCodes.Clean or ExitCodes.Warnings, output.ToString());
        Assert.Empty(DocxText.ValidationErrors(File.ReadAllBytes(report)));
    }

    [Theory]
    // At the row where the content control stands (it was at the paragraph before the table); rows in controls before it are counted.
    [InlineData("<w:sdt><w:sdtContent><w:tr><w:tc><w:p><w:r><w:t>{{department.year}}</w:t></w:r></w:p></w:tc></w:tr></w:sdtContent></w:sdt>", "正文 第2段 表格1第2行第1格", "sdt")]
    [InlineData("<w:sdt><w:sdtContent><w:tr><w:tc><w:p/></w:tc></w:tr><w:tr><w:tc><w:p/></w:tc></w:tr></w:sdtContent></w:sdt>"
        + "<w:sdt><w:sdtContent><w:tr><w:tc><w:p><w:r><w:t>{{department.year}}</w:t></w:r></w:p></w:tc></w:tr></w:sdtContent></w:sdt>", "正文 第2段 表格1第4行第1格", "sdt")]
    [InlineData("<w:tr><w:sdt><w:sdtContent><w:tc><w:p><w:r><w:t>{{department.year}}</w:t></w:r></w:p></w:tc></w:sdtContent></w:sdt></w:tr>", "正文 第2段 表格1第2行第1格", "sdt")]
    public void ATagInAContentControlAroundRowsOrCellsIsTpl008NotPrintedAsWritten(string rows, string place, string element)
    {
        using var temp = new TempFolder();
        // Such rows are copied as they are: template check passed and the report printed “{{department.year}}”.
        var template = CopyOfDefault(temp, xml =>
        {
            var end = xml.IndexOf("</w:p>", xml.IndexOf("{{department.name}}", StringComparison.Ordinal), StringComparison.Ordinal) + "</w:p>".Length;
            return xml[..end] + "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w=\"5000\"/></w:tblGrid><w:tr><w:tc><w:p><w:r><w:t>表头</w:t></w:r></w:p></w:tc></w:tr>"
                + rows + "</w:tbl>" + xml[end..];
        });

        var check = new StringWriter();
        Assert.Equal(ExitCodes.Errors, TemplateCommands.RunCheck(template, null, check));
        var line = Assert.Single(check.ToString().Split('\n'), l => l.Contains("error TPL"));
        Assert.StartsWith($"tpl[{place}]: error TPL008: 此处（{element}）的标签不会被填充，请把标签放在普通段落或表格中。", line);

        var output = new StringWriter();
        var report = temp.File("report.docx");
        Assert.Equal(ExitCodes.Errors, GenerateCommand.Run(Repo.SampleXlsx, template, report, pdf: false, trace: false, output));
        Assert.False(File.Exists(report));
    }

    [Fact]
    public void EachOverAnObjectWhoseFieldsDifferIsTpl008InCheckNotAFailedFill()
    {
        using var temp = new TempFolder();
        // department's fields are a text and a list: the item is "示例局", then a list; neither has a name, and the check let it pass.
        var (exit, output, docx) = Render(temp, new DocxBuilder().Paragraph("说明").Paragraph("{{#each department}}{{name}}{{/each}}"),
            """{ "department": { "name": "示例局", "units": [ "甲" ] } }""");

        Assert.Equal(ExitCodes.Errors, exit);
        Assert.Contains("t.docx[正文 第2段]: error TPL008: “department”是一个对象，它的字段不是同一种数据（有的是值，有的是对象或列表）", output);
        Assert.Contains("如 {{department.name}}。", output);
        Assert.DoesNotContain("TPL020", output);
        Assert.False(File.Exists(docx));
    }

    [Fact]
    public void EachOverAnObjectWhoseFieldsDifferPassesWhenItsBodyReadsNoField()
    {
        using var temp = new TempFolder();
        // department's fields are a text and a list. A loop that writes only its keys, indexes, each value as it is,
        // and fields found above the loop fills for every item; 40a3e3a refused it at the loop (TPL008).
        const string json = """{ "year": "2025", "department": { "name": "示例局", "units": [ "甲", "乙" ] } }""";
        var (exit, output, docx) = Render(temp, new DocxBuilder()
            .Paragraph("{{#each department}}{{@key}}；{{/each}}")
            .Paragraph("{{#each department}}{{@index}}{{@key}}{{year}}{{../year}}{{#if @first}}首{{/if}}{{#if this}}有{{/if}}={{this}}；{{/each}}"), json);
        Assert.True(exit == ExitCodes.Clean, output);
        Assert.Equal("name；units；\n0name20252025首有=示例局；1units20252025有=甲,乙；", DocxText.Of(File.ReadAllBytes(docx)).Trim());

        // A tag that reads into the item (a field of the text, the list's own name) is still TPL008, at its tag, once.
        foreach (var body in new[] { "{{this.name}}", "{{units}}", "{{#each this}}{{this}}{{/each}}", "{{lookup this 0}}" })
        {
            using var again = new TempFolder();
            (exit, output, docx) = Render(again, new DocxBuilder().Paragraph("{{#each department}}{{@key}}" + body + "{{/each}}"), json);
            Assert.Equal(ExitCodes.Errors, exit);
            var line = Assert.Single(output.Split('\n'), l => l.Contains("error"));
            Assert.Contains("t.docx[正文 第1段]: error TPL008: “department”是一个对象，它的字段不是同一种数据", line);
            Assert.False(File.Exists(docx));
        }
    }

    /// <summary>
    /// A JSON list whose items are of different kinds (a text, then an object) is read as an object of mixed fields is: a
    /// loop writing only @index or fields above it fills for every item, a tag reading into the item or printing it is
    /// TPL008 at the tag. The items were read as the first kind, so {{this}} passed check and the fill failed (TPL015).
    /// </summary>
    [Fact]
    public void AListWhoseItemsDifferIsReadAsAnObjectOfMixedFieldsIs()
    {
        const string json = """{ "year": "2025", "xs": [ "甲", { "name": "乙" } ], "ns": [ 1, "二" ] }""";
        using var temp = new TempFolder();
        var (exit, output, docx) = Render(temp, new DocxBuilder()
            .Paragraph("{{#each xs}}{{@index}}{{year}}；{{/each}}")
            .Paragraph("{{#each ns}}{{this}}、{{/each}}{{ns}}"), json);
        Assert.True(exit == ExitCodes.Clean, output);
        Assert.Equal("02025；12025；\n1、二、1,二", DocxText.Of(File.ReadAllBytes(docx)).Trim());

        foreach (var (body, id) in new[] { ("{{#each xs}}{{this}}{{/each}}", "TPL008"), ("{{#each xs}}{{name}}{{/each}}", "TPL008"), ("{{xs}}", "TPL015") })
        {
            using var again = new TempFolder();
            (exit, output, docx) = Render(again, new DocxBuilder().Paragraph(body), json);
            Assert.Equal(ExitCodes.Errors, exit);
            var line = Assert.Single(output.Split('\n'), l => l.Contains("error"));
            Assert.Contains($"error {id}: “xs”", line);
            Assert.False(File.Exists(docx));
            var check = new StringWriter();
            Assert.Equal(ExitCodes.Errors, TemplateCommands.RunCheck(again.File("t.docx"), again.File("data.json"), check));
            Assert.Contains($"error {id}: “xs”", check.ToString());
        }
    }

    [Fact]
    public void EachOverAnObjectWhoseFieldsAreAlikeChecksWhatEveryFieldHas()
    {
        using var temp = new TempFolder();
        const string json = """{ "totals": { "收入": "1.00", "支出": "2.00" }, "charts": { "a": { "title": "图甲", "kind": "bar" }, "b": { "title": "图乙" } } }""";
        var (exit, output, docx) = Render(temp, new DocxBuilder().Paragraph("{{#each totals}}{{@key}}{{this}}；{{/each}}").Paragraph("{{#each charts}}{{title}}{{/each}}"), json);
        Assert.True(exit == ExitCodes.Clean, output);
        Assert.Equal("收入1.00；支出2.00；\n图甲图乙", DocxText.Of(File.ReadAllBytes(docx)).Trim());

        // kind is in one chart only: the second item has none (nor has the root), so the fill would fail there; the check says so.
        using var again = new TempFolder();
        (exit, output, docx) = Render(again, new DocxBuilder().Paragraph("{{#each charts}}{{kind}}{{/each}}"), json);
        Assert.Equal(ExitCodes.Errors, exit);
        Assert.Contains("t.docx[正文 第1段]: error TPL005: 数据中没有字段“kind”", output);
        Assert.DoesNotContain("TPL020", output);
    }

    [Fact]
    public void AFieldOnlySomeItemsHaveIsReadInsideTheBlockThatAsksForIt()
    {
        // kind and style are in chart a only. Since 40a3e3a even the guarded read was TPL005, though the fill skips chart b.
        const string json = """{ "charts": { "a": { "title": "图甲", "kind": "bar", "style": { "color": "红" } }, "b": { "title": "图乙" } } }""";
        using var temp = new TempFolder();
        var (exit, output, docx) = Render(temp, new DocxBuilder()
            .Paragraph("{{#each charts}}{{title}}{{#if kind}}（{{kind}}）{{/if}}；{{/each}}")
            .Paragraph("{{#each charts}}{{#unless kind}}无{{else}}{{kind}}{{/unless}}{{#with style}}{{color}}{{/with}}{{#if style.color}}{{style.color}}{{/if}}；{{/each}}")
            .Paragraph("{{#each charts}}")
            .Paragraph("{{#if kind}}")
            .Paragraph("{{title}}是{{kind}}")
            .Paragraph("{{/if}}")
            .Paragraph("{{/each}}"), json);
        Assert.True(exit == ExitCodes.Clean, output);
        Assert.Equal("图甲（bar）；图乙；\nbar红红；无；\n图甲是bar", DocxText.Of(File.ReadAllBytes(docx)).Trim());

        // Read where nothing asked for it (outside the block, in its {{else}}, where unless found it missing, under another
        // field's #if), chart b would print a blank: TPL005 at that tag, as before. So is a field no chart has, guarded or not.
        foreach (var (body, tag) in new[]
                 {
                     ("{{#if kind}}{{/if}}{{kind}}", "{{kind}}"), ("{{#if kind}}有{{else}}{{kind}}{{/if}}", "{{kind}}"),
                     ("{{#unless kind}}{{kind}}{{/unless}}", "{{kind}}"), ("{{#if title}}{{kind}}{{/if}}", "{{kind}}"),
                     ("{{#if style}}{{kind}}{{/if}}", "{{kind}}"), ("{{#if kinds}}有{{/if}}", "{{#if kinds}}"),
                 })
        {
            using var again = new TempFolder();
            (exit, output, docx) = Render(again, new DocxBuilder().Paragraph("{{#each charts}}" + body + "{{/each}}"), json);
            Assert.Equal(ExitCodes.Errors, exit);
            var line = Assert.Single(output.Split('\n'), l => l.Contains("error"));
            var field = tag.Contains("kinds") ? "kinds" : "kind";
            Assert.Equal($"t.docx[正文 第1段]: error TPL005: 数据中没有字段“{field}”（当前位置：charts[]）。 标签：{tag}", line.TrimEnd());
            Assert.False(File.Exists(docx));
        }
    }


    /// <summary>
    /// The items of a JSON list are read with the same rule as the fields of an object {{#each}} goes over: a field only
    /// some items have may be read inside the block that asks for it, and nowhere else. The items' fields were merged, so
    /// {{kind}} below passed check (template check --data, and render's own check) and then failed the fill with TPL020.
    /// </summary>
    [Fact]
    public void AFieldOnlySomeItemsOfAJsonListHaveIsReadOnlyInsideTheBlockThatAsksForIt()
    {
        const string json = """{ "xs": [ { "name": "甲", "kind": "a", "s": { "c": "红" }, "t": { "c": "蓝" }, "n": "x" }, { "name": "乙", "s": { "d": "z" }, "t": null, "n": null } ] }""";
        using var temp = new TempFolder();
        var (exit, output, docx) = Render(temp, new DocxBuilder()
            .Paragraph("{{#each xs}}{{name}}{{#if kind}}（{{kind}}）{{/if}}{{#unless kind}}无{{else}}{{kind}}{{/unless}}{{#with kind}}{{this}}{{/with}}；{{/each}}")
            .Paragraph("{{#each xs}}{{#if s.c}}{{s.c}}{{/if}}{{#if t}}{{t.c}}{{/if}}{{#with t}}{{c}}{{/with}}{{n}}；{{/each}}"), json);
        Assert.True(exit == ExitCodes.Clean, output);
        Assert.Equal("甲（a）aa；乙无；\n红蓝蓝x；；", DocxText.Of(File.ReadAllBytes(docx)).Trim());

        // kind is in the first item only; s.c in the first s only; t is null in the second (a null field is there, as the
        // fill finds it, but nothing is in it). Read where nothing asked for it: TPL005 at the tag, in check and in render.
        foreach (var (body, field, at) in new[]
                 {
                     ("{{kind}}", "kind", "xs[]"), ("{{#if name}}{{kind}}{{/if}}", "kind", "xs[]"), ("{{s.c}}", "s.c", "xs[]"), ("{{t.c}}", "t.c", "xs[]"),
                     ("{{#with s}}{{c}}{{/with}}", "c", "xs[].s"),
                 })
        {
            using var again = new TempFolder();
            var builder = new DocxBuilder().Paragraph("前").Paragraph("{{#each xs}}" + body + "{{/each}}");
            var expected = $"t.docx[正文 第2段]: error TPL005: 数据中没有字段“{field}”（当前位置：{at}）。 标签：{{{{{field}}}}}";
            (exit, output, docx) = Render(again, builder, json);
            Assert.Equal(ExitCodes.Errors, exit);
            Assert.Equal(expected, Assert.Single(output.Split('\n'), l => l.Contains("error")).TrimEnd());
            Assert.DoesNotContain("TPL020", output);
            var check = new StringWriter();
            Assert.Equal(ExitCodes.Errors, TemplateCommands.RunCheck(again.File("t.docx"), again.File("data.json"), check));
            Assert.Contains(expected, check.ToString());
        }
    }

    /// <summary>
    /// A field null in some items, read under a condition inside the loop ({{#if hasRate}}{{rate.text}}%{{/if}}, as the
    /// shipped templates write a 执行率): the check cannot tell whether the condition leaves out the items where it is
    /// null, so it lets the tag read it, as the view-model check does; the fill says where it did not (TPL020). It was
    /// TPL005, so the JSON of reference-000 (执行率 null for some funds) failed check on default and hubei, which fill from it.
    /// Outside every condition in the loop the fill fails on the null item for certain: TPL005 there, as before.
    /// </summary>
    [Fact]
    public void AFieldNullInSomeItemsIsReadUnderAConditionInTheLoop()
    {
        const string json = """{ "xs": [ { "hasT": true, "t": { "c": "蓝" } }, { "hasT": false, "t": null } ] }""";
        using var temp = new TempFolder();
        var (exit, output, docx) = Render(temp, new DocxBuilder()
            .Paragraph("{{#each xs}}{{#if hasT}}{{t.c}}{{else}}无{{/if}}{{#unless hasT}}；{{else}}{{t.c}}；{{/unless}}{{/each}}")
            .Paragraph("{{#if (where xs \"t.c\")}}有{{/if}}{{sum xs \"t.c\"}}完"), json);
        Assert.True(exit == ExitCodes.Clean, output);
        Assert.Equal("蓝蓝；无；\n有完", DocxText.Of(File.ReadAllBytes(docx)).Trim());

        // A condition outside the loop leaves every item to the tag: TPL005, as a tag under no condition.
        foreach (var body in new[] { "{{#each xs}}{{t.c}}{{/each}}", "{{#if xs}}{{#each xs}}{{t.c}}{{/each}}{{/if}}", "{{#each xs}}{{#if hasT}}{{#each ../xs}}{{t.c}}{{/each}}{{/if}}{{/each}}" })
        {
            using var again = new TempFolder();
            (exit, output, _) = Render(again, new DocxBuilder().Paragraph(body), json);
            Assert.Equal(ExitCodes.Errors, exit);
            Assert.Contains("error TPL005: 数据中没有字段“t.c”（当前位置：xs[]）。 标签：{{t.c}}", Assert.Single(output.Split('\n'), l => l.Contains("error")));
        }

        // A condition that does not leave the null out: the check trusts it, the fill stops at the tag and says where.
        using var wrong = new TempFolder();
        (exit, output, _) = Render(wrong, new DocxBuilder().Paragraph("{{#each xs}}{{#if @first}}{{else}}{{t.c}}{{/if}}{{/each}}"), json);
        Assert.Equal(ExitCodes.Errors, exit);
        Assert.Contains("error TPL020: 数据中“t”为空（这份数据中没有这一项），取不到其中的“c”", output);
    }

    /// <summary>
    /// An empty object ({}) in the items is false as a condition, as null is: {{#with s}} and {{#if s}} skip it, so the
    /// tags inside may read what the other items' s hold (it was TPL005 though the fill filled it); so too among the values
    /// of an object {{#each}} goes over. Read outside such a
    /// block, the fill fails on the empty one: TPL005 there still, and an s that is not empty but lacks c is no empty one.
    /// </summary>
    [Fact]
    public void AnEmptyObjectInSomeItemsIsSkippedByTheBlockThatAsksForIt()
    {
        const string json = """{ "xs": [ { "s": { "c": "红" } }, { "s": {} }, { "s": { "c": "蓝" } } ] }""";
        using var temp = new TempFolder();
        var (exit, output, docx) = Render(temp, new DocxBuilder()
            .Paragraph("{{#each xs}}{{#with s}}{{c}}{{/with}}；{{/each}}")
            .Paragraph("{{#each xs}}{{#if s}}{{s.c}}{{else}}无{{/if}}{{/each}}"), json);
        Assert.True(exit == ExitCodes.Clean, output);
        Assert.Equal("红；；蓝；\n红无蓝", DocxText.Of(File.ReadAllBytes(docx)).Trim());
        var check = new StringWriter();
        Assert.Equal(ExitCodes.Clean, TemplateCommands.RunCheck(temp.File("t.docx"), temp.File("data.json"), check));

        // The same among the values of an object {{#each}} goes over.
        const string byKey = """{ "m": { "p": { "s": { "a": "1" } }, "q": { "s": {} } } }""";
        using var values = new TempFolder();
        (exit, output, docx) = Render(values, new DocxBuilder().Paragraph("{{#each m}}{{@key}}{{#with s}}{{a}}{{/with}}；{{/each}}"), byKey);
        Assert.True(exit == ExitCodes.Clean, output);
        Assert.Equal("p1；q；", DocxText.Of(File.ReadAllBytes(docx)).Trim());

        foreach (var (data, body, field, at) in new[]
                 {
                     (json, "{{#each xs}}{{s.c}}{{/each}}", "s.c", "xs[]"),
                     (byKey, "{{#each m}}{{s.a}}{{/each}}", "s.a", "m[]"),
                     ("""{ "xs": [ { "s": { "c": "红" } }, { "s": { "d": "z" } } ] }""", "{{#each xs}}{{#with s}}{{c}}{{/with}}{{/each}}", "c", "xs[].s"),
                 })
        {
            using var again = new TempFolder();
            (exit, output, _) = Render(again, new DocxBuilder().Paragraph(body), data);
            Assert.Equal(ExitCodes.Errors, exit);
            Assert.Contains($"error TPL005: 数据中没有字段“{field}”（当前位置：{at}）。", Assert.Single(output.Split('\n'), l => l.Contains("error")));
        }
    }

    /// <summary>
    /// A loop over (where xs "t.c") goes over the items whose t.c is there and not empty: the items lacking a field, or
    /// holding null on the way to it, are left out by the filter, so the tags inside may read it (it was TPL005 in check and
    /// render though the fill filled it). A filter with a test ("ne" "x") keeps items without the field: TPL005 there still,
    /// and a field the filter did not ask about is no surer than before.
    /// </summary>
    [Fact]
    public void ALoopOverTheItemsAFilterKeepsReadsTheFieldItAskedFor()
    {
        const string json = """{ "xs": [ { "t": { "c": "蓝" }, "kind": "a" }, { "t": null, "name": "乙" }, { "t": { "c": "" }, "kind": "b", "name": "丙" } ] }""";
        using var temp = new TempFolder();
        var (exit, output, docx) = Render(temp, new DocxBuilder()
            .Paragraph("{{#each (where xs \"t.c\")}}{{t.c}}；{{/each}}")
            .Paragraph("{{#each (where xs \"kind\")}}{{kind}}{{/each}}")
            .Paragraph("{{#each (where xs \"t\")}}{{t.c}}。{{/each}}"), json);
        Assert.True(exit == ExitCodes.Clean, output);
        Assert.Equal("蓝；\nab\n蓝。。", DocxText.Of(File.ReadAllBytes(docx)).Trim());
        var check = new StringWriter();
        Assert.Equal(ExitCodes.Clean, TemplateCommands.RunCheck(temp.File("t.docx"), temp.File("data.json"), check));

        foreach (var (body, field, at) in new[]
                 {
                     ("{{#each (where xs \"t.c\" \"ne\" \"x\")}}{{t.c}}{{/each}}", "t.c", "xs[]"),
                     ("{{#each (where xs \"kind\")}}{{name}}{{/each}}", "name", "xs[]"),
                 })
        {
            using var again = new TempFolder();
            (exit, output, _) = Render(again, new DocxBuilder().Paragraph(body), json);
            Assert.Equal(ExitCodes.Errors, exit);
            Assert.Contains($"error TPL005: 数据中没有字段“{field}”（当前位置：{at}）。", Assert.Single(output.Split('\n'), l => l.Contains("error")));
        }
    }

    /// <summary>
    /// Found by review: a condition inside the outer loop guards a field of the outer item read in an inner loop (the
    /// condition was forgotten at the inner {{#each}}), and a condition's own argument is read leniently by the fill
    /// ((eq t.c "蓝") on a null t is false). Both filled and checked clean before the JSON null rule, then were TPL005.
    /// </summary>
    [Theory]
    [InlineData("{{#each xs}}{{#if hasT}}{{#each ys}}{{../t.c}}{{/each}}{{/if}}{{/each}}", "蓝蓝")]
    [InlineData("{{#each xs}}{{#if (eq t.c \"蓝\")}}是{{else}}否{{/if}}{{/each}}", "是否")]
    [InlineData("{{#each xs}}{{#unless (eq t.c \"蓝\")}}否{{/unless}}{{/each}}", "否")]
    [InlineData("{{#each xs}}{{#with (lookup t \"c\")}}{{this}}{{/with}}{{/each}}", "蓝")]
    public void AConditionGuardsTheItemOfItsLoopAndItsOwnArgumentIsAskedLeniently(string body, string filled)
    {
        const string json = """{ "xs": [ { "hasT": true, "t": { "c": "蓝" }, "ys": [1, 2] }, { "hasT": false, "t": null, "ys": [1] } ] }""";
        using var temp = new TempFolder();
        var (exit, output, docx) = Render(temp, new DocxBuilder().Paragraph(body), json);
        Assert.True(exit == ExitCodes.Clean, output);
        Assert.Equal(filled, DocxText.Of(File.ReadAllBytes(docx)).Trim());
    }

    /// <summary>Lists in the items of a list: their items are read together. An empty list says nothing of its items.</summary>
    [Fact]
    public void TheItemsOfListsInAJsonListsItemsAreReadTogether()
    {
        const string json = """{ "gs": [ { "items": [ { "k": "1", "m": "p" } ] }, { "items": [] }, { "items": [ { "k": "2" } ] } ], "none": [] }""";
        using var temp = new TempFolder();
        var (exit, output, docx) = Render(temp, new DocxBuilder()
            .Paragraph("{{#each gs}}{{#each items}}{{k}}{{#if m}}{{m}}{{/if}}{{/each}}{{/each}}")
            // An empty list: nothing is known of its items, so nothing in its loop is refused (as before); the fill writes nothing.
            .Paragraph("{{#each none}}{{anything.at.all}}{{/each}}完"), json);
        Assert.True(exit == ExitCodes.Clean, output);
        Assert.Equal("1p2\n完", DocxText.Of(File.ReadAllBytes(docx)).Trim());

        using var again = new TempFolder();
        (exit, output, _) = Render(again, new DocxBuilder().Paragraph("{{#each gs}}{{#each items}}{{m}}{{/each}}{{/each}}"), json);
        Assert.Equal(ExitCodes.Errors, exit);
        Assert.Equal("t.docx[正文 第1段]: error TPL005: 数据中没有字段“m”（当前位置：gs[].items[]）。 标签：{{m}}",
            Assert.Single(output.Split('\n'), l => l.Contains("error")).TrimEnd());
    }

    /// <summary>
    /// The JSON calculate writes for a sample checks as the view model it was written from: a null there (a 完成率 with no
    /// budget) says nothing of the shape the value has in other data, as a nullable field of the view model says nothing
    /// either. It was a scalar, so {{threePublic.abroad.completion.rate.text}} was TPL005 with --data on every shipped
    /// template but self-evaluation, which check clean by the view model and fill from the same sample.
    /// </summary>
    [Theory]
    [InlineData("sample-county-agriculture-2024.xlsx")]
    [InlineData("sample-county-agriculture-2024.xls")]
    [InlineData("sample-hubei-county-agriculture-2024.xlsx")]
    [InlineData("sample-sichuan-13-tables-2024.xlsx")]
    [InlineData("reference-000-quxian-2022.xlsx")]
    [InlineData("reference-001-yanbian-2020.xlsx")]
    [InlineData("reference-002-daying-2024.xlsx")]
    public void TheJsonCalculateWritesForASampleChecksAsTheViewModelDoes(string sample)
    {
        using var temp = new TempFolder();
        var json = temp.File("vm.json");
        CalculateCommand.Run(Path.Combine(Repo.Root, "input-samples", sample), null, json, null, TextWriter.Null);
        Assert.True(File.Exists(json), $"calculate wrote no JSON for {sample}");
        foreach (var template in new[] { "default", "hubei", "sichuan-2020", "self-evaluation" })
        {
            var folder = Path.Combine(Repo.Root, "templates", template);
            var byData = new StringWriter();
            var exit = TemplateCommands.RunCheck(folder, json, byData);
            Assert.Equal(ViewModelCheck.Value[template], (exit, Diagnostics(byData)));
        }
    }

    /// <summary>Each shipped template's check by the view model: its exit code and its diagnostics.</summary>
    private static readonly Lazy<Dictionary<string, (int Exit, string Diagnostics)>> ViewModelCheck = new(() =>
        new[] { "default", "hubei", "sichuan-2020", "self-evaluation" }.ToDictionary(t => t, t =>
        {
            var output = new StringWriter();
            return (TemplateCommands.RunCheck(Path.Combine(Repo.Root, "templates", t), null, output), Diagnostics(output));
        }));

    /// <summary>What check said before its list of the fields used.</summary>
    private static string Diagnostics(StringWriter output) => output.ToString().Split("用到的字段")[0];

    /// <summary>
    /// A null in the JSON (outside a list, or in every item) is a value of any shape: reading into it passes check, as a
    /// nullable field of the view model does, and the fill, meeting the null, fails at that tag (TPL020) unless a block asks
    /// for it first. A field the JSON has nowhere, one misspelt next to a null, one read in a number or a text stay TPL005.
    /// </summary>
    [Fact]
    public void ANullInTheJsonLetsTagsReadIntoItAndTheFillSaysWhereItIsEmpty()
    {
        const string json = """{ "a": null, "o": { "p": null, "q": "1" }, "n": 1, "s": "文", "xs": [ { "r": null }, { "r": null } ] }""";
        using var temp = new TempFolder();
        var (exit, output, docx) = Render(temp, new DocxBuilder()
            .Paragraph("{{#if a}}{{a.b.c}}{{/if}}{{#with o.p}}{{x}}{{/with}}{{#each a}}{{k}}{{/each}}{{o.p}}{{o.q}}{{#each xs}}{{#if r}}{{r.t}}{{/if}}{{/each}}完"), json);
        Assert.True(exit == ExitCodes.Clean, output);
        Assert.Equal("1完", DocxText.Of(File.ReadAllBytes(docx)).Trim());

        foreach (var (body, field) in new[] { ("{{zz}}", "zz"), ("{{o.pp.text}}", "o.pp.text"), ("{{n.text}}", "n.text"), ("{{s.text}}", "s.text"), ("{{#each xs}}{{rr.t}}{{/each}}", "rr.t") })
        {
            using var again = new TempFolder();
            (exit, output, _) = Render(again, new DocxBuilder().Paragraph(body), json);
            Assert.Equal(ExitCodes.Errors, exit);
            Assert.Contains($"error TPL005: 数据中没有字段“{field}”", Assert.Single(output.Split('\n'), l => l.Contains("error")));
            var check = new StringWriter();
            Assert.Equal(ExitCodes.Errors, TemplateCommands.RunCheck(again.File("t.docx"), again.File("data.json"), check));
            Assert.Contains($"error TPL005: 数据中没有字段“{field}”", check.ToString());
        }

        // Read where nothing asks for it, the check passes it and the fill stops at the tag, naming the empty field.
        using var unguarded = new TempFolder();
        (exit, output, docx) = Render(unguarded, new DocxBuilder().Paragraph("{{o.p.text}}"), json);
        Assert.Equal(ExitCodes.Errors, exit);
        Assert.Contains("error TPL020: 数据中“o.p”为空（这份数据中没有这一项），取不到其中的“text”", output);
        Assert.DoesNotContain("TPL005", output);
        var passed = new StringWriter();
        Assert.Equal(ExitCodes.Clean, TemplateCommands.RunCheck(unguarded.File("t.docx"), unguarded.File("data.json"), passed));
    }

    /// <summary>
    /// {{#each}} over an object reads its values as a list's items are read: a value null where the others are objects is
    /// such an object, null in some (nothing read inside it but under a block asking for it). It was a text among objects,
    /// so every read of the item was refused as a loop over values of different kinds.
    /// </summary>
    [Fact]
    public void EachOverAnObjectWithANullValueReadsTheOthersUnderABlockAskingForIt()
    {
        const string json = """{ "cs": { "x": { "t": "甲" }, "y": null, "z": { "t": "乙" } } }""";
        using var temp = new TempFolder();
        var (exit, output, docx) = Render(temp, new DocxBuilder().Paragraph("{{#each cs}}{{@key}}{{#if this}}{{t}}{{/if}}{{#with this}}{{t}}{{/with}}；{{/each}}"), json);
        Assert.True(exit == ExitCodes.Clean, output);
        Assert.Equal("x甲甲；y；z乙乙；", DocxText.Of(File.ReadAllBytes(docx)).Trim());

        using var again = new TempFolder();
        (exit, output, _) = Render(again, new DocxBuilder().Paragraph("{{#each cs}}{{t}}{{/each}}"), json);
        Assert.Equal(ExitCodes.Errors, exit);
        Assert.Equal("t.docx[正文 第1段]: error TPL005: 数据中没有字段“t”（当前位置：cs[]）。 标签：{{t}}",
            Assert.Single(output.Split('\n'), l => l.Contains("error")).TrimEnd());
    }

    [Fact]
    public void AnObjectOrAListGivenToANumberHelperIsTpl008InCheck()
    {
        using var temp = new TempFolder();
        // {{cn department}} and {{inc (where …)}} passed the check and failed the fill in English ("Unable to cast object of type
        // 'ObjectFields' to type 'IConvertible'"); {{thousands department}} printed the 待填写 placeholder as if a figure were missing.
        var template = CopyOfDefault(temp, xml => WithName(xml, "{{cn department}}{{inc (where appendix \"name\")}}{{thousands department.name}}{{thousands department}}"));

        var check = new StringWriter();
        Assert.Equal(ExitCodes.Errors, TemplateCommands.RunCheck(template, null, check));
        var lines = check.ToString().Split('\n').Where(l => l.Contains("error TPL")).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Contains("[正文 第1段]: error TPL008: 函数“cn”的参数须是一个值（数或文字），“department”是一个对象，请写出它的一个字段（它的字段：name、", lines[0]);
        Assert.Contains("error TPL008: 函数“inc”的参数须是一个值（数或文字），“(where appendix \"name\")”是一个列表。", lines[1]);
        Assert.Contains("error TPL008: 函数“thousands”的参数须是一个值（数或文字），“department”是一个对象", lines[2]);

        var output = new StringWriter();
        var report = temp.File("report.docx");
        Assert.Equal(ExitCodes.Errors, GenerateCommand.Run(Repo.SampleXlsx, template, report, pdf: false, trace: false, output));
        Assert.DoesNotContain("TPL020", output.ToString());
        Assert.False(File.Exists(report));
    }

    [Fact]
    public void CnAndIncOfNumbersPastAnIntPrintTheNumberAndAnObjectWithoutASchemaIsSaidInChinese()
    {
        using var temp = new TempFolder();
        // Both failed the fill: "Value was either too large or too small for an Int32."
        var (exit, output, docx) = Render(temp, new DocxBuilder().Paragraph("{{cn 99999999999}}·{{inc 99999999999}}·{{inc n}}·{{cn 12}}·{{inc 2}}"), """{ "n": 1e20 }""");
        Assert.True(exit == ExitCodes.Clean, output);
        Assert.Equal("99999999999·100000000000·100000000000000000001·十二·3", DocxText.Of(File.ReadAllBytes(docx)).Trim());

        var options = new TemplateOptions();
        ReportHelpers.Register(options);
        var compiled = DocxTemplate.Compile(new DocxBuilder().Paragraph("{{cn x}}").Build(), "t.docx", options).Template!;
        var problem = Assert.Single(Assert.Throws<TemplateRenderException>(() => compiled.Render(new Dictionary<string, object?> { ["x"] = new Dictionary<string, object?> { ["a"] = 1m } })).Problems);
        Assert.Equal("TPL020", problem.Id);
        Assert.Equal("填充失败：cn 的参数须是一个数，现为一个对象。", problem.Message);
    }


    [Fact]
    public void ALookupThatPrintsAnItemOfAListOfObjectsIsTpl015InCheck()
    {
        using var temp = new TempFolder();
        // The check took every helper's result for a value and passed the tag; the fill then refused it once per item.
        var (exit, output, docx) = Render(temp, new DocxBuilder().Paragraph("{{#each items}}{{lookup ../items @index}}{{/each}}{{lookup items 0}}{{lookup items.0 \"name\"}}"),
            """{ "items": [ { "name": "甲" }, { "name": "乙" } ] }""");

        Assert.Equal(ExitCodes.Errors, exit);
        var lines = output.Split('\n').Where(l => l.Contains("error TPL")).ToList();
        Assert.Equal(2, lines.Count);
        Assert.StartsWith("t.docx[正文 第1段]: error TPL015: “lookup ../items @index”是一个对象，不能直接印出；请写出它的一个字段，如 {{lookup (lookup ../items @index) \"name\"}}", lines[0]);
        Assert.Contains("error TPL015: “lookup items 0”是一个对象，不能直接印出；请写出它的一个字段，如 {{lookup (lookup items 0) \"name\"}}", lines[1]);
        Assert.False(File.Exists(docx));
    }

    [Fact]
    public void WhatTpl015SuggestsForAHelpersResultIsATagThatFills()
    {
        // It suggested {{lookup items 0.name}} (a key "0.name", itself refused) and {{#each where items "name"}} (a block
        // over the field "where"): a maintainer who followed the message got another error.
        const string json = """{ "items": [ { "name": "甲" }, { "name": "乙" } ] }""";
        using var temp = new TempFolder();
        var (exit, output, _) = Render(temp, new DocxBuilder().Paragraph("{{lookup items 0}}").Paragraph("{{where items \"name\"}}"), json);
        Assert.Equal(ExitCodes.Errors, exit);
        var suggested = Regex.Matches(output, @"请写出它的一个字段，如 (\{\{.+?\}\})|请用 (\{\{#each .+?\}\})…").Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).ToList();
        Assert.Equal(["{{lookup (lookup items 0) \"name\"}}", "{{#each (where items \"name\")}}"], suggested);

        using var again = new TempFolder();
        (exit, output, var docx) = Render(again, new DocxBuilder().Paragraph(suggested[0]).Paragraph(suggested[1] + "{{name}}{{/each}}"), json);
        Assert.True(exit == ExitCodes.Clean, output);
        Assert.Equal("甲\n甲乙", DocxText.Of(File.ReadAllBytes(docx)).Trim());
    }

    [Fact]
    public void ALookupOfAFieldTheObjectHasNotOrIntoAValueIsFoundByTheCheckNotABlankInTheReport()
    {
        using var temp = new TempFolder();
        // Both passed the check and the fill, and the report had a blank where the name was meant to be.
        var (exit, output, docx) = Render(temp, new DocxBuilder().Paragraph("{{lookup department \"nmae\"}}").Paragraph("{{lookup department.name 0}}"),
            """{ "department": { "name": "示例局", "year": 2024 } }""");
        Assert.Equal(ExitCodes.Errors, exit);
        var lines = output.Split('\n').Where(l => l.Contains("error TPL")).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Contains("t.docx[正文 第1段]: error TPL005: “department”中没有字段“nmae”（它的字段：name、year）。", lines[0]);
        Assert.Contains("t.docx[正文 第2段]: error TPL008: lookup 的第一个参数须是列表或对象，“department.name”是一个值。", lines[1]);
        Assert.False(File.Exists(docx));

        using var again = new TempFolder();
        (exit, output, docx) = Render(again, new DocxBuilder().Paragraph("{{lookup department \"name\"}}{{#if (lookup department \"year\")}}年{{/if}}"),
            """{ "department": { "name": "示例局", "year": 2024 } }""");
        Assert.True(exit == ExitCodes.Clean, output);
        Assert.Equal("示例局年", DocxText.Of(File.ReadAllBytes(docx)).Trim());
    }

    [Fact]
    public void AFillProblemOfATagInALoopIsListedOnceNotOncePerItem()
    {
        var compiled = DocxTemplate.Compile(new DocxBuilder().Paragraph("{{#each items}}{{x}}{{/each}}").Build(), "t.docx", new TemplateOptions()).Template!;
        var items = Enumerable.Range(0, 500).Select(i => (object?)new Dictionary<string, object?> { ["name"] = i.ToString() }).ToList();

        var problems = Assert.Throws<TemplateRenderException>(() => compiled.Render(new Dictionary<string, object?> { ["items"] = items })).Problems;

        var problem = Assert.Single(problems);
        Assert.Equal(("TPL020", "数据中没有字段“x”。", "{{x}}"), (problem.Id, problem.Message, problem.Tag));
    }


    [Fact]
    public void AFieldOfAnEmptyValueSaysItIsEmptyInThisWorkbookNotThatTheFieldIsMissing()
    {
        using var temp = new TempFolder();
        // The sample has no 因公出国 budget, so no 完成率: the tag outside its {{#if …hasRate}} passes the check (the field exists)
        // and cannot be filled. It said 数据中没有字段, which sends a maintainer to look for a spelling mistake.
        var template = CopyOfDefault(temp, xml => WithName(xml, "{{threePublic.abroad.completion.rate.text}}"));
        Assert.Equal(ExitCodes.Clean, TemplateCommands.RunCheck(template, null, new StringWriter()));

        var output = new StringWriter();
        var report = temp.File("report.docx");
        Assert.Equal(ExitCodes.Errors, GenerateCommand.Run(Repo.SampleXlsx, template, report, pdf: false, trace: false, output));

        var line = Assert.Single(output.ToString().Split('\n'), l => l.Contains("TPL020"));
        Assert.Contains("[正文 第1段]: error TPL020: 数据中“threePublic.abroad.completion.rate”为空（这份数据中没有这一项），取不到其中的“text”；"
            + "请把标签放在判断它的块中，如 {{#if threePublic.abroad.completion.rate}}…{{/if}}。", line);
        Assert.False(File.Exists(report));
    }

    [Theory]
    [InlineData("{{#each items}}{{../x.w.z}}{{/each}}", "../x", "w.z")]
    [InlineData("{{#each items}}{{../../x.y}}{{/each}}", "../../x", "y")]
    [InlineData("{{#each items}}{{../this.x.y}}{{/each}}", "../this.x", "y")]
    [InlineData("{{#each items}}{{./n.a}}{{/each}}", "./n", "a")]
    [InlineData("{{#each items}}{{this/n/a}}{{/each}}", "this/n", "a")]
    [InlineData("{{#each items}}{{@root/x/y}}{{/each}}", "@root/x", "y")]
    [InlineData("{{#each items}}{{n.a}}{{/each}}", "n", "a")]
    [InlineData("{{#each items}}{{../x.[w].z}}{{/each}}", "../x", "[w].z")]
    public void AnEmptyValueInALoopIsNamedAsTheTagWritesIt(string tag, string empty, string inside)
    {
        // The schema has x and each item's n as objects; in this data they are empty. The message named "this.n" for
        // ./n and lost the ../ of ../this.x: a maintainer searching the template for it, or copying the {{#if}}, found nothing.
        var schema = DataSchema.FromJson(JsonDocument.Parse("""{ "x": { "y": 1, "w": { "z": 1 } }, "items": [ { "n": { "a": 1 } } ] }""").RootElement);
        var compiled = DocxTemplate.Compile(new DocxBuilder().Paragraph(tag).Build(), "t.docx", new TemplateOptions { Schema = schema });
        Assert.True(compiled.Template is not null, string.Join("\n", compiled.Problems));
        var data = new Dictionary<string, object?>
        {
            ["x"] = null,
            ["items"] = new List<object?> { new Dictionary<string, object?> { ["n"] = null } },
        };

        var problem = Assert.Single(Assert.Throws<TemplateRenderException>(() => compiled.Template!.Render(data)).Problems);

        Assert.Equal($"数据中“{empty}”为空（这份数据中没有这一项），取不到其中的“{inside}”；请把标签放在判断它的块中，如 {{{{#if {empty}}}}}…{{{{/if}}}}。", problem.Message);
        // The advice works: guarded so, the tag fills (nothing, as the value is empty) where it stands.
        var at = tag.IndexOf("{{", "{{#each items}}".Length, StringComparison.Ordinal);
        var body = tag[at..tag.LastIndexOf("{{/each}}", StringComparison.Ordinal)];
        var fixedTag = $"{{{{#each items}}}}{{{{#if {empty}}}}}{body}{{{{/if}}}}{{{{/each}}}}";
        var fixedCompiled = DocxTemplate.Compile(new DocxBuilder().Paragraph(fixedTag).Build(), "t.docx", new TemplateOptions { Schema = schema });
        Assert.True(fixedCompiled.Template is not null, string.Join("\n", fixedCompiled.Problems));
        Assert.Equal("", DocxText.Of(fixedCompiled.Template!.Render(data)).Trim());
    }


    [Theory]
    [InlineData("{{publicTable (lookup appendix 0)}}", null)]   // refused by the check: it took (lookup …) for a value, "应为对象"
    [InlineData("{{publicTable (lookup appendix 99)}}", "error TPL020: “publicTable”无法生成（需要一张附表")]
    public void APublicTableOfALookedUpItemIsCheckedAsThatItem(string tag, string? failure)
    {
        using var temp = new TempFolder();
        var template = CopyOfDefault(temp, xml => WithName(xml, tag));
        var check = new StringWriter();
        Assert.True(TemplateCommands.RunCheck(template, null, check) == ExitCodes.Clean, check.ToString());

        var output = new StringWriter();
        var report = temp.File("report.docx");
        var exit = GenerateCommand.Run(Repo.SampleXlsx, template, report, pdf: false, trace: false, output);
        if (failure is null)
        {
            Assert.True(exit is ExitCodes.Clean or ExitCodes.Warnings, output.ToString());
            Assert.Empty(DocxText.ValidationErrors(File.ReadAllBytes(report)));
            return;
        }
        Assert.Equal(ExitCodes.Errors, exit);
        var line = Assert.Single(output.ToString().Split('\n'), l => l.Contains("TPL020"));
        Assert.Contains(failure, line);
        Assert.Contains("）：参数是空值（这份数据中没有这一项）。 标签：" + tag, line);
        Assert.False(File.Exists(report));
    }


    [Fact]
    public void ABookmarkRepeatedByLoopsInLoopsIsNumberedWithoutTakingMinutes()
    {
        using var temp = new TempFolder();
        // Five loops over the nine 附表 around a paragraph with a bookmark (Word puts _Toc bookmarks on headings): 59049 copies.
        var template = CopyOfDefault(temp, xml =>
        {
            var tag = xml.IndexOf("{{department.name}}", StringComparison.Ordinal);
            var start = xml.LastIndexOf("<w:p>", tag, StringComparison.Ordinal);
            static string Paragraph(string text) => $"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>";
            return xml[..start] + string.Concat(Enumerable.Repeat(Paragraph("{{#each appendix}}"), 5))
                + """<w:p><w:bookmarkStart w:id="0" w:name="_Toc1"/><w:r><w:t>标题</w:t></w:r><w:bookmarkEnd w:id="0"/></w:p>"""
                + string.Concat(Enumerable.Repeat(Paragraph("{{/each}}"), 5)) + xml[start..];
        });
        var output = new StringWriter();
        var report = temp.File("report.docx");
        var watch = Stopwatch.StartNew();

        var exit = GenerateCommand.Run(Repo.SampleXlsx, template, report, pdf: false, trace: false, output);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"{watch.Elapsed}");   // 1 min 40 s; now about a second
        Assert.True(exit is ExitCodes.Clean or ExitCodes.Warnings, output.ToString());
        using var document = WordprocessingDocument.Open(report, false);
        var all = document.MainDocumentPart!.Document.Body!.Descendants<W.BookmarkStart>().ToList();
        var bookmarks = all.Where(b => Regex.IsMatch(b.Name!.Value!, @"^_Toc1(_\d+)?$")).ToList();
        Assert.Equal(59049, bookmarks.Count);
        Assert.Equal(all.Count, all.Select(b => b.Name!.Value).Distinct().Count());
        Assert.Equal(["_Toc1", "_Toc1_2", "_Toc1_3"], bookmarks.Take(3).Select(b => b.Name!.Value));
        Assert.Equal(all.Select(b => b.Id!.Value).Order(), document.MainDocumentPart.Document.Body.Descendants<W.BookmarkEnd>().Select(e => e.Id!.Value).Order());
    }


    [Fact]
    public void APlaceholderInATextBoxGetsItsReviewCommentOnce()
    {
        using var temp = new TempFolder();
        // A 文字 the workbook does not have, in a text box: the review copy failed with "The parent of this element is null".
        var template = CopyOfDefault(temp, xml => WithName(xml, "{{department.name}}</w:t></w:r><w:r><w:pict xmlns:v=\"urn:schemas-microsoft-com:vml\">"
            + "<v:shape style=\"width:100pt;height:50pt\"><v:textbox><w:txbxContent><w:p><w:r><w:t>{{text \"没有这段文字\"}}</w:t></w:r></w:p>"
            + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r><w:r><w:t>"));
        var output = new StringWriter();
        var report = temp.File("report.docx");

        var exit = GenerateCommand.Run(Repo.SampleXlsx, template, report, pdf: false, trace: false, output, review: true);

        Assert.True(exit is ExitCodes.Clean or ExitCodes.Warnings, output.ToString());
        var bytes = File.ReadAllBytes(report);
        Assert.Empty(DocxText.ValidationErrors(bytes));
        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var box = document.MainDocumentPart!.Document.Body!.Descendants().Single(e => e.LocalName == "txbxContent");
        var mark = Assert.Single(box.Descendants<W.Run>(), r => r.InnerText.Contains("没有这段文字"));
        Assert.NotNull(mark.RunProperties?.RunStyle);
        Assert.Single(box.Descendants<W.CommentRangeStart>());
        Assert.Contains("CALC011", output.ToString());
    }


    [Fact]
    public void APlaceholderStyleRenamedInWordWithoutSettingsGetsAStyleOfItsOwnNotASecondId()
    {
        using var temp = new TempFolder();
        // Renamed in Word, the style keeps its id "Placeholder"; settings.json still names 待填写, so the report adds that style
        // with the same id: a style sheet Office's schema check refuses (the duplicate TPL037 reports in a template).
        var template = CopyOfDefault(temp, xml => WithName(xml.Replace("<w:name w:val=\"待填写\"/>", "<w:name w:val=\"待补充\"/>"), "{{text \"没有这段文字\"}}"));
        var output = new StringWriter();
        var report = temp.File("report.docx");

        var exit = GenerateCommand.Run(Repo.SampleXlsx, template, report, pdf: false, trace: false, output);

        Assert.True(exit is ExitCodes.Clean or ExitCodes.Warnings, output.ToString());
        var bytes = File.ReadAllBytes(report);
        Assert.Empty(DocxText.ValidationErrors(bytes));
        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var styles = document.MainDocumentPart!.StyleDefinitionsPart!.Styles!.Elements<W.Style>().ToList();
        Assert.Equal(styles.Count, styles.Select(s => s.StyleId!.Value).Distinct().Count());
        var added = Assert.Single(styles, s => s.StyleName?.Val?.Value == "待填写");
        Assert.NotEqual("Placeholder", added.StyleId!.Value);
        Assert.All(document.MainDocumentPart.Document.Body!.Descendants<W.Run>().Where(r => r.InnerText == "【待填写：没有这段文字】"),
            r => Assert.Equal(added.StyleId!.Value, r.RunProperties?.RunStyle?.Val?.Value));
    }


    [Fact]
    public void ATocBookmarkBetweenParagraphsIsNoEntryOfTheContents()
    {
        // The same as below without LibreOffice: reading the entries cast every _Toc bookmark's parent to a paragraph.
        using var stream = new MemoryStream();
        stream.Write(new DocxBuilder().Bookmarked("_Toc1", "一、标题").Paragraph("正文").Build());
        using (var word = WordprocessingDocument.Open(stream, true, new OpenSettings { AutoSave = false }))
        {
            var body = word.MainDocumentPart!.Document.Body!;
            body.InsertAt(new W.BookmarkStart { Id = "5", Name = "_Toc5" }, 0);
            body.InsertBefore(new W.BookmarkEnd { Id = "5" }, body.Elements<W.Paragraph>().Last());
            Assert.Equal([("_Toc1", "一、标题")], TableOfContents.Entries(word));
        }
    }

    [LibreOfficeFact]
    public void ATocBookmarkBetweenParagraphsDoesNotStopThePageNumbersOfTheContents()
    {
        using var temp = new TempFolder();
        // Word may put a bookmark between paragraphs (in the body, not in a paragraph): reading the 目录's headings took every
        // _Toc bookmark's parent for a paragraph, and the layout pass of `generate` ended in 内部错误 (InvalidCastException).
        var template = CopyOfDefault(temp, xml =>
        {
            var start = xml.LastIndexOf("<w:p>", xml.IndexOf("{{department.name}}", StringComparison.Ordinal), StringComparison.Ordinal);
            return xml[..start] + """<w:bookmarkStart w:id="5" w:name="_Toc5"/>""" + xml[start..].Insert(xml[start..].IndexOf("</w:p>", StringComparison.Ordinal) + 6, """<w:bookmarkEnd w:id="5"/>""");
        });
        var output = new StringWriter();
        var report = temp.File("report.docx");

        var exit = GenerateCommand.Run(Repo.SampleXlsx, template, report, pdf: false, trace: false, output, layout: true);

        Assert.True(exit is ExitCodes.Clean or ExitCodes.Warnings, output.ToString());
        var bytes = File.ReadAllBytes(report);
        Assert.Empty(DocxText.ValidationErrors(bytes));
        // The 目录's entries still got their pages from the layout.
        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var pageRefs = document.MainDocumentPart!.Document.Body!.Descendants<W.FieldCode>().Where(c => c.Text.Contains("PAGEREF")).ToList();
        Assert.NotEmpty(pageRefs);
        Assert.All(pageRefs, c => Assert.Matches(@"^\d+$", c.Parent!.NextSibling<W.Run>()!.NextSibling<W.Run>()!.InnerText));
    }


    /// <summary>
    /// The 目录 as Word leaves it when a maintainer updates it (引用 → 更新目录) before saving the template: its entries in
    /// paragraphs down to the field's end (a heading's tag in them as written), bookmarks on the headings, and — inserted
    /// with 引用 → 目录 — all of it in a content control.
    /// </summary>
    private static string WithUpdatedContents(string xml, bool inContentControl)
    {
        static string Entry(string style, string text, string bookmark, bool first = false, bool last = false) =>
            $"<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>"
            + (first ? "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> TOC \\o \"1-2\" \\h \\z \\u </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" : "")
            + $"<w:hyperlink w:anchor=\"{bookmark}\" w:history=\"1\"><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r><w:r><w:tab/></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
            + $"<w:r><w:instrText xml:space=\"preserve\"> PAGEREF {bookmark} \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:hyperlink>"
            + (last ? "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>" : "") + "</w:p>";
        var field = xml.IndexOf("TOC \\o", StringComparison.Ordinal);
        var start = xml.LastIndexOf("<w:p>", field, StringComparison.Ordinal);
        var end = xml.IndexOf("</w:p>", field, StringComparison.Ordinal) + 6;
        var contents = Entry("TOC1", "第一部分 部门概况", "_Toc90001", first: true) + Entry("TOC2", "一、部门职责", "_Toc90002")
            + Entry("TOC2", "旧目录中的{{department.year}}年", "_Toc90003", last: true);
        if (inContentControl)
            contents = "<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val=\"Table of Contents\"/><w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent>"
                + contents + "</w:sdtContent></w:sdt>";
        var updated = xml[..start] + contents + xml[end..];
        const string heading = "<w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>";
        var at = updated.IndexOf(heading, StringComparison.Ordinal) + heading.Length;
        return updated.Insert(at, "<w:bookmarkStart w:id=\"501\" w:name=\"_Toc90001\"/><w:bookmarkEnd w:id=\"501\"/>");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AContentsUpdatedInWordBeforeTheTemplateWasSavedIsReplacedWhole(bool inContentControl)
    {
        using var temp = new TempFolder();
        var template = CopyOfDefault(temp, xml => WithUpdatedContents(xml, inContentControl));
        var check = new StringWriter();
        // The old entries' text is no tag of the template (in a content control it was TPL008, "tags here are not filled").
        Assert.Equal(ExitCodes.Clean, TemplateCommands.RunCheck(template, null, check));

        var report = temp.File("report.docx");
        var output = new StringWriter();
        Assert.NotEqual(ExitCodes.Errors, GenerateCommand.Run(Repo.SampleXlsx, template, report, pdf: false, trace: false, output));
        var bytes = File.ReadAllBytes(report);
        Assert.Empty(DocxText.ValidationErrors(bytes));
        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var body = document.MainDocumentPart!.Document.Body!;
        var entries = body.Descendants<W.Paragraph>().Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value is "TOC1" or "TOC2").ToList();
        var headings = body.Elements<W.Paragraph>().Count(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value is "Heading1" or "Heading2");
        // One entry per heading, none of the old ones (they were left after the new ones, and the field ended twice).
        Assert.Equal(headings, entries.Count);
        Assert.DoesNotContain(entries, e => e.InnerText.Contains("旧目录"));
        Assert.Equal(1, entries.Count(e => e.InnerText.StartsWith("一、部门职责", StringComparison.Ordinal)));
        var marks = body.Descendants<W.FieldChar>().Select(f => f.FieldCharType!.Value).ToList();
        Assert.Equal(marks.Count(m => m == W.FieldCharValues.Begin), marks.Count(m => m == W.FieldCharValues.End));
        // Word's bookmarks on the headings went with the old entries: each heading has the one its new entry refers to.
        Assert.DoesNotContain(body.Descendants<W.BookmarkStart>(), b => b.Name!.Value!.StartsWith("_Toc9", StringComparison.Ordinal));
        Assert.Equal(headings, TableOfContents.Entries(document).Count);
    }

    /// <summary>Runs the action on a thread with this much stack: what a deeper template does to the default stack.</summary>
    private static T OnStack<T>(int bytes, Func<T> action)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try { result = action(); }
            catch (Exception ex) { failure = ex; }
        }, bytes);
        thread.Start();
        thread.Join();
        return failure is null ? result : throw new Xunit.Sdk.XunitException($"escaped: {failure}");
    }

    /// <summary>
    /// Compiling and checking recurse with the template's nesting; where the stack runs short they stop with TPL038 instead of
    /// a stack overflow, which ends the process with no message. The template's limits stop every template deep enough for
    /// that on a normal stack, so a short stack stands in for one deeper than them. (Filling's guard: the next test.) The
    /// problem names the outermost place it was in: the table (at its first cell), or the block of the part around it.
    /// </summary>
    [Fact]
    public void ATemplateTooDeepForTheStackIsTpl038NotAStackOverflow()
    {
        var package = new DocxBuilder().Heading("一、收支情况").Paragraph("说明").NestedTables(60, "{{name}}").Paragraph("其后").Build();
        var inBlock = new DocxBuilder().Heading("一、收支情况").Paragraph("{{#if name}}").NestedTables(60, "{{name}}").Paragraph("{{/if}}").Build();
        var options = new TemplateOptions { Schema = DataSchema.FromJson(JsonSerializer.SerializeToElement(new { name = "x" })) };
        var data = new Dictionary<string, object?> { ["name"] = "甲" };
        // On a normal stack the same template compiles and fills.
        var compiled = DocxTemplate.Compile(package, "t.docx", options);
        Assert.Empty(compiled.Problems);
        var filled = compiled.Template!.Render(data);
        using (var document = WordprocessingDocument.Open(new MemoryStream(filled), false))
            Assert.Equal(["一、收支情况", "说明", "甲", "其后"], document.MainDocumentPart!.Document.Body!.Descendants<W.Text>().Select(t => t.Text));

        const int shortStack = 192 * 1024;
        var problem = Assert.Single(OnStack(shortStack, () => DocxTemplate.Compile(package, "t.docx", options).Problems));
        Assert.Equal("t.docx[正文 第3段 表格1第1行第1格（标题“一、收支情况”下）]: error TPL038: 模板中的块、表格和文本框层层嵌套，超过了能处理的深度。"
            + TemplateLimits.NestingAdvice, problem.Format("t.docx"));
        problem = Assert.Single(OnStack(shortStack, () => DocxTemplate.Compile(inBlock, "t.docx", options).Problems));
        Assert.Equal("t.docx[正文 第2段（标题“一、收支情况”下）]: error TPL038: 模板中的块、表格和文本框层层嵌套，超过了能处理的深度。"
            + TemplateLimits.NestingAdvice, problem.Format("t.docx"));
    }

    /// <summary>
    /// Filling recurses with the blocks (BlockNode.Render), and past the stack it has it stops with TPL038 too, not a stack
    /// overflow. On one and the same stack compiling needs more than filling (80 tables, a block around each: 320 kB against
    /// 280 kB), so its guard speaks first and filling's is reached only when a template compiled on one thread fills on a
    /// thread with less stack: that is what this test does. Nested tables without blocks never meet the guard (only blocks
    /// ask), and the template's limits (256 levels of XML, 64 nested blocks) keep them within a normal stack.
    /// </summary>
    [Fact]
    public void FillingATemplateTooDeepForTheStackIsTpl038NotAStackOverflow()
    {
        var options = new TemplateOptions { Schema = DataSchema.FromJson(JsonSerializer.SerializeToElement(new { name = "x" })) };
        var data = new Dictionary<string, object?> { ["name"] = "甲" };
        // 80 tables in tables (the most 256 levels of XML hold), each inner one in {{#if name}}…{{/if}}; compiled on a normal stack.
        var deep = DocxTemplate.Compile(new DocxBuilder().Heading("一、收支情况").Paragraph("说明").NestedTables(80, "{{name}}", "{{#if name}}", "{{/if}}").Build(), "t.docx", options);
        var shallow = DocxTemplate.Compile(new DocxBuilder().NestedTables(3, "{{name}}", "{{#if name}}", "{{/if}}").Build(), "t.docx", options);
        Assert.Empty(deep.Problems);
        Assert.Empty(shallow.Problems);
        static string Filled(byte[] docx)
        {
            using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
            return document.MainDocumentPart!.Document.Body!.Descendants<W.Text>().Last().Text;
        }
        Assert.Equal("甲", Filled(deep.Template!.Render(data)));

        // 144 to 256 kB make the test (Debug and Release alike): less, and the three levels do not fill either; more, and 80 do.
        const int shortStack = 192 * 1024;
        // The short stack fills a template of a few levels: the TPL038 below is the depth's.
        Assert.Equal("甲", OnStack(shortStack, () => Filled(shallow.Template!.Render(data))));
        var problems = OnStack(shortStack, () =>
        {
            try
            {
                deep.Template!.Render(data);
                return [];
            }
            catch (TemplateRenderException failure)
            {
                return failure.Problems;
            }
        });
        // Named at the outermost place filling was in: the table, at its first cell.
        var problem = Assert.Single(problems);
        Assert.Equal("t.docx[正文 第3段 表格1第1行第1格（标题“一、收支情况”下）]: error TPL038: 模板中的块、表格和文本框层层嵌套，超过了能处理的深度。"
            + TemplateLimits.NestingAdvice, problem.Format("t.docx"));
    }

    /// <summary>
    /// Compiling reads each table cell once, however deep its table stands: each row read the whole text of its cells,
    /// nested tables and all (merging, then lexing it to tell a row block from a block in the cell), so a text deep in tables
    /// was read again at every level. 80 tables in tables (the most 256 levels of XML hold), a block around each, the innermost
    /// cell a paragraph of 30 000 tags: compiled in 20 s before, 0.6–0.9 s now (Debug, on a shared two-core machine).
    /// </summary>
    [Fact]
    public void TextDeepInNestedTablesIsReadOnceNotOncePerLevel()
    {
        var options = new TemplateOptions { Schema = DataSchema.FromJson(JsonSerializer.SerializeToElement(new { name = "x" })) };
        var package = new DocxBuilder().NestedTables(80, string.Concat(Enumerable.Repeat("{{name}}", 30_000)), "{{#if name}}", "{{/if}}").Build();
        var watch = Stopwatch.StartNew();

        var compiled = DocxTemplate.Compile(package, "t.docx", options);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"{watch.Elapsed}");
        Assert.Empty(compiled.Problems.Select(p => p.Format("t.docx")));
        Assert.Equal(30_000 * "甲".Length, Filled(compiled.Template!.Render(new Dictionary<string, object?> { ["name"] = "甲" })).Length);

        static string Filled(byte[] docx)
        {
            using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
            return document.MainDocumentPart!.Document.Body!.Descendants<W.Text>().Single().Text;
        }
    }

    [Fact]
    public void AnUpdatedContentsWithoutHeadingsKeepsItsEntriesAndTheirBookmarks()
    {
        // Nothing to list: the 目录 stays as Word left it, and the bookmark its entry leads to must stay too.
        using var stream = new MemoryStream();
        stream.Write(new DocxBuilder().Bookmarked("_Toc77", "正文段落").Build());
        using var word = WordprocessingDocument.Open(stream, true, new OpenSettings { AutoSave = false });
        var body = word.MainDocumentPart!.Document.Body!;
        body.PrependChild(new W.Paragraph(
            new W.Run(new W.FieldChar { FieldCharType = W.FieldCharValues.Begin }),
            new W.Run(new W.FieldCode(" TOC \\o \"1-2\" \\h ") { Space = DocumentFormat.OpenXml.SpaceProcessingModeValues.Preserve }),
            new W.Run(new W.FieldChar { FieldCharType = W.FieldCharValues.Separate }),
            new W.Hyperlink(new W.Run(new W.Text("正文段落"))) { Anchor = "_Toc77" },
            new W.Run(new W.FieldChar { FieldCharType = W.FieldCharValues.End })));

        TableOfContents.Fill(word);

        Assert.Contains(body.Descendants<W.Hyperlink>(), h => h.Anchor?.Value == "_Toc77");
        Assert.Contains(body.Descendants<W.BookmarkStart>(), b => b.Name?.Value == "_Toc77");
    }

    [Fact]
    public void HundredsOfThousandsOfBlockTagsInOneParagraphAreCheckedInSeconds()
    {
        using var temp = new TempFolder();
        // 300 000 opening tags, then as many closing ones: 4.8 MB, under the 8 MB a part may have. Each opening tag
        // searched all the tags after it for a closing one.
        const int count = 300_000;
        var template = CopyOfDefault(temp, xml => WithName(xml,
            string.Concat(Enumerable.Repeat("{{#if a}}", count)) + string.Concat(Enumerable.Repeat("{{/if}}", count))));
        var check = new StringWriter();
        var watch = Stopwatch.StartNew();

        Assert.Equal(ExitCodes.Errors, TemplateCommands.RunCheck(template, null, check));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"{watch.Elapsed}");
        Assert.Contains("error TPL008: 块嵌套超过 64 层", check.ToString());
    }

    [Fact]
    public void TheSameProblemRepeatedInAParagraphIsListedOnce()
    {
        using var temp = new TempFolder();
        // 100 000 {{else}} in one block and as many {{#if a}} of a field that is not there: 200 000 lines, 16 MB of output.
        const int count = 100_000;
        var template = CopyOfDefault(temp, xml => WithName(xml, "{{#if department.name}}" + string.Concat(Enumerable.Repeat("{{else}}", count)) + "{{/if}}"
            + string.Concat(Enumerable.Repeat("{{#if a}}甲{{/if}}", count))));
        var check = new StringWriter();

        Assert.Equal(ExitCodes.Errors, TemplateCommands.RunCheck(template, null, check));

        var lines = check.ToString().Split('\n').Where(l => l.Contains("error TPL")).ToList();
        Assert.Equal(2, lines.Count);
        Assert.EndsWith("error TPL008: 一个块中只能有一个 {{else}}（多个条件请用 {{else if …}}）。 标签：{{else}}", lines[0].TrimEnd());
        Assert.EndsWith("error TPL005: 数据中没有字段“a”。 标签：{{#if a}}", lines[1].TrimEnd());
    }

}
