using System.Diagnostics;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using FinalAccounts.Tests.Support;
using Generator.Cli;

namespace FinalAccounts.Tests;

/// <summary>Issue 16, the parts done so far: what a PDF made on this machine may lack, and how 附表 notes print.</summary>
public class PrintReadyTests
{
    /// <summary>A font family fontconfig says this machine has.</summary>
    private static string? AnInstalledFont()
    {
        try
        {
            var start = new ProcessStartInfo("fc-list") { RedirectStandardOutput = true, UseShellExecute = false };
            start.ArgumentList.Add(":");
            start.ArgumentList.Add("family");
            using var process = Process.Start(start)!;
            var first = process.StandardOutput.ReadToEnd().Split('\n').FirstOrDefault(l => l.Trim().Length > 0);
            process.WaitForExit();
            return first?.Split(',')[0].Trim();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    [LibreOfficeFact]
    public void MissingFontsAreNamedNotSilentlySubstituted()
    {
        var installed = AnInstalledFont();
        Assert.True(installed is not null, "fontconfig (fc-list) is not installed: the font check cannot run");
        using var temp = new TempFolder();
        var path = temp.File("r.docx");
        Assert.Equal(ExitCodes.Clean, GenerateCommand.Run(Repo.SampleXlsx, null, path, pdf: false, trace: false, new StringWriter()));
        // The report asks for one font no machine has and one this machine has.
        using (var word = WordprocessingDocument.Open(path, true))
        {
            var body = word.MainDocumentPart!.Document.Body!;
            body.Elements<Paragraph>().First().AppendChild(new Run(new RunProperties(new RunFonts { EastAsia = "不存在的字体XYZ" }), new Text("x")));
            body.Elements<Paragraph>().Skip(1).First().AppendChild(new Run(new RunProperties(new RunFonts { Ascii = installed }), new Text("y")));
        }
        var missing = LibreOffice.MissingFonts(File.ReadAllBytes(path));
        Assert.Contains("不存在的字体XYZ", missing);
        Assert.DoesNotContain(installed, missing);
    }

    [LibreOfficeFact]
    public void GenerateWithPdfSaysWhichTemplateFontsThisMachineLacks()
    {
        using var temp = new TempFolder();
        var output = new StringWriter();
        Assert.Equal(ExitCodes.Clean, GenerateCommand.Run(Repo.SampleXlsx, null, temp.File("r.docx"), pdf: true, trace: false, output));
        var missing = LibreOffice.MissingFonts(File.ReadAllBytes(temp.File("r.docx")));
        if (missing.Count == 0)
            Assert.DoesNotContain("本机没有模板所用的字体", output.ToString());   // a machine with every template font
        else
            Assert.Contains($"提示：本机没有模板所用的字体 {string.Join("、", missing)}，PDF 中已由其他字体代替", output.ToString());
    }
}

public class AppendixNoteTests
{
    [Fact]
    public void ANotesSecondLineIsANoteNotATableRowAndAnEmptyTableKeepsItsOwnNoteOnly()
    {
        using var temp = new TempFolder();
        var editor = WorkbookEditor.Load(Repo.SampleXlsx);
        var note = WorkbookEditor.Parse(editor.Find("公开01表", "注：本表反映部门本年度的总收支和年末结转结余情况。")).Row;
        editor.Set("公开01表", $"A{note + 1}", "2. 本套报表金额单位转换时可能存在尾数误差。");
        var last = editor.Sheet("公开08表").RowCount;
        editor.Set("公开08表", $"A{last + 2}", "备注：本单位2024年度没有国有资本经营预算财政拨款支出，故本表无数据。");
        var report = Generated.From(editor.Save(temp.File("notes.xlsx")), temp.File("r.docx"));
        Assert.Equal(ExitCodes.Clean, report.Exit);

        using var word = WordprocessingDocument.Open(new MemoryStream(report.Docx!), false);
        var paragraphs = word.MainDocumentPart!.Document.Body!.Descendants<Paragraph>().ToList();
        var second = Assert.Single(paragraphs, p => p.InnerText == "2. 本套报表金额单位转换时可能存在尾数误差。");
        Assert.Empty(second.Ancestors<Table>());   // printed below the table, not as a lone row under a repeated header
        Assert.Single(paragraphs, p => p.InnerText == "备注：本单位2024年度没有国有资本经营预算财政拨款支出，故本表无数据。");
        Assert.DoesNotContain(paragraphs, p => p.InnerText.Contains("无国有资本经营预算财政拨款支出，本表为空表"));   // one 备注, the sheet's
        // 公开07表-style tables without a note of their own still get the template's 备注 when empty (公开08 in the plain sample).
        var plain = Generated.From(Repo.SampleXlsx, temp.File("plain.docx"));
        Assert.Contains(plain.Lines, l => l.StartsWith("备注：本单位2024年度无国有资本经营预算财政拨款支出", StringComparison.Ordinal));
    }
}

public class CoverTests
{
    [Fact]
    public void CoverNamesTheDepartmentOnceAndCarriesTheReportDate()
    {
        using var temp = new TempFolder();
        var report = Generated.From(Repo.SampleXlsx, temp.File("r.docx"));
        Assert.Equal(["示例县农业农村局", "2024年度部门决算", "2025年9月", "目  录"], report.Lines.Take(4));

        // Without 报告日期 the cover carries the month the report is made.
        var editor = WorkbookEditor.Load(Repo.SampleXlsx);
        editor.Set("基本信息", "B" + WorkbookEditor.Parse(editor.Find("基本信息", "报告日期")).Row, null);
        var before = DateTime.Now;
        var undated = Generated.From(editor.Save(temp.File("undated.xlsx")), temp.File("u.docx"));
        var after = DateTime.Now;
        Assert.Contains(undated.Lines[2], new[] { $"{before.Year}年{before.Month}月", $"{after.Year}年{after.Month}月" });
        Assert.Equal(ExitCodes.Clean, undated.Exit);
    }
}

[Trait("Category", "Snapshot")]   // the sentence replacing the chart is an approved wording snapshot
public class ChartThatSaysNothingTests
{
    /// <summary>Issue 16: a pie of one non-zero slice (only 公务接待费) is a sentence, not a chart, through a template condition.</summary>
    [Theory]
    [InlineData("default")]
    [InlineData("hubei")]
    [InlineData("sichuan-2020")]
    public void AThreePublicPieOfOneSliceIsASentence(string templateName)
    {
        using var temp = new TempFolder();
        var plain = Generated.From(Repo.SampleXlsx, temp.File("plain.docx"), templateName);
        Assert.Contains(plain.Lines, l => l.StartsWith("[图表 pieChart", StringComparison.Ordinal) && l.Contains("公务接待费=4.26", StringComparison.Ordinal));   // the sample: 公务用车 15.37 and 接待 4.26

        // The same department spending no 公务用车运行维护费: 公开09表's 决算数 has 公务接待费 only, and 公开06表's
        // 30231 moves to 30299 so the 经济分类 items stay within the 三公 figures (CHK071).
        var editor = WorkbookEditor.Load(Repo.SampleXlsx);
        var row = WorkbookEditor.Parse(editor.Find("公开09表", "1")).Row + 1;
        foreach (var column in new[] { "I", "J", "K" })   // 决算数: 公务用车 小计, 购置费, 运行费
            editor.Set("公开09表", $"{column}{row}", 0m);
        editor.Set("公开09表", $"G{row}", 4.26m);          // 决算数 合计
        var running = WorkbookEditor.Parse(editor.Find("公开06表", "30231"));
        var other = WorkbookEditor.Parse(editor.Find("公开06表", "30299"));
        var amount = Convert.ToDecimal(editor.Get("公开06表", $"{Letter(running.Column + 2)}{running.Row}"));
        editor.Set("公开06表", $"{Letter(running.Column + 2)}{running.Row}", 0m);
        editor.Add("公开06表", $"{Letter(other.Column + 2)}{other.Row}", amount);
        var report = Generated.From(editor.Save(temp.File("reception-only.xlsx")), temp.File("r.docx"), templateName);
        Assert.True(report.Exit is ExitCodes.Clean or ExitCodes.Warnings, report.Output);
        Assert.DoesNotContain(report.Lines, l => l.StartsWith("图7：", StringComparison.Ordinal));
        Assert.DoesNotContain(report.Lines, l => l.StartsWith("[图表 pieChart", StringComparison.Ordinal) && l.Contains("公务接待费", StringComparison.Ordinal));
        Snapshot.VerifyChangedLines($"reception-only-three-public.{templateName}", $"sample-county-agriculture-2024.{templateName}", report.Text);   // the sentence instead
        Assert.Equal(plain.Lines.Count(l => l.StartsWith("[图表", StringComparison.Ordinal)) - 1, report.Lines.Count(l => l.StartsWith("[图表", StringComparison.Ordinal)));
    }

    private static string Letter(int column) => ((char)('A' + column - 1)).ToString();
}

public class TocPageNumberTests
{
    /// <summary>The PAGEREF results of the 目录, in order ("" where no number was written).</summary>
    internal static List<string> TocNumbers(byte[] docx)
    {
        using var word = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return word.MainDocumentPart!.Document.Body!.Descendants<FieldCode>()
            .Where(c => c.Text.TrimStart().StartsWith("PAGEREF", StringComparison.Ordinal))
            .Select(c => c.Parent!.NextSibling<Run>()?.NextSibling<Run>()?.GetFirstChild<Text>()?.Text ?? "")
            .ToList();
    }

    private static (int Exit, string Output) RunGenerator(params string[] args) =>
        GeneratorProcess.Run(args) is var (exit, stdout, stderr) ? (exit, stdout + stderr) : default;

    /// <summary>Issue 16: the README's own command gives a 目录 with page numbers, not dot leaders alone.</summary>
    [LibreOfficeFact]
    public void GenerateWritesTheContentsPageNumbersWithoutPdfAndNoLayoutSkipsIt()
    {
        using var temp = new TempFolder();
        var withPdf = temp.File("pdf.docx");
        Assert.Equal(ExitCodes.Clean, GenerateCommand.Run(Repo.SampleXlsx, null, withPdf, pdf: true, trace: false, new StringWriter()));
        var expected = TocNumbers(File.ReadAllBytes(withPdf));
        Assert.True(expected.Count > 20 && expected.All(n => n.Length > 0), "the --pdf report's 目录 has no page numbers to compare with");

        var plain = temp.File("plain.docx");
        var (exit, output) = RunGenerator("generate", Repo.SampleXlsx, "--out", plain);
        Assert.True(exit == ExitCodes.Clean, output);
        Assert.False(File.Exists(Path.ChangeExtension(plain, ".pdf")), "no PDF was asked for");
        Assert.Equal(expected, TocNumbers(File.ReadAllBytes(plain)));   // the same pages the PDF's layout gives
        Assert.Empty(DocxText.ValidationErrors(File.ReadAllBytes(plain)));

        var fast = temp.File("fast.docx");
        (exit, output) = RunGenerator("generate", Repo.SampleXlsx, "--out", fast, "--no-layout");
        Assert.True(exit == ExitCodes.Clean, output);
        Assert.All(TocNumbers(File.ReadAllBytes(fast)), n => Assert.Equal("", n));   // left to Word/WPS, which update on opening
    }
}

public class RepeatedFigureTests
{
    /// <summary>
    /// Issue 16: 图5 can draw exactly what 图4 draws (all 财政拨款 is 一般公共预算). The view model says so
    /// (sameAsPrevious) and the shipped templates print a sentence instead, numbering the later figures on.
    /// </summary>
    [Theory]
    [InlineData("default")]
    [InlineData("hubei")]
    [InlineData("sichuan-2020")]
    public void AChartRepeatingThePreviousFigureIsASentence(string templateName)
    {
        var template = CompiledReportTemplate.Load(Path.Combine(Repo.Root, "templates", templateName)).Template!;
        // With the template's needs, as generate calculates: the named texts it places are in the model (marked where absent).
        var model = ReportPipeline.Calculate(Repo.SampleXlsx, template.Settings, needs: template.Needs).Model!;
        Assert.False(model.Charts.GeneralBudgetChange.SameAsPrevious);   // the sample: 7943.95 against 7218.00
        var repeated = model with { Charts = model.Charts with { GeneralBudgetChange = model.Charts.FiscalChange with { SameAsPrevious = true } } };

        var docx = template.Template.Render(DocxTemplating.DataTree.FromObject(repeated));

        Assert.Empty(DocxText.ValidationErrors(docx));
        var lines = DocxText.Of(docx).Split('\n');
        Assert.Contains("2024年一般公共预算财政拨款支出决算变动情况与图4相同，不再重复附图。", lines);
        Assert.DoesNotContain(lines, l => l.Contains("一般公共预算财政拨款支出决算变动情况（单位", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.TrimStart('（').StartsWith("图5：一般公共预算财政拨款支出决算结构", StringComparison.Ordinal));   // sichuan-2020: （图5：…）
        Assert.Contains(lines, l => l.TrimStart('（').StartsWith("图6：“三公”经费财政拨款支出结构", StringComparison.Ordinal));
        using var word = WordprocessingDocument.Open(new MemoryStream(docx), false);
        Assert.Equal(6, word.MainDocumentPart!.ChartParts.Count());
    }

    [Fact]
    public void TheCalculationMarksAFigureThatDrawsWhatThePreviousOneDraws()
    {
        FinalAccounts.Calculation.Chart Bar(decimal prior, decimal current) =>
            new("bar", [new("2023年", prior, ""), new("2024年", current, "")]);
        Assert.True(Bar(7802.50m, 7943.95m).HasSamePointsAs(Bar(7802.50m, 7943.95m)));
        Assert.False(Bar(6890.27m, 7218.00m).HasSamePointsAs(Bar(7802.50m, 7943.95m)));
        Assert.False(new FinalAccounts.Calculation.Chart("bar", []).HasSamePointsAs(new FinalAccounts.Calculation.Chart("bar", [])));
        Assert.False(new FinalAccounts.Calculation.Chart("pie", Bar(1m, 2m).Points).HasSamePointsAs(Bar(1m, 2m)));
    }
}

public class TableTextStyleTests
{
    /// <summary>
    /// Issue 16: table text is in the body's font family, at the size its style sets: no table paragraph or
    /// run names a font or a size of its own, and the table styles name no font (they inherit the body's).
    /// </summary>
    [Theory]
    [InlineData("default")]
    [InlineData("hubei")]
    [InlineData("sichuan-2020")]
    public void TableTextIsInTheBodysFamilyAtItsStylesSize(string templateName)
    {
        using var temp = new TempFolder();
        var report = Generated.From(Repo.SampleXlsx, temp.File("r.docx"), templateName);
        using var word = WordprocessingDocument.Open(new MemoryStream(report.Docx!), false);
        var main = word.MainDocumentPart!;
        var styles = main.StyleDefinitionsPart!.Styles!.Elements<Style>().ToDictionary(s => s.StyleId!.Value!);
        var paragraphs = main.Document.Body!.Descendants<Table>().SelectMany(t => t.Descendants<Paragraph>()).ToList();
        Assert.True(paragraphs.Count > 100, "the report has its tables");
        Assert.All(paragraphs.SelectMany(p => p.Descendants<RunProperties>()), r =>
        {
            Assert.Null(r.RunFonts);
            Assert.Null(r.FontSize);
        });
        var used = paragraphs.Select(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value).Distinct().ToList();
        Assert.DoesNotContain(null, used);
        foreach (var id in used)
        {
            double? size = null;
            for (var style = styles[id!]; ; style = styles[style.BasedOn!.Val!.Value!])
            {
                Assert.True(style.StyleRunProperties?.RunFonts is null, $"table style {style.StyleId} names a font: table text is in the body's family");
                size ??= style.StyleRunProperties?.FontSize?.Val?.Value is { } half ? double.Parse(half) / 2 : null;
                if (style.BasedOn is null)
                    break;
            }
            Assert.True(size is > 0 and < 16, $"table style {id} sets no table size below the body's 16 pt");
        }
    }
}
