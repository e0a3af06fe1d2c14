using System.Text.RegularExpressions;
using FinalAccounts.Model;

namespace FinalAccounts.Input;

/// <summary>
/// Reads tables 02, 03, 05, 07 and 08: a 科目 code (one column, split 类/款/项 columns, or code and
/// name in one cell), a name, then amount columns named by their headers. Rows are whatever the
/// sheet lists; the level comes from the code length.
/// </summary>
internal static partial class SubjectTableParser
{
    public static SubjectTable? Parse(RawSheet sheet, TableInfo info, List<Diagnostic> diagnostics)
    {
        var headerRow = HeaderGrid.FindRow(sheet, 1, (s, r) => HeaderGrid.RowTexts(s, r).Any(IsSubjectHeader));
        if (headerRow < 0)
        {
            diagnostics.Add(InputIds.Error(InputIds.HeaderNotFound, "找不到表头（“科目编码”“科目名称”或“项目”），无法读取本表。", new CellRef(sheet.Name, 1, 1)));
            return null;
        }
        var dataRow = FirstDataRow(sheet, headerRow);
        if (dataRow < 0)
            dataRow = sheet.RowCount + 1;   // header only: an empty table, which is allowed; its columns still count

        var paths = HeaderGrid.PathsOf(sheet, sheet.Columns, headerRow, dataRow).ToDictionary(c => c.Column, c => c.Path);
        var codeColumns = paths.Where(p => p.Value.Any(t => t.Contains("编码") || t.Contains("代码")) || p.Value.LastOrDefault() is "类" or "款" or "项")
            .Select(p => p.Key).OrderBy(c => c).ToList();
        var nameColumn = paths.Where(p => p.Value.Any(t => t.Contains("名称"))).Select(p => p.Key).DefaultIfEmpty(-1).First();
        if (codeColumns.Count == 0)
            codeColumns.Add(nameColumn > 1 ? nameColumn - 1 : 1);
        if (nameColumn < 0)
            nameColumn = codeColumns[^1];
        var lastLabelColumn = Math.Max(codeColumns[^1], nameColumn);
        var columns = paths.Where(p => p.Key > lastLabelColumn && p.Value.Count > 0 && !p.Value.Any(t => t.Contains("行次")))
            .OrderBy(p => p.Key).Select(p => new TableColumn(p.Key, p.Value)).ToList();

        var amounts = new AmountCells(sheet, info.Unit, diagnostics);
        var rows = new List<SubjectRow>();
        foreach (var row in sheet.RowsFrom(dataRow))
        {
            if (sheet.IsRowEmpty(row) || HeaderGrid.IsColumnNumberRow(sheet, row))
                continue;
            if (HeaderGrid.IsNoteRow(sheet, row))
                break;
            var (code, name) = ReadLabel(sheet, row, codeColumns, nameColumn);
            var level = LevelOf(code, name);
            if (level is null)
            {
                diagnostics.Add(InputIds.Warning(InputIds.RowNotRecognised,
                    $"无法识别的行（科目编码“{code}”，名称“{name}”），已跳过；科目编码应为3、5或7位数字。", new CellRef(sheet.Name, row, codeColumns[0])));
                continue;
            }
            var values = columns.Select(c => amounts.Read(row, c.SheetColumn)).ToList();
            rows.Add(new SubjectRow(level == SubjectLevel.Total ? "" : code, name, level.Value, row, values));
        }
        return new SubjectTable(info, columns, rows);
    }

    private static bool IsSubjectHeader(string text) =>
        text is "项目" or "科目" || text.Contains("科目编码") || text.Contains("科目代码") || text.Contains("科目名称");

    private static int FirstDataRow(RawSheet sheet, int headerRow)
    {
        foreach (var row in sheet.RowsFrom(headerRow + 1))
        {
            // 合计 also heads amount columns (公开08表 has a 合计 column), so only the label columns count.
            for (var column = 1; column <= Math.Min(4, sheet.ColumnCount); column++)
            {
                var own = LabelText.Normalise(sheet.Text(row, column));
                if (column <= 2 && own is "合计" or "总计" || CodeWithName().IsMatch(own))
                    return row;
            }
        }
        return -1;
    }

    private static (string Code, string Name) ReadLabel(RawSheet sheet, int row, List<int> codeColumns, int nameColumn)
    {
        var code = string.Concat(codeColumns.Select(c => LabelText.Normalise(sheet.Text(row, c))));
        var name = nameColumn == codeColumns[^1] ? "" : sheet.Text(row, nameColumn).Trim();
        var combined = CodeWithName().Match(code);
        if (combined.Success && combined.Groups[2].Value.Length > 0)
        {
            // Code and name in one cell, e.g. "2080505 机关事业单位基本养老保险缴费支出".
            name = name.Length == 0 ? combined.Groups[2].Value : name;
            code = combined.Groups[1].Value;
        }
        return (code, name.Length == 0 ? code : name);
    }

    private static SubjectLevel? LevelOf(string code, string name)
    {
        if (code.Contains("合计") || LabelText.Normalise(name) is "合计" or "总计")
            return SubjectLevel.Total;
        if (code.AsSpan().ContainsAnyExceptInRange('0', '9'))
            return null;
        return code.Length switch
        {
            3 => SubjectLevel.Category,
            5 => SubjectLevel.Section,
            7 => SubjectLevel.Item,
            _ => null,
        };
    }

    // A name glued to the code must start with a Chinese character: "21301X" is a typo, not a name.
    [GeneratedRegex(@"^(\d{3}|\d{5}|\d{7})(\p{IsCJKUnifiedIdeographs}.*)?$")]
    private static partial Regex CodeWithName();
}
