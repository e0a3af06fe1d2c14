using FinalAccounts.Model;

namespace FinalAccounts.Calculation;

/// <summary>The calculation stage's answer: the view model, warnings such as missing reasons (never errors), and each placeholder with its finding.</summary>
public sealed record CalculationResult(ReportModel Model, IReadOnlyList<Diagnostic> Warnings, IReadOnlyList<Mark> Marks);

/// <summary>
/// Turns a checked workbook into the <see cref="ReportModel"/>. Runs only on a workbook without
/// check errors, so totals are known to reconcile; sections read the tables they are about.
/// </summary>
public sealed partial class ReportCalculator
{
    private readonly FinalAccountsWorkbook _w;
    private readonly Phrasing _p;
    private readonly KeyValueSheet _prior;
    private readonly KeyValueSheet _reasons;

    private ReportCalculator(FinalAccountsWorkbook workbook, Phrasing phrasing)
    {
        _w = workbook;
        _p = phrasing;
        _prior = workbook.KeyValue(WorkbookLayout.PriorYear);
        _reasons = workbook.KeyValue(WorkbookLayout.Reasons);
    }

    /// <param name="needs">The named texts and user tables the template places; those the workbook lacks get a placeholder and a finding.</param>
    public static CalculationResult Calculate(FinalAccountsWorkbook workbook, CalculationSettings settings, TemplateNeeds? needs = null)
    {
        var warnings = new List<Diagnostic>();
        using var zeros = Round.ZeroReadsAs(settings.ZeroAmount);
        using var unit = Round.MoneyIn(settings.MoneyUnit);
        var calculator = new ReportCalculator(workbook, new Phrasing(settings, warnings));
        var model = calculator.WithTextsAndTables(calculator.Build(), needs ?? TemplateNeeds.None);
        return new CalculationResult(model, warnings, calculator._p.Marks);
    }

    private ReportModel Build()
    {
        var overview = Overview();
        var income = Income();
        var expenditure = Expenditure();
        var fiscal = Fiscal();
        var general = GeneralBudget();
        var threePublic = ThreePublic();
        return new ReportModel(
            Department() with { Staff = Staff() }, overview, income, expenditure, fiscal, general, Basic(), threePublic,
            Fund(_w.Tables.GovernmentFund, "本年支出", "政府性基金预算财政拨款支出"),
            Fund(_w.Tables.StateCapital, "合计", "国有资本经营预算财政拨款支出"),
            Other(), Glossary(), Performance(),
            Charts(overview, income, expenditure, fiscal, general, threePublic),
            AppendixBuilder.Build(_w))
        {
            BudgetSide = BudgetSide(expenditure),
        };
    }

    private static Reason NoReason(bool _) => new("", false, false, false, "");

    private Func<bool, Reason> ReasonFrom(string label) => required => _p.Reason(_reasons, label, required);

    /// <summary>A prior-year figure; missing (a placeholder, with a warning) when the user left it blank, never 0.</summary>
    private Money Prior(string label)
    {
        if (_prior.Amount(label) is { } amount)
            return Round.Money(amount);
        return _p.MissingMoney(Phrasing.MissingPriorId, $"缺少上年数“{label}”，无法计算与上年相比的增减变动。",
            _prior.Find(label)?.Cell ?? new CellRef(_prior.Sheet, 1, 1), $"上年{label}");
    }

    /// <summary>An optional prior-year figure: like <see cref="Prior"/>, but its finding stands only when the report shows its placeholder.</summary>
    private Money PriorIfShown(string label)
    {
        if (_prior.Amount(label) is { } amount)
            return Round.Money(amount);
        return _p.MissingMoney(Phrasing.MissingPriorId, $"缺少上年数“{label}”，无法计算与上年相比的增减变动。",
            _prior.Find(label)?.Cell ?? new CellRef(_prior.Sheet, 1, 1), $"上年{label}", onlyWhenShown: true);
    }

    /// <summary>A supplementary amount; missing (placeholder and warning) when blank, never 0.</summary>
    private Money Input(KeyValueSheet sheet, string label)
    {
        if (sheet.Amount(label) is { } amount)
            return Round.Money(amount);
        return _p.MissingMoney(Phrasing.MissingInputId, $"“{label}”未填写。", CellOf(sheet, label), label);
    }

