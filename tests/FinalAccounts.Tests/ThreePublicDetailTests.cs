using FinalAccounts.Calculation;
using FinalAccounts.Tests.Support;
using Generator.Cli;

namespace FinalAccounts.Tests;

/// <summary>
/// Issue 14: 三公 details as reference 000 states them — 公务用车 by 车型 (购置 count and amount, 年末保有量) and
/// 接待 split into 国内 and 外事 with what it was for — held to 公开09表 and the counts.
/// </summary>
public class ThreePublicDetailTests
{
    [Fact]
    public void TheSampleStatesVehiclesByTypeAndReceptionByKind()
    {
        using var temp = new TempFolder();
        var report = Generated.From(Repo.SampleXlsx, temp.File("r.docx"));
        Assert.True(report.Exit == 0, report.Output);
        // Sample: 购置 0 辆 / 0 万元; 保有 轿车 1 + 越野车 2 + 载客汽车 1 = 4 辆; 09表 公务接待费 4.26 = 国内 4.26 + 外事 0.
        var vehicles = Assert.Single(report.Lines, l => l.StartsWith("2．公务用车购置及运行维护费", StringComparison.Ordinal));
        Assert.Contains("全年购置公务用车0辆（轿车0辆、金额0万元，越野车0辆、金额0万元，载客汽车0辆、金额0万元）", vehicles);
        Assert.EndsWith("单位共有公务用车4辆，其中：轿车1辆、越野车2辆、载客汽车1辆。", vehicles);
        var reception = Assert.Single(report.Lines, l => l.StartsWith("3．公务接待费", StringComparison.Ordinal));
        Assert.Contains("国内公务接待支出4.26万元，国内公务接待38批次，265人次（不包括陪同人员），共计支出4.26万元，具体内容包括上级部门检查调研和业务交流工作餐。"
            + "外事接待支出0万元，外事接待0批次，0人次。", reception);
    }

    [Fact]
    public void DetailsThatDoNotAddUpToTable09OrTheCountsAreErrorsAtTheirCells()
    {
        using var temp = new TempFolder();
        var editor = WorkbookEditor.Load(Repo.SampleXlsx);
        var domestic = WorkbookEditor.Parse(editor.Find("三公经费", "国内公务接待费")).Row;
        var suv = WorkbookEditor.Parse(editor.Find("公务用车车型", "越野车")).Row;
        var workbook = editor.Set("三公经费", $"B{domestic}", 4.16m).Set("公务用车车型", $"D{suv}", 3).Set("公务用车车型", $"C{suv}", 25.5m)
            .Save(temp.File("wrong.xlsx"));
        var findings = ReportPipeline.Calculate(workbook, CalculationSettings.Default).Findings;
        var reception = Assert.Single(findings, f => f.Id == "CHK088");
        Assert.Contains(reception.Related!, c => c.ToString() == $"三公经费!B{domestic}");
        var vehicles = findings.Where(f => f.Id == "CHK089").ToList();
        Assert.Equal(2, vehicles.Count);   // 购置金额 25.5 ≠ 购置费 0; 保有 1 + 3 + 1 = 5 ≠ 4 (购置数量 still 0 = 0)
        Assert.Contains(vehicles, f => f.Related!.Any(c => c.ToString() == $"公务用车车型!C{suv}"));
        Assert.Contains(vehicles, f => f.Related!.Any(c => c.ToString() == $"公务用车车型!D{suv}"));
    }

    [Fact]
    public void AWorkbookWithoutTheNewSheetAndRowsSaysWhatItSaidBefore()
    {
        using var temp = new TempFolder();
        var editor = WorkbookEditor.Load(Repo.SampleXlsx).Remove("公务用车车型");
        var domestic = WorkbookEditor.Parse(editor.Find("三公经费", "国内公务接待费")).Row;
        for (var row = domestic; row < domestic + 4; row++)
            editor.Set("三公经费", $"A{row}", null).Set("三公经费", $"B{row}", null).Set("三公经费", $"C{row}", null);
        var report = Generated.From(editor.Save(temp.File("old.xlsx")), temp.File("old.docx"));
        Assert.True(report.Exit == 0, report.Output);   // no finding for the sheet and rows it never had
        Assert.Contains(report.Lines, l => l.Contains("国内公务接待38批次，265人次（不包括陪同人员）；外事接待0批次，0人次。"));
        Assert.Contains(report.Lines, l => l.Contains("全年购置公务用车0辆；") && l.EndsWith("单位共有公务用车4辆。", StringComparison.Ordinal));
    }
}
