using FinalAccounts.Model;

namespace FinalAccounts.Checks;

/// <summary>
/// The further tables of Sichuan's 13/14-table sets: each obeys the 科目 table rules within itself and
/// restates figures of the national nine, so it is held to them. Columns are found by header words,
/// so a year whose layout differs is checked as far as its columns allow.
/// </summary>
internal static class RegionalTableRules
{
    public static void Check(PublicTables t, Reconciler r)
    {
        if (t.FiscalExpenditureDetail is { } fiscalDetail)
            FiscalDetail(fiscalDetail, t, r);
        if (t.GeneralBudgetEconomicDetail is { } economic)
            EconomicDetail(economic, t, r);
        if (t.GeneralBudgetProject is { } project && t.GeneralBudget is { } general)
            ProjectTable(project, general, r);
        if (t.StateCapitalIncomeExpenditure is { } capitalIncome)
            CapitalIncome(capitalIncome, t, r);
        if (t.GovernmentFundThreePublic is { } fundThreePublic)
            ThreePublicRules.Check(fundThreePublic, r);   // laid out and summed like 公开09
    }

    /// <summary>财政拨款支出决算明细表: 合计 = Σ funds per row; each fund's 类 = 公开04; the 一般公共预算 column = 公开05 row by row.</summary>
    private static void FiscalDetail(SubjectTable detail, PublicTables t, Reconciler r)
    {
        SubjectTableRules.Check(detail, CheckIds.FiscalDetailRowFunds, r);
        if (t.FiscalSummary is { } fiscal)
            foreach (var fund in Funds.All)
            {
                // A year whose layout lacks a fund's column is checked as far as its columns go.
                var theirs = fiscal.Expenditure.Columns.FindIndex(fund);
                var mine = FundColumn(detail, fund);
                if (theirs >= 0 && mine >= 0)
                    CrossTableRules.ColumnAgainst(fiscal, theirs, detail, mine, CheckIds.FiscalDetailVsFiscalSummary, r);
            }
        var general = FundColumn(detail, Funds.General);
        if (t.GeneralBudget is { } budget && general >= 0 && AnyOf(budget, "小计", "合计") is var subtotal and >= 0)
            SameRows(detail, general, budget, subtotal, CheckIds.FiscalDetailVsGeneralBudget, r);
    }

    /// <summary>一般公共预算财政拨款支出决算明细表 (经济分类): 合计 = 基本 + 项目 per row; totals = 公开05; 基本支出 by class = 基本支出决算明细表.</summary>
    private static void EconomicDetail(SubjectTable detail, PublicTables t, Reconciler r)
    {
        SubjectTableRules.Check(detail, CheckIds.EconomicDetailRowKinds, r);
        if (t.GeneralBudget is { TotalRow: { } budgetTotal } budget && detail.TotalRow is { } total)
            foreach (var (words, name) in new[] { (new[] { "小计", "合计" }, "合计"), (new[] { "基本支出" }, "基本支出"), (new[] { "项目支出" }, "项目支出") })
                if (AnyOf(detail, words) is var mine and >= 0 && AnyOf(budget, words) is var theirs and >= 0)
                    r.Equal(CheckIds.EconomicDetailVsGeneralBudget, $"{detail.Info.Sheet}合计行“{name}”", total[mine],
                        $"{budget.Info.Sheet}合计行“{budget.Columns[theirs].Leaf}”", budgetTotal[theirs]);
        if (t.BasicDetail is { } basicDetail && detail.ColumnIndex("基本支出") is var basic and >= 0)
            foreach (var row in detail.Rows.Where(row => row.Level != SubjectLevel.Total))
                if (basicDetail.Find(row.Code) is { } item)
                    r.Equal(CheckIds.EconomicDetailVsBasicDetail, $"{detail.Info.Sheet} {row.Code} {row.Name}“基本支出”", row[basic],
                        $"{basicDetail.Info.Sheet} {item.Code} {item.Name}", item.Amount);
    }

