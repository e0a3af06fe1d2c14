using FinalAccounts.Input;
using FinalAccounts.Model;

namespace FinalAccounts.Tests.Support;

/// <summary>
/// Loads a workbook as editable sheets, changes cells by sheet and A1 address, and saves a copy:
/// the way tests build a broken workbook from the sample.
/// </summary>
public sealed class WorkbookEditor
{
    private WorkbookEditor(List<SheetContent> sheets) => Sheets = sheets;

    public List<SheetContent> Sheets { get; }

    public static WorkbookEditor Load(string path)
    {
        var (sheets, problem) = ExcelGridReader.Read(path);
        Assert.Null(problem);
        return new WorkbookEditor(sheets.Select(SheetContent.FromRaw).ToList());
    }

    public SheetContent Sheet(string name) => Sheets.Single(s => s.Name == name);

    public WorkbookEditor Set(string sheet, string address, object? value)
    {
        var (row, column) = Parse(address);
        Sheet(sheet).Set(row, column, value);
        return this;
    }

    /// <summary>The department's name in 基本信息 and on every public table's 部门： line, so the workbook stays consistent (CHK087).</summary>
    public WorkbookEditor RenameDepartment(string name)
    {
        Set("基本信息", "B2", name);
        foreach (var sheet in Sheets)
            foreach (var key in sheet.Cells.Keys.Where(k => k.Row <= 8 && sheet.Get(k.Row, k.Column) is string text && text.StartsWith("部门：")).ToList())
                sheet.Set(key.Row, key.Column, "部门：" + name);
        return this;
    }

    public object? Get(string sheet, string address)
    {
        var (row, column) = Parse(address);
        return Sheet(sheet).Get(row, column);
    }

    /// <summary>Adds to a numeric cell, keeping every other cell as it was.</summary>
    public WorkbookEditor Add(string sheet, string address, decimal delta) =>
        Set(sheet, address, Convert.ToDecimal(Get(sheet, address) ?? 0m) + delta);

    /// <summary>The address of the first cell whose text is exactly the given text.</summary>
    public string Find(string sheet, string text)
    {
        var hit = Sheet(sheet).Cells.First(c => Convert.ToString(c.Value.Value) == text);
        return new CellRef(sheet, hit.Key.Row, hit.Key.Column).Address;
    }

    /// <summary>Inserts empty rows before a row, moving cells and merged ranges below it down.</summary>
    public WorkbookEditor InsertRows(string sheetName, int beforeRow, int count)
    {
        var sheet = Sheet(sheetName);
        var moved = sheet.Cells.Where(c => c.Key.Row >= beforeRow).ToList();
        foreach (var c in moved)
            sheet.Cells.Remove(c.Key);
        foreach (var c in moved)
            sheet.Cells[(c.Key.Row + count, c.Key.Column)] = c.Value;
        for (var i = 0; i < sheet.Merges.Count; i++)
            if (sheet.Merges[i].FromRow >= beforeRow)
                sheet.Merges[i] = (sheet.Merges[i].FromRow + count, sheet.Merges[i].FromColumn, sheet.Merges[i].ToRow + count, sheet.Merges[i].ToColumn);
        return this;
    }

    /// <summary>Changes every numeric cell from a row on with a function (e.g. to write it as text, or in 元).</summary>
    public WorkbookEditor MapNumbers(string sheetName, int fromRow, Func<decimal, object?> map)
    {
        var sheet = Sheet(sheetName);
        foreach (var c in sheet.Cells.Where(c => c.Key.Row >= fromRow && c.Value.Value is decimal).ToList())
            sheet.Set(c.Key.Row, c.Key.Column, map((decimal)c.Value.Value));
        return this;
    }

    public WorkbookEditor Remove(string sheetName)
    {
        Sheets.Remove(Sheet(sheetName));
        return this;
    }

    public string Save(string path)
    {
        XlsxWriter.Write(path, Sheets);
        return path;
    }

    public static (int Row, int Column) Parse(string address)
    {
        var letters = new string(address.TakeWhile(char.IsLetter).ToArray());
        var column = letters.Aggregate(0, (acc, ch) => acc * 26 + (char.ToUpperInvariant(ch) - 'A' + 1));
        return (int.Parse(address[letters.Length..]), column);
    }
}
