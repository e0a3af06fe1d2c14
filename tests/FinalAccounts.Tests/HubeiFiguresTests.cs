using FinalAccounts.Calculation;
using FinalAccounts.Tests.Support;
using Generator.Cli;

namespace FinalAccounts.Tests;

/// <summary>
/// Issue 15: figures a Hubei report states that the Sichuan outline does not — 一般公共预算财政拨款收入 against last year,
/// and 中小企业 contracts by kind of procurement. The sample's values (Samples/SampleSupplements.cs): 一般公共预算财政拨款收入
/// 7303.60 (公开01表) against 7018.40 last year; 货物 186.30 / 工程 842.50 / 服务 208.00, of which to 中小企业 160.20 / 760.00 / 182.20.
/// </summary>
public class HubeiFiguresTests
{
    [Fact]
    public void GeneralBudgetIncomeIsComparedWithLastYear()
    {
        var model = ReportPipeline.Calculate(Repo.SampleXlsx, CalculationSettings.Default).Model!;
        var change = model.Income.GeneralBudgetChange;
        // 7303.60 − 7018.40 = 285.20; 285.20 / 7018.40 = 4.0636…%
        Assert.Equal(["7303.60", "7018.40", "285.20", "4.06", "增加"], new[] { change.Current.Text, change.Prior.Text, change.Amount.Text, change.Rate!.Text, change.Direction });
    }

    [Fact]
    public void SmallAndMediumContractsByKindWithTheirShareOfTheKind()
    {
        var model = ReportPipeline.Calculate(Repo.SampleXlsx, CalculationSettings.Default).Model!;
        var byKind = model.Other.Procurement.SmallAndMediumByKind;
        Assert.Equal(["货物", "工程", "服务"], byKind.Select(k => k.Name));
        Assert.Equal(["160.20", "760.00", "182.20"], byKind.Select(k => k.SmallAndMedium.Text));
        // 160.20 / 186.30 = 85.990…%; 760.00 / 842.50 = 90.207…%; 182.20 / 208.00 = 87.596…%
        Assert.Equal(["85.99", "90.21", "87.60"], byKind.Select(k => k.Share.Text));
    }

    [Fact]
    public void ByKindFiguresThatDoNotAddUpAreFound()
    {
        using var temp = new TempFolder();
        var editor = WorkbookEditor.Load(Repo.SampleXlsx);
        var (row, _) = WorkbookEditor.Parse(editor.Find("政府采购", "工程授予中小企业合同金额"));
        var path = editor.Set("政府采购", $"B{row}", 900m).Save(temp.File("procurement.xlsx"));
        var findings = ReportPipeline.Calculate(path, CalculationSettings.Default).Findings;
        // 900 > 工程 842.50, and 160.20 + 900 + 182.20 ≠ 1102.40
        Assert.Contains(findings, f => f.Id == "CHK122" && f.Message.Contains("大于") && f.Location!.ToString() == $"政府采购!B{row}");
        Assert.Contains(findings, f => f.Id == "CHK122" && f.Message.Contains("≠"));
    }

    [Fact]
    public void BlankByKindRowsAskForNothingUnlessShown()
    {
        using var temp = new TempFolder();
        var editor = WorkbookEditor.Load(Repo.SampleXlsx);
        foreach (var label in new[] { "货物授予中小企业合同金额", "工程授予中小企业合同金额", "服务授予中小企业合同金额", "一般公共预算财政拨款收入" })
        {
            var sheet = label.StartsWith("一般") ? "上年数" : "政府采购";
            var (row, _) = WorkbookEditor.Parse(editor.Find(sheet, label));
            editor.Set(sheet, $"B{row}", null);
        }
        var path = editor.Save(temp.File("blank.xlsx"));
        var stage = ReportPipeline.Calculate(path, CalculationSettings.Default);
        Assert.True(stage.Model!.Other.Procurement.SmallAndMediumByKind[0].SmallAndMedium.IsMissing);
        Assert.True(stage.Model.Income.GeneralBudgetChange.PriorIsMissing);
        Assert.DoesNotContain(stage.Findings, f => f.Message.Contains("授予中小企业") || f.Message.Contains("一般公共预算财政拨款收入"));
        var built = ReportWriter.Build(path, CompiledReportTemplate.Load(Path.Combine(Repo.Root, "templates", "default")).Template!);
        Assert.DoesNotContain(built.Findings, f => f.Message.Contains("授予中小企业合同金额”未填写") || f.Message.Contains("上年数“一般公共预算财政拨款收入”"));
    }
}
