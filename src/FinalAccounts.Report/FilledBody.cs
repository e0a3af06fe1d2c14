using DocumentFormat.OpenXml;
using DocxTemplating;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace FinalAccounts.Report;

/// <summary>
/// Walks the filled document the way the finishers need it: every element in document order, except inside
/// formatting (<see cref="IsProperties"/>) and the 附表. Those are handed to the SDK unparsed (<see cref="PublicTableBuilder"/>) and hold no charts,
/// headings or placeholders; entering them would parse thousands of cells only to find nothing, and would
/// make the package write serialise them element by element instead of as written.
/// </summary>
internal static class FilledBody
{
    /// <remarks>
    /// One walk along the first-child, next-sibling and parent links, in document order: a nested
    /// iterator per element made every element pass through each level above it and an object per level.
    /// </remarks>
    public static List<T> Descendants<T>(OpenXmlElement root) where T : OpenXmlElement
    {
        var found = new List<T>();
        var node = root.FirstChild;
        while (node is not null)
        {
            if (node is not W.Table table || !PublicTableBuilder.IsPublicTable(table))
            {
                if (node is T match)
                    found.Add(match);
                if (!IsProperties(node) && !IsFilledAsText(node) && node.HasChildren)
                {
                    node = node.FirstChild;
                    continue;
                }
            }
            node = ElementWalk.NextAfter(node, root);
        }
        return found;
    }

    /// <summary>
    /// Every paragraph in document order (outside the 附表) with the texts that are its own: a text in a text box
    /// belongs to the text box's paragraph, not to the one holding the drawing. One walk for all of them, where
    /// asking each paragraph for its texts walked every paragraph twice more.
    /// </summary>
    /// <param name="enterFilledRow">
    /// Whether to enter a template row filled as text (<see cref="FilledRow"/>), which parses it: only one whose text may hold
    /// what the caller looks for. Left out, such rows are not entered.
    /// </param>
    public static List<(W.Paragraph Paragraph, List<W.Text> Texts)> ParagraphsWithTexts(OpenXmlElement root, Func<FilledRow, bool>? enterFilledRow = null)
    {
        var found = new List<(W.Paragraph, List<W.Text>)>();
        var open = new Stack<List<W.Text>>();   // the texts of each paragraph the walk is inside, innermost on top
        Action<OpenXmlElement> leaving = done =>
        {
            if (done is W.Paragraph)
                open.Pop();
        };
        var node = root.FirstChild;
        while (node is not null)
        {
            if (node is not W.Table table || !PublicTableBuilder.IsPublicTable(table))
            {
                if (node is W.Paragraph paragraph)
                {
                    var texts = new List<W.Text>();
                    found.Add((paragraph, texts));
                    open.Push(texts);
                }
                else if (node is W.Text text && open.Count > 0)
                    open.Peek().Add(text);
                if (!IsProperties(node) && (FilledRow.Of(node) is not { } filled || enterFilledRow?.Invoke(filled) == true) && node.HasChildren)
                {
                    node = node.FirstChild;
                    continue;
                }
            }
            node = ElementWalk.NextAfter(node, root, leaving);
        }
        return found;
    }

    /// <summary>
    /// A template row the engine filled as text (<see cref="FilledRow"/>): paragraphs of runs of text only, no chart, bookmark or
    /// field (the engine fills only such rows so), so a walk for those does not enter, and so does not parse, it.
    /// </summary>
    private static bool IsFilledAsText(OpenXmlElement element) => element is W.TableRow && FilledRow.Of(element) is not null;

    /// <summary>
    /// Formatting (a paragraph's, run's, table's, row's or cell's properties, a table's grid): the walks list
    /// such an element but do not enter it. It holds no text, paragraph, drawing, bookmark or field, and a run's
    /// or paragraph's properties are often as many elements as the rest of the body together.
    /// </summary>
    private static bool IsProperties(OpenXmlElement element) =>
        element is W.RunProperties or W.ParagraphProperties or W.TableProperties or W.TableRowProperties or W.TableCellProperties
            or W.TableGrid or W.SectionProperties;
}
