using FinalAccounts.Model;

namespace FinalAccounts.Checks;

/// <summary>Rules that tie the public tables to each other (domain doc §3, "Across tables").</summary>
internal static class CrossTableRules
{
    public static void Check(PublicTables t, Reconciler r)
    {
        if (t.Summary is { } summary)
            SummaryAgainstDetail(summary, t.Income, t.Expenditure, t.FiscalSummary, r);
        if (t.FiscalSummary is { } fiscal)
        {
            CategoriesAgainst(fiscal, Funds.General, t.GeneralBudget, "小计", CheckIds.FiscalGeneralVsGeneralBudget, r);
            CategoriesAgainst(fiscal, Funds.Government, t.GovernmentFund, "本年支出", CheckIds.FiscalFundVsFundTable, r);
            CategoriesAgainst(fiscal, Funds.Capital, t.StateCapital, "合计", CheckIds.FiscalCapitalVsCapitalTable, r);
            if (t.GovernmentFund is { } fund)
                FundBalances(fiscal, fund, r);
        }
        if (t.GeneralBudget is { } general)
        {
            if (t.BasicDetail is { PersonnelTotal: { } personnel, PublicTotal: { } @public } && general.TotalRow is { } total
                && general.ColumnIndex("基本支出") is var basic and >= 0)
                r.SumEquals(CheckIds.BasicVsEconomicDetail, $"{general.Info.Sheet}合计行“基本支出”", total[basic],
                    $"{t.BasicDetail.Info.Sheet}人员经费合计+公用经费合计", [personnel, @public]);
            if (t.Expenditure is { } expenditure)
                GeneralWithinExpenditure(general, expenditure, r);
        }
        if (t.BasicDetail is { } detail && t.ThreePublic is { } threePublic)
            EconomicWithinThreePublic(detail, threePublic, r);
    }

    private static void SummaryAgainstDetail(TwoSidedTable summary, SubjectTable? income, SubjectTable? expenditure, TwoSidedTable? fiscal, Reconciler r)
    {
        var sheet = summary.Info.Sheet;
        var sources = summary.Income.LinesBefore("本年收入合计");
        var fiscalLines = sources.Where(l => Funds.All.Any(f => l.Name.Contains(f))).ToList();
        var fiscalSum = new Amount(fiscalLines.Sum(l => l.Amount.Value), fiscalLines.FirstOrDefault()?.Amount.Source, fiscalLines.Select(l => l.Amount.Tail).DefaultIfEmpty(Amount.WanYuanTail).Max() * Math.Max(1, fiscalLines.Count));

        if (income?.TotalRow is { } incomeTotalRow)
        {
            var totalColumn = income.Columns.ToList().FindIndex(c => c.IsTotal);
            if (summary.Income.Find("本年收入合计") is { } incomeTotal && totalColumn >= 0)
                r.Equal(CheckIds.SummaryIncomeVsIncomeTable, $"{sheet}本年收入合计", incomeTotal.Amount, $"{income.Info.Sheet}合计", incomeTotalRow[totalColumn]);
            var fiscalColumn = income.ColumnIndex("财政拨款");
            if (fiscalColumn >= 0)
                r.Equal(CheckIds.SummaryFiscalVsIncomeTable, $"{sheet}三项财政拨款收入之和", fiscalSum, $"{income.Info.Sheet}合计行“财政拨款收入”", incomeTotalRow[fiscalColumn]);
            foreach (var line in sources.Except(fiscalLines))
            {
                var column = income.Columns.ToList().FindIndex(c => c.Leaf == line.Name);
                if (column >= 0)
                    r.Equal(CheckIds.SummarySourceVsIncomeTable, $"{sheet}“{line.Name}”", line.Amount, $"{income.Info.Sheet}合计行“{line.Name}”", incomeTotalRow[column]);
            }
        }
        if (fiscal?.Income.Find("本年收入合计") is { } fiscalIncome)
            r.Equal(CheckIds.SummaryFiscalVsFiscalTable, $"{sheet}三项财政拨款收入之和", fiscalSum, $"{fiscal.Info.Sheet}本年收入合计", fiscalIncome.Amount);

        if (expenditure is null)
            return;
        var expenditureTotalColumn = expenditure.Columns.ToList().FindIndex(c => c.IsTotal);
        if (expenditureTotalColumn < 0)
            return;
        if (summary.Expenditure.Find("本年支出合计") is { } spent)
            r.Equal(CheckIds.SummaryExpenditureVsExpenditureTable, $"{sheet}本年支出合计", spent.Amount, $"{expenditure.Info.Sheet}合计",
                expenditure.TotalRow?[expenditureTotalColumn] ?? Amount.Zero(new CellRef(expenditure.Info.Sheet, 1, 1)));   // no rows: nothing was spent there
        MatchCategories(Lines.Categories(summary.Expenditure), l => l.Amount, expenditure, expenditureTotalColumn, CheckIds.SummaryCategoryVsExpenditureTable, sheet, r);
    }

