using DocumentFormat.OpenXml.Packaging;
using FinalAccounts.Tests.Support;
using Generator.Cli;

namespace FinalAccounts.Tests;

/// <summary>The finished report from the sample workbook, with the shipped templates.</summary>
public class ReportTests
{
    private static string Template(string name) => Path.Combine(Repo.Root, "templates", name);

    private static (byte[] Docx, string Text) Generate(TempFolder temp, string template = "default", string? workbook = null)
    {
        var output = new StringWriter();
        var path = temp.File("report.docx");
        var exit = GenerateCommand.Run(workbook ?? Repo.SampleXlsx, Template(template), path, pdf: false, trace: false, output);
        Assert.True(exit == ExitCodes.Clean, output.ToString());
        var bytes = File.ReadAllBytes(path);
        return (bytes, DocxText.Of(bytes));
    }

    [Fact]
    public void SampleReportHasEveryPartChartAndPublicTable()
    {
        using var temp = new TempFolder();
        var (_, text) = Generate(temp);
        foreach (var part in new[] { "第一部分 部门概况", "第二部分 2024年度部门决算情况说明", "第三部分 名词解释", "第四部分 附件", "第五部分 附表" })
            Assert.Contains(part, text);
        Assert.Equal(7, text.Split('\n').Count(l => l.StartsWith("[图表 ")));
        for (var n = 1; n <= 9; n++)
            Assert.Contains($"公开{n:00}表", text);
        // The empty 国有资本经营预算 table still says so, in the approved wording (ReaderSnapshotTests approves every sentence).
        var approved = Snapshot.Approved("sample-county-agriculture-2024.default", "text")!.Split('\n');
        Assert.Contains(text.Split('\n'), line => line.Contains("国有资本经营预算", StringComparison.Ordinal) && line.StartsWith("备注", StringComparison.Ordinal) && approved.Contains(line));
        Assert.DoesNotContain("{{", text);
        Assert.DoesNotContain("【待填写", text);
    }

    [Fact]
    public void ChartsAreEditableAndColoured()
    {
        using var temp = new TempFolder();
        var (docx, _) = Generate(temp);
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var charts = document.MainDocumentPart!.ChartParts.ToList();
        Assert.Equal(7, charts.Count);
        Assert.All(charts, chart =>
        {
            Assert.NotNull(chart.EmbeddedPackagePart);   // "Edit Data" opens this workbook
            Assert.NotEmpty(chart.ChartSpace.Descendants<DocumentFormat.OpenXml.Drawing.RgbColorModelHex>());
        });
        // The embedded workbook holds the chart's own figures.
        var embedded = temp.File("chart1.xlsx");
        using (var source = charts[0].EmbeddedPackagePart!.GetStream())
        using (var target = File.Create(embedded))
            source.CopyTo(target);
        var (sheets, problem) = FinalAccounts.Input.ExcelGridReader.Read(embedded);
        Assert.Null(problem);
        var values = charts[0].ChartSpace.Descendants<DocumentFormat.OpenXml.Drawing.Charts.Values>().Single().Descendants<DocumentFormat.OpenXml.Drawing.Charts.NumericValue>().Select(v => v.Text);
        Assert.Equal(values, sheets[0].Cells.Where(c => c.Column == 2 && c.Row > 1).OrderBy(c => c.Row).Select(c => c.Text));
    }

    [Fact]
    public void BarChartsValueAxesStartAtZero()
    {
        // 图1 compares 7862.31 with 8012.15: an axis from about 7750 would draw a 1.9% change as a bar three times as tall.
        using var temp = new TempFolder();
        var (docx, _) = Generate(temp);
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var bars = document.MainDocumentPart!.ChartParts.Where(c => c.ChartSpace.Descendants<DocumentFormat.OpenXml.Drawing.Charts.BarChart>().Any()).ToList();
        Assert.True(bars.Count >= 3, $"only {bars.Count} bar charts");
        Assert.All(bars, chart => Assert.Equal(0d, chart.ChartSpace.Descendants<DocumentFormat.OpenXml.Drawing.Charts.ValueAxis>().Single()
            .Descendants<DocumentFormat.OpenXml.Drawing.Charts.MinAxisValue>().Single().Val!.Value));
    }

    [Fact]
    public void ReadmeSampleCommandWritesIntoAFolderThatDoesNotExistYet()
    {
        using var temp = new TempFolder();
        var output = new StringWriter();
        var path = Path.Combine(temp.Path, "out", "sample-report.docx");
        Assert.Equal(ExitCodes.Clean, GenerateCommand.Run(Repo.SampleXlsx, null, path, pdf: false, trace: false, output));
        Assert.Empty(DocxText.ValidationErrors(File.ReadAllBytes(path)));
    }

