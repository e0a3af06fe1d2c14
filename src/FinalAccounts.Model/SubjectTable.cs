namespace FinalAccounts.Model;

/// <summary>Level of a 功能分类 row: the code length says it (3 类, 5 款, 7 项).</summary>
public enum SubjectLevel
{
    Total,
    Category,     // 类
    Section,      // 款
    Item,         // 项
}

/// <summary>One row of a 科目 table: a 合计 row or a 类/款/项 row with one amount per column.</summary>
public sealed record SubjectRow(string Code, string Name, SubjectLevel Level, int SheetRow, IReadOnlyList<Amount> Values)
{
    public Amount this[int columnIndex] => Values[columnIndex];

    /// <summary>The code of the row one level up (款 → 类, 项 → 款).</summary>
    public string? ParentCode => Level switch
    {
        SubjectLevel.Section => Code[..3],
        SubjectLevel.Item => Code[..5],
        _ => null,
    };
}

/// <summary>
/// Tables 02, 03, 05, 07 and 08: 科目代码, 科目名称, then amount columns. The columns and rows are
/// whatever the sheet holds; nothing here assumes which 类 exist.
/// </summary>
public sealed record SubjectTable(TableInfo Info, IReadOnlyList<TableColumn> Columns, IReadOnlyList<SubjectRow> Rows)
{
    public SubjectRow? TotalRow => Rows.FirstOrDefault(r => r.Level == SubjectLevel.Total);

    public IEnumerable<SubjectRow> RowsAt(SubjectLevel level) => Rows.Where(r => r.Level == level);

    private Dictionary<string, SubjectRow>? _byCode;

    /// <summary>The first row with this code; indexed, since checks look up every row of a table in another.</summary>
    public SubjectRow? Find(string code)
    {
        _byCode ??= Rows.Where(r => r.Level != SubjectLevel.Total).GroupBy(r => r.Code).ToDictionary(g => g.Key, g => g.First());
        return _byCode.GetValueOrDefault(code);
    }

    /// <summary>Index of the first column whose header path contains every keyword, or -1.</summary>
    public int ColumnIndex(params string[] keywords) => Columns.FindIndex(keywords);
}

public static class ColumnSearch
{
    public static int FindIndex(this IReadOnlyList<TableColumn> columns, params string[] keywords)
    {
        for (var i = 0; i < columns.Count; i++)
            if (keywords.All(k => columns[i].Key.Contains(k, StringComparison.Ordinal)))
                return i;
        return -1;
    }
}
