using System.Text.RegularExpressions;
using FinalAccounts.Model;

namespace FinalAccounts.Calculation;

/// <summary>A cell of a 附表 as printed: text already formatted, spans as in the export's merged cells.</summary>
/// <param name="Text">单元格文字（已按表的单位排好）</param>
/// <param name="ColumnSpan">横向合并的列数</param>
/// <param name="VerticalMerge">纵向合并：restart 开始、continue 接续、空为不合并</param>
/// <param name="IsNumber">是金额（右对齐）</param>
public sealed record TableCellView(string Text, int ColumnSpan, string VerticalMerge, bool IsNumber);

/// <param name="Cells">单元格（每格一项）</param>
public sealed record TableRowView(IReadOnlyList<TableCellView> Cells);

/// <summary>One public table for 第五部分 附表, in the layout the workbook has (header rows as exported).</summary>
/// <param name="Number">附表序号</param>
/// <param name="Code">公开表编号，如 公开01表</param>
/// <param name="Title">表名（含年度）</param>
/// <param name="Subject">表头的部门</param>
/// <param name="Unit">金额单位（该表自己的：元或万元）</param>
/// <param name="IsEmpty">空表（没有数据行）</param>
/// <param name="ColumnCount">列数</param>
/// <param name="HeaderRows">表头行</param>
/// <param name="Rows">数据行</param>
/// <param name="Notes">表下的注释、备注行</param>
public sealed record PublicTableView(
    int Number, string Code, string Title, string Subject, string Unit, bool IsEmpty, int ColumnCount,
    IReadOnlyList<TableRowView> HeaderRows, IReadOnlyList<TableRowView> Rows, IReadOnlyList<string> Notes)
{
    /// <summary>不含年度的表名，用于“一、收入支出决算总表”这样的标题和目录</summary>
    /// <remarks>The title as printed, without its year: how the 目录 and the 附表 list name the table.</remarks>
    public string Name { get; init; } = "";

    /// <summary>空表且表中没有自己的备注：只在这时打印模板的备注</summary>
    /// <remarks>An empty table whose sheet says nothing about it: the template's own 备注 is printed; one with a note of its own keeps just that.</remarks>
    public bool NeedsEmptyNote => IsEmpty && Notes.Count == 0;
}

/// <summary>
/// Turns each public-table sheet into a <see cref="PublicTableView"/>: the rows below the title
/// block, merged cells as spans, amounts in the table's own unit (元 stays 元, as its unit line says),
/// rounded once and written with separators.
/// </summary>
public static partial class AppendixBuilder
{
    public static IReadOnlyList<PublicTableView> Build(FinalAccountsWorkbook workbook) =>
        workbook.PublicTableOrder.Select((info, i) => Build(workbook.Sheets.First(s => s.Name == info.Sheet), info, i + 1)).ToList();

    private static PublicTableView Build(RawSheet sheet, TableInfo info, int number)
    {
        var headerStart = sheet.Rows.FirstOrDefault(r => IsHeaderStart(sheet, r));
        var notes = new List<string>();
        var body = new List<int>();
        var dataStart = 0;
        foreach (var row in headerStart > 0 ? sheet.RowsFrom(headerStart) : [])
        {
            if (sheet.IsRowEmpty(row))
                continue;
            // Everything from the first 注/备注 line down is the note ("2. 本套报表金额单位…" included), never a table row.
            if (notes.Count > 0 || IsNote(sheet, row))
            {
                notes.Add(string.Concat(sheet.CellsInRow(row).Select(c => c.Text)).Trim());
                continue;
            }
            if (dataStart == 0 && row > headerStart && HasAmount(sheet, row) && !IsColumnNumbers(sheet, row))
                dataStart = row;
            body.Add(row);
        }
        var headerRows = dataStart == 0 ? body : body.Where(r => r < dataStart).ToList();
        var dataRows = dataStart == 0 ? [] : body.Where(r => r >= dataStart).ToList();
        // The printed width is the header's: a stray value far to the right of the table is not a column of it.
        var widthRows = headerRows.Count > 0 ? headerRows : body;
        var columns = Math.Max(1, widthRows.Count == 0 ? 1 : widthRows.Max(r => Math.Min(LastColumn(sheet, r), sheet.ColumnCount)));
        dataRows = dataRows.Where(r => sheet.CellsInRow(r).Any(c => c.Column <= columns && c.Text.Trim().Length > 0)).ToList();
        var rawColumns = Enumerable.Range(1, columns).Where(c => headerRows.Any(r => IsRawHeader(sheet.MergedText(r, c)))).ToHashSet();

        TableRowView Row(int row, bool header) => new(Cells(sheet, row, columns, c =>
        {
            var cell = sheet.Get(row, c);
            if (cell is null || header || rawColumns.Contains(c))
                return (cell?.Text.Trim() ?? "", false);
            if (cell.Number is { } n)
                return (Round.TableOf(Round.Half((decimal)n)), true);   // the sheet's own unit, as exported
            return (cell.Text.Trim(), false);
        }));

        var rows = dataRows.Select(r => Row(r, false)).ToList();
        var isEmpty = dataRows.All(r => sheet.CellsInRow(r).All(c => c.Column > columns || c.Number is null or 0));
        return new PublicTableView(number, info.Number ?? $"公开{(int)info.Kind:00}表", info.Title, Subject(info.Title), info.Unit.DisplayName(),
            isEmpty, columns, headerRows.Select(r => Row(r, true)).ToList(), isEmpty ? [] : rows, notes)
        {
            Name = YearPrefix().Replace(info.Title.Trim(), "").Trim(),
        };
    }

