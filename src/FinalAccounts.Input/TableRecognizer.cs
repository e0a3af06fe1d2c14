using System.Text.RegularExpressions;
using FinalAccounts.Model;

namespace FinalAccounts.Input;

/// <summary>
/// Recognises a public table by the title in its header block (regions number tables differently,
/// so the printed 公开NN表 number is only a fallback) and reads 部门 and 金额单位 from the same block.
/// </summary>
public static partial class TableRecognizer
{
    // Most specific titles first: "一般公共预算财政拨款基本支出决算明细表" also contains "支出决算表".
    private static readonly (string[] Keywords, string[] Without, PublicTableKind Kind)[] Titles =
    [
        (["三公"], [], PublicTableKind.ThreePublic),
        (["基本支出决算明细表"], [], PublicTableKind.GeneralBudgetBasicDetail),
        (["政府性基金预算财政拨款"], [], PublicTableKind.GovernmentFund),
        (["国有资本经营预算财政拨款"], [], PublicTableKind.StateCapital),
        (["一般公共预算财政拨款支出决算表"], [], PublicTableKind.GeneralBudgetExpenditure),
        (["财政拨款收入支出决算总表"], [], PublicTableKind.FiscalSummary),
        (["收入支出决算总表"], ["财政拨款"], PublicTableKind.IncomeExpenditureSummary),
        (["收入决算表"], ["支出", "财政拨款"], PublicTableKind.Income),
        (["支出决算表"], ["收入", "财政拨款", "明细", "项目支出"], PublicTableKind.Expenditure),
    ];

    /// <summary>How many rows at the top of a sheet may hold the title block.</summary>
    private const int TitleRows = 8;

    public static TableInfo? Recognise(RawSheet sheet, List<Diagnostic> diagnostics)
    {
        var top = sheet.Cells.Where(c => c.Row <= TitleRows).OrderBy(c => c.Row).ThenBy(c => c.Column).ToList();
        var number = top.Select(c => NumberPattern().Match(LabelText.Normalise(c.Text))).FirstOrDefault(m => m.Success);
        var titleCell = top.FirstOrDefault(c => IsTitle(LabelText.Normalise(c.Text)));
        PublicTableKind? kind = null;
        if (titleCell is not null)
        {
            var text = LabelText.Normalise(titleCell.Text);
            var match = Titles.FirstOrDefault(t => t.Keywords.All(text.Contains) && !t.Without.Any(text.Contains));
            kind = match.Keywords is null ? PublicTableKind.Other : match.Kind;
        }
        else if (number is not null && int.TryParse(number.Groups[1].Value, out var n))
        {
            kind = n is >= 1 and <= 9 ? (PublicTableKind)n : PublicTableKind.Other;
        }
        if (kind is null)
            return null;
        var title = titleCell?.Text.Trim();

        var departmentCell = top.FirstOrDefault(c => DepartmentPattern().IsMatch(LabelText.Normalise(c.Text)));
        var department = departmentCell is null ? null : DepartmentPattern().Match(LabelText.Normalise(departmentCell.Text)).Groups[1].Value;
        var unit = ReadUnit(sheet, top, diagnostics);
        return new TableInfo(kind.Value, sheet.Name, title ?? sheet.Name,
            number is null ? null : $"公开{number.Groups[1].Value}表", string.IsNullOrEmpty(department) ? null : department, unit,
            titleCell is null ? null : new CellRef(sheet.Name, titleCell.Row, titleCell.Column),
            departmentCell is null ? null : new CellRef(sheet.Name, departmentCell.Row, departmentCell.Column));
    }

    /// <summary>A title names a 决算 table; the 公开NN表 marker alone is not a title.</summary>
    private static bool IsTitle(string text) =>
        text.Contains("决算") && (text.EndsWith("表") || text.Contains("表(")) && !NumberPattern().IsMatch(text);

    private static AmountUnit ReadUnit(RawSheet sheet, List<RawCell> top, List<Diagnostic> diagnostics)
    {
        foreach (var cell in top)
        {
            var match = UnitPattern().Match(LabelText.Normalise(cell.Text));
            if (!match.Success)
                continue;
            var unit = match.Groups[1].Value;
            if (unit == "万元")
                return AmountUnit.WanYuan;
            if (unit == "元")
                return AmountUnit.Yuan;
            diagnostics.Add(InputIds.Error(InputIds.UnitUnknown,
                $"金额单位“{unit}”无法识别，只支持“万元”或“元”。", new CellRef(sheet.Name, cell.Row, cell.Column)));
            return AmountUnit.WanYuan;
        }
        diagnostics.Add(InputIds.Warning(InputIds.UnitNotDeclared,
            "表头未注明金额单位（如“金额单位：万元”），按万元读取。", new CellRef(sheet.Name, 1, 1)));
        return AmountUnit.WanYuan;
    }

    [GeneratedRegex(@"公开(\d{1,2})表")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^(?:部门名称|部门|编制单位|填报单位|单位名称):(.+?)(?:金额单位:.*|单位:.*)?$")]
    private static partial Regex DepartmentPattern();

    [GeneratedRegex(@"单位:(万元|元|千元|亿元|[^\s,;:]{1,4})")]
    private static partial Regex UnitPattern();
}
