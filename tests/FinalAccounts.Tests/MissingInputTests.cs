using System.Text.RegularExpressions;
using FinalAccounts.Model;
using FinalAccounts.Tests.Support;
using Generator.Cli;

namespace FinalAccounts.Tests;

/// <summary>Generates the report of a changed copy of the sample and keeps what a test needs to look at.</summary>
internal sealed record Generated(int Exit, string Output, byte[]? Docx, string Text, IReadOnlyList<string> Lines)
{
    public static readonly Regex Placeholder = new("【待填写：[^】]+】");

    public static Generated From(string workbook, string path, string template = "default", bool review = false)
    {
        var output = new StringWriter();
        var exit = GenerateCommand.Run(workbook, Path.Combine(Repo.Root, "templates", template), path, pdf: false, trace: false, output, review);
        if (!File.Exists(path))
            return new Generated(exit, output.ToString(), null, "", []);
        var docx = File.ReadAllBytes(path);
        Assert.Empty(DocxText.ValidationErrors(docx));   // every report a test makes is a valid package
        var text = DocxText.Of(docx);
        return new Generated(exit, output.ToString(), docx, text, text.Split('\n'));
    }

    /// <summary>The same placeholder twice in a row ("【待填写：X】【待填写：X】", or with only punctuation between).</summary>
    public static bool HasDoubledPlaceholder(string text) => Regex.IsMatch(text, @"(【待填写：[^】]+】)[，、。]?\1");
}

/// <summary>
/// Issue 11's reproductions: what the workbook did not say is never stated, and the marks really appear.
/// The sentences these inputs bring out are approved snapshots (Snapshots/missing-*.wording.verified.txt:
/// how the report differs from the sample's), not copies in C#: a wording change needs only the approval.
/// </summary>
[Trait("Category", "Snapshot")]
public class MissingInputTests
{
    private const string County = "sample-county-agriculture-2024.default";

    private static string Blank(TempFolder temp, params (string Sheet, string Label)[] fields)
    {
        var editor = WorkbookEditor.Load(Repo.SampleXlsx);
        foreach (var (sheet, label) in fields)
            editor.Set(sheet, "B" + WorkbookEditor.Parse(editor.Find(sheet, label)).Row, null);
        return editor.Save(temp.File("blank.xlsx"));
    }

    private static string Address(string sheet, string label)
    {
        var editor = WorkbookEditor.Load(Repo.SampleXlsx);
        return $"{sheet}!B{WorkbookEditor.Parse(editor.Find(sheet, label)).Row}";
    }

    [Fact]
    public void BlankProcurementTotalIsAPlaceholderNotNoProcurement()
    {
        using var temp = new TempFolder();
        var report = Generated.From(Blank(temp, ("政府采购", "政府采购支出总额")), temp.File("r.docx"));
        Assert.Equal(ExitCodes.Warnings, report.Exit);
        Assert.Single(report.Lines, l => l.Contains("【待填写：政府采购支出总额】", StringComparison.Ordinal));
        Snapshot.VerifyChangedLines("missing-procurement-total", County, report.Text);
        Assert.Contains($"[{Address("政府采购", "政府采购支出总额")}]: warning CALC006: “政府采购支出总额”未填写。报告“十、其他重要事项的情况说明　（二）政府采购支出情况”中显示待填写标记。", report.Output);
    }

    [Fact]
    public void ProcurementEnteredAsZeroIsPrintedAsStatedZerosWithoutPlaceholders()   // 000 prints the zero breakdown (issue 14)
    {
        using var temp = new TempFolder();
        var editor = WorkbookEditor.Load(Repo.SampleXlsx);
        foreach (var label in new[] { "政府采购支出总额", "政府采购货物支出", "政府采购工程支出", "政府采购服务支出", "授予中小企业合同金额", "授予小微企业合同金额",
                     "货物授予中小企业合同金额", "工程授予中小企业合同金额", "服务授予中小企业合同金额" })
            editor.Set("政府采购", "B" + WorkbookEditor.Parse(editor.Find("政府采购", label)).Row, 0m);
        var report = Generated.From(editor.Save(temp.File("zero.xlsx")), temp.File("r.docx"));
        Assert.Equal(ExitCodes.Clean, report.Exit);
        Assert.DoesNotMatch(Generated.Placeholder, report.Text);
        Snapshot.VerifyChangedLines("missing-zero-procurement", County, report.Text);
    }

