using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace DocxTemplating;

/// <summary>
/// A template table row filled as XML text instead of as an element tree: what a report's own tables are made of (the
/// 项目 self-evaluation table, repeated per project, its indicator and fund rows repeated per item). Cloning and filling
/// each cell's elements, walking them again in the finishers and writing them through the SDK cost about a microsecond an
/// element, most of a report's rendering; the row's text is its template's, cut at the texts its tags fill.
/// </summary>
/// <remarks>
/// The row is handed to the SDK unparsed (like the 附表), so it is written as it is. Whatever reads it as elements parses it
/// and then sees exactly this content: from then on the row is an ordinary row, <see cref="Of"/> no longer answers for it,
/// and the steps below fall back to the elements. The facts here (each cell's paragraphs and their text) let the steps
/// that only need those — merging repeated cells, fitting column widths — change the row without parsing it.
/// Only rows of plain content qualify (<see cref="RowXml.TryPrepare"/>): paragraphs of runs of text, no drawings,
/// bookmarks, fields, text boxes or nested tables, so the walks for charts, ids and the 目录 have nothing to find in them.
/// </remarks>
public sealed class FilledRow
{
    private readonly RowXml _shape;
    private readonly FilledCell[] _cells;

    /// <summary>
    /// A row not written yet: it stands in its table as an empty row until the table is filled (<see cref="Pending"/>), so
    /// that merging and the table steps change its facts and it is written once.
    /// </summary>
    internal FilledRow(RowXml shape, FilledCell[] cells)
    {
        _shape = shape;
        _cells = cells;
        Element = new TableRow();
        Element.AddAnnotation(this);
    }

    /// <summary>The row as it stands in the output now.</summary>
    public TableRow Element { get; private set; }

    /// <summary>The row's XML: what the SDK writes for it as long as nothing parsed it ("" until it is written).</summary>
    public string Xml { get; private set; } = "";

    /// <summary>
    /// Its table is still being filled: <see cref="Element"/> is an empty stand-in, which the table replaces with the row
    /// made from its facts (<see cref="Rebuild"/>) once its rows are all filled, merged and fitted.
    /// </summary>
    internal bool Pending { get; private set; } = true;

    public IReadOnlyList<FilledCell> Cells => _cells;

    /// <summary>The facts of a row the engine filled as text and nothing has parsed since; null for any other row.</summary>
    public static FilledRow? Of(OpenXmlElement element) =>
        element is TableRow row && row.Annotation<FilledRow>() is { } filled && ReferenceEquals(filled.Element, row)
            // Unparsed, the SDK answers with the very text it was given; parsed, it writes the elements anew.
            && (filled.Pending || ReferenceEquals(row.OuterXml, filled.Xml))
            ? filled : null;

    /// <summary>Gives a cell its width in twips (as the grid's, type dxa); false when its template cell sets no width of its own.</summary>
    public bool SetWidth(int cell, int twips)
    {
        if (_shape.Cells[cell].WidthHeads[0] is null)
            return false;
        _cells[cell].Width = twips;
        return true;
    }

    /// <summary>
    /// The row made again from the facts as they are now (widths given, cells merged): the caller puts it where
    /// <see cref="Element"/> stood. The old element answers to <see cref="Of"/> no more.
    /// </summary>
    public TableRow Rebuild()
    {
        (Element, Xml) = Build();
        Pending = false;
        return Element;
    }

    private (TableRow, string) Build()
    {
        var xml = t_row ??= new StringBuilder(8 * 1024);
        xml.Clear();
        xml.Append(_shape.Start);
        for (var c = 0; c < _cells.Length; c++)
        {
            var cell = _cells[c];
            var shape = _shape.Cells[c];
            var merge = (int)cell.Merge;
            if (cell.Width is { } width && shape.WidthHeads[merge] is { } around)
                xml.Append(around.Before).Append(width).Append(around.After);
            else
                xml.Append(shape.Heads[merge]);
            xml.Append(cell.Merge == CellMerge.Continued ? cell.EmptyXml : cell.ContentXml);
            xml.Append(shape.End);
        }
        xml.Append(_shape.End);
        var text = xml.ToString();
        if (xml.Capacity > 1 << 20)
            t_row = null;   // a very long row's builder is not kept
        var row = RowOf(text);
        row.AddAnnotation(this);
        return (row, text);
    }

