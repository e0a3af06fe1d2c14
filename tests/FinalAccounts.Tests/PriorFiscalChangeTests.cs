using System.Text.RegularExpressions;
using FinalAccounts.Calculation;
using FinalAccounts.Report;
using FinalAccounts.Tests.Support;
using Generator.Cli;

namespace FinalAccounts.Tests;

/// <summary>
/// Issue 14 (reference 001's 四): 财政拨款收入 and 财政拨款支出 each compared with the prior year, from two optional
/// 上年数 rows. Outlines that compare only the 总计 must not start asking for them.
/// The sample's 财政拨款 本年收入合计 is 7823.60 and 本年支出合计 7698.00 (公开04表, Samples/SampleData.cs).
/// </summary>
public class PriorFiscalChangeTests
{
    private static CompiledReportTemplate Default() => CompiledReportTemplate.Load(Path.Combine(Repo.Root, "templates", "default")).Template!;

    private const string BothChanges = "财政拨款收入{{#if fiscal.incomeChange.isMissing}}上年{{fiscal.incomeChange.prior.text}}万元{{else}}{{fiscal.incomeChange.direction}}{{fiscal.incomeChange.amount.text}}万元，{{fiscal.incomeChange.trend}}{{fiscal.incomeChange.rate.text}}%（上年{{fiscal.incomeChange.prior.text}}万元）{{/if}}；"
        + "支出{{#if fiscal.expenditureChange.isMissing}}上年{{fiscal.expenditureChange.prior.text}}万元{{else}}{{fiscal.expenditureChange.direction}}{{fiscal.expenditureChange.amount.text}}万元，{{fiscal.expenditureChange.trend}}{{fiscal.expenditureChange.rate.text}}%（上年{{fiscal.expenditureChange.prior.text}}万元）{{/if}}。";

    /// <summary>The default template with one sentence that prints both changes, placed before 五.</summary>
    private static CompiledReportTemplate PrintingBoth(TempFolder temp)
    {
        var folder = Directory.CreateDirectory(temp.File("tpl")).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(Repo.Root, "templates", "default")))
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        var path = Path.Combine(folder, "template.xml");
        const string sentence = "<w:p><w:r><w:t xml:space=\"preserve\">" + BothChanges + "</w:t></w:r></w:p>";
        var xml = File.ReadAllText(path);
        var at = xml.IndexOf("<w:p><w:pPr><w:pStyle w:val=\"Heading2\"/></w:pPr><w:r><w:t xml:space=\"preserve\">五、", StringComparison.Ordinal);
        Assert.True(at > 0, "the default template's heading 五 moved");
        File.WriteAllText(path, xml.Insert(at, sentence));
        var loaded = CompiledReportTemplate.Load(folder);
        Assert.Empty(loaded.Problems);
        return loaded.Template!;
    }

    [Fact]
    public void BothChangesAreComputedFromTheTwoPriorRows()
    {
        using var temp = new TempFolder();
        var path = WorkbookEditor.Load(Repo.SampleXlsx).Set("上年数", "B6", 7600m).Set("上年数", "B7", 7800m).Save(temp.File("prior.xlsx"));

        var built = ReportWriter.Build(path, PrintingBoth(temp));

        // 7823.60 − 7600.00 = 223.60, 223.60 / 7600 = 2.942…%; 7800.00 − 7698.00 = 102.00, 102 / 7800 = 1.307…%
        Assert.Contains("财政拨款收入增加223.60万元，增长2.94%（上年7600.00万元）；支出减少102.00万元，下降1.31%（上年7800.00万元）。", DocxText.Of(built.Document!));
        Assert.DoesNotContain(built.Findings, f => f.Id == Phrasing.MissingPriorId);
        Assert.Empty(DocxText.ValidationErrors(built.Document!));
    }

    [Fact]
    public void BlankPriorRowsArePlaceholdersAndFindingsWhereTheTemplatePrintsThem()
    {
        using var temp = new TempFolder();
        var built = ReportWriter.Build(Repo.SampleXlsx, PrintingBoth(temp));

        Assert.Contains("财政拨款收入上年【待填写：上年财政拨款收入】万元；支出上年【待填写：上年财政拨款支出】万元。", DocxText.Of(built.Document!));
        var findings = built.Findings.Where(f => f.Id == Phrasing.MissingPriorId).ToList();
        Assert.Equal(["上年数!B6", "上年数!B7"], findings.Select(f => f.Location!.ToString()).Order());
        Assert.All(findings, f => Assert.Matches(new Regex("报告“[^”]+”中显示待填写标记"), f.Message));
    }

    [Fact]
    public void ATemplateThatDoesNotPrintThemAsksForNothingNew()
    {
        var built = ReportWriter.Build(Repo.SampleXlsx, Default());
        Assert.DoesNotContain(built.Findings, f => f.Message.Contains("财政拨款收入") || f.Message.Contains("财政拨款支出"));

        // Nor does the calculation alone (calculate --json, check): without a template nothing shows them.
        var stage = ReportPipeline.Calculate(Repo.SampleXlsx, CalculationSettings.Default);
        Assert.DoesNotContain(stage.Findings, f => f.Id == Phrasing.MissingPriorId);
        Assert.True(stage.Model!.Fiscal.IncomeChange.PriorIsMissing);
    }
}
