using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace DocxTemplating;

/// <summary>
/// {{#each rows mergeRepeats=N}} on a table row block: among the rows the block made, a cell of the first N
/// columns whose text repeats the cell above is merged into it (vertical merge), as published forms print
/// an 一级指标 once beside all its rows. A column merges only where the columns to its left merged too
/// (an 二级指标 never spans two 一级指标); a cell the template already merges is left as it is.
/// </summary>
internal static class RepeatMerging
{
    public static void Apply(List<OpenXmlElement> elements, int start, int columns)
    {
        var rows = elements.Skip(start).OfType<TableRow>().Select(r => r.Elements<TableCell>().ToList()).ToList();
        var texts = rows.Select(cells => cells.Select(c => c.InnerText).ToList()).ToList();
        var runStart = new TableCell?[columns];
        var runText = new string?[columns];
        for (var row = 0; row < rows.Count; row++)
        {
            var leftMerged = row > 0;
            for (var column = 0; column < columns && column < rows[row].Count; column++)
            {
                var cell = rows[row][column];
                if (cell.TableCellProperties?.VerticalMerge is not null)
                    continue;   // merged by the template itself
                if (leftMerged && texts[row][column].Length > 0 && texts[row][column] == runText[column] && runStart[column] is { } first)
                {
                    Properties(first).VerticalMerge = new VerticalMerge { Val = MergedCellValues.Restart };
                    Properties(cell).VerticalMerge = new VerticalMerge();
                    Empty(cell);
                    continue;
                }
                leftMerged = false;
                (runStart[column], runText[column]) = (cell, texts[row][column]);
            }
        }
    }

    private static TableCellProperties Properties(TableCell cell) =>
        cell.TableCellProperties ?? cell.PrependChild(new TableCellProperties());

    /// <summary>A continued cell shows nothing of its own: one empty paragraph in the first paragraph's style.</summary>
    private static void Empty(TableCell cell)
    {
        var style = cell.Elements<Paragraph>().FirstOrDefault()?.ParagraphProperties?.CloneNode(true);
        foreach (var child in cell.ChildElements.Where(c => c is not TableCellProperties).ToList())
            child.Remove();
        var paragraph = new Paragraph();
        if (style is not null)
            paragraph.Append(style);
        cell.Append(paragraph);
    }
}