    /// <summary>
    /// The row standing for <paramref name="xml"/>, unparsed. The SDK's own constructor from outer XML first reads the start
    /// tag with a new XmlReader (some 10 kB and a microsecond and more, for each row of each report) to see that it names
    /// the element; a row's text was made from the template's own row and parsed in every merge state when the template was
    /// compiled (<see cref="RowXml"/>), so the row is given its text the way the constructor does after that reading. Should
    /// the SDK no longer have that setter, the constructor is used.
    /// </summary>
    private static TableRow RowOf(string xml)
    {
        var row = new TableRow();
        return RawXml.TrySet(row, xml) ? row : new TableRow(xml);
    }

    [ThreadStatic] private static StringBuilder? t_row;
}

/// <summary>A cell of a <see cref="FilledRow"/>: its template cell (read only: shared by every report) and the paragraphs it holds now.</summary>
public sealed class FilledCell
{
    private readonly FilledParagraph[] _paragraphs;

    internal FilledCell(TableCell template, string contentXml, string emptyXml, FilledParagraph[] paragraphs)
    {
        Template = template;
        ContentXml = contentXml;
        EmptyXml = emptyXml;
        _paragraphs = paragraphs;
        Text = paragraphs.Length switch
        {
            0 => "",
            1 => paragraphs[0].Text,
            _ => string.Concat(paragraphs.Select(p => p.Text)),
        };
    }

    /// <summary>The template's cell: its properties (span, width, merge) as the template sets them.</summary>
    public TableCell Template { get; }

    /// <summary>The paragraphs the cell holds, with their template paragraph (style, run sizes) and text; none once merged into the cell above.</summary>
    public IReadOnlyList<FilledParagraph> Paragraphs => Merge == CellMerge.Continued ? [] : _paragraphs;

    /// <summary>The cell's text as Word's InnerText gives it (its paragraphs' texts one after another).</summary>
    internal string Text { get; }

    internal string ContentXml { get; }

    /// <summary>What the cell holds once merged into the one above: an empty paragraph in its first paragraph's style.</summary>
    internal string EmptyXml { get; }

    internal CellMerge Merge { get; set; }

    internal int? Width { get; set; }
}

/// <summary>A paragraph of a filled cell: the template paragraph it was filled from and the text it shows.</summary>
public readonly record struct FilledParagraph(Paragraph Template, string Text);

internal enum CellMerge { None, Restarted, Continued }

/// <summary>Where a node writes XML text: the builder, and the paragraphs written so far (for the cell's facts).</summary>
internal sealed class XmlOutput(StringBuilder builder)
{
    public StringBuilder Builder { get; } = builder;
    public List<FilledParagraph> Paragraphs { get; } = new();

    /// <summary>The empty paragraph (in its style) the first paragraph written would leave when its cell is merged into the one above.</summary>
    public string? FirstEmptyXml { get; set; }
}

/// <summary>A template row's text, cut where the filled content and what merging and fitting change go.</summary>
internal sealed class RowXml
{
    private RowXml(string start, string end, CellXml[] cells, string emptyParagraph)
    {
        Start = start;
        End = end;
        Cells = cells;
        EmptyParagraph = emptyParagraph;
    }

    /// <summary>The row's start tag (declaring the namespaces it uses, so that it can stand alone) and its properties.</summary>
    public string Start { get; }

    public string End { get; }

    public CellXml[] Cells { get; }

    /// <summary>An empty paragraph, for a cell left without one (a cell must end with a paragraph).</summary>
    public string EmptyParagraph { get; }

