using FinalAccounts.Model;

namespace FinalAccounts.Calculation;

/// <summary>The calculation stage's answer: the view model, and warnings such as missing reasons (never errors).</summary>
public sealed record CalculationResult(ReportModel Model, IReadOnlyList<Diagnostic> Warnings);

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

    public static CalculationResult Calculate(FinalAccountsWorkbook workbook, CalculationSettings settings)
    {
        var warnings = new List<Diagnostic>();
        var calculator = new ReportCalculator(workbook, new Phrasing(settings, warnings));
        var model = calculator.Build();
        return new CalculationResult(model, warnings);
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
            Department(), overview, income, expenditure, fiscal, general, Basic(), threePublic,
            Fund(_w.Tables.GovernmentFund, "本年支出", "政府性基金预算财政拨款支出"),
            Fund(_w.Tables.StateCapital, "合计", "国有资本经营预算财政拨款支出"),
            Other(), Glossary(), Performance(),
            Charts(overview, income, expenditure, fiscal, general, threePublic),
            AppendixBuilder.Build(_w));
    }

    private static Reason NoReason(bool _) => new("", false, false, false, "");

    private Func<bool, Reason> ReasonFrom(string label) => required => _p.Reason(_reasons, label, required);

    /// <summary>A prior-year figure; null (shown as a placeholder, with a warning) when the user left it blank.</summary>
    private Money? Prior(string label)
    {
        if (_prior.Amount(label) is { } amount)
            return Round.Money(amount);
        _p.Warn(Phrasing.MissingPriorId, $"缺少上年数“{label}”，报告中的增减变动将显示待填写标记。",
            _prior.Find(label)?.Cell ?? new CellRef(_prior.Sheet, 1, 1));
        return null;
    }

    private static Money Zero => Round.Money(0m);

    private static Money MoneyOf(Amount? amount) => amount is null ? Zero : Round.Money(amount);

    private DepartmentSection Department()
    {
        var basic = _w.KeyValue(WorkbookLayout.BasicInfo);
        var year = (int)(basic.Find("决算年度")?.Number ?? 0);
        var duties = _w.List(WorkbookLayout.Duties);
        var dutyColumn = duties.ColumnOf("职责内容");
        var units = _w.List(WorkbookLayout.Organisation);
        return new DepartmentSection(
            basic.Text("部门名称") ?? "", year, year - 1, basic.Text("单位类型") ?? "",
            duties.Rows.Select((r, i) => new Numbered(i + 1, r[dutyColumn])).ToList(),
            basic.Text("机构设置说明") ?? "",
            units.Rows.Select((r, i) => new Unit(i + 1, r[units.ColumnOf("单位名称")], r[units.ColumnOf("单位性质")], r[units.ColumnOf("说明")])).ToList());
    }
}
