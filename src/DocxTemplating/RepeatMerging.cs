using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace DocxTemplating;

/// <summary>
/// {{#each rows mergeRepeats=N}} on a table row block: among the rows the block made, a cell of the first N
/// columns whose text repeats the cell above is merged into it (vertical merge), as published forms print
/// an 一级指标 once beside all its rows. A column merges only where the columns to its left merged too
/// (an 二级指标 never spans two 一级指标); a cell the template already merges is left as it is.
/// </summary>
/// <remarks>Rows filled as text (<see cref="FilledRow"/>) are merged through their facts and made again, never parsed.</remarks>
internal static class RepeatMerging
{
    public static void Apply(List<OpenXmlElement> elements, int start, int columns)
    {
        var rows = new List<MergedRow>();
        for (var i = start; i < elements.Count; i++)
            if (elements[i] is TableRow row)
                rows.Add(FilledRow.Of(row) is { } filled ? new TextRow(filled, i) : new ElementRow(row));
        var runStart = new (MergedRow Row, int Column)?[columns];
        var runText = new string?[columns];
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            var leftMerged = r > 0;
            for (var column = 0; column < columns && column < row.Count; column++)
            {
                if (row.AlreadyMerged(column))
                    continue;   // merged by the template itself, or by a row block inside this one
                var text = row.Text(column);
                if (leftMerged && text.Length > 0 && text == runText[column] && runStart[column] is { } first)
                {
                    first.Row.Restart(first.Column);
                    row.Continue(column);
                    continue;
                }
                leftMerged = false;
                (runStart[column], runText[column]) = ((row, column), text);
            }
        }
        foreach (var row in rows)
            if (row is TextRow { Changed: true, Filled.Pending: false } text)   // a row still pending is written with its table
                elements[text.Index] = text.Filled.Rebuild();
    }

    internal static TableCellProperties Properties(TableCell cell) =>
        cell.TableCellProperties ?? cell.PrependChild(new TableCellProperties());

    /// <summary>A row the block made, as merging sees it: its cells' texts, and the two changes merging makes.</summary>
    private abstract class MergedRow
    {
        public abstract int Count { get; }
        public abstract string Text(int column);
        public abstract bool AlreadyMerged(int column);
        public abstract void Restart(int column);
        public abstract void Continue(int column);
    }

    private sealed class ElementRow(TableRow row) : MergedRow
    {
        private readonly List<TableCell> _cells = row.Elements<TableCell>().ToList();
        private string?[]? _texts;

        public override int Count => _cells.Count;

        // Read before any cell of the block changes: a continued cell is emptied, but the next row compares with its text.
        public override string Text(int column) => (_texts ??= _cells.Select(c => (string?)c.InnerText).ToArray())[column]!;

        public override bool AlreadyMerged(int column) => _cells[column].TableCellProperties?.VerticalMerge is not null;

        public override void Restart(int column) =>
            Properties(_cells[column]).VerticalMerge = new VerticalMerge { Val = MergedCellValues.Restart };

        /// <summary>A continued cell shows nothing of its own: one empty paragraph in the first paragraph's style.</summary>
        public override void Continue(int column)
        {
            var cell = _cells[column];
            Properties(cell).VerticalMerge = new VerticalMerge();
            var style = cell.Elements<Paragraph>().FirstOrDefault()?.ParagraphProperties?.CloneNode(true);
            foreach (var child in cell.ChildElements.Where(c => c is not TableCellProperties).ToList())
                child.Remove();
            var paragraph = new Paragraph();
            if (style is not null)
                paragraph.Append(style);
            cell.Append(paragraph);
        }
    }

    private sealed class TextRow(FilledRow filled, int index) : MergedRow
    {
        public FilledRow Filled { get; } = filled;
        public int Index { get; } = index;
        public bool Changed { get; private set; }

        public override int Count => Filled.Cells.Count;
        // As an element row reads: a cell a block inside this one continued is empty, and a cell it merged (restarted or
        // continued) is left as it is, as one the template merges.
        public override string Text(int column) => Filled.Cells[column].Merge == CellMerge.Continued ? "" : Filled.Cells[column].Text;

        public override bool AlreadyMerged(int column) =>
            Filled.Cells[column].Merge != CellMerge.None || Filled.Cells[column].Template.TableCellProperties?.VerticalMerge is not null;

        public override void Restart(int column) => Set(column, CellMerge.Restarted);
        public override void Continue(int column) => Set(column, CellMerge.Continued);

        private void Set(int column, CellMerge merge)
        {
            Changed |= Filled.Cells[column].Merge != merge;
            Filled.Cells[column].Merge = merge;
        }
    }
}