    /// <summary>
    /// The row's text cut for filling, or null when the row is not plain enough to be filled as text: anything but row
    /// properties before its cells, a cell holding anything but paragraphs of runs of text (and blocks of those), or a
    /// namespace the document declares as default.
    /// </summary>
    public static RowXml? TryPrepare(TableRow row, IReadOnlyList<ContainerNode> cells, XmlNamespaces namespaces)
    {
        var templateCells = row.Elements<TableCell>().ToList();
        if (templateCells.Count != cells.Count || namespaces.HasDefault)
            return null;
        var seenCell = false;
        foreach (var child in row.ChildElements)
        {
            if (child is TableCell)
                seenCell = true;
            else if (seenCell || child is not (TableRowProperties or TablePropertyExceptions))
                return null;
        }
        // Every node of every cell prepared (not stopping at the first that cannot): a node is prepared once, for this row.
        if (cells.SelectMany(c => c.Children).Select(n => n.PrepareXml(namespaces)).ToList().Contains(false))
            return null;

        var emptyParagraph = namespaces.Serialize(new Paragraph());
        var shell = (TableRow)row.CloneNode(false);
        foreach (var child in row.ChildElements.Where(c => c is not TableCell))
            shell.AppendChild(child.CloneNode(true));
        var (start, end) = Around(shell, new TableCell(), namespaces);
        if (start is null)
            return null;
        var shapes = new CellXml[templateCells.Count];
        for (var c = 0; c < templateCells.Count; c++)
            if (CellXml.TryPrepare(templateCells[c], namespaces) is { } shape)
                shapes[c] = shape;
            else
                return null;
        // The row stands alone until the document is written: its start tag declares the prefixes it uses (but those it
        // declares itself, which its text holds already: a second declaration of a prefix is no XML).
        var whole = namespaces.Serialize(row);
        var name = $"<{row.Prefix}:{row.LocalName}";
        if (!start.StartsWith(name, StringComparison.Ordinal))
            return null;
        start = name + namespaces.DeclarationsUsedIn(whole, row.NamespaceDeclarations.Select(d => d.Key).ToHashSet(StringComparer.Ordinal)) + start[name.Length..];
        var prepared = new RowXml(start, end!, shapes, emptyParagraph);
        prepared.Trial(cells);
        return prepared;
    }

    /// <summary>
    /// Makes the row once in each way merging can leave its cells, widths given, values empty, and parses it: a row whose
    /// text is not XML standing alone (a declaration missing or twice) throws here, at compile, and is filled as elements,
    /// instead of failing every report.
    /// </summary>
    private void Trial(IReadOnlyList<ContainerNode> cells)
    {
        var contents = cells.Select(c => Paragraphs(c.Children).ToList()).ToList();
        for (var merge = 0; merge < 3; merge++)
        {
            var xml = new StringBuilder(Start);
            for (var c = 0; c < Cells.Length; c++)
            {
                xml.Append(Cells[c].WidthHeads[merge] is { } around ? around.Before + "0" + around.After : Cells[c].Heads[merge]);
                if (merge == 2)
                    xml.Append(contents[c].FirstOrDefault()?.EmptyXml ?? EmptyParagraph);
                else if (contents[c].Count == 0)
                    xml.Append(EmptyParagraph);
                else
                    foreach (var paragraph in contents[c])
                        xml.Append(paragraph.TrialXml);
                xml.Append(Cells[c].End);
            }
            xml.Append(End);
            _ = new TableRow(xml.ToString()).Descendants().Count();   // parsed whole
        }

        static IEnumerable<ParagraphNode> Paragraphs(IEnumerable<Node> nodes) => nodes.SelectMany(n => n switch
        {
            ParagraphNode paragraph => [paragraph],
            BlockNode block => Paragraphs(block.Body.Concat(block.Else)),
            _ => [],
        });
    }

    /// <summary>
    /// The text of <paramref name="shell"/> before and after where a child goes: <paramref name="marker"/> is appended to a copy,
    /// and the copy's text cut around the marker's own text. Null when the text does not end as expected.
    /// </summary>
    internal static (string? Before, string? After) Around(OpenXmlElement shell, OpenXmlElement marker, XmlNamespaces namespaces)
    {
        var markerText = namespaces.Serialize(marker);
        shell.AppendChild(marker);
        var text = namespaces.Serialize(shell);
        var end = $"</{shell.Prefix}:{shell.LocalName}>";
        if (!text.EndsWith(markerText + end, StringComparison.Ordinal))
            return (null, null);
        return (text[..^(markerText.Length + end.Length)], end);
    }
}

/// <summary>A template cell's start tag and properties in the three ways merging leaves them, each with its width open or as the template's.</summary>
internal sealed class CellXml
{
    /// <summary>By <see cref="CellMerge"/>: the start tag and properties as the template has them, restarting a merge, continuing one.</summary>
    public string[] Heads { get; } = new string[3];

    /// <summary>The same, cut where a fitted width goes (the width given in dxa); null when the cell sets no width.</summary>
    public (string Before, string After)?[] WidthHeads { get; } = new (string, string)?[3];

    public string End { get; private set; } = "";

