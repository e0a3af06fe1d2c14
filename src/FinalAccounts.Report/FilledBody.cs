using DocumentFormat.OpenXml;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace FinalAccounts.Report;

/// <summary>
/// Walks the filled document the way the finishers need it: every element in document order, except inside
/// the 附表. Those are handed to the SDK unparsed (<see cref="PublicTableBuilder"/>) and hold no charts,
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
                if (node.HasChildren)
                {
                    node = node.FirstChild;
                    continue;
                }
            }
            // Next in document order: the next sibling of this element, else of the nearest ancestor below the root that has one.
            OpenXmlElement? next = null;
            while (next is null && node is not null && !ReferenceEquals(node, root))
            {
                next = node.NextSibling();
                if (next is null)
                    node = node.Parent;
            }
            node = next;
        }
        return found;
    }
}
