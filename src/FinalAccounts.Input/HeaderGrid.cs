using FinalAccounts.Model;

namespace FinalAccounts.Input;

/// <summary>
/// Finds a table's header rows and names each column by the header texts above it, reading merged
/// cells as Excel shows them. Positions come from the sheet, never from fixed cell addresses.
/// </summary>
internal static class HeaderGrid
{
    /// <summary>How far down a header may start: title, department and unit rows come first.</summary>
    public const int SearchRows = 20;

    public static int FindRow(RawSheet sheet, int fromRow, Func<RawSheet, int, bool> predicate)
    {
        foreach (var row in sheet.RowsBetween(fromRow, fromRow + SearchRows + 1))
            if (predicate(sheet, row))
                return row;
        return -1;
    }

    public static IEnumerable<string> RowTexts(RawSheet sheet, int row)
    {
        foreach (var column in sheet.Columns)
            yield return LabelText.Normalise(sheet.MergedText(row, column));
    }

    /// <summary>The 栏次 row numbers the columns (栏次, 1, 2, 3 …): it belongs to neither header nor data.</summary>
    public static bool IsColumnNumberRow(RawSheet sheet, int row)
    {
        var numbers = new List<double>();
        foreach (var cell in sheet.CellsInRow(row))
        {
            var text = LabelText.Normalise(cell.Text);
            if (text is "栏次" or "行次")
                return true;
            if (text.Length == 0)
                continue;
            if (!double.TryParse(text, out var number) || number != Math.Floor(number))
                return false;
            numbers.Add(number);
        }
        return numbers.Count >= 3 && numbers.Zip(numbers.Skip(1)).All(p => p.Second == p.First + 1) && numbers[0] <= 1;
    }

    /// <summary>
    /// The header path of each column, in the order given: its distinct texts top to bottom over the
    /// header rows. The header rows (without the 栏次 row) are found once for the whole table.
    /// </summary>
    public static List<(int Column, IReadOnlyList<string> Path)> PathsOf(RawSheet sheet, IEnumerable<int> columns, int fromRow, int toRowExclusive)
    {
        var rows = HeaderRows(sheet, fromRow, toRowExclusive);
        return columns.Select(c => (c, PathOf(sheet, c, rows))).ToList();
    }

    private static List<int> HeaderRows(RawSheet sheet, int fromRow, int toRowExclusive) =>
        sheet.RowsBetween(fromRow, toRowExclusive).Where(row => !IsColumnNumberRow(sheet, row)).ToList();

    private static IReadOnlyList<string> PathOf(RawSheet sheet, int column, List<int> headerRows)
    {
        var path = new List<string>();
        foreach (var row in headerRows)
        {
            var text = LabelText.Normalise(sheet.MergedText(row, column));
            if (text.Length > 0 && (path.Count == 0 || path[^1] != text))
                path.Add(text);
        }
        return path;
    }

    public static bool IsNoteRow(RawSheet sheet, int row)
    {
        var first = RowTexts(sheet, row).FirstOrDefault(t => t.Length > 0) ?? "";
        return first.StartsWith("注", StringComparison.Ordinal) || first.StartsWith("备注", StringComparison.Ordinal)
            || first.StartsWith("说明:", StringComparison.Ordinal);
    }
}

/// <summary>Reads amount cells of one table, converting the declared unit to 万元 and reporting text that is not a number.</summary>
internal sealed class AmountCells(RawSheet sheet, AmountUnit unit, List<Diagnostic> diagnostics)
{
    /// <summary>Beyond this (万元) a figure is a typo or a unit mistake, not a department's money.</summary>
    private const decimal MaxWanYuan = 1_000_000_000_000m;

    public Amount Read(int row, int column)
    {
        var at = new CellRef(sheet.Name, row, column);
        var cell = sheet.Get(row, column);
        if (sheet.FormulasWithoutValue.Contains((row, column)))
        {
            diagnostics.Add(FormulaWithoutValue(at));
            return new Amount(0m, at, Amount.WanYuanTail * unit.ToWanYuanFactor());
        }
        if (!AmountText.TryParse(cell, out var value))
        {
            diagnostics.Add(InputIds.Error(InputIds.AmountNotNumber, $"金额“{Printable.Escape(cell!.Text.Trim())}”不是数字，请填写数字（0可填0、留空或填“-”）。", at));
            value = 0m;
        }
        var factor = unit.ToWanYuanFactor();
        var wanYuan = value * factor;
        if (Math.Abs(wanYuan) > MaxWanYuan)
        {
            diagnostics.Add(InputIds.Error(InputIds.AmountAbsurd, $"金额 {Printable.Escape(cell!.Text.Trim())}{unit.DisplayName()} 超出合理范围（绝对值不超过一万亿万元），请检查单位和数值。", at));
            wanYuan = 0m;
        }
        else if (wanYuan < 0)
            diagnostics.Add(InputIds.Warning(InputIds.AmountNegative, $"金额为负数（{Printable.Escape(cell!.Text.Trim())}），请确认。", at));
        return new Amount(wanYuan, at, Amount.WanYuanTail * factor);
    }

    /// <summary>Beyond this (万元) a figure is a typo or a unit mistake, not a department's money (supplementary sheets are in 万元).</summary>
    public static bool IsAbsurd(decimal wanYuan) => Math.Abs(wanYuan) > MaxWanYuan;

    public static Diagnostic FormulaWithoutValue(CellRef at) =>
        InputIds.Error(InputIds.FormulaWithoutValue,
            "单元格是公式，但文件中没有它的计算结果（保存时未计算，常见于其他软件生成的文件），不能当作0。请在Excel或WPS中打开、重新计算并保存后再提交，或直接填写数值。", at);
}
