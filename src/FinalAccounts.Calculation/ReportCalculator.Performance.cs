using System.Globalization;
using FinalAccounts.Model;

namespace FinalAccounts.Calculation;

/// <summary>
/// 第四部分 附件: each 项目支出绩效自评表 with what the product computes rather than copies (执行率, the
/// 总额 row's 得分 when not typed, the 合计 row, the (10分)/(90分) block points).
/// </summary>
public sealed partial class ReportCalculator
{
    /// <summary>The 总额 row carries the 预算执行率 indicator's weight and score; the other kinds have none ("/").</summary>
    private const string ScoredFundKind = "总额";

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
            string TextIfShown(string header) => Cell(projects, p, header, what, onlyWhenShown: true);
            var points = new List<(Points Weight, Points Score)>();
            var fundRows = funds.Rows.Where(r => Col(funds, r, "项目名称") == name).Select(r =>
            {
                var row = $"{what}“{Col(funds, r, "资金类别")}”资金";
                var budget = CellAmount(funds, r, "调整后预算数", row);
                var executed = CellAmount(funds, r, "执行数", row);
                Percent? rate = budget.IsZero || budget.IsMissing || executed.IsMissing ? null : Round.Percent(executed.Value / budget.Value * 100m).Of(executed, budget);
                var scored = Col(funds, r, "资金类别") == ScoredFundKind;
                string weight = Col(funds, r, "权重"), score = Col(funds, r, "得分");
                if (scored)
                {
                    var w = PointsOf(funds, r, "权重", row);
                    var s = r.Number(funds.ColumnOf("得分")) is not null || w.IsMissing || rate is null
                        ? PointsOf(funds, r, "得分", row)
                        : Points.Of(Math.Min(w.Value, w.Value * rate.Value / 100m));   // 得分 = 权重 × 执行率, at most 权重
                    points.Add((w, s));
                    (weight, score) = (w.Text, s.Text);
                }
                return new ProjectFund(Cell(funds, r, "资金类别", row), CellAmount(funds, r, "年初预算数", row), budget, executed, rate, rate is not null,
                    weight, score, Col(funds, r, "偏差原因")) { IsScored = scored };
            }).ToList();
            // A 自评表 without its 总额 row or without indicators cannot be scored: said, never a 合计 of what is there.
            if (points.Count == 0)
                points.Add(Lacking(funds, $"{what}在“{funds.Sheet}”表中没有“{ScoredFundKind}”一行（预算执行情况的权重和得分）。", $"{what}“{ScoredFundKind}”资金的权重和得分"));
            var budgetPoints = points[0].Weight.Text;
            var indicatorPoints = new List<(Points Weight, Points Score)>();
            var indicatorRows = indicators.Rows.Where(r => Col(indicators, r, "项目名称") == name).Select(r =>
            {
                var row = $"{what}指标“{Col(indicators, r, "三级指标")}”";
                string Ind(string header) => Cell(indicators, r, header, row);
                var (weight, score) = (PointsOf(indicators, r, "权重", row), PointsOf(indicators, r, "得分", row));
                indicatorPoints.Add((weight, score));
                return new ProjectIndicator(Ind("一级指标"), Ind("二级指标"), Ind("三级指标"), Ind("指标性质"), Ind("指标值"),
                    Col(indicators, r, "度量单位"), Ind("完成值"), weight.Text, score.Text, Col(indicators, r, "未完成原因"));
            }).ToList();
            if (indicatorPoints.Count == 0)
                indicatorPoints.Add(Lacking(indicators, $"{what}在“{indicators.Sheet}”表中没有绩效指标。", $"{what}的绩效指标"));
            var all = points.Concat(indicatorPoints).ToList();
            var (weightTotal, scoreTotal) = (Points.Sum(all.Select(x => x.Weight)), Points.Sum(all.Select(x => x.Score)));
            // The 自评得分 is the user's; left blank, it is the 合计 row's 得分.
            var total = Col(projects, p, "自评得分").Length == 0 && !scoreTotal.IsMissing ? scoreTotal.Text : Text("自评得分");
            // A template that prints one kind (总额, 财政资金) by name gets a mark where its row is absent; the
            // finding is raised only when the report shows that mark (a template listing every row needs none).
            ProjectFund Kind(string kind) => fundRows.FirstOrDefault(f => f.Kind == kind) ?? MissingFund(kind);
            ProjectFund MissingFund(string kind)
            {
                var missing = _p.MissingMoney(Phrasing.MissingInputId, $"“{funds.Sheet}”表中没有{what}的“{kind}”一行。",
                    new CellRef(WorkbookLayout.ProjectFunds.Name, 1, 1), $"{what}的{kind}", onlyWhenShown: true);
                return new ProjectFund(kind, missing, missing, missing, null, false, "", "", "");
            }
            return new ProjectEvaluation(i + 1, name.Length > 0 ? name : Text("项目名称"), Text("主管部门"), Text("实施单位"), Text("项目负责人"),
                Text("财务负责人"), Text("年度目标"), Text("实际完成情况"), total,
                Text("评价结论"), Text("存在问题"), Text("改进措施"), fundRows, indicatorRows)
            {
                Total = Kind("总额"),
                Fiscal = Kind("财政资金"),
                ScoreTyped = Col(projects, p, "自评得分").Length > 0,
                Summary = Col(projects, p, "项目实施内容及过程概述"),
                Category = TextIfShown("项目类别"),
                Attribute = TextIfShown("项目属性"),
                ProjectType = TextIfShown("项目类型"),
                BudgetPoints = budgetPoints,
                IndicatorPoints = Points.Sum(indicatorPoints.Select(x => x.Weight)).Text,
                WeightTotal = weightTotal.Text,
                ScoreTotal = scoreTotal.Text,
            };
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
        var fundTotal = evaluations.SelectMany(e => e.Funds.Where(f => f.Kind == ScoredFundKind)).ToList();
        var unknownKind = funds.Rows.FirstOrDefault(r => Col(funds, r, "资金类别").Length == 0);
        var projectFunds = unknownFunds is not null ? Round.Missing(unknownFunds)
            : fundTotal.FirstOrDefault(f => f.Executed.IsMissing)?.Executed
            ?? (unknownKind is not null ? Round.Missing(Cell(funds, unknownKind, "资金类别", $"项目“{Col(funds, unknownKind, "项目名称")}”“”资金"))
                : Round.Figure(fundTotal.Sum(f => f.Executed.Value), fundTotal.SelectMany(f => f.Executed.Sources)));
        return new PerformanceSection(InputText(sheet, "部门整体支出绩效自评得分"), Paragraphs("预算绩效管理工作开展情况"),
            Paragraphs("部门整体支出绩效自评报告"), evaluations.Count, projectFunds, evaluations) { Targets = Targets() };
    }

    /// <summary>Rows a 自评表 needs and its sheet lacks: one placeholder (with its finding) for their weight and score.</summary>
    private (Points Weight, Points Score) Lacking(ListSheet sheet, string message, string what)
    {
        var missing = Points.Missing(_p.Missing(Phrasing.MissingInputId, message, new CellRef(sheet.Sheet, 1, 1), what));
        return (missing, missing);
    }

    /// <summary>A weight or score cell: its number, or the placeholder (with a finding) when blank.</summary>
    private Points PointsOf(ListSheet sheet, ListRow row, string header, string what) =>
        row.Number(sheet.ColumnOf(header)) is { } n ? Points.Of(n) : Points.Missing(Cell(sheet, row, header, what));
}

/// <summary>A weight or score (分): rounded once to 2 decimals, printed without trailing zeros (10, 9.5, 9.54); missing carries its placeholder.</summary>
internal sealed record Points(decimal Value, string Text, bool IsMissing)
{
    public static Points Of(decimal value)
    {
        var rounded = Round.Half(value);
        return new(rounded, rounded.ToString("0.##", CultureInfo.InvariantCulture), false);
    }

    public static Points Missing(string placeholder) => new(0, placeholder, true);

    /// <summary>The sum of the printed parts; missing (the first missing part's placeholder) when any part is.</summary>
    public static Points Sum(IEnumerable<Points> parts)
    {
        var list = parts.ToList();
        return list.FirstOrDefault(p => p.IsMissing) ?? Of(list.Sum(p => p.Value));
    }
}
