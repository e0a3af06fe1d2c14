using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace DocxTemplating;

/// <summary>
/// How the blocks of a table cell's text open and close, the cell read as one text (its paragraphs in order, those of
/// nested tables and text boxes included): whether the block a row's first tag opens closes in its cell, whether the
/// last cell closes a block it did not open. That tells a row block's tags from a cell's own blocks. Each cell is tallied
/// once per part, from its paragraphs' tags and its nested cells' tallies: each row read the whole text of its cells, nested
/// tables and all, so 80 tables in tables with a few dozen blocks in each cell took seconds to compile (quadratic in the depth).
/// </summary>
internal sealed class CellTally
{
    private readonly Dictionary<TableCell, Tally> _cells = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Opening minus closing tags (<see cref="Net"/>), and the least that count reaches after one of them (<see cref="Lowest"/>,
    /// int.MaxValue when there is none). Unsure: a tag of the joined text may run over a paragraph's end (a “{{” not closed in
    /// its paragraph, a paragraph ending in “{” or starting with “}”), so the paragraphs' own tags may not be the joined text's.
    /// </summary>
    private readonly record struct Tally(int Net, int Lowest, bool Unsure)
    {
        public static readonly Tally None = new(0, int.MaxValue, false);

        public Tally Then(Tally next) => new(Net + next.Net, next.Lowest == int.MaxValue ? Lowest : Math.Min(Lowest, Net + next.Lowest), Unsure || next.Unsure);
    }

    /// <summary>
    /// Whether the cell itself closes the block the tag at the start of its first paragraph opens (an inline or cell-level
    /// block, not a row block): whether the count of open blocks, 1 after that tag, comes down to 0 at a closing tag.
    /// </summary>
    public bool ClosesWithin(TableCell cell)
    {
        var tally = Of(cell);
        // What stands before the first paragraph (a nested table) is read first: the tally holds only when it has no block tag.
        var before = Tally.None;
        for (var child = cell.FirstChild; child is not null and not Paragraph; child = child.NextSibling())
            before = before.Then(Of(child));
        if (!tally.Unsure && before.Lowest == int.MaxValue)
            return tally.Lowest <= 0;
        var depth = 0;
        foreach (var kind in JoinedTags(cell))
        {
            if (kind == TagKind.Open)
                depth++;
            else if (kind == TagKind.Close && --depth == 0)
                return true;
        }
        return false;
    }

    /// <summary>Whether the cell's last tag, a closing one, closes a block opened in the same cell (other than the row's own opening tag).</summary>
    public bool OpensWithin(TableCell cell, bool rowOpensInThisCell)
    {
        var tally = Of(cell);
        var depth = (rowOpensInThisCell ? -1 : 0) + (tally.Unsure ? JoinedTags(cell).Sum(k => k == TagKind.Open ? 1 : k == TagKind.Close ? -1 : 0) : tally.Net);
        return depth >= 0;
    }

    /// <summary>
    /// What the closed tags of the cell's text joined do, read where a tag may run over a paragraph's end: each level of
    /// nesting reads its cells' whole text again then, but only the tags' kinds, not their expressions.
    /// </summary>
    private static IEnumerable<TagKind> JoinedTags(TableCell cell) =>
        Lexer.Kinds(string.Concat(cell.Descendants<Paragraph>().Select(ParagraphText.Of))).Where(t => t.Closed).Select(t => t.Kind);

    /// <summary>
    /// The paragraphs in document order, as Descendants lists them: a paragraph, then those of its text boxes. A cell is tallied
    /// once (a row's tags are taken out after its cells are tallied, and only then are the rows of its nested tables compiled).
    /// </summary>
    private Tally Of(OpenXmlElement element)
    {
        if (element is TableCell cell && _cells.TryGetValue(cell, out var known))
            return known;
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var tally = element is Paragraph paragraph ? OwnTags(paragraph) : Tally.None;
        for (var child = element.FirstChild; child is not null; child = child.NextSibling())
            if (child is not OpenXmlLeafElement and not OpenXmlLeafTextElement)
                tally = tally.Then(Of(child));
        if (element is TableCell done)
            _cells[done] = tally;
        return tally;
    }

    private static Tally OwnTags(Paragraph paragraph)
    {
        var text = ParagraphText.Of(paragraph);
        if (text.Length == 0)
            return Tally.None;
        var tally = Tally.None with { Unsure = text[^1] == '{' || text[0] == '}' };
        if (!text.Contains("{{", StringComparison.Ordinal))
            return tally;
        foreach (var (kind, closed) in Lexer.Kinds(text))
        {
            if (!closed)
                tally = tally with { Unsure = true };
            else if (kind is TagKind.Open or TagKind.Close)
                tally = tally.Then(new Tally(kind == TagKind.Open ? 1 : -1, kind == TagKind.Open ? 1 : -1, false));
        }
        return tally;
    }
}
