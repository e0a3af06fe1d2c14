using FinalAccounts.Model;

namespace FinalAccounts.Checks;

/// <summary>公开01表 收入支出决算总表: each side adds up, and the two 总计 agree.</summary>
internal static class SummaryRules
{
    public static void Check(TwoSidedTable table, Reconciler r)
    {
        var income = table.Income;
        var expenditure = table.Expenditure;
        var incomeTotal = Lines.Require(income, "本年收入合计", table, r);
        var expenditureTotal = Lines.Require(expenditure, "本年支出合计", table, r);
        var incomeGrand = Lines.Require(income, "总计", table, r, exact: true);
        var expenditureGrand = Lines.Require(expenditure, "总计", table, r, exact: true);

        if (incomeTotal is not null)
            r.SumEquals(CheckIds.SummaryIncomeTotal, "本年收入合计", incomeTotal.Amount, "各项收入之和",
                income.LinesBefore("本年收入合计").Select(l => l.Amount));
        if (expenditureTotal is not null)
            r.SumEquals(CheckIds.SummaryExpenditureTotal, "本年支出合计", expenditureTotal.Amount, "各类支出之和",
                expenditure.LinesBefore("本年支出合计").Select(l => l.Amount));
        if (incomeGrand is not null && incomeTotal is not null && Lines.Require(income, "年初结转和结余", table, r) is { } opening)
        {
            var parts = new List<Amount> { incomeTotal.Amount, opening.Amount };
            if ((income.Find("使用非财政拨款结余") ?? income.Find("用事业基金弥补")) is { } reserve)
                parts.Add(reserve.Amount);
            r.SumEquals(CheckIds.SummaryIncomeGrandTotal, "收入总计", incomeGrand.Amount, "本年收入合计+使用非财政拨款结余+年初结转和结余", parts);
        }
        if (expenditureGrand is not null && expenditureTotal is not null && Lines.Require(expenditure, "年末结转和结余", table, r) is { } closing)
        {
            var parts = new List<Amount> { expenditureTotal.Amount, closing.Amount };
            if (expenditure.Find("结余分配") is { } distribution)
                parts.Add(distribution.Amount);
            r.SumEquals(CheckIds.SummaryExpenditureGrandTotal, "支出总计", expenditureGrand.Amount, "本年支出合计+结余分配+年末结转和结余", parts);
        }
        if (incomeGrand is not null && expenditureGrand is not null)
            r.Equal(CheckIds.SummaryBalanced, "收入总计", incomeGrand.Amount, "支出总计", expenditureGrand.Amount);
    }
}

/// <summary>Finding the named lines of a two-sided table; a line a rule needs and cannot find is itself a finding.</summary>
internal static class Lines
{
    public static LineItem? Require(TableSide side, string name, TwoSidedTable table, Reconciler r, bool exact = false)
    {
        var line = exact ? side.Lines.FirstOrDefault(l => l.Name == name) : side.Find(name);
        if (line is null)
            r.Missing($"{table.Info.Sheet}{(side == table.Income ? "收入方" : "支出方")}的“{name}”行", new CellRef(table.Info.Sheet, 1, 1));
        return line;
    }

    /// <summary>The 类 lines of an expenditure side: everything above 本年支出合计.</summary>
    public static IReadOnlyList<LineItem> Categories(TableSide expenditure) => expenditure.LinesBefore("本年支出合计");
}
