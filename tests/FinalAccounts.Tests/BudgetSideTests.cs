using FinalAccounts.Calculation;
using FinalAccounts.Input;
using FinalAccounts.Model;
using FinalAccounts.Tests.Support;
using Generator.Cli;

namespace FinalAccounts.Tests;

/// <summary>
/// Issue 15: the budget beside the 决算 (收入预算 and 支出预算 sheets) for the 部门整体支出自评报告's 收入表 and 支出表.
/// The sample's figures (Samples/SampleData.cs, SampleWorkbook.Summary): 公开01表 一般公共预算财政拨款收入 7303.60, 其他收入 12.00;
/// 公开03表 基本支出 2302.09, 项目支出 5443.51; 公开06表 人员经费 2033.63, 公用经费 268.46; 公开01表 年末结转和结余
/// = 收入 7873.60 + 年初结转 138.55 − 支出 7745.60 = 266.55, 结余分配 0.
/// </summary>
public class BudgetSideTests
{
    private static SheetContent IncomeSheet(params (string Name, decimal? Opening, decimal? FullYear)[] rows)
    {
        var sheet = new SheetContent(WorkbookLayout.IncomeBudgets.Name);
        sheet.Set(1, 1, "收入类别").Set(1, 2, "年初预算数").Set(1, 3, "全年预算数");
        for (var i = 0; i < rows.Length; i++)
            sheet.Set(i + 2, 1, rows[i].Name).Set(i + 2, 2, rows[i].Opening).Set(i + 2, 3, rows[i].FullYear);
        return sheet;
    }

    private static SheetContent ExpenditureSheet(params (string Name, decimal Opening, decimal Added, decimal Adjusted)[] rows)
    {
        var sheet = new SheetContent(WorkbookLayout.ExpenditureBudgets.Name);
        sheet.Set(1, 1, "支出类别").Set(1, 2, "年初预算数").Set(1, 3, "追加（减）").Set(1, 4, "调整后预算数");
        for (var i = 0; i < rows.Length; i++)
            sheet.Set(i + 2, 1, rows[i].Name).Set(i + 2, 2, rows[i].Opening).Set(i + 2, 3, rows[i].Added).Set(i + 2, 4, rows[i].Adjusted);
        return sheet;
    }

    private static readonly (string, decimal, decimal, decimal)[] Kinds =
    [
        ("基本支出", 2200m, 102.09m, 2302.09m), ("人员经费", 1950m, 83.63m, 2033.63m), ("公用经费", 250m, 18.46m, 268.46m),
        ("项目支出", 5000m, 443.51m, 5443.51m), ("年末结转和结余", 0m, 266.55m, 266.55m),
    ];

    private static (ReportModel Model, IReadOnlyList<Diagnostic> Findings) Calculate(TempFolder temp, params SheetContent[] sheets)
    {
        var editor = WorkbookEditor.Load(Repo.SampleXlsx).Remove(WorkbookLayout.IncomeBudgets.Name).Remove(WorkbookLayout.ExpenditureBudgets.Name);
        editor.Sheets.AddRange(sheets);
        var stage = ReportPipeline.Calculate(editor.Save(temp.File("budget.xlsx")), CalculationSettings.Default);
        Assert.NotNull(stage.Model);
        return (stage.Model!, stage.Findings);
    }

    [Fact]
    public void EachLineHasItsBudgetsBesideTheDecisionFromThePublicTables()
    {
        using var temp = new TempFolder();
        var (model, findings) = Calculate(temp, IncomeSheet(("一般公共预算财政拨款收入", 7000m, 7300m), ("其他收入", 10m, 12m)), ExpenditureSheet(Kinds));
        var side = model.BudgetSide;

        Assert.True(side.HasSheets);
        Assert.Equal(["一般公共预算财政拨款收入", "其他收入"], side.Income.Select(l => l.Name));
        Assert.Equal(["7000.00", "7300.00", "7303.60", "100.05"], Texts(side.Income[0]));   // 7303.60 / 7300 = 100.049…%
        Assert.Equal(["10.00", "12.00", "12.00", "100.00"], Texts(side.Income[1]));
        Assert.Equal(["7010.00", "7312.00", "7315.60"], Texts(side.IncomeTotal).Take(3));

        Assert.Equal(["2302.09", "2033.63", "268.46", "5443.51", "266.55"], side.Expenditure.Select(l => l.Actual.Text));
        Assert.Equal([false, true, true, false, false], side.Expenditure.Select(l => l.IsDetail));
        // 总计 leaves out 人员经费 and 公用经费 (parts of 基本支出): 2200 + 5000 + 0; 102.09 + 443.51 + 266.55; 2302.09 + 5443.51 + 266.55.
        var total = side.ExpenditureTotal;
        Assert.Equal(["7200.00", "812.15", "8012.15", "8012.15"], new[] { total.OpeningBudget, total.Added, total.AdjustedBudget, total.Actual }.Select(m => m.Text));
        Assert.Equal("266.55", side.CarryForward.Text);
        Assert.True(side.SurplusDistribution.IsZero);
        Assert.DoesNotContain(findings, f => f.Id is CheckIdsUnderTest.Adjusted or CheckIdsUnderTest.BasicParts || f.Severity == Severity.Error);

        static IEnumerable<string> Texts(IncomeBudgetLine l) => [l.OpeningBudget.Text, l.FullYearBudget.Text, l.Actual.Text, l.Completion.Rate?.Text ?? ""];
    }

