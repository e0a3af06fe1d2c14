using FinalAccounts.Calculation;
using FinalAccounts.Checks;
using FinalAccounts.Model;
using FinalAccounts.Tests.Support;
using Generator.Cli;

namespace FinalAccounts.Tests;

/// <summary>
/// 第四部分 as reference 000 publishes it: each 自评表's computed 执行率, 得分 and 合计, and the 部门（单位）整体支出
/// 绩效目标申报表 with its computed 合计. Figures: the county sample (Samples/SampleSupplements.cs) and reference 000
/// (Samples/Reference000Performance.cs), worked by hand in each test.
/// </summary>
public class PerformanceTablesTests
{
    private static (ReportModel Model, IReadOnlyList<Diagnostic> Findings) Calculate(string workbook)
    {
        var stage = ReportPipeline.Calculate(workbook, CalculationSettings.Default);
        return (stage.Model!, stage.Findings);
    }

    private static ProjectEvaluation Farmland(ReportModel model) => model.Performance.Projects.Single(p => p.Name == "高标准农田建设项目");

    // ---- 项目支出绩效自评表 (county sample: 高标准农田建设项目 is 项目资金 row 2 and 绩效指标 rows 2–5) ----

    [Fact]
    public void ATypedScoreStandsAndTheTotalsAddUpTheRows()
    {
        var project = Farmland(Calculate(Repo.SampleXlsx).Model);
        var total = project.Funds.Single(f => f.Kind == "总额");
        // 2365.80 ÷ 2480.00 = 95.395…% → 95.40; the typed 9.5 is the user's evaluation and is printed as typed.
        Assert.Equal(("95.40", "10", "9.5", true), (total.Rate!.Text, total.Weight, total.Score, total.IsScored));
        Assert.False(project.Funds.Single(f => f.Kind == "财政资金").IsScored);
        // 合计: 10 + 30 + 20 + 25 + 15 = 100 and 9.5 + 30 + 20 + 20.5 + 15 = 95; the blocks' points 10 and 90.
        Assert.Equal(("100", "95", "10", "90"), (project.WeightTotal, project.ScoreTotal, project.BudgetPoints, project.IndicatorPoints));
        Assert.Equal(("95", true), (project.Score, project.ScoreTyped));
    }

    [Fact]
    public void ABlankScoreIsTheWeightTimesTheRateAndAtMostTheWeight()
    {
        using var temp = new TempFolder();
        var blank = WorkbookEditor.Load(Repo.SampleXlsx).Set("项目资金", "G2", null).Save(temp.File("blank.xlsx"));
        var (model, findings) = Calculate(blank);
        Assert.Equal("9.54", Farmland(model).Funds.Single(f => f.Kind == "总额").Score);   // 10 × 95.40% = 9.54
        Assert.Equal("95.04", Farmland(model).ScoreTotal);   // 9.54 + 30 + 20 + 20.5 + 15
        Assert.DoesNotContain(findings, f => f.Location?.ToString() == "项目资金!G2");

        var over = WorkbookEditor.Load(Repo.SampleXlsx).Set("项目资金", "G2", null).Set("项目资金", "E2", 2600m).Save(temp.File("over.xlsx"));
        var capped = Farmland(Calculate(over).Model).Funds.Single(f => f.Kind == "总额");
        Assert.Equal(("104.84", "10"), (capped.Rate!.Text, capped.Score));   // 2600 ÷ 2480 = 104.84%, the score stays 10
    }

    [Fact]
    public void TheSampleLeavesOneSelfScoreBlank()
    {
        // 农作物病虫害防治项目: 自评得分 blank, so its 合计 row's 得分: 9.9 (typed) + 50 + 40 = 99.9.
        var project = Calculate(Repo.SampleXlsx).Model.Performance.Projects.Single(p => p.Name == "农作物病虫害防治项目");
        Assert.Equal(("99.9", false, "100"), (project.Score, project.ScoreTyped, project.WeightTotal));
    }

    [Fact]
    public void ABlankSelfScoreIsTheTotalRowsScore()
    {
        using var temp = new TempFolder();
        var path = WorkbookEditor.Load(Repo.SampleXlsx).Set("项目绩效", "H2", null).Save(temp.File("no-score.xlsx"));
        var (model, findings) = Calculate(path);
        Assert.Equal(("95", false), (Farmland(model).Score, Farmland(model).ScoreTyped));
        Assert.DoesNotContain(findings, f => f.Location?.ToString() == "项目绩效!H2");
    }

    [Fact]
    public void ABlankWeightMakesTheTotalItsPlaceholderNeverAPartialSum()
    {
        using var temp = new TempFolder();
        var path = WorkbookEditor.Load(Repo.SampleXlsx).Set("绩效指标", "I2", null).Save(temp.File("no-weight.xlsx"));
        var (model, findings) = Calculate(path);
        var finding = Assert.Single(findings, f => f.Location?.ToString() == "绩效指标!I2");
        Assert.Equal(Phrasing.MissingInputId, finding.Id);
        var project = Farmland(model);
        Assert.Contains("【", project.WeightTotal);
        Assert.Equal(project.Indicators[0].Weight, project.WeightTotal);
        Assert.Equal(project.WeightTotal, project.IndicatorPoints);
        Assert.Equal("95", project.ScoreTotal);   // the scores are all there
    }

