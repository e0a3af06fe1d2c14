using FinalAccounts.Model;

namespace FinalAccounts.Input;

/// <summary>The 文字 sheet beyond its columns' types: one name (per project) is one text, so a second row of it is named.</summary>
internal static class NamedTextSheet
{
    public static void CheckNames(ListSheet sheet, List<Diagnostic> diagnostics)
    {
        int name = sheet.ColumnOf("名称"), project = sheet.ColumnOf("项目名称");
        var seen = new Dictionary<(string, string), ListRow>();
        foreach (var row in sheet.Rows.Where(r => r[name].Length > 0))
        {
            var key = (LabelText.Key(row[name]), LabelText.Key(row[project]));
            if (seen.TryGetValue(key, out var first))
                diagnostics.Add(InputIds.Warning(InputIds.NameTwice,
                    $"文字“{Printable.Escape(row[name])}”{(row[project].Length > 0 ? $"（项目“{Printable.Escape(row[project])}”）" : "")}在第{first.SheetRow}行已有一行，报告只用第一行；请合并或改名。", row.CellAt(name)));
            else
                seen[key] = row;
        }
    }
}