    [Fact]
    public void GenerateRefusesAWorkbookWithErrorsAndWritesNothing()
    {
        using var temp = new TempFolder();
        var workbook = WorkbookEditor.Load(Repo.SampleXlsx).Add("公开01表", "C34", 1).Save(temp.File("bad.xlsx"));
        var before = File.ReadAllBytes(workbook);
        var output = new StringWriter();
        var exit = GenerateCommand.Run(workbook, Template("default"), temp.File("bad.docx"), pdf: false, trace: false, output);
        Assert.Equal(ExitCodes.Errors, exit);
        Assert.Contains("CHK001", output.ToString());
        Assert.False(File.Exists(temp.File("bad.docx")));
        Assert.Empty(Directory.GetFiles(temp.Path, "*.tmp"));
        Assert.Equal(before, File.ReadAllBytes(workbook));
    }

    [Fact]
    public void MissingReasonIsMarkedInTheReportAndTheReportIsStillWritten()
    {
        using var temp = new TempFolder();
        var editor = WorkbookEditor.Load(Repo.SampleXlsx);
        var reason = (string)editor.Get("变动原因", "B2")!;   // 收支总计's reason
        var workbook = editor.Set("变动原因", "B2", null).Save(temp.File("no-reason.xlsx"));
        var output = new StringWriter();
        var exit = GenerateCommand.Run(workbook, Template("default"), temp.File("r.docx"), pdf: false, trace: true, output);
        Assert.Equal(ExitCodes.Warnings, exit);
        var docx = File.ReadAllBytes(temp.File("r.docx"));
        Assert.Empty(DocxText.ValidationErrors(docx));
        // The approved report with the reason replaced by its mark, and nothing else changed: the sentence's wording is the approved one.
        var mark = CompiledReportTemplate.Load(Template("default")).Template!.Settings.MissingReasonPlaceholder.Replace("{0}", "收支总计变动原因");
        Assert.Equal(Snapshot.ApprovedWith("sample-county-agriculture-2024.default", (reason, mark)), DocxText.Of(docx));
        Assert.True(File.Exists(temp.File("r.trace.txt")));
    }

    [LibreOfficeFact]
    public void SampleReportConvertsToPdfWithPartsTocAndCaptions()
    {
        using var temp = new TempFolder();
        var output = new StringWriter();
        var docx = temp.File("report.docx");
        Assert.Equal(ExitCodes.Clean, GenerateCommand.Run(Repo.SampleXlsx, Template("default"), docx, pdf: true, trace: false, output));
        var pdf = System.Text.RegularExpressions.Regex.Replace(PdfText.OfPdf(temp.File("report.pdf")), @"\s+", "");
        foreach (var expected in new[] { "目录", "第一部分部门概况", "第二部分2024年度部门决算情况说明", "第三部分名词解释", "第四部分附件", "第五部分附表" })
            Assert.Contains(expected, pdf);
        for (var n = 1; n <= 7; n++)
            Assert.Contains($"图{n}：", pdf);
        Assert.Matches(@"第一部分部门概况\.{5,}\d+", pdf);   // the 目录 has page numbers
    }
}

/// <summary>A second outline is only a second template: the Hubei six-part report from the same workbook, no C# involved.</summary>
public class HubeiTemplateTests
{
    [Fact]
    public void HubeiReportHasSixPartsInItsOwnOrderAndItsOwnSettings()
    {
        using var temp = new TempFolder();
        var output = new StringWriter();
        var path = temp.File("hubei.docx");
        // The fictional Hubei sample: the county sample's tables with what a Hubei report also says (人员构成, its texts).
        Assert.Equal(ExitCodes.Clean, GenerateCommand.Run(Repo.HubeiSampleXlsx, Path.Combine(Repo.Root, "templates", "hubei"), path, pdf: false, trace: false, output));
        var bytes = File.ReadAllBytes(path);
        Assert.Empty(DocxText.ValidationErrors(bytes));
        var text = DocxText.Of(bytes);
        string[] parts = ["第一部分 部门概况", "第二部分 2024年度部门决算表", "第三部分 2024年度部门决算情况说明", "第四部分 其他需要说明的情况", "第五部分 名词解释", "第六部分 附件"];
        Assert.Contains("十四、专项支出、转移支付支出情况\n", text);
        var positions = parts.Select(p => text.LastIndexOf(p + "\n", StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p >= 0));
        Assert.Equal(positions.Order(), positions);
        // settings.json of this template: 年初预算 as the basis, so 农业生产发展 (1842.95 against 1500.00) exceeds its budget;
        // how the report words that is the approved snapshot's (ReaderSnapshotTests).
        var settings = CompiledReportTemplate.Load(Path.Combine(Repo.Root, "templates", "hubei")).Template!.Settings;
        var item = ReportPipeline.Calculate(Repo.HubeiSampleXlsx, settings).Model!.GeneralBudget.Items.Single(i => i.ItemName == "农业生产发展");
        Assert.True(item.Completion.IsAbove);
        Assert.Equal(("1842.95", "1500.00", "122.86"), (item.Amount.Text, item.Completion.Budget.Text, item.Completion.Rate!.Text));
        Assert.Contains(text.Split('\n'), l => l.Contains("农业生产发展", StringComparison.Ordinal) && l.Contains("1842.95", StringComparison.Ordinal) && l.Contains("122.86", StringComparison.Ordinal));
    }
}