    [Fact]
    public void BlankPriorGrandTotalLeavesTheYearOutOfFigure1AndPrintsOnePlaceholder()
    {
        using var temp = new TempFolder();
        var report = Generated.From(Blank(temp, ("上年数", "收支总计")), temp.File("r.docx"));
        var sentence = Assert.Single(report.Lines, l => l.Contains("【待填写：上年收支总计】", StringComparison.Ordinal));
        Assert.Single(Generated.Placeholder.Matches(sentence));
        Assert.Contains("8012.15", sentence);
        // 图1: only 2024 is drawn (never 2023 = 0); the caption says why (in the approved wording below).
        var chart = report.Lines[Array.IndexOf(report.Lines.ToArray(), sentence) + 2];
        Assert.Matches(@"^\[图表 barChart [^:]+: 2024年=8012\.15\]$", chart);
        Snapshot.VerifyChangedLines("missing-prior-grand-total", County, report.Text);
        Assert.False(Generated.HasDoubledPlaceholder(report.Text));
        Assert.Contains("warning CALC002: 缺少上年数“收支总计”，无法计算与上年相比的增减变动。报告“一、收入支出决算总体情况说明”中显示待填写标记。", report.Output);
    }

    [Fact]
    public void EveryDutyBlankIsOnePlaceholderAndAFinding()
    {
        using var temp = new TempFolder();
        var editor = WorkbookEditor.Load(Repo.SampleXlsx);
        var sheet = editor.Sheet("部门职责");
        foreach (var key in sheet.Cells.Keys.Where(k => k.Row > 1).ToList())
            sheet.Cells.Remove(key);
        var report = Generated.From(editor.Save(temp.File("duties.xlsx")), temp.File("r.docx"));
        Assert.Single(report.Lines, l => l.Contains("【待填写：部门职责】", StringComparison.Ordinal));
        Snapshot.VerifyChangedLines("missing-duties", County, report.Text);
        Assert.Contains("[部门职责!B2]: warning CALC006: “部门职责”表没有填写任何职责。报告“一、部门职责”中显示待填写标记。", report.Output);
    }

    [Fact]
    public void BlankEquipmentCountIsAPlaceholderNotZeroUnits()
    {
        using var temp = new TempFolder();
        var report = Generated.From(Blank(temp, ("国有资产", "单价50万元以上通用设备")), temp.File("r.docx"));
        Assert.Single(report.Lines, l => l.Contains("【待填写：单价50万元以上通用设备】", StringComparison.Ordinal));
        Snapshot.VerifyChangedLines("missing-equipment-count", County, report.Text);
        Assert.Contains("warning CALC004: “单价50万元以上通用设备”未填写。", report.Output);
    }

    [Fact]
    public void BlankProjectExecutionIsAPlaceholderNotZero()
    {
        using var temp = new TempFolder();
        var editor = WorkbookEditor.Load(Repo.SampleXlsx);
        editor.Set("项目资金", "E2", null);   // 高标准农田建设项目 总额 执行数
        var report = Generated.From(editor.Save(temp.File("funds.xlsx")), temp.File("r.docx"));
        // The row's first cell is the merged “预算执行情况（10分）” label, empty in every row but the header.
        var row = Assert.Single(report.Lines, l => l.StartsWith("\t总额\t2,000.00\t2,480.00", StringComparison.Ordinal));
        Assert.StartsWith("\t总额\t2,000.00\t2,480.00\t【待填写：项目“高标准农田建设项目”“总额”资金的执行数】\t\t", row);   // no 0.00, and no rate
        Assert.Contains("[项目资金!E2]: warning CALC006:", report.Output);
        // The 涉及资金 sum cannot be known either.
        Snapshot.VerifyChangedLines("missing-project-execution", County, report.Text);
    }