    [Fact]
    public void ASourceThePublicTablesDoNotHaveIsAPlaceholderAtItsCellAndTheTotalIsUnknown()
    {
        using var temp = new TempFolder();
        var (model, findings) = Calculate(temp, IncomeSheet(("一般公共预算财政拨款收入", 7000m, 7300m), ("财政专户资金收入", 5m, 5m)));
        var line = model.BudgetSide.Income[1];
        Assert.True(line.Actual.IsMissing);
        Assert.True(model.BudgetSide.IncomeTotal.Actual.IsMissing);
        Assert.Equal(line.Actual.Text, model.BudgetSide.IncomeTotal.Actual.Text);
        var finding = Assert.Single(findings, f => f.Message.Contains("财政专户资金收入"));
        Assert.Equal("收入预算!A3", finding.Location!.ToString());
        // A blank budget is missing too, never 0.
        var (blank, _) = Calculate(temp, IncomeSheet(("一般公共预算财政拨款收入", null, 7300m)));
        Assert.True(blank.BudgetSide.Income[0].OpeningBudget.IsMissing);
    }

    [Fact]
    public void TheBudgetsOwnArithmeticIsChecked()
    {
        using var temp = new TempFolder();
        var kinds = Kinds.ToArray();
        kinds[3] = ("项目支出", 5000m, 443.51m, 5443.00m);   // 5000 + 443.51 ≠ 5443.00
        kinds[2] = ("公用经费", 260m, 8.46m, 268.46m);       // 1950 + 260 ≠ 2200 (its own row still adds up)
        var path = WorkbookEditor.Load(Repo.SampleXlsx).Remove(WorkbookLayout.ExpenditureBudgets.Name);
        path.Sheets.Add(ExpenditureSheet(kinds));
        var findings = ReportPipeline.Calculate(path.Save(temp.File("wrong.xlsx")), CalculationSettings.Default).Findings;
        Assert.Contains(findings, f => f.Id == CheckIdsUnderTest.Adjusted && f.Location!.ToString() == "支出预算!D5");
        Assert.Contains(findings, f => f.Id == CheckIdsUnderTest.BasicParts && f.Message.Contains("年初预算数"));
        Assert.Contains(findings, f => f.Id == CheckIdsUnderTest.BasicParts && f.Message.Contains("追加"));
    }

    [Fact]
    public void AWorkbookWithoutTheSheetsIsAsBefore()
    {
        using var temp = new TempFolder();
        var path = WorkbookEditor.Load(Repo.SampleXlsx).Remove(WorkbookLayout.IncomeBudgets.Name).Remove(WorkbookLayout.ExpenditureBudgets.Name).Save(temp.File("old.xlsx"));
        var stage = ReportPipeline.Calculate(path, CalculationSettings.Default);
        Assert.False(stage.Model!.BudgetSide.HasSheets);
        Assert.Empty(stage.Model.BudgetSide.Income);
        Assert.DoesNotContain(stage.Findings, f => f.Message.Contains("预算表") || f.Message.Contains("人数") || f.Message.Contains("编制"));
        Assert.True(stage.Model.Department.Staff.Actual.IsMissing);
    }

    [Fact]
    public void TheSampleCarriesABudgetSideThatAddsUp()
    {
        var stage = ReportPipeline.Calculate(Repo.SampleXlsx, CalculationSettings.Default);
        var side = stage.Model!.BudgetSide;
        // Samples/SampleSupplements.cs: 7000 + 500 + 40 + 10 = 7550 opening; 7303.60 + 520 + 40 + 12 = 7875.60 full-year; 决算 7873.60 (公开01表).
        Assert.Equal(["7550.00", "7875.60", "7873.60"], new[] { side.IncomeTotal.OpeningBudget, side.IncomeTotal.FullYearBudget, side.IncomeTotal.Actual }.Select(m => m.Text));
        Assert.Equal("7745.60", side.ExpenditureTotal.Actual.Text);   // 基本 2302.09 + 项目 5443.51 = 本年支出合计
        Assert.DoesNotContain(stage.Findings, f => f.Id is CheckIdsUnderTest.Adjusted or CheckIdsUnderTest.BasicParts);
    }

    [Fact]
    public void StaffCountsComeFromBasicInfo()
    {
        using var temp = new TempFolder();
        var editor = WorkbookEditor.Load(Repo.SampleXlsx);
        var cell = editor.Find("基本信息", "实有人数");
        var (row, _) = WorkbookEditor.Parse(cell);
        var path = editor.Set("基本信息", $"B{row}", 32).Save(temp.File("staff.xlsx"));
        var model = ReportPipeline.Calculate(path, CalculationSettings.Default).Model!;
        Assert.Equal("32", model.Department.Staff.Actual.Text);
        Assert.True(model.Department.Staff.Administrative.IsMissing);
    }

    /// <summary>The ids as documented (docs/输入工作簿格式.md), not read back from the code under test.</summary>
    private static class CheckIdsUnderTest
    {
        public const string Adjusted = "CHK120";
        public const string BasicParts = "CHK121";
    }
}
