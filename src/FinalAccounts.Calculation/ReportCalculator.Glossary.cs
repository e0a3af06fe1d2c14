using FinalAccounts.Model;

namespace FinalAccounts.Calculation;

/// <summary>第三部分 名词解释 and 第四部分 附件 (绩效).</summary>
public sealed partial class ReportCalculator
{
    /// <summary>
    /// The entries in the order the sheet lists them, general terms and 科目 interleaved as entered
    /// (references 000 and 001 do): a 类 (3-digit) or 款 (5-digit) code row is an entry of that level;
    /// a 项 (7-digit) code row is printed where it stands when the tables use that 项. Every 项 the tables
    /// use that the sheet does not explain follows at the end, in code order, with a placeholder.
    /// </summary>
    private IReadOnlyList<GlossaryEntry> Glossary()
    {
        var sheet = _w.List(WorkbookLayout.Glossary);
        var termColumn = sheet.ColumnOf("名词或科目代码");
        var textColumn = sheet.ColumnOf("解释");
        static bool IsCode(string term) => term.Length > 0 && term.All(char.IsAsciiDigit);
        var tables = new[] { _w.Tables.Income, _w.Tables.Expenditure, _w.Tables.GeneralBudget, _w.Tables.GovernmentFund, _w.Tables.StateCapital }.OfType<SubjectTable>().ToList();
        string NameOf(string code) => tables.Select(t => t.Find(code)?.Name).FirstOrDefault(n => n is not null) ?? "";
        var used = tables.SelectMany(t => t.RowsAt(SubjectLevel.Item)).Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
        var entries = new List<GlossaryEntry>();
        var explained = new HashSet<string>(StringComparer.Ordinal);

        GlossaryEntry Subject(string code, ListRow? row)
        {
            var explanation = row is not null ? row[textColumn] : "";
            if (explanation.Length == 0)
                explanation = _p.Missing(Phrasing.MissingGlossaryId, $"科目 {code} {NameOf(code)} 没有名词解释。",
                    row?.CellAt(textColumn) ?? new CellRef(sheet.Sheet, 1, 1), $"{code}的名词解释");
            var level = code.Length switch { 3 => "类", 5 => "款", _ => "项" };
            return new GlossaryEntry(entries.Count + 1, NameOf(code), true, code, level, NameOf(code[..3]),
                code.Length >= 5 ? NameOf(code[..5]) : "", code.Length == 7 ? NameOf(code) : "", explanation, row is null);
        }

        foreach (var row in sheet.Rows)
        {
            var term = row[termColumn];
            if (IsCode(term))
            {
                // A 项 the tables do not use has nothing to explain in this report; a code that is no 类/款/项
                // (not 3, 5 or 7 digits) names nothing; a repeated code is explained once.
                if (term.Length is not (3 or 5 or 7))
                {
                    // Said, not silently dropped: the user meant something by it (a mistyped code, or a term written in digits).
                    _p.Warn(Phrasing.GlossaryCodeNotSubjectId, $"名词解释中的“{term}”是纯数字，但不是 3、5 或 7 位的科目代码，未列入报告；"
                        + "请改为科目代码，或写成文字名词。", row.CellAt(termColumn));
                    continue;
                }
                if (term.Length == 7 && !used.Contains(term) || !explained.Add(term))
                    continue;
                entries.Add(Subject(term, row));
                continue;
            }
            entries.Add(new GlossaryEntry(entries.Count + 1, Cell(sheet, row, "名词或科目代码", $"名词解释第{row.SheetRow}行"), false, "", "", "", "", "",
                row[textColumn].Length > 0 ? row[textColumn]
                    : _p.Missing(Phrasing.MissingGlossaryId, $"名词“{term}”没有解释。", row.CellAt(textColumn), $"{term}的名词解释"),
                false));
        }
        foreach (var code in used.Where(c => !explained.Contains(c)).Order(StringComparer.Ordinal))
            entries.Add(Subject(code, null));
        return entries;
    }

