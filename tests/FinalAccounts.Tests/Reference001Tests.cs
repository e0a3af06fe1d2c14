using FinalAccounts.Input;
using FinalAccounts.Model;
using FinalAccounts.Tests.Samples;
using FinalAccounts.Tests.Support;
using Generator.Cli;

namespace FinalAccounts.Tests;

/// <summary>
/// Reference 001 (盐边县医疗保障局 2020, Sichuan, 14 附表) rebuilt as a workbook, and the report generated from
/// it with templates/sichuan-2020 held to what 001 states (Fixtures/reference-001/expected.txt; see
/// <see cref="ReferenceExpectations"/>). No code is specific to 001: its sample is data, its outline a template.
/// </summary>
public class Reference001Tests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly string Template = Path.Combine(Repo.Root, "templates", "sichuan-2020");

    /// <summary>The committed workbook is what the builder makes (APPROVE_SAMPLE=1 rewrites it).</summary>
    [Fact]
    public void CommittedReference001IsWhatTheBuilderMakes()
    {
        CommittedSample.IsWhatTheBuilderMakes(SampleWorkbook.Build(SampleWorkbook.Export.Sichuan14, Reference001Data.Source), Repo.Reference001Xlsx);
    }

    /// <summary>
    /// Every reconciliation rule holds; the one thing left to fill in is the 项目绩效评价报告 of 医疗救助补助资金,
    /// which 001's 附件2 does not contain (its 十（四） names five evaluated projects, its 附件2 prints four).
    /// </summary>
    [Fact]
    public void ValidatesCleanBut001sMissingProjectReport()
    {
        var attention = ValidateCommand.Validate(Repo.Reference001Xlsx, Template).Where(f => f.NeedsAttention).ToList();
        var finding = Assert.Single(attention);
        Assert.Equal("CALC011", finding.Id);
        Assert.Contains("医疗救助补助资金", finding.Format("reference-001"));
        Assert.Equal(14, WorkbookReader.Read(Repo.Reference001Xlsx).Workbook!.PublicTableOrder.Count);
    }

    private static readonly string ExpectedFile = Path.Combine(Repo.Root, "tests", "FinalAccounts.Tests", "Fixtures", "reference-001", "expected.txt");

    /// <summary>
    /// The report from templates/sichuan-2020 states every ok and fix phrase of expected.txt, and none of the
    /// pending ones yet. Prints how many of 001's 第二部分 paragraphs the report matches in all their figures.
    /// </summary>
    [Fact]
    public void ReportStatesWhatReference001States()
    {
        using var temp = new TempFolder();
        var report = Generated.From(Repo.Reference001Xlsx, temp.File("reference-001.docx"), "sichuan-2020");
        Assert.Equal(ExitCodes.Warnings, report.Exit);   // the one missing 项目绩效评价报告
        Assert.Single(report.Lines, l => Generated.Placeholder.IsMatch(l));
        var lines = report.Lines.ToList();
        var body = ReferenceExpectations.Compact(string.Join("\n", lines.Skip(lines.LastIndexOf("第一部分 部门概况")).TakeWhile(l => l != "第五部分 附表")));
        var expected = ReferenceExpectations.Load(ExpectedFile);

        var absent = expected.Paragraphs.SelectMany(p => p.Lines.Where(l => l.Tag != "pending" && !body.Contains(ReferenceExpectations.Compact(l.Phrase)))
            .Select(l => $"expected.txt:{l.LineNumber} [{p.Id}] {l.Tag}: {l.Phrase}")).ToList();
        var alreadyStated = expected.Paragraphs.SelectMany(p => p.Lines.Where(l => l.Tag == "pending" && body.Contains(ReferenceExpectations.Compact(l.Phrase)))
            .Select(l => $"expected.txt:{l.LineNumber} [{p.Id}] now stated, make it ok: {l.Phrase}")).ToList();

        var part2 = expected.Paragraphs.Where(p => p.Id.StartsWith("二.", StringComparison.Ordinal)).ToList();
        output.WriteLine($"第二部分: {part2.Count(p => p.AllStated)} of {part2.Count} paragraphs of 001 stated in all their figures.");
        output.WriteLine($"lines: {Count("ok")} ok, {Count("fix")} fix, {Count("pending")} pending.");
        foreach (var group in expected.Paragraphs.SelectMany(p => p.Lines.Where(l => l.Tag == "pending").Select(l => (p.Id, l))).GroupBy(x => x.l.Note))
            output.WriteLine($"pending ({group.Key}): {string.Join("; ", group.Select(x => $"[{x.Id}] {x.l.Phrase}"))}");
        if (absent.Count > 0 || alreadyStated.Count > 0)
            output.WriteLine(string.Join("\n", lines.Skip(lines.LastIndexOf("第一部分 部门概况")).TakeWhile(l => l != "第五部分 附表")));
        Assert.True(absent.Count == 0, "not in the report:\n" + string.Join("\n", absent));
        Assert.True(alreadyStated.Count == 0, string.Join("\n", alreadyStated));
        Assert.Equal(PartTwoParagraphs, part2.Count);

        int Count(string tag) => expected.Paragraphs.Sum(p => p.Lines.Count(l => l.Tag == tag));
    }

    /// <summary>001's 第二部分 paragraphs of text (headings and figure captions not counted), as expected.txt numbers them.</summary>
    private const int PartTwoParagraphs = 42;
}