    /// <summary>公开04表's column for one fund, 类 by 类 and in total, against the fund's own table.</summary>
    internal static void CategoriesAgainst(TwoSidedTable fiscal, string fund, SubjectTable? detail, string detailColumnKeyword, string id, Reconciler r)
    {
        var column = fiscal.Expenditure.Columns.FindIndex(fund);
        if (column < 0)
            return;
        var detailColumn = detail is null ? -1 : detail.Columns.ToList().FindIndex(c => c.Key.Contains(detailColumnKeyword) && (c.IsTotal || c.Path.Count == 1));
        var categories = Lines.Categories(fiscal.Expenditure);
        if (detail is null || detailColumn < 0)
        {
            // Without the fund's table (or its column) every figure of that fund must be zero.
            foreach (var line in categories.Where(l => !l.Values[column].IsZero))
                r.Add(new Diagnostic(id, Severity.Error, $"{fiscal.Info.Sheet}“{line.Name}”{fund}财政拨款支出 {Reconciler.Money(line.Values[column].Value)}，但工作簿中没有对应的{fund}支出表数据",
                    line.Values[column].Source));
            return;
        }
        ColumnAgainst(fiscal, column, detail, detailColumn, id, r);
    }

    /// <summary>One 公开04表 expenditure column against one column of a 科目 table: 本年支出合计 and 类 by 类.</summary>
    internal static void ColumnAgainst(TwoSidedTable fiscal, int column, SubjectTable detail, int detailColumn, string id, Reconciler r)
    {
        if (fiscal.Expenditure.Find("本年支出合计") is { } total && detail.TotalRow is { } detailTotal)
            r.Equal(id, $"{fiscal.Info.Sheet}本年支出合计“{fiscal.Expenditure.Columns[column].Leaf}”", total.Values[column], $"{detail.Info.Sheet}合计", detailTotal[detailColumn]);
        MatchCategories(Lines.Categories(fiscal.Expenditure), l => l.Values[column], detail, detailColumn, id, fiscal.Info.Sheet, r);
    }

    /// <summary>类 lines of a summary table (by name, all 类 listed, zeros included) against the 类 rows of a 科目 table (non-zero 类 only).</summary>
    private static void MatchCategories(IReadOnlyList<LineItem> lines, Func<LineItem, Amount> amountOf, SubjectTable detail, int column, string id, string sheet, Reconciler r)
    {
        var rows = detail.RowsAt(SubjectLevel.Category).ToList();
        foreach (var line in lines)
        {
            var row = rows.FirstOrDefault(x => LineNames.Normalise(x.Name) == line.Name);
            var amount = amountOf(line);
            if (row is not null)
                r.Equal(id, $"{sheet}“{line.Name}”", amount, $"{detail.Info.Sheet} {row.Code} {row.Name}", row[column]);
            else if (!amount.IsZero)
                r.Add(new Diagnostic(id, Severity.Error, $"{sheet}“{line.Name}” {Reconciler.Money(amount.Value)} 在{detail.Info.Sheet}中没有对应的类级科目", amount.Source));
        }
        foreach (var row in rows.Where(x => !lines.Any(l => l.Name == LineNames.Normalise(x.Name)) && !x[column].IsZero))
            r.Add(new Diagnostic(id, Severity.Error, $"{detail.Info.Sheet} {row.Code} {row.Name} {Reconciler.Money(row[column].Value)} 在{sheet}中没有对应的支出项目", row[column].Source));
    }

