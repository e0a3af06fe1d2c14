namespace FinalAccounts.Input;

public enum CellStyle
{
    Normal,
    Bold,
    Title,
    Wrap,
    Amount,
}

/// <summary>A formula written without a cached value, as some tools save them (tests use it).</summary>
public sealed record Formula(string Expression);

/// <summary>What a cell of a written sheet holds: text, a number or a <see cref="Formula"/>, and how it looks.</summary>
public sealed record CellContent(object Value, CellStyle Style = CellStyle.Normal);

/// <summary>Input validation Excel applies to a range of cells: a list of choices or a number type.</summary>
public sealed record CellValidation(string Range, string Kind, IReadOnlyList<string>? Choices = null, string Prompt = "");

/// <summary>
/// A sheet to be written: cells by (row, column), merged ranges, column widths, hidden rows and
/// validations. Used by init (the blank workbook) and by tests that build workbooks in code.
/// </summary>
public sealed class SheetContent(string name)
{
    public string Name { get; set; } = name;
    public bool Hidden { get; set; }
    public SortedDictionary<(int Row, int Column), CellContent> Cells { get; } = new();
    public List<(int FromRow, int FromColumn, int ToRow, int ToColumn)> Merges { get; } = new();
    public Dictionary<int, double> ColumnWidths { get; } = new();
    public HashSet<int> HiddenRows { get; } = new();
    public List<CellValidation> Validations { get; } = new();

    public int RowCount => Cells.Count == 0 ? 0 : Cells.Keys.Max(k => k.Row);

    public SheetContent Set(int row, int column, object? value, CellStyle style = CellStyle.Normal)
    {
        if (value is null || value is string { Length: 0 })
            Cells.Remove((row, column));
        else
            Cells[(row, column)] = new CellContent(value, style);
        return this;
    }

    public object? Get(int row, int column) => Cells.TryGetValue((row, column), out var c) ? c.Value : null;

    public SheetContent Merge(int fromRow, int fromColumn, int toRow, int toColumn)
    {
        Merges.Add((fromRow, fromColumn, toRow, toColumn));
        return this;
    }

    /// <summary>A copy of a sheet as read, to be changed and written again (tests build broken workbooks this way).</summary>
    public static SheetContent FromRaw(FinalAccounts.Model.RawSheet raw)
    {
        var sheet = new SheetContent(raw.Name) { Hidden = raw.Hidden };
        foreach (var cell in raw.Cells)
            sheet.Set(cell.Row, cell.Column, cell.Number is { } n
                ? decimal.Parse(n.ToString("G15", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture)
                : cell.Text);
        foreach (var m in raw.Merges)
            sheet.Merge(m.FromRow, m.FromColumn, m.ToRow, m.ToColumn);
        sheet.HiddenRows.UnionWith(raw.HiddenRows);
        return sheet;
    }

    /// <summary>Writes a row of values from a column on, skipping nulls.</summary>
    public SheetContent Row(int row, int fromColumn, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
            Set(row, fromColumn + i, values[i]);
        return this;
    }
}
