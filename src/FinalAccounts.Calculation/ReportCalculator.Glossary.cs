using FinalAccounts.Model;

namespace FinalAccounts.Calculation;

/// <summary>第三部分 名词解释 and 第四部分 附件 (绩效).</summary>
public sealed partial class ReportCalculator
{
    /// <summary>
    /// General terms in the sheet's order, then one entry per 项 the tables use (with its 类 and 款
    /// names), each explained by the sheet row keyed by its code.
    /// </summary>
    private IReadOnlyList<GlossaryEntry> Glossary()
    {
        var sheet = _w.List(WorkbookLayout.Glossary);
        var termColumn = sheet.ColumnOf("名词或科目代码");
        var textColumn = sheet.ColumnOf("解释");
        var byCode = sheet.Rows.Where(r => r[termColumn].All(char.IsAsciiDigit)).GroupBy(r => r[termColumn]).ToDictionary(g => g.Key, g => g.First());
        var entries = new List<GlossaryEntry>();
        foreach (var row in sheet.Rows.Where(r => !r[termColumn].All(char.IsAsciiDigit)))
            entries.Add(new GlossaryEntry(entries.Count + 1, row[termColumn], false, "", "", "", "", "", row[textColumn], false));

        var tables = new[] { _w.Tables.Income, _w.Tables.Expenditure, _w.Tables.GeneralBudget, _w.Tables.GovernmentFund, _w.Tables.StateCapital }.OfType<SubjectTable>().ToList();
        string NameOf(string code) => tables.Select(t => t.Find(code)?.Name).FirstOrDefault(n => n is not null) ?? "";
        var items = tables.SelectMany(t => t.RowsAt(SubjectLevel.Item)).Select(r => r.Code).Distinct().Order(StringComparer.Ordinal);
        foreach (var code in items)
        {
            var explanation = byCode.TryGetValue(code, out var row) ? row[textColumn] : "";
            if (explanation.Length == 0)
            {
                _p.Warn(Phrasing.MissingGlossaryId, $"科目 {code} {NameOf(code)} 没有名词解释，报告中将显示待填写标记。", new CellRef(sheet.Sheet, 1, 1));
                explanation = _p.Placeholder($"{code}的名词解释");
            }
            entries.Add(new GlossaryEntry(entries.Count + 1, NameOf(code), true, code, "项", NameOf(code[..3]), NameOf(code[..5]), NameOf(code), explanation, row is null));
        }
        return entries;
    }

    private PerformanceSection Performance()
    {
        var sheet = _w.KeyValue(WorkbookLayout.Performance);
        static IReadOnlyList<string> Paragraphs(string? text) =>
            (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var projects = _w.List(WorkbookLayout.Projects);
        var funds = _w.List(WorkbookLayout.ProjectFunds);
        var indicators = _w.List(WorkbookLayout.ProjectIndicators);
        string Col(ListSheet s, ListRow r, string header) => r[s.ColumnOf(header)];
        Money Amount(ListSheet s, ListRow r, string header) =>
            r.Number(s.ColumnOf(header)) is { } n ? Round.Money(n, [r.CellAt(s.ColumnOf(header)).ToString()]) : Zero;

        var evaluations = projects.Rows.Select((p, i) =>
        {
            var name = Col(projects, p, "项目名称");
            var fundRows = funds.Rows.Where(r => Col(funds, r, "项目名称") == name).Select(r =>
            {
                var budget = Amount(funds, r, "调整后预算数");
                var executed = Amount(funds, r, "执行数");
                Percent? rate = budget.IsZero ? null : Round.Percent(executed.Value / budget.Value * 100m);
                return new ProjectFund(Col(funds, r, "资金类别"), Amount(funds, r, "年初预算数"), budget, executed, rate, rate is not null,
                    Col(funds, r, "权重"), Col(funds, r, "得分"), Col(funds, r, "偏差原因"));
            }).ToList();
            var indicatorRows = indicators.Rows.Where(r => Col(indicators, r, "项目名称") == name).Select(r => new ProjectIndicator(
                Col(indicators, r, "一级指标"), Col(indicators, r, "二级指标"), Col(indicators, r, "三级指标"), Col(indicators, r, "指标性质"),
                Col(indicators, r, "指标值"), Col(indicators, r, "度量单位"), Col(indicators, r, "完成值"), Col(indicators, r, "权重"),
                Col(indicators, r, "得分"), Col(indicators, r, "未完成原因"))).ToList();
            return new ProjectEvaluation(i + 1, name, Col(projects, p, "主管部门"), Col(projects, p, "实施单位"), Col(projects, p, "项目负责人"),
                Col(projects, p, "财务负责人"), Col(projects, p, "年度目标"), Col(projects, p, "实际完成情况"), Col(projects, p, "自评得分"),
                Col(projects, p, "评价结论"), Col(projects, p, "存在问题"), Col(projects, p, "改进措施"), fundRows, indicatorRows);
        }).ToList();
        var fundTotal = evaluations.SelectMany(e => e.Funds.Where(f => f.Kind == "总额")).ToList();
        var projectFunds = Round.Money(fundTotal.Sum(f => f.Executed.Value), fundTotal.SelectMany(f => f.Executed.Sources));
        return new PerformanceSection(sheet.Text("部门整体支出绩效自评得分") ?? "", Paragraphs(sheet.Text("预算绩效管理工作开展情况")),
            Paragraphs(sheet.Text("部门整体支出绩效自评报告")), evaluations.Count, projectFunds, evaluations);
    }
}
