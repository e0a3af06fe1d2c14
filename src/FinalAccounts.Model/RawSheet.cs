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
/// Cells are held sparsely and every walk over a sheet goes over the rows and columns that hold
/// cells (<see cref="Rows"/>, <see cref="Columns"/>), never up to the largest reference: one stray
/// value at XFD1048576 must cost one cell, not a billion empty ones.
/// </summary>
public sealed class RawSheet
{
    private readonly Dictionary<(int Row, int Column), RawCell> _cells = new();
    private readonly Dictionary<int, List<RawCell>> _byRow = new();
    private readonly SortedSet<int> _rows = new();
    private readonly SortedSet<int> _columns = new();

    public RawSheet(string name, bool hidden = false)
    {
        Name = name;
        Hidden = hidden;
    }

    public string Name { get; }
    public bool Hidden { get; }
    public MergedRanges Merges { get; } = new();
    public HashSet<int> HiddenRows { get; } = new();

    /// <summary>Cells holding a formula whose result the file does not carry (saved without calculating).</summary>
    public HashSet<(int Row, int Column)> FormulasWithoutValue { get; } = new();

    /// <summary>What reading the sheet found wrong with its cells (text too long, characters a report cannot hold).</summary>
    public List<Diagnostic> ReadFindings { get; } = new();

    public int RowCount => _rows.Count == 0 ? 0 : _rows.Max;
    public int ColumnCount => _columns.Count == 0 ? 0 : _columns.Max;

    /// <summary>The rows that hold at least one cell, in order.</summary>
    public IReadOnlyCollection<int> Rows => _rows;

    /// <summary>The columns that hold at least one cell, in order.</summary>
    public IReadOnlyCollection<int> Columns => _columns;

    public IEnumerable<RawCell> Cells => _cells.Values;

    public int CellCount => _cells.Count;

    /// <summary>Rows holding cells from <paramref name="fromRow"/> on (inclusive).</summary>
    public IEnumerable<int> RowsFrom(int fromRow) =>
        fromRow > RowCount ? [] : _rows.GetViewBetween(Math.Max(fromRow, 1), int.MaxValue);

    /// <summary>Rows holding cells in [fromRow, toRowExclusive).</summary>
    public IEnumerable<int> RowsBetween(int fromRow, int toRowExclusive) =>
        toRowExclusive <= fromRow || fromRow > RowCount ? [] : _rows.GetViewBetween(Math.Max(fromRow, 1), toRowExclusive - 1);

    /// <summary>The cells of one row, left to right.</summary>
    public IEnumerable<RawCell> CellsInRow(int row) =>
        _byRow.TryGetValue(row, out var cells) ? cells : [];

    /// <summary>
    /// Adds or replaces the cell at its position. Each row's cells are kept in column order as they come (a sheet
    /// lists them left to right, so this is an append), so that <see cref="CellsInRow"/> needs no sort per call.
    /// </summary>
    public void Set(RawCell cell)
    {
        ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_cells, (cell.Row, cell.Column), out var replaced);
        var old = slot;
        slot = cell;
        if (!_byRow.TryGetValue(cell.Row, out var row))
            _byRow[cell.Row] = row = new List<RawCell>();
        if (replaced)
            row[row.IndexOf(old!)] = cell;
        else if (row.Count == 0 || row[^1].Column < cell.Column)
            row.Add(cell);
        else
            row.Insert(row.FindIndex(c => c.Column > cell.Column), cell);
        if (cell.Row != _lastRow)
        {
            _rows.Add(cell.Row);
            _lastRow = cell.Row;
        }
        _columns.Add(cell.Column);
    }

    /// <summary>The row of the last cell set: the cells of one row come together, so its row is added once, not per cell.</summary>
    private int _lastRow;

    public RawCell? Get(int row, int column) => _cells.GetValueOrDefault((row, column));

    public string Text(int row, int column) => Get(row, column)?.Text ?? "";

    /// <summary>The text shown at a position, taking merged cells into account (the top-left value fills the range).</summary>
    public string MergedText(int row, int column)
    {
        var own = Text(row, column);
        if (own.Length > 0)
            return own;
        var range = MergeAt(row, column);
        return range is null ? "" : Text(range.FromRow, range.FromColumn);
    }

    /// <summary>The first merged range (in the sheet's order) that covers a position, if any.</summary>
    public MergedRange? MergeAt(int row, int column)
    {
        foreach (var range in MergesInRow(row))
            if (column >= range.FromColumn && column <= range.ToColumn)
                return range;
        return null;
    }

    /// <summary>
    /// The merged ranges that cover part of a row, in the sheet's order. Asked for cell after cell of one row, so the
    /// last row's list is kept: scanning every range of the sheet for every cell was rows × columns × ranges.
    /// </summary>
    public IReadOnlyList<MergedRange> MergesInRow(int row)
    {
        // One immutable snapshot, replaced whole: a reader never sees a list being filled. Any change to the ranges
        // (added, replaced, removed) makes it stale.
        if (_mergesOfRow is { } known && known.Row == row && known.Version == Merges.Version)
            return known.Ranges;
        var ranges = new List<MergedRange>();
        foreach (var range in Merges)
            if (row >= range.FromRow && row <= range.ToRow)
                ranges.Add(range);
        _mergesOfRow = new MergesOfRow(row, Merges.Version, ranges);
        return ranges;
    }

    private sealed record MergesOfRow(int Row, int Version, List<MergedRange> Ranges);

    private MergesOfRow? _mergesOfRow;

    public bool IsRowEmpty(int row) =>
        !_byRow.TryGetValue(row, out var cells) || cells.All(c => c.Text.Trim().Length == 0);
}

/// <summary>
/// A sheet's merged ranges, in the sheet's order. Every change is counted (<see cref="Version"/>), so the ranges of a row
/// that <see cref="RawSheet.MergesInRow"/> keeps are never those of before a range was replaced or removed.
/// </summary>
public sealed class MergedRanges : System.Collections.ObjectModel.Collection<MergedRange>
{
    internal int Version { get; private set; }

    protected override void InsertItem(int index, MergedRange item)
    {
        base.InsertItem(index, item);
        Version++;
    }

    protected override void SetItem(int index, MergedRange item)
    {
        base.SetItem(index, item);
        Version++;
    }

    protected override void RemoveItem(int index)
    {
        base.RemoveItem(index);
        Version++;
    }

    protected override void ClearItems()
    {
        base.ClearItems();
        Version++;
    }
}
