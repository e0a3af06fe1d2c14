using FinalAccounts.Tests.Support;

namespace FinalAccounts.Tests;

/// <summary>
/// Issue 14: 十(二) prints a stated zero part by part, as reference 000 does ("政府采购支出总额0万元，其中：政府采购货物支出0万元、…");
/// a zero total with blank parts still says only that there was none — a blank is never printed as 0.
/// </summary>
public class ProcurementBreakdownTests
{
    private static readonly string[] Parts = ["政府采购货物支出", "政府采购工程支出", "政府采购服务支出", "授予中小企业合同金额", "授予小微企业合同金额",
        "货物授予中小企业合同金额", "工程授予中小企业合同金额", "服务授予中小企业合同金额"];

    private static Generated Report(TempFolder temp, string name, decimal? parts)
    {
        var editor = WorkbookEditor.Load(Repo.SampleXlsx);
        editor.Set("政府采购", "B" + WorkbookEditor.Parse(editor.Find("政府采购", "政府采购支出总额")).Row, 0m);
        foreach (var part in Parts)
            editor.Set("政府采购", "B" + WorkbookEditor.Parse(editor.Find("政府采购", part)).Row, parts);
        return Generated.From(editor.Save(temp.File(name + ".xlsx")), temp.File(name + ".docx"));
    }

    [Fact]
    public void StatedZerosArePrintedPartByPart()   // zeros as the template settings print them: "0", as 000 does
    {
        using var temp = new TempFolder();
        var report = Report(temp, "zeros", 0m);
        Assert.True(report.Exit == 0, report.Output + string.Join("\n", report.Lines.Where(l => l.Contains("政府采购"))));
        Assert.Contains("2024年，本单位政府采购支出总额0万元，其中：政府采购货物支出0万元、政府采购工程支出0万元、政府采购服务支出0万元。"
            + "授予中小企业合同金额0万元，占政府采购支出总额的0%，其中：授予小微企业合同金额0万元，占政府采购支出总额的0%。", report.Lines);
        Assert.DoesNotContain("2024年，本单位无政府采购支出。", report.Lines);
    }

    [Fact]
    public void AZeroTotalWithBlankPartsSaysThereWasNoneAndInventsNoZeros()
    {
        using var temp = new TempFolder();
        var report = Report(temp, "blank", null);
        Assert.Contains("2024年，本单位无政府采购支出。", report.Lines);
        Assert.DoesNotContain(report.Lines, l => l.Contains("政府采购货物支出"));
        Assert.DoesNotContain("待填写", report.Text.Split("（三）国有资产")[0].Split("（二）政府采购支出情况")[^1]);
    }
}
