using FinalAccounts.Tests.Support;
using Generator.Cli;

namespace FinalAccounts.Tests;

/// <summary>
/// The two figures templates/sichuan-2020 asks for by name (reference 001's 十（四） and 十（二）): a project's
/// 总额 and 财政资金 rows, and what the 政府采购 were for. Absent, they are marked where the report needs them
/// and listed; a template that does not print them (default) asks for nothing.
/// </summary>
public class Sichuan2020TemplateTests
{
    private static string Edited(TempFolder temp, Action<WorkbookEditor> edit)
    {
        var editor = WorkbookEditor.Load(Repo.Reference001Xlsx);
        edit(editor);
        return editor.Save(temp.File("edited.xlsx"));
    }

    [Fact]
    public void AProjectWithoutItsTotalRowIsMarkedWhereTheTemplatePrintsIt()
    {
        using var temp = new TempFolder();
        // 项目资金 row 2 is 县级财政对城乡居民医疗保险基金的补助's 总额 (Reference001Supplements): remove the row.
        var workbook = Edited(temp, e =>
        {
            Assert.Equal("总额", e.Get("项目资金", "B2"));
            foreach (var column in "ABCDEFGH")
                e.Set("项目资金", $"{column}2", null);
        });
        const string mark = "【待填写：项目“县级财政对城乡居民医疗保险基金的补助”的总额】";
        // The default template's 自评表 says on its own that the row is missing (its 权重 and 得分); this is the row's amounts.
        const string asked = "表中没有项目“县级财政对城乡居民医疗保险基金的补助”的“总额”一行";
        var sichuan = Generated.From(workbook, temp.File("s.docx"), "sichuan-2020");
        Assert.Contains(sichuan.Lines, l => l.StartsWith("县级财政对城乡居民医疗保险基金的补助项目绩效目标完成情况综述。项目全年预算数" + mark + "万元", StringComparison.Ordinal));
        Assert.Contains(ValidateCommand.Validate(workbook, Path.Combine(Repo.Root, "templates", "sichuan-2020")),
            f => f.Id == "CALC006" && f.Location?.Sheet == "项目资金" && f.Message.Contains(asked, StringComparison.Ordinal));

        var plain = Generated.From(workbook, temp.File("d.docx"));
        Assert.DoesNotContain(mark, plain.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(ValidateCommand.Validate(workbook), f => f.Message.Contains(asked, StringComparison.Ordinal));
    }

    [Fact]
    public void TheProcurementPurposeIsAskedForOnlyByATemplateThatSaysIt()
    {
        using var temp = new TempFolder();
        var workbook = Edited(temp, e => e.Set("政府采购", "B" + WorkbookEditor.Parse(e.Find("政府采购", "政府采购主要用途")).Row, null));
        var sichuan = Generated.From(workbook, temp.File("s.docx"), "sichuan-2020");
        Assert.Contains(sichuan.Lines, l => l.Contains("政府采购货物支出2.97万元。主要用于【待填写：政府采购主要用途】。授予中小企业合同金额2.97万元", StringComparison.Ordinal));
        Assert.Contains(ValidateCommand.Validate(workbook, Path.Combine(Repo.Root, "templates", "sichuan-2020")),
            f => f.Id == "CALC006" && f.Location?.Sheet == "政府采购" && f.Severity == FinalAccounts.Model.Severity.Warning);
        Assert.DoesNotContain(ValidateCommand.Validate(workbook), f => f.Message.Contains("政府采购主要用途", StringComparison.Ordinal));
    }
}
