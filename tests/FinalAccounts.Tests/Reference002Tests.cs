using FinalAccounts.Input;
using FinalAccounts.Tests.Samples;
using FinalAccounts.Tests.Support;
using Generator.Cli;

namespace FinalAccounts.Tests;

/// <summary>
/// Reference 002 (大英县医疗保障局 2024年部门整体支出自评报告) rebuilt as a workbook, and the report that
/// templates/self-evaluation makes from it held to what 002 states (Fixtures/reference-002/expected.txt; see
/// <see cref="ReferenceExpectations"/>).
/// </summary>
public class Reference002Tests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const string Template = "self-evaluation";

    /// <summary>The committed workbook is what the builder makes (APPROVE_SAMPLE=1 rewrites it).</summary>
    [Fact]
    public void CommittedReference002IsWhatTheBuilderMakes()
    {
        CommittedSample.IsWhatTheBuilderMakes(SampleWorkbook.Build(SampleWorkbook.Export.Sichuan13, Reference002Data.Source), Repo.Reference002Xlsx);
    }

    /// <summary>Every reconciliation rule holds and the self-evaluation report has nothing left to fill in.</summary>
    [Fact]
    public void ValidatesCleanForTheSelfEvaluationReport()
    {
        var findings = ValidateCommand.Validate(Repo.Reference002Xlsx, Repo.SelfEvaluationTemplate);
        Assert.Empty(findings.Where(f => f.NeedsAttention).Select(f => f.Format("reference-002")));
    }

    /// <summary>The budget columns add up as 002 prints them: 收入 年初 7,047,418.83, 全年 15,333,580.16; 支出 追加 8,286,161.33.</summary>
    [Fact]
    public void BudgetSheetsAddUpToWhat002Prints()
    {
        var income = Reference002Data.Items.Sum(i => i.GeneralIncome) * 10000m;
        Assert.Equal(15333580.16m, income);
        Assert.Equal(7047418.83m, Reference002Data.Items.Sum(i => i.OpeningBudget) * 10000m);
        Assert.Equal(5412180.16m, Reference002Data.Items.Sum(i => i.Basic) * 10000m);
        Assert.Equal(9921400.00m, Reference002Data.Items.Sum(i => i.Project) * 10000m);
        Assert.Equal(4929173.62m, Reference002Data.Personnel.Sum(p => p.Amount) * 10000m);
        Assert.Equal(483006.54m, Reference002Data.Public.Sum(p => p.Amount) * 10000m);
    }

    /// <summary>
    /// The 自评表's 实际完成指标值 is the 整体绩效指标 sheet's 完成值: left blank, the report shows its placeholder and the finding
    /// names the cell; the 申报表 of templates/default (reference 000, no such column) never asks for it (ValidatesClean there).
    /// </summary>
    [Fact]
    public void ABlankCompletionValueIsAPlaceholderAtItsCell()
    {
        using var temp = new TempFolder();
        var editor = WorkbookEditor.Load(Repo.Reference002Xlsx);
        var (row, _) = WorkbookEditor.Parse(editor.Find("整体绩效指标", "参保宣传次数"));
        var path = editor.Set("整体绩效指标", $"H{row}", null).Save(temp.File("blank-actual.xlsx"));
        var report = Generated.From(path, temp.File("blank-actual.docx"), Template);
        Assert.Contains(report.Lines, l => l.Contains("参保宣传次数\t≥\t4\t次\t13\t【待填写：", StringComparison.Ordinal));
        Assert.Contains($"整体绩效指标!H{row}", report.Output);
    }

    private static readonly string ExpectedFile = Path.Combine(Repo.Root, "tests", "FinalAccounts.Tests", "Fixtures", "reference-002", "expected.txt");

    /// <summary>
    /// The report from templates/self-evaluation states every ok and fix phrase of expected.txt and none of the
    /// pending ones; prints how many of 002's figure-bearing paragraphs it matches in all their figures.
    /// </summary>
    [Fact]
    public void ReportStatesWhatReference002States()
    {
        using var temp = new TempFolder();
        var report = Generated.From(Repo.Reference002Xlsx, temp.File("reference-002.docx"), Template);
        Assert.Equal(ExitCodes.Clean, report.Exit);
        var body = ReferenceExpectations.Compact(report.Text);
        var expected = ReferenceExpectations.Load(ExpectedFile);

        var absent = expected.Paragraphs.SelectMany(p => p.Lines.Where(l => l.Tag != "pending" && !body.Contains(ReferenceExpectations.Compact(l.Phrase)))
            .Select(l => $"expected.txt:{l.LineNumber} [{p.Id}] {l.Tag}: {l.Phrase}")).ToList();
        var alreadyStated = expected.Paragraphs.SelectMany(p => p.Lines.Where(l => l.Tag == "pending" && body.Contains(ReferenceExpectations.Compact(l.Phrase)))
            .Select(l => $"expected.txt:{l.LineNumber} [{p.Id}] now stated, make it ok: {l.Phrase}")).ToList();

        output.WriteLine($"{expected.Paragraphs.Count(p => p.AllStated)} of {expected.Paragraphs.Count} figure-bearing paragraphs of 002 stated in all their figures.");
        output.WriteLine($"lines: {Count("ok")} ok, {Count("fix")} fix, {Count("pending")} pending.");
        foreach (var group in expected.Paragraphs.SelectMany(p => p.Lines.Where(l => l.Tag == "pending").Select(l => (p.Id, l))).GroupBy(x => x.l.Note))
            output.WriteLine($"pending ({group.Key}): {string.Join("; ", group.Select(x => $"[{x.Id}] {x.l.Phrase}"))}");
        if (absent.Count > 0 || alreadyStated.Count > 0)
            output.WriteLine(report.Text);
        Assert.True(absent.Count == 0, "not in the report:\n" + string.Join("\n", absent));
        Assert.True(alreadyStated.Count == 0, string.Join("\n", alreadyStated));

        int Count(string tag) => expected.Paragraphs.Sum(p => p.Lines.Count(l => l.Tag == tag));
    }
}
