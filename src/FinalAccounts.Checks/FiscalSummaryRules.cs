using FinalAccounts.Model;

namespace FinalAccounts.Checks;

/// <summary>The three 财政拨款 funds as they appear in line names and column headers of 公开04表.</summary>
internal static class Funds
{
    public const string General = "一般公共预算";
    public const string Government = "政府性基金";
    public const string Capital = "国有资本经营";

    public static readonly string[] All = [General, Government, Capital];
}

/// <summary>公开04表 财政拨款收入支出决算总表.</summary>
internal static class FiscalSummaryRules
{
    public static void Check(TwoSidedTable table, Reconciler r)
    {
        var income = table.Income;
        var expenditure = table.Expenditure;
        var incomeTotal = Lines.Require(income, "本年收入合计", table, r);
        var expenditureTotal = Lines.Require(expenditure, "本年支出合计", table, r);
        var opening = Lines.Require(income, "年初财政拨款结转和结余", table, r);
        var closing = Lines.Require(expenditure, "年末财政拨款结转和结余", table, r);
        var incomeGrand = Lines.Require(income, "总计", table, r, exact: true);
        var expenditureGrand = Lines.Require(expenditure, "总计", table, r, exact: true);
        var totalColumn = expenditure.Columns.FindIndex("合计");

        var fundLines = income.LinesBefore("本年收入合计");
        if (incomeTotal is not null)
            r.SumEquals(CheckIds.FiscalIncomeTotal, "本年收入合计", incomeTotal.Amount, "三项财政拨款收入之和", fundLines.Select(l => l.Amount));
        var openingByFund = OpeningByFund(income);
        if (opening is not null && openingByFund.Count > 0)
            r.SumEquals(CheckIds.FiscalOpeningByFund, "年初财政拨款结转和结余", opening.Amount, "各项资金年初结转和结余之和", openingByFund.Values);
        if (incomeGrand is not null && incomeTotal is not null && opening is not null)
            r.SumEquals(CheckIds.FiscalIncomeGrandTotal, "收入总计", incomeGrand.Amount, "本年收入合计+年初财政拨款结转和结余", [incomeTotal.Amount, opening.Amount]);

        // Every expenditure line, totals included: 合计 = the three fund columns.
        var fundColumns = Funds.All.Select(f => expenditure.Columns.FindIndex(f)).Where(i => i >= 0).ToList();
        if (totalColumn >= 0 && fundColumns.Count > 0)
            foreach (var line in expenditure.Lines)
                r.SumEquals(CheckIds.FiscalRowFunds, $"“{line.Name}”合计", line.Values[totalColumn], "各项资金之和", fundColumns.Select(i => line.Values[i]));
        else
            r.Missing($"{table.Info.Sheet}支出方的“合计”及各项资金列", new CellRef(table.Info.Sheet, 1, 1));

        for (var c = 0; c < expenditure.Columns.Count && expenditureTotal is not null; c++)
            r.SumEquals(CheckIds.FiscalExpenditureTotal, $"本年支出合计“{expenditure.Columns[c].Leaf}”", expenditureTotal.Values[c],
                "各类支出之和", Lines.Categories(expenditure).Select(l => l.Values[c]));
        if (totalColumn >= 0 && expenditureGrand is not null && expenditureTotal is not null && closing is not null)
            r.SumEquals(CheckIds.FiscalExpenditureGrandTotal, "支出总计", expenditureGrand.Values[totalColumn],
                "本年支出合计+年末财政拨款结转和结余", [expenditureTotal.Values[totalColumn], closing.Values[totalColumn]]);
        if (totalColumn >= 0 && incomeGrand is not null && expenditureGrand is not null)
            r.Equal(CheckIds.FiscalBalanced, "收入总计", incomeGrand.Amount, "支出总计", expenditureGrand.Values[totalColumn]);

        // Per fund: 年初 + 本年收入 − 本年支出 = 年末.
        if (expenditureTotal is null || closing is null)
            return;
        foreach (var fund in Funds.All)
        {
            var column = expenditure.Columns.FindIndex(fund);
            var received = fundLines.FirstOrDefault(l => l.Name.Contains(fund));
            if (column < 0 || received is null)
                continue;
            var parts = new List<(Amount, int)> { (received.Amount, 1), (expenditureTotal.Values[column], -1) };
            if (openingByFund.TryGetValue(fund, out var start))
                parts.Add((start, 1));
            r.SumEquals(CheckIds.FiscalFundBalance, $"{fund}年末结转和结余", closing.Values[column], "年初结转和结余+本年收入−本年支出", parts);
        }
    }

    /// <summary>The fund lines listed under 年初财政拨款结转和结余 (they repeat the fund names of the income lines).</summary>
    public static Dictionary<string, Amount> OpeningByFund(TableSide income)
    {
        var start = income.IndexOf("年初财政拨款结转和结余");
        var result = new Dictionary<string, Amount>();
        if (start < 0)
            return result;
        foreach (var line in income.Lines.Skip(start + 1).TakeWhile(l => l.Name != "总计"))
            foreach (var fund in Funds.All.Where(f => line.Name.Contains(f)))
                result.TryAdd(fund, line.Amount);
        return result;
    }
}
