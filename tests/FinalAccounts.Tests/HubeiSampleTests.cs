using FinalAccounts.Input;
using FinalAccounts.Tests.Samples;
using FinalAccounts.Tests.Support;
using Generator.Cli;

namespace FinalAccounts.Tests;

/// <summary>
/// Issue 15: templates/hubei produces the elements a Hubei report has from a fictional Hubei sample
/// (Samples/HubeiSample.cs), each sentence held to Fixtures/hubei-sample/expected.txt (figures worked out by hand).
/// </summary>
public class HubeiSampleTests
{
    private static readonly string ExpectedFile = Path.Combine(Repo.Root, "tests", "FinalAccounts.Tests", "Fixtures", "hubei-sample", "expected.txt");

    /// <summary>The committed workbook is what the builder makes (APPROVE_SAMPLE=1 rewrites it).</summary>
    [Fact]
    public void CommittedHubeiSampleIsWhatTheBuilderMakes()
    {
        CommittedSample.IsWhatTheBuilderMakes(SampleWorkbook.Build(SampleWorkbook.Export.National, HubeiSample.Source), Repo.HubeiSampleXlsx);
    }

    [Fact]
    public void ValidatesClean()
    {
        Assert.Empty(ValidateCommand.Validate(Repo.HubeiSampleXlsx).Where(f => f.NeedsAttention).Select(f => f.Format("hubei")));
    }

    [Fact]
    public void HubeiReportStatesEveryExpectedSentence()
    {
        using var temp = new TempFolder();
        var report = Generated.From(Repo.HubeiSampleXlsx, temp.File("hubei.docx"), "hubei");
        Assert.True(report.Exit == ExitCodes.Clean, report.Output);
        var body = ReferenceExpectations.Compact(report.Text);
        var expected = ReferenceExpectations.Load(ExpectedFile);
        var absent = expected.Paragraphs.SelectMany(p => p.Lines.Where(l => l.Tag != "pending" && !body.Contains(ReferenceExpectations.Compact(l.Phrase)))
            .Select(l => $"expected.txt:{l.LineNumber} [{p.Id}] {l.Phrase}")).ToList();
        Assert.True(absent.Count == 0, "not in the report:\n" + string.Join("\n", absent));
        Assert.True(expected.Paragraphs.Sum(p => p.Lines.Count) >= 30);
        Assert.DoesNotContain("【请补充：", report.Text);   // the Hubei template's placeholder: nothing is missing
    }

    /// <summary>A 项 without a 年初预算 reads "年初预算为0", as Hubei reports write it, and the total budget leaves it out.</summary>
    [Fact]
    public void ZeroOpeningBudgetReadsAsZeroWithoutAmount()
    {
        using var temp = new TempFolder();
        var editor = WorkbookEditor.Load(Repo.HubeiSampleXlsx);
        var item = WorkbookEditor.Parse(editor.Find("项目预算", "2101101"));
        var budget = WorkbookEditor.Parse(editor.Find("项目预算", "年初预算数"));
        var zero = editor.Set("项目预算", $"{(char)('A' + budget.Column - 1)}{item.Row}", 0m).Save(temp.File("zero.xlsx"));

        var report = Generated.From(zero, temp.File("hubei.docx"), "hubei");
        var body = ReferenceExpectations.Compact(report.Text);
        Assert.Contains("行政单位医疗（项）：年初预算为0，支出决算为68.35万元，", body);
        // 6412.35 − 68.35 = 6344.00; 7218.00 / 6344.00 = 113.777…%
        Assert.Contains("年初预算为6344.00万元，支出决算为7218.00万元，完成年初预算113.78%。", body);
    }

    /// <summary>
    /// 项目类别/属性/类型 are asked for only by a template that prints them: left blank, the Hubei form shows the mark
    /// and the findings name the cell; the default template, which has no place for them, raises nothing.
    /// </summary>
    [Fact]
    public void BlankProjectCategoryIsAMarkInTheHubeiFormAndNothingElsewhere()
    {
        using var temp = new TempFolder();
        var editor = WorkbookEditor.Load(Repo.HubeiSampleXlsx);
        var header = WorkbookEditor.Parse(editor.Find("项目绩效", "项目类别"));
        var cell = $"{(char)('A' + header.Column - 1)}{header.Row + 2}";   // the second project, 农业生产发展项目
        var blank = editor.Set("项目绩效", cell, null).Save(temp.File("blank.xlsx"));

        var hubei = Generated.From(blank, temp.File("hubei.docx"), "hubei");
        Assert.Equal(ExitCodes.Warnings, hubei.Exit);
        var form = ReferenceExpectations.Compact(hubei.Text);
        Assert.True(form.Contains("项目类别【请补充：项目“农业生产发展项目”的项目类别】项目属性持续性项目", StringComparison.Ordinal), form[form.IndexOf("项目名称农业生产发展项目", StringComparison.Ordinal)..][..200]);
        Assert.Contains($"[项目绩效!{cell}]: warning CALC006: 项目“农业生产发展项目”的“项目类别”未填写。", hubei.Output);

        var other = Generated.From(blank, temp.File("default.docx"));
        Assert.NotNull(other.Docx);
        Assert.DoesNotContain("项目类别", other.Output);
        Assert.DoesNotContain("项目类别", other.Text);
    }
}
