using FinalAccounts.Model;

namespace FinalAccounts.Calculation;

/// <summary>Sections 五 and 六: 一般公共预算财政拨款支出 by 类 and by 项, and its 基本支出.</summary>
public sealed partial class ReportCalculator
{
    private GeneralBudgetSection GeneralBudget()
    {
        var table = _w.Tables.GeneralBudget;
        var totalColumn = table?.Columns.ToList().FindIndex(c => c.IsTotal) ?? -1;
        Money Cell(SubjectRow? row, int column) => row is null || column < 0 ? Zero : Round.Money(row[column]);
        var total = Cell(table?.TotalRow, totalColumn);
        var change = _p.Change(total, Prior("一般公共预算财政拨款支出"), "一般公共预算财政拨款支出", ReasonFrom("一般公共预算财政拨款支出变动原因"));
        var expenditureTotal = MoneyOf(SummaryExpenditure.Find("本年支出合计")?.Amount);
        var share = Round.Percent(expenditureTotal.Value == 0 ? 0 : total.Value / expenditureTotal.Value * 100m).Of(total, expenditureTotal);
        var categories = table is null ? [] : Phrasing.Shares(table.RowsAt(SubjectLevel.Category).Select(r => (r.Name, r.Code, Cell(r, totalColumn))));
        var items = table is null ? [] : table.RowsAt(SubjectLevel.Item).Select((row, i) => BudgetItemOf(table, row, i + 1, Cell(row, totalColumn))).ToList();
        // 五(三)'s opening sentence: the whole against the sum of the 项' budgets, each already rounded once; when one
        // 项 lacks its budget the sum is unknown, so the rate is a placeholder, never a rate of the others alone.
        var budgets = items.Select(i => i.Completion.Budget).ToList();
        var totalBudget = budgets.FirstOrDefault(b => b.IsMissing)
            ?? Round.Figure(budgets.Sum(b => b.Value), budgets.SelectMany(b => b.Sources));
        var completion = _p.Completion(total, totalBudget, "一般公共预算财政拨款支出", NoReason);
        return new GeneralBudgetSection(change, share, Cell(table?.TotalRow, table?.ColumnIndex("基本支出") ?? -1),
            Cell(table?.TotalRow, table?.ColumnIndex("项目支出") ?? -1), categories, items, completion);
    }

    private BudgetItem BudgetItemOf(SubjectTable table, SubjectRow row, int number, Money amount)
    {
        var budgets = _w.List(WorkbookLayout.ItemBudgets);
        var line = budgets.Rows.FirstOrDefault(r => r[budgets.ColumnOf("科目代码")] == row.Code);
        var basisColumn = budgets.ColumnOf(_p.Settings.BudgetBasis == "年初预算" ? "年初预算数" : "调整预算数");
        var budget = line?.Number(basisColumn) is { } value
            ? Round.Money(value, [line.CellAt(basisColumn).ToString()])
            : _p.MissingMoney(Phrasing.MissingBudgetId, $"{row.Code} {row.Name} 缺少{_p.Settings.BudgetBasis}数，无法计算预算完成情况。",
                line?.CellAt(basisColumn) ?? new CellRef(budgets.Sheet, 1, 1), $"{row.Code} {row.Name}预算数");
        var reasonColumn = budgets.ColumnOf("决算与预算差异原因");
        var completion = _p.Completion(amount, budget, $"{row.Code} {row.Name}",
            required => _p.ReasonOf(line?[reasonColumn], required, $"{row.Code} {row.Name}决算与预算差异原因",
                line?.CellAt(reasonColumn) ?? new CellRef(budgets.Sheet, 1, 1)));
        var category = table.Find(row.Code[..3])?.Name ?? "";
        var section = table.Find(row.Code[..5])?.Name ?? "";
        return new BudgetItem(number, row.Code, category, section, row.Name, amount, completion);
    }

    private BasicSection Basic()
    {
        var detail = _w.Tables.BasicDetail;
        var items = detail?.Items ?? [];
        IReadOnlyList<NamedMoney> ItemsOf(string[] groups) => items
            .Where(i => !i.IsGroup && groups.Any(g => i.Code.StartsWith(g, StringComparison.Ordinal)) && !i.Amount.IsZero)
            .OrderBy(i => i.Code, StringComparer.Ordinal)
            .Select(i => new NamedMoney(i.Code, i.Name, Round.Money(i.Amount))).ToList();
        var personnel = MoneyOf(detail?.PersonnelTotal);
        var @public = MoneyOf(detail?.PublicTotal);
        var personnelItems = ItemsOf(EconomicDetailTable.PersonnelGroups);
        var publicItems = ItemsOf(EconomicDetailTable.PublicGroups);
        var total = Round.Figure(personnel.Value + @public.Value, personnel.Sources.Concat(@public.Sources));
        return new BasicSection(total, personnel, personnelItems, personnelItems.Select(i => i.Name).ToList(),
            @public, publicItems, publicItems.Select(i => i.Name).ToList(),
            _p.Change(personnel, Prior("人员经费"), "人员经费", NoReason), _p.Change(@public, Prior("公用经费"), "公用经费", NoReason),
            _p.Change(total, Prior("一般公共预算财政拨款基本支出"), "一般公共预算财政拨款基本支出", NoReason));
    }
}