    [Fact]
    public void ZeroChangeWithAReasonIsFlatWithoutAnAmount()
    {
        using var temp = new TempFolder();
        var editor = WorkbookEditor.Load(Repo.SampleXlsx);
        // 公务接待费 last year = this year's 决算数 in 公开09表, with the reason the sample gives.
        var calculated = ReportPipeline.Calculate(Repo.SampleXlsx, FinalAccounts.Calculation.CalculationSettings.Default);
        var reception = calculated.Model!.ThreePublic.Reception.Actual.Value;
        editor.Set("上年数", "B" + WorkbookEditor.Parse(editor.Find("上年数", "公务接待费")).Row, reception);
        var report = Generated.From(editor.Save(temp.File("flat.xlsx")), temp.File("r.docx"));
        Snapshot.VerifyChangedLines("flat-reception-with-reason", County, report.Text);
        Assert.DoesNotContain("持平0万元", report.Text);
        Assert.DoesNotContain("持平0.00万元", report.Text);
    }

    [Fact]
    public void BlankPriorPersonnelAndPublicFundsPutMarksWhereTheFindingsSay()
    {
        using var temp = new TempFolder();
        var report = Generated.From(Blank(temp, ("上年数", "人员经费"), ("上年数", "公用经费")), temp.File("r.docx"));
        var sentence = Assert.Single(report.Lines, l => l.Contains("【待填写：上年人员经费】", StringComparison.Ordinal));
        Assert.Contains("【待填写：上年公用经费】", sentence);
        Snapshot.VerifyChangedLines("missing-prior-personnel-and-public", County, report.Text);
        foreach (var label in new[] { "人员经费", "公用经费" })
            Assert.Contains($"[{Address("上年数", label)}]: warning CALC002: 缺少上年数“{label}”，无法计算与上年相比的增减变动。报告“六、一般公共预算财政拨款基本支出决算情况说明”中显示待填写标记。", report.Output);
    }

    [Theory]
    [InlineData("default")]
    [InlineData("hubei")]
    public void ValidateReportsExactlyWhatGenerateReports(string template)
    {
        using var temp = new TempFolder();
        var workbook = Blank(temp, ("上年数", "收支总计"), ("变动原因", "财政拨款收支总计变动原因"), ("三公经费", "外事接待人次"), ("政府采购", "政府采购支出总额"));
        var templatePath = Path.Combine(Repo.Root, "templates", template);
        var validate = new StringWriter();
        var validateExit = ValidateCommand.Run(workbook, validate, templatePath);
        var report = Generated.From(workbook, temp.File("r.docx"), template);
        Assert.Equal(ExitCodes.Warnings, validateExit);
        Assert.Equal(report.Exit, validateExit);
        var generateFindings = report.Output.Split('\n').Where(l => !l.StartsWith("已生成", StringComparison.Ordinal)).ToList();
        Assert.Equal(string.Join("\n", generateFindings), validate.ToString().Replace("\r\n", "\n"));
        Assert.Contains("CALC002", validate.ToString());   // the calculation's findings are validate's too
        if (template == "default")   // hubei asks for a reason only above a 10% change
            Assert.Contains("CALC001", validate.ToString());
    }

    [Fact]
    public void OneBlankInputIsOneFindingNotAReaderAndACalculationLineForTheSameCell()
    {
        using var temp = new TempFolder();
        var findings = ValidateCommand.Validate(Blank(temp, ("上年数", "收支总计")));
        var atCell = findings.Where(f => f.Location?.ToString() == Address("上年数", "收支总计")).ToList();
        var only = Assert.Single(atCell);
        Assert.Equal("CALC002", only.Id);   // it says what is missing and where the mark stands; a bare IN031 "未填写" would repeat it
    }

    [Fact]
    public void ACleanValidateMeansAReportWithoutPlaceholders()
    {
        var output = new StringWriter();
        Assert.Equal(ExitCodes.Clean, ValidateCommand.Run(Repo.SampleXlsx, output));
        using var temp = new TempFolder();
        var report = Generated.From(Repo.SampleXlsx, temp.File("r.docx"));
        Assert.DoesNotMatch(Generated.Placeholder, report.Text);
    }
}
