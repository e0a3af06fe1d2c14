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
    public static IEnumerable<T> Descendants<T>(OpenXmlElement root) where T : OpenXmlElement
    {
        for (var child = root.FirstChild; child is not null; child = child.NextSibling())
        {
            if (child is W.Table table && PublicTableBuilder.IsPublicTable(table))
                continue;
            if (child is T match)
                yield return match;
            if (child.HasChildren)
                foreach (var inner in Descendants<T>(child))
                    yield return inner;
        }
    }
}
