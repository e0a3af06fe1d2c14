using System.Text.RegularExpressions;
using FinalAccounts.Model;

namespace FinalAccounts.Input;

/// <summary>
/// Reads table 06: groups of 科目代码/科目名称/决算数 side by side, and the 人员经费合计 and
/// 公用经费合计 footer. Which group an item belongs to is decided later by its code, not its column.
/// </summary>
internal static partial class EconomicDetailParser
{
    public static EconomicDetailTable? Parse(RawSheet sheet, TableInfo info, List<Diagnostic> diagnostics)
    {
        var headerRow = HeaderGrid.FindRow(sheet, 1, (s, r) => HeaderGrid.RowTexts(s, r).Any(t => t.Contains("科目代码") || t.Contains("科目编码")));
        if (headerRow < 0)
        {
            diagnostics.Add(InputIds.Error(InputIds.HeaderNotFound, "找不到“科目代码”表头，无法读取本表。", new CellRef(sheet.Name, 1, 1)));
            return null;
        }
        var groups = sheet.Columns
            .Where(c => LabelText.Normalise(sheet.Text(headerRow, c)) is var t && (t.Contains("科目代码") || t.Contains("科目编码")))
            .Select(c => (Code: c, Name: c + 1, Amount: AmountColumnAfter(sheet, headerRow, c)))
            .ToList();

        var amounts = new AmountCells(sheet, info.Unit, diagnostics);
        var items = new List<EconomicItem>();
        Amount? personnel = null, @public = null;
        foreach (var row in sheet.RowsFrom(headerRow + 1))
        {
            if (HeaderGrid.IsNoteRow(sheet, row))
                break;
            foreach (var group in groups)
            {
                var code = LabelText.Normalise(sheet.Text(row, group.Code));
                if (EconomicCode().IsMatch(code))
                    items.Add(new EconomicItem(code, sheet.Text(row, group.Name).Trim(), amounts.Read(row, group.Amount)));
            }
            foreach (var cell in sheet.CellsInRow(row))
            {
                var (column, text) = (cell.Column, LabelText.Normalise(cell.Text));
                if (text.Contains("人员经费合计") || text == "人员经费")
                    personnel = FooterAmount(sheet, amounts, row, column) ?? personnel;
                else if (text.Contains("公用经费合计") || text == "公用经费")
                    @public = FooterAmount(sheet, amounts, row, column) ?? @public;
            }
        }
        return new EconomicDetailTable(info, items, personnel, @public);
    }

    private static int AmountColumnAfter(RawSheet sheet, int headerRow, int codeColumn)
    {
        for (var c = codeColumn + 1; c <= Math.Min(sheet.ColumnCount, codeColumn + 3); c++)
        {
            var text = LabelText.Normalise(sheet.Text(headerRow, c));
            if (text.Contains("决算数") || text.Contains("金额") || text.Contains("合计"))
                return c;
        }
        return codeColumn + 2;
    }

    /// <summary>The footer value sits in the first non-blank cell to the right of its label.</summary>
    private static Amount? FooterAmount(RawSheet sheet, AmountCells amounts, int row, int labelColumn)
    {
        foreach (var cell in sheet.CellsInRow(row).Where(c => c.Column > labelColumn))
        {
            var c = cell.Column;
            if (cell.Text.Trim().Length == 0)
                continue;
            if (cell.Number is null && LabelText.Normalise(cell.Text).Contains("经费"))
                return null;   // reached the next label: this footer has no value
            return amounts.Read(row, c);
        }
        return null;
    }

    [GeneratedRegex(@"^\d{3}(\d{2})?$")]
    private static partial Regex EconomicCode();
}
