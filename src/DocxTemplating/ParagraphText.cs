using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace DocxTemplating;

/// <summary>
/// The text of one paragraph as Word stores it: spread over runs. Tags ({{…}}) that Word split
/// across runs are moved whole into the run where they start, so that run's formatting (including
/// its East Asian font) is what the rendered text gets. Curly quotes typed inside a tag become straight.
/// </summary>
internal static class ParagraphText
{
    /// <summary>The paragraph's own text nodes in order, leaving out those of text boxes nested in it.</summary>
    public static List<Text> OwnTexts(OpenXmlElement paragraph) =>
        paragraph.Descendants<Text>().Where(t => t.Ancestors<Paragraph>().FirstOrDefault() == paragraph).ToList();

    /// <summary>
    /// The paragraph's own text boxes (w:txbxContent, DrawingML or VML) in order, leaving out those nested in them: a text box
    /// in a text box belongs to the paragraph inside the outer box, and is compiled and filled there, in that paragraph's scope.
    /// </summary>
    public static List<OpenXmlElement> OwnTextBoxes(OpenXmlElement paragraph) =>
        paragraph.Descendants().Where(e => e.LocalName == "txbxContent" && e.Ancestors<Paragraph>().FirstOrDefault() == paragraph).ToList();

    public static string Of(OpenXmlElement paragraph) => string.Concat(OwnTexts(paragraph).Select(t => t.Text));

    /// <summary>Merges each tag, and each inline block ({{#x}}…{{/x}} within the paragraph), into one text node.</summary>
    public static void MergeTags(OpenXmlElement paragraph)
    {
        var texts = OwnTexts(paragraph);
        if (texts.Count == 0)
            return;
        var full = string.Concat(texts.Select(t => t.Text));
        if (!full.Contains("{{"))
            return;
        var owner = new int[full.Length];
        for (int i = 0, position = 0; i < texts.Count; i++)
            for (var k = 0; k < texts[i].Text.Length; k++)
                owner[position++] = i;

        var spans = Lexer.Scan(full).Where(t => t.Closed).Select(t => (t.Start, t.End)).ToList();
        spans.AddRange(InlineBlockSpans(full));
        foreach (var (start, end) in spans)
            for (var k = start; k < end; k++)
                owner[k] = owner[start];

        var rebuilt = new System.Text.StringBuilder[texts.Count];
        for (var i = 0; i < texts.Count; i++)
            rebuilt[i] = new System.Text.StringBuilder();
        for (var k = 0; k < full.Length; k++)
            rebuilt[owner[k]].Append(full[k]);
        for (var i = 0; i < texts.Count; i++)
        {
            var text = StraightQuotesInTags(rebuilt[i].ToString());
            if (text == texts[i].Text)
                continue;
            texts[i].Text = text;
            texts[i].Space = SpaceProcessingModeValues.Preserve;
        }
    }

    /// <summary>Spans from an opening block tag to its matching close when both are in this paragraph.</summary>
    private static IEnumerable<(int Start, int End)> InlineBlockSpans(string text)
    {
        var open = new Stack<TagToken>();
        foreach (var tag in Lexer.Scan(text).Where(t => t.Closed))
        {
            if (tag.IsBlockOpen)
                open.Push(tag);
            else if (tag.IsBlockClose && open.Count > 0)
            {
                var start = open.Pop();
                if (open.Count == 0)
                    yield return (start.Start, tag.End);
            }
        }
    }

    private static string StraightQuotesInTags(string text)
    {
        if (!text.Contains("{{"))
            return text;
        var chars = text.ToCharArray();
        // Word curls the quotes a maintainer types as delimiters; a tag that already has straight
        // quotes was typed with them, and its curly quotes are content (“三公”), so it is left alone.
        foreach (var tag in Lexer.Scan(text).Where(t => t.Closed && !t.Inner.Contains('"') && !t.Inner.Contains('\'')))
            for (var k = tag.Start; k < tag.End; k++)
                chars[k] = chars[k] switch { '“' or '”' or '„' or '″' => '"', '‘' or '’' or '′' => '\'', _ => chars[k] };
        return new string(chars);
    }

    /// <summary>Removes characters [start, end) of the paragraph's text, from whichever nodes hold them.</summary>
    public static void RemoveRange(OpenXmlElement paragraph, int start, int end)
    {
        var position = 0;
        foreach (var text in OwnTexts(paragraph))
        {
            var from = Math.Max(start, position) - position;
            var to = Math.Min(end, position + text.Text.Length) - position;
            var length = text.Text.Length;
            if (from < to)
            {
                text.Text = text.Text.Remove(from, to - from);
                text.Space = SpaceProcessingModeValues.Preserve;
            }
            position += length;
        }
    }
}
