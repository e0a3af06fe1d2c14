namespace FinalAccounts.Model;

/// <summary>A cell as the workbook holds it: its displayed text, or its number when it is numeric.</summary>
public sealed record RawCell(int Row, int Column, string Text, double? Number);

/// <summary>A rectangle of merged cells, 1-based inclusive.</summary>
public sealed record MergedRange(int FromRow, int FromColumn, int ToRow, int ToColumn)
{
    public bool Contains(int row, int column) =>
        row >= FromRow && row <= ToRow && column >= FromColumn && column <= ToColumn;
}

/// <summary>
/// A sheet as read, before any meaning is given to it: non-empty cells, merged ranges and hidden
/// rows. Kept in the model so the 附表 can be printed in the layout the workbook has.
/// </summary>
public sealed class RawSheet
{
    private readonly Dictionary<(int Row, int Column), RawCell> _cells = new();

    public RawSheet(string name, bool hidden = false)
    {
        Name = name;
        Hidden = hidden;
    }

    public string Name { get; }
    public bool Hidden { get; }
    public List<MergedRange> Merges { get; } = new();
    public HashSet<int> HiddenRows { get; } = new();
    public int RowCount { get; private set; }
    public int ColumnCount { get; private set; }

    public IEnumerable<RawCell> Cells => _cells.Values;

    public void Set(RawCell cell)
    {
        _cells[(cell.Row, cell.Column)] = cell;
        RowCount = Math.Max(RowCount, cell.Row);
        ColumnCount = Math.Max(ColumnCount, cell.Column);
    }

    public RawCell? Get(int row, int column) => _cells.GetValueOrDefault((row, column));

    public string Text(int row, int column) => Get(row, column)?.Text ?? "";

    /// <summary>The text shown at a position, taking merged cells into account (the top-left value fills the range).</summary>
    public string MergedText(int row, int column)
    {
        var own = Text(row, column);
        if (own.Length > 0)
            return own;
        var range = Merges.FirstOrDefault(m => m.Contains(row, column));
        return range is null ? "" : Text(range.FromRow, range.FromColumn);
    }

    public bool IsRowEmpty(int row)
    {
        for (var c = 1; c <= ColumnCount; c++)
            if (Text(row, c).Trim().Length > 0)
                return false;
        return true;
    }
}
