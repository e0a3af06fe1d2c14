using FinalAccounts.Model;

namespace FinalAccounts.Calculation;

/// <summary>Sections 一 to 四: totals, income and expenditure structure, 财政拨款.</summary>
public sealed partial class ReportCalculator
{
    private TableSide SummaryIncome => _w.Tables.Summary?.Income ?? new TableSide([], []);
    private TableSide SummaryExpenditure => _w.Tables.Summary?.Expenditure ?? new TableSide([], []);

    private OverviewSection Overview()
    {
        var incomeGrand = MoneyOf(SummaryIncome.Lines.FirstOrDefault(l => l.Name == "总计")?.Amount);
        var expenditureGrand = MoneyOf(SummaryExpenditure.Lines.FirstOrDefault(l => l.Name == "总计")?.Amount);
        var total = _p.Change(incomeGrand, Prior("收支总计"), "收支总计", ReasonFrom("收支总计变动原因"));
        return new OverviewSection(total, incomeGrand, expenditureGrand);
    }

    private IncomeSection Income()
    {
        var total = MoneyOf(SummaryIncome.Find("本年收入合计")?.Amount);
        var sources = Phrasing.Shares(SummaryIncome.LinesBefore("本年收入合计").Select(l => (l.Name, "", Round.Money(l.Amount))));
        // 一般公共预算财政拨款收入 against last year: only some outlines say it (Hubei), so its prior figure is asked for only where shown.
        var general = sources.FirstOrDefault(s => s.Name.Contains("一般公共预算财政拨款", StringComparison.Ordinal))?.Amount ?? Zero;
        return new IncomeSection(_p.Change(total, Prior("本年收入合计"), "本年收入合计", NoReason), sources)
        {
            GeneralBudgetChange = _p.Change(general, PriorIfShown("一般公共预算财政拨款收入"), "一般公共预算财政拨款收入", NoReason),
        };
    }

    private ExpenditureSection Expenditure()
    {
        var total = MoneyOf(SummaryExpenditure.Find("本年支出合计")?.Amount);
        var kinds = new List<(string, string, Money)>();
        if (_w.Tables.Expenditure is { TotalRow: { } row } table)
            for (var c = 0; c < table.Columns.Count; c++)
                if (!table.Columns[c].IsTotal)
                    kinds.Add((table.Columns[c].Leaf, "", Round.Money(row[c])));
        return new ExpenditureSection(_p.Change(total, Prior("本年支出合计"), "本年支出合计", NoReason), Phrasing.Shares(kinds));
    }

    private FiscalSection Fiscal()
    {
        var fiscal = _w.Tables.FiscalSummary;
        var income = fiscal?.Income ?? new TableSide([], []);
        var expenditure = fiscal?.Expenditure ?? new TableSide([], []);
        var grand = MoneyOf(income.Lines.FirstOrDefault(l => l.Name == "总计")?.Amount);
        var incomeTotal = MoneyOf(income.Find("本年收入合计")?.Amount);
        var spent = expenditure.Find("本年支出合计");
        var totalColumn = expenditure.Columns.FindIndex("合计");
        var expenditureTotal = spent is null || totalColumn < 0 ? Zero : Round.Money(spent.Values[totalColumn]);
        var incomeFunds = Phrasing.Shares(income.LinesBefore("本年收入合计").Select(l => (l.Name, "", Round.Money(l.Amount))));
        var expenditureFunds = Phrasing.Shares(expenditure.Columns.Select((c, i) => (c, i)).Where(x => x.i != totalColumn && spent is not null)
            .Select(x => (x.c.Leaf, "", Round.Money(spent!.Values[x.i]))));
        var change = _p.Change(grand, Prior("财政拨款收支总计"), "财政拨款收支总计", ReasonFrom("财政拨款收支总计变动原因"));
        // Most outlines compare only the 总计; these two exist for those that compare income and expenditure
        // separately (Sichuan 2020), so a blank prior figure is a finding only where a template prints it.
        var incomeChange = _p.Change(incomeTotal, PriorIfShown("财政拨款收入"), "财政拨款收入", NoReason);
        var expenditureChange = _p.Change(expenditureTotal, PriorIfShown("财政拨款支出"), "财政拨款支出", NoReason);
        return new FiscalSection(change, incomeTotal, expenditureTotal, incomeFunds, expenditureFunds, incomeChange, expenditureChange);
    }
}
