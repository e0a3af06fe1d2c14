using System.Text.RegularExpressions;
using FinalAccounts.Model;

namespace FinalAccounts.Input;

/// <summary>
/// Recognises a public table by the title in its header block — exactly, after normalisation, against
/// the <see cref="PublicTableCatalogue"/>; then as the catalogue title the text ends with (a
/// department's name before it); then by keywords — and reads 部门 and 金额单位 from the same block.
/// Regions number tables differently, so the printed 公开NN表 number is used only for a sheet without
/// a title, within the set the titled sheets show (<see cref="WorkbookReader"/>).
/// </summary>
public static partial class TableRecognizer
{
    /// <summary>Normalised catalogue titles and variants → kind; the catalogue test proves none is shared.</summary>
    private static readonly Dictionary<string, PublicTableKind> ExactTitles = PublicTableCatalogue.Entries
        .SelectMany(e => e.Titles.Select(t => (Title: TitleKey(t), e.Kind)))
        .GroupBy(t => t.Title).ToDictionary(g => g.Key, g => g.First().Kind);

    // Last resort for titles the catalogue does not hold verbatim; most specific first:
    // "一般公共预算财政拨款基本支出决算明细表" also contains "支出决算表".
    private static readonly (string[] Keywords, string[] Without, PublicTableKind Kind)[] Titles =
    [
        (["政府性基金", "三公"], [], PublicTableKind.GovernmentFundThreePublic),
        (["三公"], [], PublicTableKind.ThreePublic),
        (["基本支出决算明细表"], [], PublicTableKind.GeneralBudgetBasicDetail),
        (["政府性基金预算财政拨款"], [], PublicTableKind.GovernmentFund),
        (["国有资本经营预算财政拨款收入"], [], PublicTableKind.StateCapitalIncomeExpenditure),
        (["国有资本经营预算财政拨款"], [], PublicTableKind.StateCapital),
        (["项目支出决算"], [], PublicTableKind.GeneralBudgetProject),
        (["一般公共预算财政拨款支出决算明细表"], [], PublicTableKind.GeneralBudgetEconomicDetail),
        (["财政拨款支出决算明细表"], ["一般公共预算"], PublicTableKind.FiscalExpenditureDetail),
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
            kind = KindOfTitle(titleCell.Text);
        else if (number is not null)
            kind = PublicTableKind.Other;   // numbered but untitled: the reader places it once the set is known
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

    /// <summary>The kind a printed title names; <see cref="PublicTableKind.Other"/> for a 决算 table the catalogue does not know.</summary>
    public static PublicTableKind KindOfTitle(string title)
    {
        var key = TitleKey(title);
        if (ExactTitles.TryGetValue(key, out var exact))
            return exact;
        var text = LabelText.Normalise(title);
        var match = Titles.FirstOrDefault(t => t.Keywords.All(text.Contains) && !t.Without.Any(text.Contains));
        var byKeywords = match.Keywords is null ? PublicTableKind.Other : match.Kind;
        // "渠县医疗保障局一般公共预算财政拨款支出决算表": the longest catalogue title it ends with — unless that is
        // only one of the generic titles every title ends with (支出决算表 …) and the keywords name a specific table
        // ("“三公”经费支出决算表", "政府性基金预算财政拨款支出决算表").
        var suffix = ExactTitles.Where(t => key.EndsWith(t.Key, StringComparison.Ordinal)).OrderByDescending(t => t.Key.Length).FirstOrDefault();
        if (suffix.Key is not null && !(IsGeneric(suffix.Value) && byKeywords != PublicTableKind.Other && !IsGeneric(byKeywords)))
            return suffix.Value;
        return byKeywords;
    }

    private static bool IsGeneric(PublicTableKind kind) =>
        kind is PublicTableKind.IncomeExpenditureSummary or PublicTableKind.Income or PublicTableKind.Expenditure;

    /// <summary>
    /// A title without what varies from workbook to workbook: spaces, quotes and widths, the year
    /// ("2024年度"), a (公开05表) marker, a trailing remark in brackets.
    /// </summary>
    public static string TitleKey(string title)
    {
        var text = LabelText.Normalise(title).Replace("‘", "").Replace("’", "").Replace("'", "");
        text = YearPrefix().Replace(text, "");
        text = NumberPattern().Replace(text, "").Replace("()", "");
        var bracket = text.LastIndexOf('(');
        if (bracket > 0 && text.EndsWith(')'))
            text = text[..bracket];
        return text;
    }

    [GeneratedRegex(@"^.*?\d{4}年度?")]
    private static partial Regex YearPrefix();

    /// <summary>The number printed on a sheet (公开05表 → 5), if any.</summary>
    public static int? NumberOf(TableInfo info) =>
        info.Number is { } n && NumberPattern().Match(n) is { Success: true } m && int.TryParse(m.Groups[1].Value, out var number) ? number : null;

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