    private PerformanceSection Performance()
    {
        var sheet = _w.KeyValue(WorkbookLayout.Performance);
        IReadOnlyList<string> Paragraphs(string label) =>
            sheet.Text(label) is { } text ? text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [InputText(sheet, label)];
        var projects = _w.List(WorkbookLayout.Projects);
        var funds = _w.List(WorkbookLayout.ProjectFunds);
        var indicators = _w.List(WorkbookLayout.ProjectIndicators);
        string Col(ListSheet s, ListRow r, string header) => r[s.ColumnOf(header)];

        var evaluations = projects.Rows.Select((p, i) =>
        {
            var name = Col(projects, p, "项目名称");
            var what = $"项目“{name}”";
            string Text(string header) => Cell(projects, p, header, what);
            var fundRows = funds.Rows.Where(r => Col(funds, r, "项目名称") == name).Select(r =>
            {
                var row = $"{what}“{Col(funds, r, "资金类别")}”资金";
                var budget = CellAmount(funds, r, "调整后预算数", row);
                var executed = CellAmount(funds, r, "执行数", row);
                Percent? rate = budget.IsZero || budget.IsMissing || executed.IsMissing ? null : Round.Percent(executed.Value / budget.Value * 100m).Of(executed, budget);
                // The 总额 row carries the 预算执行率 indicator's weight and score; the other kinds have none.
                var scored = Col(funds, r, "资金类别") == "总额";
                string Scoring(string header) => scored ? Cell(funds, r, header, row) : Col(funds, r, header);
                return new ProjectFund(Cell(funds, r, "资金类别", row), CellAmount(funds, r, "年初预算数", row), budget, executed, rate, rate is not null,
                    Scoring("权重"), Scoring("得分"), Col(funds, r, "偏差原因"));
            }).ToList();
            var indicatorRows = indicators.Rows.Where(r => Col(indicators, r, "项目名称") == name).Select(r =>
            {
                var row = $"{what}指标“{Col(indicators, r, "三级指标")}”";
                string Ind(string header) => Cell(indicators, r, header, row);
                return new ProjectIndicator(Ind("一级指标"), Ind("二级指标"), Ind("三级指标"), Ind("指标性质"), Ind("指标值"),
                    Col(indicators, r, "度量单位"), Ind("完成值"), Ind("权重"), Ind("得分"), Col(indicators, r, "未完成原因"));
            }).ToList();
            // A template that prints one kind (总额, 财政资金) by name gets a mark where its row is absent; the
            // finding is raised only when the report shows that mark (a template listing every row needs none).
            ProjectFund Kind(string kind) => fundRows.FirstOrDefault(f => f.Kind == kind) ?? MissingFund(kind);
            ProjectFund MissingFund(string kind)
            {
                var missing = _p.MissingMoney(Phrasing.MissingInputId, $"“项目资金”表中没有{what}的“{kind}”一行。",
                    new CellRef(WorkbookLayout.ProjectFunds.Name, 1, 1), $"{what}的{kind}", onlyWhenShown: true);
                return new ProjectFund(kind, missing, missing, missing, null, false, "", "", "");
            }
            return new ProjectEvaluation(i + 1, name.Length > 0 ? name : Text("项目名称"), Text("主管部门"), Text("实施单位"), Text("项目负责人"),
                Text("财务负责人"), Text("年度目标"), Text("实际完成情况"), Text("自评得分"),
                Text("评价结论"), Text("存在问题"), Text("改进措施"), fundRows, Kind("总额"), Kind("财政资金"), indicatorRows);
        }).ToList();
        // Rows of 项目资金/绩效指标 that belong to no project cannot be printed: each is a finding, and the 涉及资金 sum is unknown.
        var names = projects.Rows.Select(p => Col(projects, p, "项目名称")).Where(n => n.Length > 0).ToHashSet();
        string? unknownFunds = null;
        foreach (var (sheet2, rows) in new[] { (funds, funds.Rows), (indicators, indicators.Rows) })
            foreach (var r in rows.Where(r => !names.Contains(Col(sheet2, r, "项目名称"))))
            {
                var at = r.CellAt(sheet2.ColumnOf("项目名称"));
                var placeholder = _p.Missing(Phrasing.MissingInputId, $"“{sheet2.Sheet}”第{r.SheetRow}行的项目名称{(Col(sheet2, r, "项目名称").Length == 0 ? "未填写" : "在“项目绩效”表中没有")}，该行未列入报告。",
                    at, $"{sheet2.Sheet}第{r.SheetRow}行的项目名称");
                if (sheet2 == funds)
                    unknownFunds ??= placeholder;
            }
        var fundTotal = evaluations.SelectMany(e => e.Funds.Where(f => f.Kind == "总额")).ToList();
        var unknownKind = funds.Rows.FirstOrDefault(r => Col(funds, r, "资金类别").Length == 0);
        var projectFunds = unknownFunds is not null ? Round.Missing(unknownFunds)
            : fundTotal.FirstOrDefault(f => f.Executed.IsMissing)?.Executed
            ?? (unknownKind is not null ? Round.Missing(Cell(funds, unknownKind, "资金类别", $"项目“{Col(funds, unknownKind, "项目名称")}”“”资金"))
                : Round.Figure(fundTotal.Sum(f => f.Executed.Value), fundTotal.SelectMany(f => f.Executed.Sources)));
        return new PerformanceSection(InputText(sheet, "部门整体支出绩效自评得分"), Paragraphs("预算绩效管理工作开展情况"),
            Paragraphs("部门整体支出绩效自评报告"), evaluations.Count, projectFunds, evaluations);
    }
}