    /// <summary>一般公共预算财政拨款项目支出决算表: its total is 公开05's 项目支出.</summary>
    private static void ProjectTable(SubjectTable project, SubjectTable general, Reconciler r)
    {
        var mine = project.ColumnIndex("项目支出") is var p and >= 0 ? p : AnyOf(project, "合计", "小计", "决算数");
        if (mine < 0 && project.Columns.Count > 0)
            mine = 0;
        if (project.TotalRow is { } total && general.TotalRow is { } generalTotal && mine >= 0 && general.ColumnIndex("项目支出") is var theirs and >= 0)
            r.Equal(CheckIds.ProjectTableVsGeneralBudget, $"{project.Info.Sheet}合计行“{project.Columns[mine].Leaf}”", total[mine],
                $"{general.Info.Sheet}合计行“项目支出”", generalTotal[theirs]);
    }

    /// <summary>国有资本经营预算财政拨款收入支出决算表: balanced row by row like 公开07; its 本年支出 = 公开04's 国有资本 column and 公开08's 合计.</summary>
    private static void CapitalIncome(SubjectTable table, PublicTables t, Reconciler r)
    {
        SubjectTableRules.Check(table, CheckIds.CapitalIncomeRowSubtotal, r);
        GovernmentFundRules.Check(table, CheckIds.CapitalIncomeRowBalance, r);
        if (t.FiscalSummary is { } fiscal)
            CrossTableRules.CategoriesAgainst(fiscal, Funds.Capital, table, "本年支出", CheckIds.CapitalIncomeVsFiscalSummary, r);
        var spent = table.Columns.ToList().FindIndex(c => c.Key.Contains("本年支出") && (c.IsTotal || c.Path.Count == 1));
        // An empty 公开08-type table (header only, as exported when there is no such spending) totals 0.
        if (t.StateCapital is { } capital && table.TotalRow is { } total && spent >= 0 && AnyOf(capital, "合计", "小计") is var theirs and >= 0)
            r.Equal(CheckIds.CapitalIncomeVsCapitalTable, $"{table.Info.Sheet}合计行“本年支出”", total[spent], $"{capital.Info.Sheet}合计行“{capital.Columns[theirs].Leaf}”",
                capital.TotalRow?[theirs] ?? Amount.Zero(new CellRef(capital.Info.Sheet, 1, 1)));
    }

    /// <summary>The first column whose header path holds any of the words.</summary>
    private static int AnyOf(SubjectTable table, params string[] words) =>
        table.Columns.ToList().FindIndex(c => words.Any(w => c.Key.Contains(w, StringComparison.Ordinal)));

    private static int FundColumn(SubjectTable table, string fund) =>
        table.Columns.ToList().FindIndex(c => c.Leaf.Contains(fund, StringComparison.Ordinal));

    /// <summary>Every 类/款/项 row of one table against the row of the same code in another (a row missing there counts as 0).</summary>
    private static void SameRows(SubjectTable table, int column, SubjectTable other, int otherColumn, string id, Reconciler r)
    {
        foreach (var row in table.Rows)
        {
            var match = row.Level == SubjectLevel.Total ? other.TotalRow : other.Find(row.Code);
            if (match is not null)
                r.Equal(id, $"{table.Info.Sheet} {SubjectTableRules.RowName(row)}“{table.Columns[column].Leaf}”", row[column],
                    $"{other.Info.Sheet} {SubjectTableRules.RowName(match)}“{other.Columns[otherColumn].Leaf}”", match[otherColumn]);
            else if (!row[column].IsZero)
                r.Add(new Diagnostic(id, Severity.Error,
                    $"{table.Info.Sheet} {SubjectTableRules.RowName(row)}“{table.Columns[column].Leaf}” {Reconciler.Money(row[column].Value)}，但{other.Info.Sheet}中没有科目{row.Code}",
                    row[column].Source));
        }
    }
}