    [Fact]
    public void AProjectWithoutItsTotalRowOrIndicatorsIsAskedForThemNotSummedPartly()
    {
        using var temp = new TempFolder();
        // 项目资金 row 2 is 高标准农田建设项目's 总额; 绩效指标 rows 2–5 are its indicators: renamed to another project, they leave it.
        var editor = WorkbookEditor.Load(Repo.SampleXlsx).Set("项目资金", "B2", "其他资金");
        foreach (var row in new[] { 2, 3, 4, 5 })
            editor.Set("绩效指标", $"A{row}", "农业生产发展项目");
        var (model, findings) = Calculate(editor.Save(temp.File("lacking.xlsx")));
        var project = Farmland(model);
        Assert.Contains("【", project.BudgetPoints);
        Assert.Contains("【", project.IndicatorPoints);
        Assert.Equal(project.BudgetPoints, project.WeightTotal);
        Assert.Equal("95", project.Score);   // the typed 自评得分 stands
        Assert.Contains(findings, f => f.Id == Phrasing.MissingInputId && f.Message.Contains("没有“总额”一行"));
        Assert.Contains(findings, f => f.Id == Phrasing.MissingInputId && f.Message.Contains("没有绩效指标"));
    }

    [Fact]
    public void AWorkbookWithoutTheSummaryColumnReadsAsBefore()
    {
        using var temp = new TempFolder();
        var editor = WorkbookEditor.Load(Repo.SampleXlsx);
        var (row, column) = WorkbookEditor.Parse(editor.Find("项目绩效", "项目实施内容及过程概述"));
        editor.Sheet("项目绩效").Set(row, column, null);   // as workbooks made before the column was added
        var path = editor.Save(temp.File("no-summary-column.xlsx"));
        Assert.Empty(ValidateCommand.Validate(path).Select(f => f.Format("no-summary-column")));
        Assert.All(Calculate(path).Model.Performance.Projects, p => Assert.Equal("", p.Summary));
    }

    // ---- 部门（单位）整体支出绩效目标申报表 ----

    [Fact]
    public void WithoutTheTargetSheetsNothingIsPrintedOrSaid()
    {
        var (model, findings) = Calculate(Repo.SampleXlsx);
        Assert.False(model.Performance.Targets.IsGiven);
        Assert.DoesNotContain(findings, f => f.Location?.Sheet is "整体绩效目标" or "年度主要任务" or "整体绩效指标" || f.Id == CheckIds.TargetWeights);
    }

    [Fact]
    public void InitsBlankTargetSheetsLeftAsTheyAreSayNothing()
    {
        using var temp = new TempFolder();
        var editor = WorkbookEditor.Load(Repo.SampleXlsx);
        foreach (var spec in new[] { WorkbookLayout.DepartmentTargets, WorkbookLayout.DepartmentTasks, WorkbookLayout.DepartmentIndicators })
            editor.Sheets.Add(FinalAccounts.Input.BlankWorkbook.Supplement(spec));
        var path = editor.Save(temp.File("blank-targets.xlsx"));
        Assert.False(Calculate(path).Model.Performance.Targets.IsGiven);
        Assert.Empty(ValidateCommand.Validate(path).Select(f => f.Format("blank-targets")));
    }

    [Fact]
    public void Reference000sTargetsWithComputedTotals()
    {
        var targets = Calculate(Repo.Reference000Xlsx).Model.Performance.Targets;
        Assert.True(targets.IsGiven);
        // 000: 基本支出 436.65 (all 财政拨款), 项目支出 4934.70, 总额 5371.35 = 436.65 + 4934.70.
        Assert.Equal(("436.65", "4934.70", "5371.35"), (targets.Basic.Total.Text, targets.Project.Total.Text, targets.Total.Text));
        Assert.Equal("402-医疗保障部门", targets.UnitName);
        Assert.Equal(5, targets.Goals.Count);
        Assert.Equal(5, targets.Tasks.Count);
        Assert.Equal(16, targets.Indicators.Count);
        Assert.Equal("100", targets.WeightTotal);   // 10+10+10+5+5+5+10+5+5+5+5+5+5+5+5+5
    }

    [Fact]
    public void ABlankSourceMakesItsTotalsMissing()
    {
        using var temp = new TempFolder();
        var editor = WorkbookEditor.Load(Repo.Reference000Xlsx);
        var label = editor.Find("整体绩效目标", "基本支出财政拨款");
        var (row, _) = WorkbookEditor.Parse(label);
        var path = editor.Set("整体绩效目标", $"B{row}", null).Save(temp.File("blank-target.xlsx"));
        var (model, findings) = Calculate(path);
        var targets = model.Performance.Targets;
        Assert.True(targets.Basic.Total.IsMissing && targets.Total.IsMissing);
        Assert.False(targets.Project.Total.IsMissing);
        Assert.Contains(findings, f => f.Id == Phrasing.MissingInputId && f.Location?.ToString() == $"整体绩效目标!B{row}");
    }

    [Fact]
    public void TargetWeightsThatDoNotMakeAHundredAreCHK111()
    {
        using var temp = new TempFolder();
        var editor = WorkbookEditor.Load(Repo.Reference000Xlsx);
        var (row, _) = WorkbookEditor.Parse(editor.Find("整体绩效指标", "项目完成时效"));
        var path = editor.Set("整体绩效指标", $"G{row}", 5m).Save(temp.File("weights.xlsx"));
        var finding = Assert.Single(ValidateCommand.Validate(path), f => f.Id == CheckIds.TargetWeights);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Contains("95", finding.Message);   // 100 − 10 + 5
    }
}
