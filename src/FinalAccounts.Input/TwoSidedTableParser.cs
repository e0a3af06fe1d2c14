using FinalAccounts.Model;

namespace FinalAccounts.Input;

/// <summary>
/// Reads tables 01 and 04: two 项目 columns side by side (收入 left, 支出 right), each followed by
/// 行次 and one or more amount columns. Lines are taken as listed; names are compared by meaning.
/// </summary>
internal static class TwoSidedTableParser
{
    public static TwoSidedTable? Parse(RawSheet sheet, TableInfo info, List<Diagnostic> diagnostics)
    {
        var headerRow = HeaderGrid.FindRow(sheet, 1, (s, r) => HeaderGrid.RowTexts(s, r).Count(t => t == "项目") >= 2);
        if (headerRow < 0)
        {
            diagnostics.Add(InputIds.Error(InputIds.HeaderNotFound, "找不到收入、支出两侧的“项目”表头，无法读取本表。", new CellRef(sheet.Name, 1, 1)));
            return null;
        }
        var itemColumns = sheet.Columns
            .Where(c => LabelText.Normalise(sheet.MergedText(headerRow, c)) == "项目")
            .Where(c => c == 1 || LabelText.Normalise(sheet.MergedText(headerRow, c - 1)) != "项目")   // a merged 项目 counts once
            .Take(2).ToArray();
        if (itemColumns.Length < 2)
        {
            diagnostics.Add(InputIds.Error(InputIds.HeaderNotFound, "找不到收入、支出两侧的“项目”表头，无法读取本表。", new CellRef(sheet.Name, headerRow, 1)));
            return null;
        }
        var (left, right) = (itemColumns[0], itemColumns[1]);
        // Rows without cells are continuations too, so the data starts at the first row holding cells that is not one.
        var dataRow = sheet.RowsFrom(headerRow + 1).Where(r => !IsHeaderContinuation(sheet, r, left)).DefaultIfEmpty(sheet.RowCount + 1).First();

        var amounts = new AmountCells(sheet, info.Unit, diagnostics);
        var income = ReadSide(sheet, amounts, headerRow, dataRow, left, right - 1);
        var expenditure = ReadSide(sheet, amounts, headerRow, dataRow, right, sheet.ColumnCount);
        return new TwoSidedTable(info, income, expenditure);
    }

    private static bool IsHeaderContinuation(RawSheet sheet, int row, int itemColumn)
    {
        var own = LabelText.Normalise(sheet.Text(row, itemColumn));
        // A blank 项目 cell on a row of text only is the second line of a two-row header.
        return own.Length == 0 ? !sheet.CellsInRow(row).Any(c => c.Number is not null)
            : own is "项目" or "栏次" || HeaderGrid.IsColumnNumberRow(sheet, row);
    }

    private static TableSide ReadSide(RawSheet sheet, AmountCells amounts, int headerRow, int dataRow, int itemColumn, int lastColumn)
    {
        var columns = HeaderGrid.PathsOf(sheet, sheet.Columns.Where(c => c > itemColumn && c <= lastColumn), headerRow, dataRow)
            .Select(c => new TableColumn(c.Column, c.Path))
            .Where(c => c.Path.Count > 0 && !c.Path.Any(t => t.Contains("行次")))
            .Select(c => c with { Path = c.Path.Where(t => t is not ("收入" or "支出")).DefaultIfEmpty("金额").ToList() })
            .ToList();
        var lines = new List<LineItem>();
        foreach (var row in sheet.RowsFrom(dataRow))
        {
            if (HeaderGrid.IsNoteRow(sheet, row))
                break;
            var raw = sheet.Text(row, itemColumn).Trim();
            if (raw.Length == 0 || HeaderGrid.IsColumnNumberRow(sheet, row))
                continue;
            lines.Add(new LineItem(LineNames.Normalise(raw), raw, row, columns.Select(c => amounts.Read(row, c.SheetColumn)).ToList()));
        }
        return new TableSide(columns, lines);
    }
}
