using FinalAccounts.Model;

namespace FinalAccounts.Input;

/// <summary>
/// Reads a sheet named 表格… as the user laid it out: an optional unit line (单位：万元) above the table,
/// then every row that holds something. The header is the first row together with the rows its merged
/// cells reach down to, so a two-row header with 合并单元格 stays one header.
/// </summary>
internal static class UserTableParser
{
    /// <summary>Word lays out at most 63 columns; a table of more rows than this is not a table a report prints.</summary>
    public const int MaxColumns = 63, MaxRows = 2_000;

    private static readonly (string Text, UserTableUnit Unit)[] Units =
    [
        ("万元", UserTableUnit.TenThousandYuan), ("元", UserTableUnit.Yuan), ("分", UserTableUnit.Points), ("%", UserTableUnit.Percent),
    ];

    /// <summary>"表格 评分表", "表格-评分表", "表格：评分表" → "评分表"; null for any other sheet.</summary>
    public static string? NameOf(string sheetName)
    {
        var name = sheetName.Trim();
        if (!name.StartsWith(WorkbookLayout.UserTablePrefix, StringComparison.Ordinal))
            return null;
        name = name[WorkbookLayout.UserTablePrefix.Length..].TrimStart(' ', '\u3000', '-', '_', '—', '：', ':', '·', '.', '、');
        return name.Length == 0 ? null : name;
    }

    public static UserTable Read(RawSheet sheet, string name, List<Diagnostic> diagnostics)
    {
        var unit = UserTableUnit.None;
        var unitText = "";
        var first = sheet.Rows.FirstOrDefault(r => !sheet.IsRowEmpty(r));
        if (first > 0 && UnitLine(sheet, first) is { } declared)
        {
            unitText = declared.Text;
            var known = Units.FirstOrDefault(u => u.Text == LabelText.Normalise(declared.Text));
            if (known.Text is null)
                diagnostics.Add(InputIds.Warning(InputIds.UserTableUnitUnknown,
                    $"表格的单位“{Printable.Escape(declared.Text)}”无法识别（可用：万元、元、分、%）；数字按填写的样子打印。", new CellRef(sheet.Name, first, declared.Column)));
            else
                unit = known.Unit;
            first = sheet.RowsFrom(first + 1).FirstOrDefault(r => !sheet.IsRowEmpty(r));
        }
        var rows = first == 0 ? [] : sheet.RowsFrom(first).Where(r => !sheet.IsRowEmpty(r) || sheet.Merges.Any(m => m.FromRow < r && m.ToRow >= r)).ToList();
        var columns = Math.Max(
            rows.SelectMany(r => sheet.CellsInRow(r)).Where(c => c.Text.Trim().Length > 0).Select(c => c.Column).DefaultIfEmpty(1).Max(),
            sheet.Merges.Where(m => rows.Contains(m.FromRow)).Select(m => m.ToColumn).DefaultIfEmpty(1).Max());
        if (rows.Count > MaxRows || columns > MaxColumns)
        {
            diagnostics.Add(InputIds.Warning(InputIds.UserTableTooLarge,
                $"表格有 {rows.Count} 行、{columns} 列，报告中只打印前 {Math.Min(rows.Count, MaxRows)} 行、{Math.Min(columns, MaxColumns)} 列（上限 {MaxRows} 行、{MaxColumns} 列）。",
                new CellRef(sheet.Name, first, 1)));
            rows = rows.Take(MaxRows).ToList();
            columns = Math.Min(columns, MaxColumns);
        }
        var headerEnd = first;
        foreach (var merge in sheet.Merges.Where(m => m.FromRow >= first && m.FromRow <= headerEnd).OrderBy(m => m.FromRow))
            headerEnd = Math.Max(headerEnd, merge.ToRow);
        return new UserTable(name, sheet, unit, unitText, rows, rows.Count(r => r <= headerEnd), columns);
    }

    /// <summary>A row holding only "单位：万元" or "金额单位：元": the unit's text and its column, else null.</summary>
    private static (string Text, int Column)? UnitLine(RawSheet sheet, int row)
    {
        var cells = sheet.CellsInRow(row).Where(c => c.Text.Trim().Length > 0).ToList();
        if (cells.Count != 1)
            return null;
        var text = LabelText.Normalise(cells[0].Text);
        foreach (var prefix in new[] { "金额单位:", "单位:" })
            if (text.StartsWith(prefix, StringComparison.Ordinal))
                return (text[prefix.Length..], cells[0].Column);
        return null;
    }
}
