using System.ComponentModel;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace FinalAccounts.Report;

/// <summary>
/// The 目录: the TOC field's result is written out (one entry per level-1 and level-2 heading,
/// each with a PAGEREF to a bookmark on its heading), so the list is there even where fields are
/// not updated (LibreOffice's PDF export). Page numbers are filled in when a layout is known
/// (<see cref="SetPageNumbers"/>); Word and WPS recompute them on open.
/// </summary>
public static class TableOfContents
{
    private static readonly Dictionary<string, string> Levels = new() { ["Heading1"] = "TOC1", ["Heading2"] = "TOC2" };

    [Description("目录")]
    public static void Fill(WordprocessingDocument document)
    {
        var body = document.MainDocumentPart!.Document.Body!;
        // The TOC field in a paragraph of the body, or in the 目录 content control Word's 引用 → 目录 puts it in.
        var field = body.ChildElements.SelectMany(e => e is SdtBlock { SdtContentBlock: { } content } ? content.Elements<Paragraph>() : e is Paragraph p ? [p] : [])
            .FirstOrDefault(p => p.Descendants<FieldCode>().Any(c => c.Text.TrimStart().StartsWith("TOC", StringComparison.Ordinal)));
        if (field is null)
            return;
        var anchor = field.Parent is SdtContentBlock ? field.Parent.Parent! : field;
        var headings = body.ChildElements.SkipWhile(e => e != anchor).Skip(1).OfType<Paragraph>()
            .Where(p => Levels.ContainsKey(p.ParagraphProperties?.ParagraphStyleId?.Val?.Value ?? "")).ToList();
        // A 目录 updated in Word before the template was saved holds its entries (up to the field's end, paragraphs below) and
        // left a bookmark on each heading for them: the entries are replaced whole, and bookmarks nothing else refers to go too.
        // Without headings the 目录 is left as it is, its entries' bookmarks with it.
        if (headings.Count == 0)
            return;
        var result = FieldResult(field);
        RemoveBookmarksOnlyTheyReferTo(body, result);
        var instruction = field.Descendants<FieldCode>().First().Text;
        var entries = new List<Paragraph>();
        for (var i = 0; i < headings.Count; i++)
        {
            var bookmark = $"_Toc{i + 1:D6}";
            var id = (900000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            headings[i].InsertAfter(new BookmarkStart { Id = id, Name = bookmark }, headings[i].ParagraphProperties);
            headings[i].Append(new BookmarkEnd { Id = id });
            var entry = new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = Levels[headings[i].ParagraphProperties!.ParagraphStyleId!.Val!.Value!] }));
            if (i == 0)
                entry.Append(FieldRuns(instruction));
            entry.Append(new Run(new Text(DocxTextOf(headings[i])) { Space = SpaceProcessingModeValues.Preserve }), new Run(new TabChar()));
            entry.Append(new Run(new FieldChar { FieldCharType = FieldCharValues.Begin }),
                new Run(new FieldCode($" PAGEREF {bookmark} \\h ") { Space = SpaceProcessingModeValues.Preserve }),
                new Run(new FieldChar { FieldCharType = FieldCharValues.Separate }),
                new Run(new Text("") { Space = SpaceProcessingModeValues.Preserve }),
                new Run(new FieldChar { FieldCharType = FieldCharValues.End }));
            if (i == headings.Count - 1)
                entry.Append(new Run(new FieldChar { FieldCharType = FieldCharValues.End }));
            entries.Add(entry);
        }
        if (entries.Count == 0)
            return;
        foreach (var entry in entries)
            field.InsertBeforeSelf(entry);
        foreach (var paragraph in result)
            paragraph.Remove();
    }

    /// <summary>
    /// The bookmarks the old entries refer to (by hyperlink or PAGEREF) that nothing else in the body refers to: Word put them on
    /// the headings for those entries only. One pass over the body: loops in the template can repeat a bookmark thousands of times.
    /// </summary>
    private static void RemoveBookmarksOnlyTheyReferTo(Body body, List<Paragraph> entries)
    {
        var inEntries = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
            foreach (var element in entry.Descendants())
                if (Target(element) is { } name)
                    inEntries.Add(name);
        // A 目录 never updated (the shipped templates') refers to nothing: the body is not walked at all.
        if (inEntries.Count == 0)
            return;
        var starts = new List<BookmarkStart>();
        var ends = new List<BookmarkEnd>();
        // The 附表 are left unparsed (FilledBody): they hold no bookmark or reference of the template.
        foreach (var element in FilledBody.Descendants<OpenXmlElement>(body))
        {
            if (element is BookmarkStart start)
                starts.Add(start);
            else if (element is BookmarkEnd end)
                ends.Add(end);
            else if (Target(element) is { } name && !element.Ancestors<Paragraph>().Any(entries.Contains))
                inEntries.Remove(name);
        }
        if (inEntries.Count == 0)
            return;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in starts.Where(s => inEntries.Contains(s.Name?.Value ?? "")))
        {
            ids.Add(start.Id?.Value ?? "");
            start.Remove();
        }
        foreach (var end in ends.Where(e => ids.Contains(e.Id?.Value ?? "")))
            end.Remove();
    }

    /// <summary>The bookmark a hyperlink or a field (PAGEREF, REF) refers to.</summary>
    private static string? Target(OpenXmlElement element) => element switch
    {
        Hyperlink { Anchor.Value: { } anchor } => anchor,
        FieldCode code => code.Text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var kind, var name, ..] && kind is "PAGEREF" or "REF" ? name : null,
        _ => null,
    };

    /// <summary>
    /// The paragraphs of the TOC field: its own, through the one where its end is (the fields of its page numbers counted in
    /// between). Only its own paragraph when the end is not found among the paragraphs that follow it.
    /// </summary>
    private static List<Paragraph> FieldResult(Paragraph field)
    {
        var paragraphs = new List<Paragraph>();
        var depth = 0;
        for (OpenXmlElement? element = field; element is Paragraph paragraph; element = element.NextSibling())
        {
            paragraphs.Add(paragraph);
            foreach (var mark in paragraph.Descendants<FieldChar>())
            {
                if (mark.FieldCharType?.Value == FieldCharValues.Begin)
                    depth++;
                else if (mark.FieldCharType?.Value == FieldCharValues.End && --depth == 0)
                    return paragraphs;
            }
            if (depth <= 0)
                break;
        }
        return [field];
    }

    /// <summary>
    /// The headings the 目录 lists, by bookmark, with their text. A bookmark Word put between paragraphs (in the body, a
    /// table or a row) marks no heading's text: it is not an entry.
    /// </summary>
    public static IReadOnlyList<(string Bookmark, string Text)> Entries(WordprocessingDocument document) =>
        document.MainDocumentPart!.Document.Body!.Descendants<BookmarkStart>()
            .Where(b => b.Name?.Value?.StartsWith("_Toc", StringComparison.Ordinal) == true && b.Parent is Paragraph)
            .Select(b => (b.Name!.Value!, DocxTextOf((Paragraph)b.Parent!))).ToList();

    /// <summary>Writes known page numbers into the PAGEREF results of the entries.</summary>
    public static void SetPageNumbers(WordprocessingDocument document, IReadOnlyDictionary<string, int> pages)
    {
        foreach (var code in document.MainDocumentPart!.Document.Body!.Descendants<FieldCode>().ToList())
        {
            var parts = code.Text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2 || parts[0] != "PAGEREF" || !pages.TryGetValue(parts[1], out var page))
                continue;
            var result = code.Parent!.NextSibling<Run>()?.NextSibling<Run>()?.GetFirstChild<Text>();
            if (result is not null)
                result.Text = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private static IEnumerable<Run> FieldRuns(string instruction) =>
    [
        new Run(new FieldChar { FieldCharType = FieldCharValues.Begin }),
        new Run(new FieldCode(instruction) { Space = SpaceProcessingModeValues.Preserve }),
        new Run(new FieldChar { FieldCharType = FieldCharValues.Separate }),
    ];

    private static string DocxTextOf(Paragraph paragraph) => string.Concat(paragraph.Descendants<Text>().Select(t => t.Text)).Trim();
}
