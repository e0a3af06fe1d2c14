using FinalAccounts.Model;

namespace FinalAccounts.Checks;

/// <summary>
/// Rules every 科目 table obeys: within a row, a 合计/小计 column equals its sibling columns; down
/// a column, 合计 = Σ 类, 类 = Σ 款, 款 = Σ 项.
/// </summary>
internal static class SubjectTableRules
{
    public static void Check(SubjectTable table, string rowRuleId, Reconciler r)
    {
        CheckSubtotalColumns(table, rowRuleId, r);
        CheckHierarchy(table, r);
    }

    private static void CheckSubtotalColumns(SubjectTable table, string id, Reconciler r)
    {
        for (var c = 0; c < table.Columns.Count; c++)
        {
            var total = table.Columns[c];
            if (!total.IsTotal)
                continue;
            var parts = Enumerable.Range(0, table.Columns.Count)
                .Where(i => i != c && table.Columns[i].Parent == total.Parent && !table.Columns[i].IsTotal)
                .ToList();
            if (parts.Count == 0)
                continue;
            var partsName = string.Join("+", parts.Select(i => table.Columns[i].Leaf));
            foreach (var row in table.Rows)
                r.SumEquals(id, $"{RowName(row)}“{total.Leaf}”", row[c], partsName, parts.Select(i => row[i]));
        }
    }

    private static void CheckHierarchy(SubjectTable table, Reconciler r)
    {
        var categories = table.RowsAt(SubjectLevel.Category).ToList();
        var total = table.TotalRow;
        var childrenOf = table.Rows.Where(r => r.ParentCode is not null).ToLookup(r => r.ParentCode!);
        if (total is null && table.Rows.Count > 0)
            r.Missing($"{table.Info.Sheet}的“合计”行", new CellRef(table.Info.Sheet, table.Rows[0].SheetRow, 1));
        for (var c = 0; c < table.Columns.Count; c++)
        {
            var leaf = table.Columns[c].Leaf;
            if (total is not null)
                r.SumEquals(CheckIds.TotalEqualsCategories, $"合计行“{leaf}”", total[c], "各类之和", categories.Select(row => row[c]));
            foreach (var parent in table.Rows.Where(row => row.Level is SubjectLevel.Category or SubjectLevel.Section))
            {
                var children = childrenOf[parent.Code].ToList();
                if (children.Count == 0)
                    continue;
                var (id, childName) = parent.Level == SubjectLevel.Category
                    ? (CheckIds.CategoryEqualsSections, "所属各款之和")
                    : (CheckIds.SectionEqualsItems, "所属各项之和");
                r.SumEquals(id, $"{RowName(parent)}“{leaf}”", parent[c], childName, children.Select(row => row[c]));
            }
        }
    }

    public static string RowName(SubjectRow row) => row.Level == SubjectLevel.Total ? "合计行" : $"{row.Code} {row.Name}";
}
