using FinalAccounts.Input;
using FinalAccounts.Model;
using FinalAccounts.Tests.Samples;
using FinalAccounts.Tests.Support;
using Generator.Cli;

namespace FinalAccounts.Tests;

/// <summary>
/// Issue 14: reference 000 (渠县医疗保障局 2022) rebuilt as a workbook, and the report generated from it
/// held to what 000 states (Fixtures/reference-000/expected.txt; see <see cref="ReferenceExpectations"/>).
/// </summary>
public class Reference000Tests(Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>The committed workbook is what the builder makes (APPROVE_SAMPLE=1 rewrites it).</summary>
    [Fact]
    public void CommittedReference000IsWhatTheBuilderMakes()
    {
        CommittedSample.IsWhatTheBuilderMakes(SampleWorkbook.Build(SampleWorkbook.Export.Sichuan13, Reference000Data.Source), Repo.Reference000Xlsx);
    }

    /// <summary>Every reconciliation rule holds and nothing is left to fill in: the derivations on 说明 close every gap.</summary>
    [Fact]
    public void ValidatesClean()
    {
        // Information only may remain: 000 lists no 单价50万元以上通用设备, so that national line is not on its 国有资产 sheet.
        Assert.Empty(ValidateCommand.Validate(Repo.Reference000Xlsx).Where(f => f.NeedsAttention).Select(f => f.Format("reference-000")));
    }

    /// <summary>The 说明 sheet is the preparer's: its text mentions 公开08表 and 决算表, and still is no table.</summary>
    [Fact]
    public void NotesSheetIsNotReadAsATable()
    {
        var read = WorkbookReader.Read(Repo.Reference000Xlsx);
        Assert.Contains(read.Workbook!.Sheets, s => s.Name == WorkbookLayout.Notes);
        Assert.DoesNotContain(read.Workbook.PublicTableOrder, t => t.Sheet == WorkbookLayout.Notes);
        Assert.Equal(TableSet.Sichuan13, read.Workbook.Tables.Set);

        using var temp = new TempFolder();
        var editor = WorkbookEditor.Load(Repo.SichuanSampleXlsx);
        var notes = new SheetContent("说明");
        notes.Set(1, 1, "公开08表 一般公共预算财政拨款基本支出决算表：经济分类金额为推算").Set(2, 1, "金额单位：元");
        editor.Sheets.Add(notes);
        var findings = ValidateCommand.Validate(editor.Save(temp.File("with-notes.xlsx")));
        Assert.Empty(findings.Select(f => f.Format("with-notes")));
    }

    private static readonly string ExpectedFile = Path.Combine(Repo.Root, "tests", "FinalAccounts.Tests", "Fixtures", "reference-000", "expected.txt");

    /// <summary>
    /// The report from templates/default states every ok and fix phrase of expected.txt, and none of the
    /// pending ones yet (a pending phrase that starts to appear must be flipped to ok). Prints how many of
    /// 000's 第二部分 paragraphs the report matches in all their figures, and what is still pending.
    /// </summary>
    [Fact]
    public void ReportStatesWhatReference000States()
    {
        using var temp = new TempFolder();
        var report = Generated.From(Repo.Reference000Xlsx, temp.File("reference-000.docx"));
        Assert.Equal(ExitCodes.Clean, report.Exit);
        var lines = report.Lines.ToList();
        var body = ReferenceExpectations.Compact(string.Join("\n", lines.Skip(lines.LastIndexOf("第一部分 部门概况")).TakeWhile(l => l != "第五部分 附表")));
        var expected = ReferenceExpectations.Load(ExpectedFile);

        var absent = expected.Paragraphs.SelectMany(p => p.Lines.Where(l => l.Tag != "pending" && !body.Contains(ReferenceExpectations.Compact(l.Phrase)))
            .Select(l => $"expected.txt:{l.LineNumber} [{p.Id}] {l.Tag}: {l.Phrase}")).ToList();
        var alreadyStated = expected.Paragraphs.SelectMany(p => p.Lines.Where(l => l.Tag == "pending" && body.Contains(ReferenceExpectations.Compact(l.Phrase)))
            .Select(l => $"expected.txt:{l.LineNumber} [{p.Id}] now stated, make it ok: {l.Phrase}")).ToList();

        var part2 = expected.Paragraphs.Where(p => p.Id.StartsWith("二.", StringComparison.Ordinal)).ToList();
        output.WriteLine($"第二部分: {part2.Count(p => p.AllStated)} of {part2.Count} paragraphs of 000 stated in all their figures.");
        output.WriteLine($"lines: {Count("ok")} ok, {Count("fix")} fix, {Count("pending")} pending.");
        foreach (var group in expected.Paragraphs.SelectMany(p => p.Lines.Where(l => l.Tag == "pending").Select(l => (p.Id, l))).GroupBy(x => x.l.Note))
            output.WriteLine($"pending ({group.Key}): {string.Join("; ", group.Select(x => $"[{x.Id}] {x.l.Phrase}"))}");
        if (absent.Count > 0 || alreadyStated.Count > 0)
            output.WriteLine(string.Join("\n", lines.Skip(lines.LastIndexOf("第一部分 部门概况")).TakeWhile(l => l != "第五部分 附表")));
        Assert.True(absent.Count == 0, "not in the report:\n" + string.Join("\n", absent));
        Assert.True(alreadyStated.Count == 0, string.Join("\n", alreadyStated));
        Assert.Equal(39, part2.Count);   // 000's 第二部分 has 39 paragraphs of text (headings and figure captions not counted)
        Assert.Equal(23, expected.Paragraphs.Count(p => p.Id.StartsWith("四.3.", StringComparison.Ordinal)));   // 000's 23 自评表s

        int Count(string tag) => expected.Paragraphs.Sum(p => p.Lines.Count(l => l.Tag == tag));
    }
}