    private static void FundBalances(TwoSidedTable fiscal, SubjectTable fund, Reconciler r)
    {
        if (fund.TotalRow is not { } total)
            return;
        var sheet = fiscal.Info.Sheet;
        var opening = FiscalSummaryRules.OpeningByFund(fiscal.Income).GetValueOrDefault(Funds.Government);
        var received = fiscal.Income.LinesBefore("本年收入合计").FirstOrDefault(l => l.Name.Contains(Funds.Government));
        var closingColumn = fiscal.Expenditure.Columns.FindIndex(Funds.Government);
        var closing = closingColumn < 0 ? null : fiscal.Expenditure.Find("年末财政拨款结转和结余")?.Values[closingColumn];
        void Compare(string keyword, Amount? fiscalAmount, string what)
        {
            var column = fund.Columns.ToList().FindIndex(c => c.Path[0].Contains(keyword));
            if (column >= 0 && fiscalAmount is not null)
                r.Equal(CheckIds.FiscalFundBalancesVsFundTable, $"{sheet}政府性基金{what}", fiscalAmount, $"{fund.Info.Sheet}合计行“{fund.Columns[column].Leaf}”", total[column]);
        }
        Compare("年初", opening, "年初结转和结余");
        Compare("本年收入", received?.Amount, "本年收入");
        Compare("年末", closing, "年末结转和结余");
    }

    /// <summary>公开05表 is the 一般公共预算 part of 公开03表: no cell may exceed its counterpart.</summary>
    private static void GeneralWithinExpenditure(SubjectTable general, SubjectTable expenditure, Reconciler r)
    {
        (int General, int Total)[] pairs =
        [
            (general.Columns.ToList().FindIndex(c => c.IsTotal), expenditure.Columns.ToList().FindIndex(c => c.IsTotal)),
            (general.ColumnIndex("基本支出"), expenditure.ColumnIndex("基本支出")),
            (general.ColumnIndex("项目支出"), expenditure.ColumnIndex("项目支出")),
        ];
        foreach (var row in general.Rows)
        {
            var counterpart = row.Level == SubjectLevel.Total ? expenditure.TotalRow : expenditure.Find(row.Code);
            foreach (var (g, e) in pairs.Where(p => p.General >= 0 && p.Total >= 0))
            {
                var name = $"{general.Info.Sheet} {SubjectTableRules.RowName(row)}“{general.Columns[g].Leaf}”";
                if (counterpart is null)
                {
                    if (!row[g].IsZero)
                        r.Add(new Diagnostic(CheckIds.GeneralBudgetWithinExpenditure, Severity.Error, $"{name} {Reconciler.Money(row[g].Value)} 在{expenditure.Info.Sheet}中没有对应科目", row[g].Source));
                    continue;
                }
                r.AtMost(CheckIds.GeneralBudgetWithinExpenditure, name, row[g], $"{expenditure.Info.Sheet}同一科目“{expenditure.Columns[e].Leaf}”", counterpart[e]);
            }
        }
    }

    /// <summary>The 三公 items of 公开06表 (basic spending only) cannot exceed the 三公 actuals of 公开09表.</summary>
    private static void EconomicWithinThreePublic(EconomicDetailTable detail, ThreePublicTable threePublic, Reconciler r)
    {
        Amount? Actual(ThreePublicColumn column) => threePublic.Get(ThreePublicTable.Actual, column);
        foreach (var (code, limit, name) in new[] { ("30212", Actual(ThreePublicColumn.Abroad), "因公出国(境)费"), ("30217", Actual(ThreePublicColumn.Reception), "公务接待费"),
                                                    ("30231", Actual(ThreePublicColumn.VehicleRunning), "公务用车运行维护费"), ("31013", Actual(ThreePublicColumn.VehiclePurchase), "公务用车购置费") })
            if (detail.Find(code) is { } item && limit is not null)
                r.AtMost(CheckIds.EconomicItemWithinThreePublic, $"{detail.Info.Sheet} {item.Code} {item.Name}", item.Amount, $"{threePublic.Info.Sheet}决算数“{name}”", limit);
    }
}
