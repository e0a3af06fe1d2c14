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
        for (var row = fromRow; row <= Math.Min(sheet.RowCount, fromRow + SearchRows); row++)
            if (predicate(sheet, row))
                return row;
        return -1;
    }

    public static IEnumerable<string> RowTexts(RawSheet sheet, int row)
    {
        for (var column = 1; column <= sheet.ColumnCount; column++)
            yield return LabelText.Normalise(sheet.MergedText(row, column));
    }

    /// <summary>The 栏次 row numbers the columns (栏次, 1, 2, 3 …): it belongs to neither header nor data.</summary>
    public static bool IsColumnNumberRow(RawSheet sheet, int row)
    {
        var numbers = new List<double>();
        for (var column = 1; column <= sheet.ColumnCount; column++)
        {
            var cell = sheet.Get(row, column);
            if (cell is null)
                continue;
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

    /// <summary>The header path of a column: distinct texts top to bottom over the header rows.</summary>
    public static IReadOnlyList<string> PathOf(RawSheet sheet, int column, int fromRow, int toRowExclusive)
    {
        var path = new List<string>();
        for (var row = fromRow; row < toRowExclusive; row++)
        {
            if (IsColumnNumberRow(sheet, row))
                continue;
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
        if (!AmountText.TryParse(cell, out var value))
        {
            diagnostics.Add(InputIds.Error(InputIds.AmountNotNumber, $"金额“{cell!.Text.Trim()}”不是数字，请填写数字（0可填0、留空或填“-”）。", at));
            value = 0m;
        }
        var factor = unit.ToWanYuanFactor();
        var wanYuan = value * factor;
        if (Math.Abs(wanYuan) > MaxWanYuan)
        {
            diagnostics.Add(InputIds.Error(InputIds.AmountAbsurd, $"金额 {cell!.Text.Trim()}{unit.DisplayName()} 超出合理范围（绝对值不超过一万亿万元），请检查单位和数值。", at));
            wanYuan = 0m;
        }
        else if (wanYuan < 0)
            diagnostics.Add(InputIds.Warning(InputIds.AmountNegative, $"金额为负数（{cell!.Text.Trim()}），请确认。", at));
        return new Amount(wanYuan, at, Amount.WanYuanTail * factor);
    }
}