    private static int LastColumn(RawSheet sheet, int row) =>
        Math.Max(sheet.CellsInRow(row).Where(c => c.Text.Length > 0).Select(c => c.Column).DefaultIfEmpty(0).Max(),
                 sheet.MergesInRow(row).Select(m => m.ToColumn).DefaultIfEmpty(0).Max());

    internal static IReadOnlyList<TableCellView> Cells(RawSheet sheet, int row, int columns, Func<int, (string Text, bool IsNumber)> text)
    {
        var cells = new List<TableCellView>();
        for (var c = 1; c <= columns; c++)
        {
            var merge = sheet.MergeAt(row, c);
            if (merge is null)
            {
                var (value, isNumber) = text(c);
                cells.Add(new TableCellView(value, 1, "", isNumber));
                continue;
            }
            var span = Math.Min(merge.ToColumn, columns) - c + 1;
            if (merge.FromColumn == c)
            {
                var top = merge.FromRow == row;
                var (value, isNumber) = top ? text(c) : ("", false);
                cells.Add(new TableCellView(value, span, merge.ToRow == merge.FromRow ? "" : top ? "restart" : "continue", isNumber));
            }
            c += Math.Max(0, Math.Min(merge.ToColumn, columns) - c);
        }
        return cells;
    }

    /// <summary>The header block starts at the first row with several cells that is not the title, 部门 or 单位 line.</summary>
    private static bool IsHeaderStart(RawSheet sheet, int row)
    {
        var texts = sheet.CellsInRow(row).Select(c => LabelText.Normalise(c.Text)).Where(t => t.Length > 0).ToList();
        return texts.Count >= 2 && !texts.Any(t => t.Contains("单位:") || t.StartsWith("部门:") || NumberMarker().IsMatch(t) || t.Contains("决算表"));
    }

    private static bool HasAmount(RawSheet sheet, int row) =>
        sheet.CellsInRow(row).Any(cell => cell.Number is not null || AmountPattern().IsMatch(cell.Text.Trim()));

    private static bool IsColumnNumbers(RawSheet sheet, int row) =>
        sheet.CellsInRow(row).Any(c => LabelText.Normalise(c.Text) is "栏次")
        || sheet.CellsInRow(row).All(c => c.Number is { } n && n == Math.Floor(n) && n < 100);

    private static bool IsNote(RawSheet sheet, int row)
    {
        var first = sheet.CellsInRow(row).Select(c => LabelText.Normalise(c.Text)).FirstOrDefault(t => t.Length > 0) ?? "";
        return first.StartsWith("注", StringComparison.Ordinal) || first.StartsWith("备注", StringComparison.Ordinal);
    }

    /// <summary>Columns of line numbers and codes print as they are, not as money.</summary>
    /// <summary>A column of numbers that are not amounts (行次, 科目编码, 序号…): printed as typed, never as 1.00.</summary>
    internal static bool IsRawHeader(string header)
    {
        var text = LabelText.Normalise(header);
        return text.Contains("行次") || text.Contains("编码") || text.Contains("代码") || text.Contains("序号") || text is "类" or "款" or "项" or "栏次" or "编号";
    }

    /// <summary>"2024年度政府性基金预算财政拨款收入支出决算表" → "政府性基金预算财政拨款收入支出", for the empty-table note.</summary>
    public static string Subject(string title)
    {
        var text = YearPrefix().Replace(LabelText.Normalise(title), "");
        foreach (var suffix in new[] { "决算表", "表" })
            if (text.EndsWith(suffix, StringComparison.Ordinal))
                return text[..^suffix.Length];
        return text;
    }

    [GeneratedRegex(@"公开\d{1,2}表")]
    private static partial Regex NumberMarker();

    [GeneratedRegex(@"^-?[\d,]+(\.\d+)?$")]
    private static partial Regex AmountPattern();

    [GeneratedRegex(@"^\d{4}年度?")]
    private static partial Regex YearPrefix();
}
