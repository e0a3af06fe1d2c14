using FinalAccounts.Model;

namespace FinalAccounts.Calculation;

/// <summary>The budget side (收入预算, 支出预算 sheets) beside the 决算 of the public tables, and the staff counts.</summary>
public sealed partial class ReportCalculator
{
    /// <summary>Kinds that are parts of 基本支出, listed beside it but not added into the total again.</summary>
    private static readonly string[] BasicParts = ["人员经费", "公用经费"];

    private BudgetSideSection BudgetSide(ExpenditureSection expenditure)
    {
        var incomeSheet = _w.List(WorkbookLayout.IncomeBudgets);
        var expenditureSheet = _w.List(WorkbookLayout.ExpenditureBudgets);
        var hasSheets = _w.Lists.ContainsKey(WorkbookLayout.IncomeBudgets.Name) || _w.Lists.ContainsKey(WorkbookLayout.ExpenditureBudgets.Name);

        var income = new List<IncomeBudgetLine>();
        var nameColumn = incomeSheet.ColumnOf("收入类别");
        foreach (var row in incomeSheet.Rows.Where(r => r[nameColumn].Length > 0))
        {
            var name = row[nameColumn];
            var actual = SummaryIncome.Find(name) is { } line ? Round.Money(line.Amount)
                : _p.MissingMoney(Phrasing.MissingInputId, $"收入预算表的“{name}”在公开01表中没有同名的收入行，无法得出决算数；请按公开01表的行名填写。",
                    row.CellAt(nameColumn), $"{name}决算数");
            var fullYear = CellAmount(incomeSheet, row, "全年预算数", name);
            income.Add(new IncomeBudgetLine(name, CellAmount(incomeSheet, row, "年初预算数", name), fullYear, actual,
                _p.Completion(actual, fullYear, name, NoReason)));
        }
        var incomeTotal = Total("总计", income.Select(l => (l.OpeningBudget, l.FullYearBudget, l.Actual)).ToList());

        var lines = new List<ExpenditureBudgetLine>();
        var kindColumn = expenditureSheet.ColumnOf("支出类别");
        foreach (var row in expenditureSheet.Rows.Where(r => r[kindColumn].Length > 0))
        {
            var name = row[kindColumn];
            var actual = ExpenditureActual(name, expenditure)
                ?? _p.MissingMoney(Phrasing.MissingInputId, $"支出预算表的“{name}”不是公开表中的支出类别，无法得出决算数；可用：基本支出、项目支出、人员经费、公用经费，或公开01表支出方的行名（如结余分配、年末结转和结余）。",
                    row.CellAt(kindColumn), $"{name}决算数");
            var adjusted = CellAmount(expenditureSheet, row, "调整后预算数", name);
            lines.Add(new ExpenditureBudgetLine(name, BasicParts.Contains(LabelText.Key(name)),
                CellAmount(expenditureSheet, row, "年初预算数", name), CellAmount(expenditureSheet, row, "追加（减）", name), adjusted, actual,
                _p.Completion(actual, adjusted, name, NoReason)));
        }
        var counted = lines.Where(l => !l.IsDetail).ToList();
        var opening = SumOf(counted.Select(l => l.OpeningBudget));
        var added = SumOf(counted.Select(l => l.Added));
        var adjustedTotal = SumOf(counted.Select(l => l.AdjustedBudget));
        var actualTotal = SumOf(counted.Select(l => l.Actual));
        var expenditureTotal = new ExpenditureBudgetLine("总计", false, opening, added, adjustedTotal, actualTotal, _p.Completion(actualTotal, adjustedTotal, "支出总计", NoReason));

        return new BudgetSideSection(hasSheets, income, incomeTotal, lines, expenditureTotal,
            MoneyOf(SummaryExpenditure.Find("年末结转和结余")?.Amount), MoneyOf(SummaryExpenditure.Find("结余分配")?.Amount));

        IncomeBudgetLine Total(string name, List<(Money Opening, Money FullYear, Money Actual)> parts)
        {
            var fullYear = SumOf(parts.Select(p => p.FullYear));
            var actual = SumOf(parts.Select(p => p.Actual));
            return new IncomeBudgetLine(name, SumOf(parts.Select(p => p.Opening)), fullYear, actual, _p.Completion(actual, fullYear, "收入总计", NoReason));
        }
    }

    /// <summary>A total of rounded figures; unknown (the first missing part's placeholder) when any part is.</summary>
    private static Money SumOf(IEnumerable<Money> parts)
    {
        var list = parts.ToList();
        return list.FirstOrDefault(p => p.IsMissing) ?? Round.Figure(list.Sum(p => p.Value), list.SelectMany(p => p.Sources));
    }

    /// <summary>The 决算 of an expenditure kind: 基本/项目 from 公开03表's total row, 人员/公用经费 from the basic detail, else 公开01表's line.</summary>
    private Money? ExpenditureActual(string name, ExpenditureSection expenditure)
    {
        var key = LabelText.Key(name);
        if (expenditure.Kinds.FirstOrDefault(k => LabelText.Key(k.Name) == key) is { } kind)
            return kind.Amount;
        if (key == "人员经费" && _w.Tables.BasicDetail?.PersonnelTotal is { } personnel)
            return Round.Money(personnel);
        if (key == "公用经费" && _w.Tables.BasicDetail?.PublicTotal is { } @public)
            return Round.Money(@public);
        return SummaryExpenditure.Find(name) is { } line ? Round.Money(line.Amount) : null;
    }

    /// <summary>人员概况 from 基本信息; a blank count is a finding only where the report prints its placeholder.</summary>
    private StaffCounts Staff()
    {
        var basic = _w.KeyValue(WorkbookLayout.BasicInfo);
        Count Of(string label)
        {
            var entry = basic.Find(label);
            if (entry?.Number is { } n)
                return new Count(n, n.ToString("0", System.Globalization.CultureInfo.InvariantCulture), false, n == 0, entry.Cell.ToString());
            var at = CellOf(basic, label);
            return new Count(0, _p.Missing(Phrasing.MissingCountId, $"“{label}”未填写。", at, label, onlyWhenShown: true), true, false, at.ToString());
        }
        return new StaffCounts(Of("实有人数"), Of("行政编制数"), Of("事业编制数"), Of("编外人员数"));
    }
}
