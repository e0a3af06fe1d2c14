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
    public static void Assign(WordprocessingDocument document)
    {
        var main = document.MainDocumentPart!;
        var roots = new List<DocumentFormat.OpenXml.OpenXmlElement> { main.Document };
        roots.AddRange(main.HeaderParts.Select(h => (DocumentFormat.OpenXml.OpenXmlElement)h.Header));
        roots.AddRange(main.FooterParts.Select(f => (DocumentFormat.OpenXml.OpenXmlElement)f.Footer));

        uint drawingId = 1;
        foreach (var properties in roots.SelectMany(r => r.Descendants<Drawing.DocProperties>()))
            properties.Id = drawingId++;

        var bookmarkId = 0;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var root in roots)
        {
            var ends = root.Descendants<BookmarkEnd>().ToList();
            foreach (var start in root.Descendants<BookmarkStart>())
            {
                var end = ends.FirstOrDefault(e => e.Id?.Value == start.Id?.Value);
                var fresh = (bookmarkId++).ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (end is not null)
                {
                    ends.Remove(end);
                    end.Id = fresh;
                }
                start.Id = fresh;
                var name = start.Name?.Value ?? "";
                var unique = name;
                for (var n = 2; !names.Add(unique); n++)
                    unique = $"{name}_{n}";
                start.Name = unique;
            }
        }
    }
}
