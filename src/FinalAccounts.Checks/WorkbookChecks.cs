using FinalAccounts.Model;

namespace FinalAccounts.Checks;

/// <summary>
/// The check stage: runs every reconciliation rule the workbook's data allows and returns all
/// findings at once, in sheet and cell order. It never throws for bad data.
/// </summary>
public static class WorkbookChecks
{
    public static IReadOnlyList<Diagnostic> Run(FinalAccountsWorkbook workbook)
    {
        var r = new Reconciler();
        var t = workbook.Tables;
        if (t.Summary is { } summary)
            SummaryRules.Check(summary, r);
        if (t.Income is { } income)
            SubjectTableRules.Check(income, CheckIds.IncomeRowSources, r);
        if (t.Expenditure is { } expenditure)
            SubjectTableRules.Check(expenditure, CheckIds.ExpenditureRowKinds, r);
        if (t.FiscalSummary is { } fiscal)
            FiscalSummaryRules.Check(fiscal, r);
        if (t.GeneralBudget is { } general)
            SubjectTableRules.Check(general, CheckIds.GeneralBudgetRowSubtotal, r);
        if (t.BasicDetail is { } detail)
            EconomicDetailRules.Check(detail, r);
        if (t.GovernmentFund is { } fund)
        {
            SubjectTableRules.Check(fund, CheckIds.GovernmentFundRowSubtotal, r);
            GovernmentFundRules.Check(fund, CheckIds.GovernmentFundRowBalance, r);
        }
        if (t.StateCapital is { } capital)
            SubjectTableRules.Check(capital, CheckIds.StateCapitalRowSubtotal, r);
        if (t.ThreePublic is { } threePublic)
            ThreePublicRules.Check(threePublic, r);
        CrossTableRules.Check(t, r);
        RegionalTableRules.Check(t, r);
        SupplementRules.Check(workbook, r);
        IdentityRules.Check(workbook, r);
        return Order(r.Findings);
    }

    /// <summary>Sheet by sheet in workbook order, then by row and column: the order a user fixes them in.</summary>
    public static IReadOnlyList<Diagnostic> Order(IEnumerable<Diagnostic> findings) =>
        findings.OrderBy(f => f.Location is null ? 0 : 1)
            .ThenBy(f => f.Location?.Sheet, StringComparer.Ordinal)
            .ThenBy(f => f.Location?.Row ?? 0)
            .ThenBy(f => f.Location?.Column ?? 0)
            .ThenBy(f => f.Id, StringComparer.Ordinal)
            .ToList();
}

/// <summary>公开07表 (and Sichuan's 国有资本经营预算财政拨款收入支出决算表) row by row: 年初结转和结余 + 本年收入 − 本年支出 = 年末结转和结余.</summary>
internal static class GovernmentFundRules
{
    public static void Check(SubjectTable table, string id, Reconciler r)
    {
        int Column(Func<TableColumn, bool> match) => table.Columns.ToList().FindIndex(c => match(c));
        var opening = Column(c => c.Path[0].Contains("年初"));
        var received = Column(c => c.Path[0].Contains("本年收入"));
        var spent = Column(c => c.Path[0].Contains("本年支出") && (c.IsTotal || c.Path.Count == 1));
        var closing = Column(c => c.Path[0].Contains("年末"));
        if (new[] { opening, received, spent, closing }.Any(i => i < 0))
            return;
        foreach (var row in table.Rows)
            r.SumEquals(id, $"{SubjectTableRules.RowName(row)}“年末结转和结余”", row[closing],
                "年初结转和结余+本年收入−本年支出", [(row[opening], 1), (row[received], 1), (row[spent], -1)]);
    }
}
