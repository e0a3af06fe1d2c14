using FinalAccounts.Model;

namespace FinalAccounts.Calculation;

/// <summary>The 部门（单位）整体支出绩效目标申报表: typed sources, computed 合计 (a typed 合计 could disagree with its parts).</summary>
public sealed partial class ReportCalculator
{
    private DepartmentTargets Targets()
    {
        // Optional sheets added after workbooks were in use: without 整体绩效目标 (or with init's blank one, which a
        // department that publishes no 申报表 leaves as it is) nothing is printed and nothing is said.
        if (!_w.KeyValues.TryGetValue(WorkbookLayout.DepartmentTargets.Name, out var sheet) || sheet.Entries.All(e => e.Text.Trim().Length == 0))
            return DepartmentTargets.None;
        TargetFunds Funds(string kind)
        {
            var (fiscal, special, unit) = (Input(sheet, kind + "财政拨款"), Input(sheet, kind + "专户资金"), Input(sheet, kind + "单位资金"));
            return new TargetFunds(SumOf(fiscal, special, unit), fiscal, special, unit);
        }
        var (basic, project) = (Funds("基本支出"), Funds("项目支出"));
        var goals = sheet.Text("整体绩效目标") is { } text
            ? text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [InputText(sheet, "整体绩效目标")];

        var tasks = _w.List(WorkbookLayout.DepartmentTasks);
        var taskRows = tasks.Rows.Select(r => new TargetTask(Cell(tasks, r, "任务名称", $"年度主要任务第{r.SheetRow}行"),
            Cell(tasks, r, "主要内容", $"年度主要任务“{r[tasks.ColumnOf("任务名称")]}”"))).ToList();
        var indicators = _w.List(WorkbookLayout.DepartmentIndicators);
        var weights = new List<Points>();
        var indicatorRows = indicators.Rows.Select(r =>
        {
            var what = $"整体绩效指标“{r[indicators.ColumnOf("三级指标")]}”";
            string Ind(string header) => Cell(indicators, r, header, what);
            var weight = PointsOf(indicators, r, "权重", what);
            weights.Add(weight);
            return new TargetIndicator(Ind("一级指标"), Ind("二级指标"), Ind("三级指标"), Ind("指标性质"), Ind("指标值"),
                r[indicators.ColumnOf("度量单位")], weight.Text);
        }).ToList();
        return new DepartmentTargets(true, sheet.Text("预算单位名称") ?? InputText(sheet, "预算单位名称"), basic, project,
            SumOf(basic.Total, project.Total), goals, sheet.Text("其他说明") ?? "", taskRows, indicatorRows,
            weights.Count > 0 ? Points.Sum(weights).Text : "");
    }

    /// <summary>The sum of printed parts; missing (the first missing part's placeholder) when any part is.</summary>
    private static Money SumOf(params Money[] parts) =>
        parts.FirstOrDefault(p => p.IsMissing) is { } missing ? Round.Missing(missing.Text, missing.Sources)
            : Round.Figure(parts.Sum(p => p.Value), parts.SelectMany(p => p.Sources));
}
