using FinalAccounts.Model;

namespace FinalAccounts.Input;

/// <summary>
/// Reads table 09: a multi-row header (预算数/决算数 over 合计, 因公出国(境)费, 公务用车购置及运行维护费
/// with its 小计/购置费/运行费, 公务接待费) and one data row.
/// </summary>
internal static class ThreePublicParser
{
    public static ThreePublicTable? Parse(RawSheet sheet, TableInfo info, List<Diagnostic> diagnostics)
    {
        var headerRow = HeaderGrid.FindRow(sheet, 1, (s, r) => HeaderGrid.RowTexts(s, r).Any(t => t.Contains("预算数")) && HeaderGrid.RowTexts(s, r).Any(t => t.Contains("决算数")));
        if (headerRow < 0)
        {
            diagnostics.Add(InputIds.Error(InputIds.HeaderNotFound, "找不到“预算数”“决算数”表头，无法读取本表。", new CellRef(sheet.Name, 1, 1)));
            return null;
        }
        var dataRow = sheet.RowsFrom(headerRow + 1).Where(r => IsDataRow(sheet, r)).DefaultIfEmpty(sheet.RowCount + 1).First();
        var columns = HeaderGrid.PathsOf(sheet, sheet.Columns, headerRow, dataRow)
            .Select(c => new TableColumn(c.Column, c.Path))
            .Where(c => c.Path.Count > 0 && (c.Path[0].Contains("预算数") || c.Path[0].Contains("决算数")))
            .ToList();
        if (dataRow > sheet.RowCount)
            dataRow = -1;   // no data row: every figure is zero, but the cells still name where they belong
        var amounts = new AmountCells(sheet, info.Unit, diagnostics);
        var values = columns.Select(c => dataRow < 0 ? Amount.Zero(new CellRef(sheet.Name, headerRow + 1, c.SheetColumn)) : amounts.Read(dataRow, c.SheetColumn)).ToList();
        return new ThreePublicTable(info, columns, values);
    }

    /// <summary>The data row holds amounts only (numbers, numbers as text, dashes); header rows hold words.</summary>
    private static bool IsDataRow(RawSheet sheet, int row)
    {
        if (sheet.IsRowEmpty(row) || HeaderGrid.IsColumnNumberRow(sheet, row) || HeaderGrid.IsNoteRow(sheet, row))
            return false;
        var cells = sheet.CellsInRow(row).Where(c => c.Text.Trim().Length > 0).ToList();
        return cells.Count(c => AmountText.TryParse(c, out _)) >= cells.Count - 1;   // one label cell (e.g. 金额) may lead
    }
}
