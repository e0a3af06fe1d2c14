using FinalAccounts.Calculation;
using FinalAccounts.Tests.Support;
using Generator.Cli;

namespace FinalAccounts.Tests;

/// <summary>
/// Issue 14: vehicle categories and equipment lines are the rows the user enters on 国有资产 — a region's own
/// (reference 000: 主要领导干部用车、机要通信用车、应急保障用车、其他用车; only the 专用设备 line) — printed in the
/// order entered, checked against 车辆合计 cell by cell.
/// </summary>
public class OpenAssetRowsTests
{
    /// <summary>The sample's 国有资产 sheet rewritten with 000's rows; counts as given (null leaves the cell blank).</summary>
    private static string Sichuan(TempFolder temp, string name, int total, int?[] counts, object? extra = null)
    {
        var editor = WorkbookEditor.Load(Repo.SampleXlsx);
        int Row(string label) => WorkbookEditor.Parse(editor.Find("国有资产", label)).Row;
        var rows = new[] { Row("领导干部用车"), Row("一般公务用车"), Row("一般执法执勤用车"), Row("特种专业技术用车") };
        string[] labels = ["主要领导干部用车", "机要通信用车", "应急保障用车", "其他用车"];
        var general = Row("单价50万元以上通用设备");
        var other = Row("其他用车");
        editor.Set("国有资产", "B" + Row("车辆合计"), total).Set("国有资产", "B" + Row("单价100万元以上专用设备"), 0)
            .Set("国有资产", $"A{general}", null).Set("国有资产", $"B{general}", null).Set("国有资产", $"C{general}", null)
            .Set("国有资产", $"A{other}", null).Set("国有资产", $"B{other}", null).Set("国有资产", $"C{other}", null);
        for (var i = 0; i < rows.Length; i++)
            editor.Set("国有资产", $"A{rows[i]}", labels[i]).Set("国有资产", $"B{rows[i]}", i < counts.Length ? counts[i] : null);
        if (extra is not null)
            editor.Set("国有资产", $"B{rows[0]}", extra);
        return editor.Save(temp.File(name + ".xlsx"));
    }

    [Fact]
    public void ARegionsOwnCategoriesArePrintedAsEnteredAndAddUpToTheTotal()
    {
        using var temp = new TempFolder();
        var workbook = Sichuan(temp, "sichuan", 3, [1, 0, 2, 0]);
        var assets = ReportPipeline.Calculate(workbook, CalculationSettings.Default).Model!.Other.Assets;
        Assert.Equal(["主要领导干部用车", "机要通信用车", "应急保障用车", "其他用车"], assets.VehicleCategories.Select(c => c.Name));
        Assert.Equal(["单价100万元以上专用设备"], assets.Equipment.Select(e => e.Name));

        var report = Generated.From(workbook, temp.File("sichuan.docx"));
        // The removed national line is not in this report: nothing to attend to (its note is information only).
        Assert.True(report.Exit == 0, report.Output);
        Assert.Contains("info CALC004: “单价50万元以上通用设备”未填写。本报告不需要此项，报告中无标记。", report.Output);
        Assert.Contains("截至2024年12月31日，本单位共有车辆3辆，其中：主要领导干部用车1辆、机要通信用车0辆、应急保障用车2辆、其他用车0辆。单价100万元以上专用设备0台（套）。", report.Lines);
    }

    [Fact]
    public void CategoriesThatDoNotAddUpAreAnErrorNamingTheirCells()
    {
        using var temp = new TempFolder();
        var calculated = ReportPipeline.Calculate(Sichuan(temp, "wrong", 4, [1, 0, 2, 0]), CalculationSettings.Default);
        var error = Assert.Single(calculated.Findings, f => f.Id == "CHK082");
        Assert.Contains("国有资产!B", error.Location!.ToString());
        Assert.Equal(4, error.Related!.Count);   // the four categories entered, none of the removed national ones
        Assert.Null(calculated.Model);
    }

    [Fact]
    public void ARowOfTextIsANoteSaidAtItsCellNotACategoryAndNotAnError()
    {
        // Before categories were open, an extra row (备注…) was ignored; it must not now stop the workbook.
        using var temp = new TempFolder();
        var calculated = ReportPipeline.Calculate(Sichuan(temp, "typed", 2, [1, 0, 2, 0], extra: "一辆（已报废）"), CalculationSettings.Default);
        var note = Assert.Single(calculated.Findings, f => f.Message.Contains("一辆（已报废）"));
        Assert.Equal(("IN032", FinalAccounts.Model.Severity.Warning), (note.Id, note.Severity));
        Assert.StartsWith("国有资产!B", note.Location!.ToString());
        var assets = calculated.Model!.Other.Assets;
        Assert.Equal(["机要通信用车", "应急保障用车", "其他用车"], assets.VehicleCategories.Select(c => c.Name));
    }
}