    /// <summary>A supplementary text; the placeholder (with a warning) when blank.</summary>
    private string InputText(KeyValueSheet sheet, string label) =>
        sheet.Text(label) ?? _p.Missing(Phrasing.MissingInputId, $"“{label}”未填写。", CellOf(sheet, label), label);

    /// <summary>A count the user supplies (团组, 辆, 台（套）…); the placeholder (with a warning) when blank, never 0.</summary>
    private Count CountOf(KeyValueSheet sheet, string label, string id)
    {
        var entry = sheet.Find(label);
        if (entry?.Number is { } n)
            return new Count(n, n.ToString("0", System.Globalization.CultureInfo.InvariantCulture), false, n == 0, entry.Cell.ToString());
        var at = CellOf(sheet, label);
        return new Count(0, _p.Missing(id, $"“{label}”未填写。", at, label), true, false, at.ToString());
    }

    /// <summary>Where a key–value field is, or belongs (the sheet's first cell when its row is absent).</summary>
    private static CellRef CellOf(KeyValueSheet sheet, string label) => sheet.Find(label)?.Cell ?? new CellRef(sheet.Sheet, 1, 1);

    /// <summary>A list cell's text; the placeholder (with a warning) when blank.</summary>
    /// <param name="onlyWhenShown">For a column only some templates print: its warning is raised only where the report shows the placeholder.</param>
    private string Cell(ListSheet sheet, ListRow row, string header, string what, bool onlyWhenShown = false)
    {
        var column = sheet.ColumnOf(header);
        var text = row[column];
        return text.Length > 0 ? text
            : _p.Missing(Phrasing.MissingInputId, $"{what}的“{header}”未填写。", row.CellAt(column), $"{what}的{header}", onlyWhenShown);
    }

    /// <summary>A list cell's amount; missing (placeholder and warning) when blank, never 0.</summary>
    private Money CellAmount(ListSheet sheet, ListRow row, string header, string what)
    {
        var column = sheet.ColumnOf(header);
        var at = row.CellAt(column);
        return row.Number(column) is { } n ? Round.Money(n, [at.ToString()])
            : _p.MissingMoney(Phrasing.MissingInputId, $"{what}的“{header}”未填写。", at, $"{what}的{header}");
    }

    private static Money Zero => Round.Money(0m);

    private static Money MoneyOf(Amount? amount) => amount is null ? Zero : Round.Money(amount);

    private DepartmentSection Department()
    {
        var basic = _w.KeyValue(WorkbookLayout.BasicInfo);
        var year = (int)(basic.Find("决算年度")?.Number ?? 0);
        var duties = _w.List(WorkbookLayout.Duties);
        var units = _w.List(WorkbookLayout.Organisation);
        var dutyList = duties.Rows.Select((r, i) => new Numbered(i + 1, Cell(duties, r, "职责内容", $"部门职责第{i + 1}条"))).ToList();
        var unitList = units.Rows.Select((r, i) => new Unit(i + 1, Cell(units, r, "单位名称", $"机构设置第{i + 1}个单位"),
            r[units.ColumnOf("单位性质")], r[units.ColumnOf("说明")])).ToList();
        string EmptyList(ListSheet sheet, string what) => _p.Missing(Phrasing.MissingInputId, $"“{sheet.Sheet}”表没有填写任何{what}。",
            new CellRef(sheet.Sheet, sheet.Rows.Count == 0 ? 2 : 1, 2), $"{sheet.Sheet}");
        return new DepartmentSection(
            basic.Text("部门名称") ?? "", year, year - 1, basic.Text("单位类型") ?? "",
            dutyList, InputText(basic, "机构设置说明"), unitList)
        {
            DutiesMissing = dutyList.Count == 0 ? EmptyList(duties, "职责") : "",
            UnitsMissing = unitList.Count == 0 ? EmptyList(units, "单位") : "",
            // The cover says when the report was issued; unless the workbook says otherwise, that is now.
            ReportDate = basic.Text("报告日期") ?? $"{DateTime.Now.Year}年{DateTime.Now.Month}月",
        };
    }
}
