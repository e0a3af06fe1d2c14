namespace FinalAccounts.Model;

/// <summary>A 项目/行次/金额 line of table 01 or 04; Name is normalised (ordinal prefix such as "一、" removed).</summary>
public sealed record LineItem(string Name, string RawName, int SheetRow, IReadOnlyList<Amount> Values)
{
    public Amount Amount => Values[0];
}

/// <summary>One side (收入 or 支出) of a two-sided summary table.</summary>
public sealed record TableSide(IReadOnlyList<TableColumn> Columns, IReadOnlyList<LineItem> Lines)
{
    public LineItem? Find(string keyword) => Lines.FirstOrDefault(l => l.Name.Contains(keyword, StringComparison.Ordinal));

    public int IndexOf(string keyword)
    {
        for (var i = 0; i < Lines.Count; i++)
            if (Lines[i].Name.Contains(keyword, StringComparison.Ordinal))
                return i;
        return -1;
    }

    /// <summary>The lines above the first line containing the keyword, e.g. the income sources above 本年收入合计.</summary>
    public IReadOnlyList<LineItem> LinesBefore(string keyword)
    {
        var end = IndexOf(keyword);
        return end < 0 ? [] : Lines.Take(end).ToList();
    }
}

/// <summary>Tables 01 and 04: income on the left, expenditure on the right, side by side.</summary>
public sealed record TwoSidedTable(TableInfo Info, TableSide Income, TableSide Expenditure);
