using FinalAccounts.Model;
using FinalAccounts.Tests.Support;
using Generator.Cli;

namespace FinalAccounts.Tests;

/// <summary>
/// Issue 11's table-driven test: every input of the workbook layout is cleared in turn in the sample.
/// Whatever the report then says differently must carry a 【待填写】 mark (never a 0, "无" or a
/// sentence that silently lost its fact), and the findings `validate` prints must name the sheet.
/// </summary>
public class EveryInputClearedTests
{
    /// <summary>
    /// Inputs whose blank is a fair statement by itself, each with the reason; everything else that
    /// changes the report when cleared must leave a mark.
    /// </summary>
    private static readonly Dictionary<(string Sheet, string Field), string> BlankIsFair = new()
    {
        [("基本信息", "报告日期")] = "the cover's date: blank means the month the report is generated (issue 16), a true statement",
        [("机构设置", "单位性质")] = "an optional part of a 机构设置 line, “名称（性质）：说明”: left out, nothing is claimed",
        [("机构设置", "说明")] = "an optional part of a 机构设置 line, “名称（性质）：说明”: left out, nothing is claimed",
        [("项目资金", "偏差原因")] = "published 自评表 explain only some deviations; an empty cell claims nothing",
        [("绩效指标", "未完成原因")] = "published 自评表 give a reason for some shortfalls only; an empty cell claims nothing",
        [("绩效指标", "度量单位")] = "qualitative indicators (e.g. 好/优) have no unit",
        [("项目资金", "得分")] = "a blank 总额 得分 is computed, 权重 × 执行率 (docs/输入工作簿格式.md): a figure of the workbook's, not a claim",
        [("项目绩效", "自评得分")] = "a blank 自评得分 is the 合计 row's 得分, computed from the workbook's scores",
        [("整体绩效指标", "度量单位")] = "qualitative indicators (高中低, 优良中低差) have no unit",
    };

    /// <summary>The sheets the county sample has no use for (the 目标申报表's) are cleared in reference 000, which fills them.</summary>
    private static string BaseFor(SheetSpec sheet) =>
        WorkbookEditor.Load(Repo.SampleXlsx).Sheets.Any(s => s.Name == sheet.Name) ? Repo.SampleXlsx : Repo.Reference000Xlsx;

    public static IEnumerable<(SheetSpec Sheet, FieldSpec Field)> Inputs() =>
        WorkbookLayout.Supplements.SelectMany(sheet => sheet.Fields.Select(field => (sheet, field)));

    [Theory]
    [InlineData("default")]
    [InlineData("hubei")]
    [InlineData("sichuan-2020")]
    public void ClearingAnyInputNeverYieldsASentenceThatAssertsAValueForIt(string templateName)
    {
        var (template, problems) = CompiledReportTemplate.Load(Path.Combine(Repo.Root, "templates", templateName));
        Assert.Empty(problems);
        var baselines = new Dictionary<string, HashSet<string>>();
        HashSet<string> Before(string workbook)
        {
            if (!baselines.TryGetValue(workbook, out var lines))
            {
                var baseline = ReportWriter.Build(workbook, template!);
                Assert.NotNull(baseline.Document);
                baselines[workbook] = lines = DocxText.Of(baseline.Document!).Split('\n').ToHashSet();
            }
            return lines;
        }
        // The template's own mark, e.g. 【待填写：X】 or 【请补充：X】.
        var parts = template!.Settings.MissingReasonPlaceholder.Split("{0}");
        var mark = new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(parts[0]) + ".+?" + System.Text.RegularExpressions.Regex.Escape(parts[1]));

        using var temp = new TempFolder();
        var violations = new List<string>();
        int cleared = 0, changed = 0, refused = 0;
        foreach (var (sheet, field) in Inputs())
        {
            var source = BaseFor(sheet);
            var before = Before(source);
            var editor = WorkbookEditor.Load(source);
            if (!Clear(editor, sheet, field))
                continue;   // blank in the sample already: nothing to clear
            cleared++;
            var path = editor.Save(temp.File($"{sheet.Name}-{cleared}.xlsx"));
            var built = ReportWriter.Build(path, template!);
            var name = $"{sheet.Name}/{field.Label}";
            var findings = built.Findings.Where(f => f.Sheet == sheet.Name).ToList();
            if (built.Document is null)
            {
                refused++;   // a required input: no report at all, and an error says which cell
                if (!findings.Any(f => f.Severity == Severity.Error))
                    violations.Add($"{name}: no report, but no error on sheet {sheet.Name}");
                continue;
            }
            Assert.Empty(DocxText.ValidationErrors(built.Document));
            var after = DocxText.Of(built.Document).Split('\n');
            // A chart leaves a missing year out and its caption says so; that caption note is the chart's mark.
            var unmarked = after.Where(line => !before.Contains(line) && !mark.IsMatch(line) && !line.Contains("未填写") && !line.StartsWith("[图表")).ToList();
            // A template may ask for a reason only above a threshold (hubei: 10%): then no reason is no claim.
            if (sheet == WorkbookLayout.Reasons && template.Settings.ReasonRequiredAbovePercent > 0 && findings.Count == 0)
                continue;
            var anyChange = after.Any(line => !before.Contains(line)) || before.Count != after.Distinct().Count();
            if (!anyChange)
                continue;   // the template does not use this input
            changed++;
            if (unmarked.Count > 0 && !BlankIsFair.ContainsKey((sheet.Name, field.Label)))
                violations.Add($"{name}: changed without a mark: {string.Join(" | ", unmarked.Take(3))}");
            if (findings.Count == 0 && !BlankIsFair.ContainsKey((sheet.Name, field.Label)))
                violations.Add($"{name}: the report changed but validate lists nothing on sheet {sheet.Name}");
        }
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        // The sample fills almost everything, so the test really exercises the layout.
        Assert.True(cleared >= Inputs().Count() * 3 / 4, $"only {cleared} of {Inputs().Count()} inputs were cleared");
        // At least two in five: an outline narrower than the sample (sichuan-2020, reference 001's: no 自评表 or 目标申报表) uses fewer.
        Assert.True(changed * 5 >= cleared * 2, $"only {changed} of {cleared} cleared inputs changed the report");
        Assert.True(refused >= 2, "clearing 部门名称 and 决算年度 must refuse the workbook");
    }

    /// <summary>Blanks one input: the value beside a key, or a whole column of a list. False when it was blank already.</summary>
    private static bool Clear(WorkbookEditor editor, SheetSpec sheet, FieldSpec field)
    {
        var content = editor.Sheet(sheet.Name);
        var label = content.Cells.FirstOrDefault(c => Convert.ToString(c.Value.Value)?.Trim() == field.Label);
        if (label.Value is null)
            return false;
        var any = false;
        if (!sheet.IsList)
        {
            var (row, column) = (label.Key.Row, label.Key.Column + 1);
            any = content.Get(row, column) is not null and not "";
            content.Set(row, column, null);
            return any;
        }
        foreach (var cell in content.Cells.Where(c => c.Key.Column == label.Key.Column && c.Key.Row > label.Key.Row).ToList())
        {
            any |= cell.Value.Value is not null and not "";
            content.Set(cell.Key.Row, cell.Key.Column, null);
        }
        return any;
    }
}
