using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Drawing = DocumentFormat.OpenXml.Drawing.Wordprocessing;

namespace DocxTemplating;

/// <summary>
/// Repeated content repeats ids that must be unique in a document: drawing ids (wp:docPr) and
/// bookmarks. After rendering they are numbered afresh; a repeated bookmark name gets a suffix.
/// </summary>
internal static class UniqueIds
{
    /// <param name="headers">The headers and footers that were filled (the others hold no ids: <c>DocxTemplate.IsFixed</c>).</param>
    public static void Assign(Document document, IEnumerable<Header> headers, IEnumerable<Footer> footers)
    {
        var roots = new List<DocumentFormat.OpenXml.OpenXmlElement> { document };
        roots.AddRange(headers);
        roots.AddRange(footers);

        uint drawingId = 1;
        foreach (var properties in roots.SelectMany(Descendants<Drawing.DocProperties>))
            properties.Id = drawingId++;

        // Ends found by id and suffixes counted per name: a bookmark repeated 59 049 times by loops in loops took
        // minutes when each copy searched all ends and tried every suffix from _2 again.
        var bookmarkId = 0;
        var names = new HashSet<string>(StringComparer.Ordinal);
        var nextSuffix = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var root in roots)
        {
            var ends = new Dictionary<string, Queue<BookmarkEnd>>(StringComparer.Ordinal);
            foreach (var end in Descendants<BookmarkEnd>(root))
            {
                var key = end.Id?.Value ?? "";
                if (!ends.TryGetValue(key, out var queue))
                    ends[key] = queue = new Queue<BookmarkEnd>();
                queue.Enqueue(end);
            }
            foreach (var start in Descendants<BookmarkStart>(root))
            {
                var fresh = (bookmarkId++).ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (ends.TryGetValue(start.Id?.Value ?? "", out var queue) && queue.TryDequeue(out var end))
                    end.Id = fresh;
                start.Id = fresh;
                var name = start.Name?.Value ?? "";
                var unique = name;
                if (!names.Add(unique))
                {
                    var n = nextSuffix.GetValueOrDefault(name, 2);
                    do
                        unique = $"{name}_{n++}";
                    while (!names.Add(unique));
                    nextSuffix[name] = n;
                }
                start.Name = unique;
            }
        }
    }

    /// <summary>The elements of a kind below the root, not entering rows filled as text (<see cref="FilledRow"/>): they hold no ids, and entering them would parse them.</summary>
    private static List<T> Descendants<T>(DocumentFormat.OpenXml.OpenXmlElement root) where T : DocumentFormat.OpenXml.OpenXmlElement
    {
        var found = new List<T>();
        var node = root.FirstChild;
        while (node is not null)
        {
            if (node is T match)
                found.Add(match);
            if (!(node is TableRow && FilledRow.Of(node) is not null) && node.HasChildren)
            {
                node = node.FirstChild;
                continue;
            }
            node = ElementWalk.NextAfter(node, root);
        }
        return found;
    }
}
