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