    public TableCell Template { get; private set; } = null!;

    private const char Hole = '\uE000';

    public static CellXml? TryPrepare(TableCell cell, XmlNamespaces namespaces)
    {
        var shape = new CellXml { Template = cell };
        for (var merge = 0; merge < 3; merge++)
        {
            foreach (var fitted in new[] { false, true })
            {
                // As the engine copies a cell (RowNode: its properties only), then as merging and fitting change it.
                var copy = (TableCell)cell.CloneNode(false);
                foreach (var properties in cell.Elements<TableCellProperties>())
                    copy.AppendChild(properties.CloneNode(true));
                if (merge > 0)
                    RepeatMerging.Properties(copy).VerticalMerge = merge == 1 ? new VerticalMerge { Val = MergedCellValues.Restart } : new VerticalMerge();
                if (fitted)
                {
                    if (copy.TableCellProperties?.TableCellWidth is not { } width)
                        continue;
                    width.Width = Hole.ToString();
                    width.Type = TableWidthUnitValues.Dxa;
                }
                var (head, end) = RowXml.Around(copy, new Paragraph(), namespaces);
                if (head is null || head.Contains(Hole) != fitted)
                    return null;
                shape.End = end!;
                if (!fitted)
                    shape.Heads[merge] = head;
                else if (head.Split(Hole) is [var before, var after])
                    shape.WidthHeads[merge] = (before, after);
                else
                    return null;
            }
        }
        return shape;
    }
}

/// <summary>The namespaces declared where a part's content stands, to write a piece of it as it is written inside the part.</summary>
internal sealed class XmlNamespaces
{
    private readonly KeyValuePair<string, string>[] _declarations;

    public XmlNamespaces(OpenXmlElement anywhereInPart)
    {
        var declared = new Dictionary<string, string>(StringComparer.Ordinal);
        // Innermost wins: walked from the element out, a prefix declared nearer is kept.
        for (var element = anywhereInPart; element is not null; element = element.Parent)
            foreach (var declaration in element.NamespaceDeclarations)
                declared.TryAdd(declaration.Key, declaration.Value);
        HasDefault = declared.ContainsKey("");
        _declarations = declared.Where(d => d.Key.Length > 0).ToArray();
    }

    /// <summary>The part declares a default namespace: pieces written without it would mean something else.</summary>
    public bool HasDefault { get; }

    /// <summary>An element's text as the part's writer writes it: inside the part's declarations, so without declarations of its own.</summary>
    public string Serialize(OpenXmlElement element)
    {
        var text = new StringBuilder();
        using (var writer = System.Xml.XmlWriter.Create(text, new System.Xml.XmlWriterSettings { OmitXmlDeclaration = true }))
        {
            writer.WriteStartElement("wrap");
            foreach (var (prefix, uri) in _declarations)
                writer.WriteAttributeString("xmlns", prefix, null, uri);
            writer.WriteRaw("");   // closes the start tag: what follows is the element's own text
            writer.Flush();
            var start = text.Length;
            element.WriteTo(writer);
            writer.Flush();
            var result = text.ToString(start, text.Length - start);
            writer.WriteEndElement();
            return result;
        }
    }

    /// <summary>The declarations of the prefixes a piece of the part's text uses, for a piece that must stand alone; <paramref name="declaredByPiece"/> left out.</summary>
    public string DeclarationsUsedIn(string text, IReadOnlySet<string> declaredByPiece)
    {
        var used = new StringBuilder();
        foreach (var (prefix, uri) in _declarations)
            if (!declaredByPiece.Contains(prefix) && (text.Contains($"<{prefix}:", StringComparison.Ordinal) || text.Contains($" {prefix}:", StringComparison.Ordinal)))
                used.Append(" xmlns:").Append(prefix).Append("=\"").Append(System.Security.SecurityElement.Escape(uri)).Append('"');
        return used.ToString();
    }

    /// <summary>Text as the part's writer escapes it in an element's content (only for text of printable characters: <see cref="TextWriting.IsPlain"/>).</summary>
    public static void AppendEscaped(StringBuilder xml, string text)
    {
        var from = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var entity = text[i] switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", _ => null };
            if (entity is null)
                continue;
            xml.Append(text, from, i - from).Append(entity);
            from = i + 1;
        }
        xml.Append(text, from, text.Length - from);
    }
}
