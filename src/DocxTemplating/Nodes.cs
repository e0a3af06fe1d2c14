using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace DocxTemplating;

/// <summary>
/// Where a node renders to: Word elements (the children of a body, cell or row list) or the text of
/// one run. A block renders the same way into either, so its extent — part of a run, paragraphs,
/// table rows — is only where its tags stand.
/// </summary>
internal sealed class Output
{
    public Output(List<OpenXmlElement> elements) => Elements = elements;

    public Output(StringBuilder text) => Text = text;

    /// <summary>A table row's cell filled as XML text (<see cref="FilledRow"/>): only nodes that <see cref="Node.PrepareXml"/> render into it.</summary>
    public Output(XmlOutput xml) => Xml = xml;

    public List<OpenXmlElement>? Elements { get; }
    public StringBuilder? Text { get; }
    public XmlOutput? Xml { get; }

    public int Mark => Elements?.Count ?? Text?.Length ?? Xml!.Builder.Length;
}

/// <summary>A compiled piece of a template.</summary>
internal abstract class Node
{
    public TemplateLocation? Location { get; init; }

    /// <summary>The tag as the maintainer wrote it, for messages ("" for plain content).</summary>
    public string Tag { get; init; } = "";

    /// <summary>Whether the template content of this node holds a chart (see <see cref="BlockNode"/>).</summary>
    public virtual bool ContainsChart { get; init; }

    public abstract void Render(RenderContext context, Frame<object?> scope, Output output);

    /// <summary>
    /// Makes ready to render into XML text, in a table row filled as text (<see cref="RowXml"/>); false when this node
    /// cannot (it makes elements another step must find: a chart, a bookmark, a text box, a table).
    /// </summary>
    internal virtual bool PrepareXml(XmlNamespaces namespaces) => false;
}

/// <summary>Block-level children of a container (body, header, footer, table cell, text box).</summary>
internal sealed class ContainerNode(IReadOnlyList<Node> children)
{
    public IReadOnlyList<Node> Children { get; } = children;

    /// <summary>Whether one of its children holds a chart: a row holding this cell does (see <see cref="RowNode"/>).</summary>
    public bool ContainsChart { get; } = children.Any(c => c.ContainsChart);

    /// <param name="part">This is a part's own content (body, header, footer): each child filled is the outermost place, where a template too deep for the stack is reported.</param>
    public List<OpenXmlElement> Render(RenderContext context, Frame<object?> scope, bool part = false)
    {
        var elements = new List<OpenXmlElement>();
        var output = new Output(elements);
        foreach (var child in Children)
        {
            if (part)
                context.Outermost = child.Location;
            child.Render(context, scope, output);
        }
        return elements;
    }
}

/// <summary>An element with nothing to fill (section properties, bookmarks between paragraphs …): copied as it is.</summary>
internal sealed class CopyNode(OpenXmlElement template) : Node
{
    public override void Render(RenderContext context, Frame<object?> scope, Output output) => output.Elements!.Add(template.CloneNode(true));
}

/// <summary>Literal text between tags.</summary>
internal sealed class TextNode(string text) : Node
{
    public string Text { get; } = text;

    public override void Render(RenderContext context, Frame<object?> scope, Output output) => output.Text!.Append(Text);
}

/// <summary>{{path}} or {{helper args}} in running text.</summary>
internal sealed class OutputNode(Expression expression) : Node
{
    public Expression Expression { get; } = expression;

    public override void Render(RenderContext context, Frame<object?> scope, Output output)
    {
        if (!context.TryEvaluate(Expression, scope, lenient: false, Location, Tag, out var value))
            return;
        // Data without a schema (render from JSON) reaches here unchecked: an object is the same mistake as TPL015.
        if (value is IDictionary<string, object?> || value is System.Collections.IEnumerable and not string && ((System.Collections.IEnumerable)value).Cast<object?>().Any(v => v is IDictionary<string, object?>))
            context.Fail(Location, Tag, $"“{Expression.Text}”是{(value is IDictionary<string, object?> ? "一个对象" : "一个由对象组成的列表")}，不能直接印出；请写出它的字段。", TemplateErrors.PrintsObject);
        else
        {
            ValueText.Append(output.Text!, value);
            if (output.Text!.Length > TemplateLimits.MaxTextChars)
                context.Step(this, output.Text);
        }
    }
}

/// <summary>
/// A paragraph: each of its text nodes that holds tags is a small program of text, output tags and
/// inline blocks; its text boxes are containers of their own.
/// </summary>
internal sealed class ParagraphNode(OpenXmlElement template, IReadOnlyDictionary<int, IReadOnlyList<Node>> texts, IReadOnlyList<ContainerNode> textBoxes) : Node
{
    public IReadOnlyDictionary<int, IReadOnlyList<Node>> Texts { get; } = texts;
    public IReadOnlyList<ContainerNode> TextBoxes { get; } = textBoxes;

    private readonly bool _nestsParagraphs = template.Descendants<Paragraph>().Any();

    /// <summary>Prepared for XML text (<see cref="PrepareXml"/>): the paragraph's text cut at the texts its tags fill.</summary>
    private string[]? _pieces;

    /// <summary>The paragraph's own texts between those its tags fill (what Word's InnerText joins), one more than the filled ones.</summary>
    private string[]? _textPieces;

    private string _emptyXml = "";
    private XmlNamespaces? _namespaces;

    /// <summary>
    /// Paragraphs of runs of text (the allowed elements: <see cref="PlainContent"/>), no text boxes or drawings; cut at
    /// each filled text with a character the template does not hold.
    /// </summary>
    internal override bool PrepareXml(XmlNamespaces namespaces)
    {
        if (_pieces is not null)
            return true;
        if (template is not Paragraph || TextBoxes.Count > 0 || _nestsParagraphs || ContainsChart || !PlainContent(template))
            return false;
        var copy = template.CloneNode(true);
        var texts = copy.Descendants<Text>().ToList();
        var filled = Texts.Keys.Order().ToList();
        if (filled.Any(i => i >= texts.Count))
            return false;
        var textPieces = new List<string>();
        var between = new StringBuilder();
        var next = 0;
        for (var i = 0; i < texts.Count; i++)
        {
            if (next < filled.Count && filled[next] == i)
            {
                textPieces.Add(between.ToString());
                between.Clear();
                texts[i].Text = Hole.ToString();
                texts[i].Space = SpaceProcessingModeValues.Preserve;   // as TextWriting.SetText leaves every filled text
                next++;
            }
            else
                between.Append(texts[i].Text);
        }
        textPieces.Add(between.ToString());
        var pieces = namespaces.Serialize(copy).Split(Hole);
        if (pieces.Length != filled.Count + 1)
            return false;   // the template holds the cutting character itself
        var empty = new Paragraph();
        if (template.GetFirstChild<ParagraphProperties>() is { } properties)
            empty.Append(properties.CloneNode(true));
        (_pieces, _textPieces, _emptyXml, _namespaces) = ([.. pieces], [.. textPieces], namespaces.Serialize(empty), namespaces);
        return true;
    }

    private const char Hole = '\uE000';

    /// <summary>The paragraph as text with every filled text empty (prepared for XML text only): for a trial of the row's text.</summary>
    internal string TrialXml => string.Concat(_pieces!);

    /// <summary>The empty paragraph in its style a cell keeps when merged into the one above (prepared for XML text only).</summary>
    internal string EmptyXml => _emptyXml;

    /// <summary>A paragraph holding only runs of text, breaks and tabs (and their properties): nothing a later step must find or renumber.</summary>
    private static bool PlainContent(OpenXmlElement paragraph)
    {
        foreach (var child in paragraph.ChildElements)
        {
            // A numbered paragraph is not plain: restarting a list (restartNumbering) looks for its numbering in the elements.
            if (child is ParagraphProperties properties)
            {
                if (properties.NumberingProperties is not null)
                    return false;
                continue;
            }
            if (child is ProofError)
                continue;
            if (child is not Run run)
                return false;
            foreach (var content in run.ChildElements)
                if (content is not (RunProperties or Text or Break or TabChar or LastRenderedPageBreak))
                    return false;
        }
        return true;
    }

    public override void Render(RenderContext context, Frame<object?> scope, Output output)
    {
        context.Step(this);
        if (output.Xml is { } xml)
        {
            WriteXml(context, scope, xml);
            return;
        }
        var paragraph = template.CloneNode(true);
        if (Texts.Count > 0)
        {
            // Without text boxes every text node is the paragraph's own: no ancestor walk per node.
            var ownTexts = TextBoxes.Count == 0 && !_nestsParagraphs ? paragraph.Descendants<Text>().ToList() : ParagraphText.OwnTexts(paragraph);
            var values = Fill(context, scope);
            var v = 0;
            foreach (var index in Texts.Keys)
                TextWriting.SetText(ownTexts[index], values[v++]);
        }
        if (TextBoxes.Count > 0)
        {
            var boxes = ParagraphText.OwnTextBoxes(paragraph);
            for (var i = 0; i < boxes.Count && i < TextBoxes.Count; i++)
            {
                boxes[i].RemoveAllChildren();
                boxes[i].Append(TextBoxes[i].Render(context, scope));
                TextWriting.EnsureEndsWithParagraph(boxes[i]);
            }
        }
        output.Elements!.Add(paragraph);
    }

    /// <summary>The value of each filled text, in the order of <see cref="Texts"/>.</summary>
    private string[] Fill(RenderContext context, Frame<object?> scope)
    {
        var values = new string[Texts.Count];
        var builder = new StringBuilder();
        var text = new Output(builder);
        var v = 0;
        foreach (var program in Texts.Values)
        {
            builder.Clear();
            foreach (var node in program)
                node.Render(context, scope, text);
            values[v++] = builder.ToString();
        }
        return values;
    }

    /// <summary>
    /// The paragraph as XML text: its pieces with the values between them. A value with a line break, a tab or a character
    /// XML cannot hold is filled as elements and written (what <see cref="TextWriting.SetText"/> makes of it, written the same way).
    /// </summary>
    private void WriteXml(RenderContext context, Frame<object?> scope, XmlOutput xml)
    {
        xml.FirstEmptyXml ??= _emptyXml;
        var values = Texts.Count == 0 ? [] : Fill(context, scope);
        // Texts is in the order of its keys (compiled in text order), as the pieces are.
        if (values.All(TextWriting.IsPlain))
        {
            var shown = new StringBuilder(_textPieces![0]);
            for (var i = 0; i < values.Length; i++)
            {
                xml.Builder.Append(_pieces![i]);
                XmlNamespaces.AppendEscaped(xml.Builder, values[i]);
                shown.Append(values[i]).Append(_textPieces[i + 1]);
            }
            xml.Builder.Append(_pieces![^1]);
            xml.Paragraphs.Add(new FilledParagraph((Paragraph)template, shown.ToString()));
            return;
        }
        var paragraph = template.CloneNode(true);
        var ownTexts = paragraph.Descendants<Text>().ToList();
        var v = 0;
        foreach (var index in Texts.Keys)
            TextWriting.SetText(ownTexts[index], values[v++]);
        xml.Builder.Append(_namespaces!.Serialize(paragraph));
        xml.Paragraphs.Add(new FilledParagraph((Paragraph)template, paragraph.InnerText));
    }
}

/// <summary>A lone tag such as {{chart charts.totalChange}}: the host's element helper makes the elements.</summary>
internal sealed class ElementHelperNode(string helper, Expression argument, string? label, ParagraphProperties? paragraph = null) : Node
{
    public string Helper { get; } = helper;
    public Expression Argument { get; } = argument;
    public string? Label { get; } = label;

    /// <summary>How many steps of <see cref="TemplateLimits.MaxRenderSteps"/> one element counts for: a fill makes at most 5 000.</summary>
    public const int ElementWeight = 100;

    public override void Render(RenderContext context, Frame<object?> scope, Output output)
    {
        // A chart or a 附表 is a part or a table of its own: it weighs as much as a page of paragraphs.
        context.Step(this, weight: ElementWeight);
        if (!context.TryEvaluate(Argument, scope, lenient: false, Location, Tag, out var value))
            return;
        var module = context.Options.ElementHelpers[Helper];
        List<OpenXmlElement> made;
        try
        {
            // Enumerated here: a helper written as an iterator throws only when its elements are asked for.
            context.Services.TagParagraph = paragraph;
            made = module.Render(value, Label, context.Services).ToList();
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or StackOverflowException))
        {
            // The data did not fit what the helper reads (the schema allowed it, the values did not): the template's problem, at its tag.
            context.Fail(Location, Tag, $"“{Helper}”无法生成（需要{module.Wants}）：{ex.Message}");
            return;
        }
        finally
        {
            context.Services.TagParagraph = null;
        }
        output.Elements!.AddRange(made);
    }
}

/// <summary>
/// {{#each}}, {{#if}}, {{#unless}}, {{#with}}: one kind of block whatever it spans — part of a
/// run's text, whole paragraphs, tables and figures, or table rows. {{else if x}} is a block of its
/// own in <see cref="Else"/>.
/// </summary>
internal sealed class BlockNode(string helper, Expression? argument, bool restartNumbering, bool pageBreak, int mergeRepeats = 0) : Node
{
    /// <summary>mergeRepeats=N of a table row block: the first N columns' repeated cells merge (see <see cref="RepeatMerging"/>).</summary>
    public int MergeRepeats { get; } = mergeRepeats;

    public string Helper { get; } = helper;
    public Expression? Argument { get; } = argument;
    public bool RestartNumbering { get; } = restartNumbering;
    public bool PageBreak { get; } = pageBreak;
    public List<Node> Body { get; } = new();
    public List<Node> Else { get; } = new();

    /// <summary>Its tag could not be read (already reported): its argument is not checked again.</summary>
    public bool Broken { get; init; }

    /// <summary>
    /// Only a body whose template content holds a chart has its repeated items searched for chart
    /// references: the search would parse every element helpers added (thousands of table cells).
    /// </summary>
    public override bool ContainsChart
    {
        get => Body.Concat(Else).Any(n => n.ContainsChart);
        init { }
    }

    public override void Render(RenderContext context, Frame<object?> scope, Output output)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (Helper)
        {
            case "each":
                if (!context.TryEvaluate(Argument!, scope, lenient: false, Location, Tag, out var value))
                    return;
                var items = value switch
                {
                    IDictionary<string, object?> map => map.Select(p => (Key: (string?)p.Key, Value: p.Value)).ToList(),
                    System.Collections.IEnumerable list when value is not string => list.Cast<object?>().Select(v => (Key: (string?)null, Value: v)).ToList(),
                    _ => [],
                };
                if (items.Count == 0)
                {
                    RenderAll(Else, context, scope, output);
                    return;
                }
                var path = scope.Path;
                var blockStart = output.Mark;
                for (var i = 0; i < items.Count; i++)
                {
                    var start = output.Mark;
                    context.Step(this, output.Text);
                    RenderAll(Body, context, scope.Item(items[i].Value, i, items.Count, items[i].Key, path), output);
                    if (i > 0 && output.Elements is { } elements)
                        Separate(context, elements, start);
                }
                if (MergeRepeats > 0 && output.Elements is { } rows)
                    RepeatMerging.Apply(rows, blockStart, MergeRepeats);
                return;
            case "with":
                if (context.TryEvaluate(Argument!, scope, lenient: true, Location, Tag, out var target) && DataTree.IsTruthy(target))
                    RenderAll(Body, context, scope.With(target, scope.Path), output);
                else
                    RenderAll(Else, context, scope, output);
                return;
            default:
                context.TryEvaluate(Argument!, scope, lenient: true, Location, Tag, out var condition);
                var truthy = DataTree.IsTruthy(condition) != (Helper == "unless");
                RenderAll(truthy ? Body : Else, context, scope, output);
                return;
        }
    }

    /// <summary>What a repeated item after the first needs to stand apart: its own charts, numbering, a page of its own.</summary>
    private void Separate(RenderContext context, List<OpenXmlElement> elements, int start)
    {
        if (!ContainsChart && !RestartNumbering && !PageBreak)
            return;
        var part = elements.GetRange(start, elements.Count - start);
        if (ContainsChart)
            context.CopyCharts(part);
        if (RestartNumbering)
            context.RestartNumbering(part);
        if (PageBreak)
        {
            TextWriting.BreakPageBefore(part);
            elements.RemoveRange(start, elements.Count - start);
            elements.AddRange(part);
        }
    }

    /// <summary>A block of paragraphs inside a cell filled as text: its content all plain paragraphs and blocks of them, nothing to separate.</summary>
    internal override bool PrepareXml(XmlNamespaces namespaces) =>
        !RestartNumbering && !PageBreak && MergeRepeats == 0 && !ContainsChart
        && !Body.Concat(Else).Select(n => n.PrepareXml(namespaces)).ToList().Contains(false);

    private static void RenderAll(List<Node> nodes, RenderContext context, Frame<object?> scope, Output output)
    {
        foreach (var node in nodes)
            node.Render(context, scope, output);
    }
}

/// <summary>
/// A table: its properties and grid, then its rows — plain rows, row blocks, and whatever stands between rows (a content
/// control around rows, a bookmark), each in its place. A table left without rows is dropped.
/// </summary>
internal sealed class TableNode(Table template, IReadOnlyList<Node> rows) : Node
{
    public IReadOnlyList<Node> Rows { get; } = rows;

    public override void Render(RenderContext context, Frame<object?> scope, Output output)
    {
        var table = (Table)template.CloneNode(false);
        foreach (var child in template.ChildElements.Where(c => c is TableProperties or TableGrid))
            table.Append(child.CloneNode(true));
        var rendered = new List<OpenXmlElement>();
        var rowOutput = new Output(rendered);
        foreach (var row in Rows)
            row.Render(context, scope, rowOutput);
        if (!rendered.Any(e => e is TableRow || e.Descendants<TableRow>().Any()))
            return;
        table.Append(rendered);
        if (InBody)
            foreach (var step in context.Options.TableSteps)
                DocxTemplate.RunStep(() => step(table, context.Services.MainPart), () => DocxTemplate.StepName(step.Method), context, Location);
        // The rows filled as text are written now, once: merged, and as the table steps left them.
        for (var child = table.FirstChild; child is not null; child = child.NextSibling())
            if (child is TableRow row && FilledRow.Of(row) is { Pending: true } filled)
            {
                var written = filled.Rebuild();
                table.ReplaceChild(written, row);
                child = written;
            }
        output.Elements!.Add(table);
    }

    /// <summary>A table of the document body itself, for the table steps (<see cref="TemplateOptions.TableSteps"/>).</summary>
    public bool InBody { get; set; }
}

/// <summary>One table row; each cell is a container.</summary>
internal sealed class RowNode(TableRow template, IReadOnlyList<ContainerNode> cells) : Node
{
    public IReadOnlyList<ContainerNode> Cells { get; } = cells;

    /// <summary>
    /// A chart in one of its cells (or in what the row holds besides cells, copied as it is): a row block repeating this row
    /// gives each item its own copy of the template's chart parts. Rows said none, and every repeated row used the one part.
    /// </summary>
    public override bool ContainsChart { get; init; }

    /// <summary>The row's text cut for filling as text (<see cref="FilledRow"/>); null when it is filled as elements.</summary>
    internal RowXml? Xml { get; set; }

    public override void Render(RenderContext context, Frame<object?> scope, Output output)
    {
        context.Step(this);
        if (Xml is { } shape)
        {
            output.Elements!.Add(RenderXml(shape, context, scope).Element);
            return;
        }
        // Each compiled cell keeps only its properties and takes the rendered content: the template's content of
        // those cells is not copied just to be removed. Whatever else the row holds is copied as it is.
        var row = (TableRow)template.CloneNode(false);
        var index = 0;
        for (var child = template.FirstChild; child is not null; child = child.NextSibling())
        {
            if (child is not TableCell cell || index >= Cells.Count)
            {
                row.AppendChild(child.CloneNode(true));
                index += child is TableCell ? 1 : 0;
                continue;
            }
            var copy = (TableCell)cell.CloneNode(false);
            foreach (var properties in cell.Elements<TableCellProperties>())
                copy.AppendChild(properties.CloneNode(true));
            copy.Append(Cells[index++].Render(context, scope));
            TextWriting.EnsureEndsWithParagraph(copy);
            row.AppendChild(copy);
        }
        output.Elements!.Add(row);
    }

    private FilledRow RenderXml(RowXml shape, RenderContext context, Frame<object?> scope)
    {
        var cells = new FilledCell[Cells.Count];
        var content = new StringBuilder();
        for (var i = 0; i < Cells.Count; i++)
        {
            content.Clear();
            var xml = new XmlOutput(content);
            var output = new Output(xml);
            foreach (var child in Cells[i].Children)
                child.Render(context, scope, output);
            if (xml.Paragraphs.Count == 0)
                content.Append(shape.EmptyParagraph);   // a cell ends with a paragraph (TextWriting.EnsureEndsWithParagraph)
            cells[i] = new FilledCell(shape.Cells[i].Template, content.ToString(), xml.FirstEmptyXml ?? shape.EmptyParagraph, [.. xml.Paragraphs]);
        }
        return new FilledRow(shape, cells);
    }
}

/// <summary>How a value is written into text: numbers without culture, nothing for null.</summary>
internal static class ValueText
{
    /// <summary>Why a tag cannot print a value of this shape (TPL015), or null when it can: objects and lists of objects cannot.</summary>
    public static string? NotPrintable(DataSchema printed, Expression expression)
    {
        var text = expression.Text;
        // A helper's result is an argument in parentheses: {{lookup items 0.name}} and {{#each where items "x"}} are no tags.
        var argument = expression is CallExpression && !text.StartsWith('(') ? $"({text})" : text;
        if (printed.Kind == "object")
        {
            var fields = printed.Fields.Keys.ToList();
            var example = fields.Contains("text") ? "text" : fields.FirstOrDefault() ?? "字段";
            var field = expression is CallExpression ? $"{{{{lookup {argument} \"{example}\"}}}}" : $"{{{{{text}.{example}}}}}";
            return $"“{text}”是一个对象，不能直接印出；请写出它的一个字段，如 {field}"
                + (fields.Count > 0 ? $"（它的字段：{string.Join("、", fields.Take(8))}{(fields.Count > 8 ? "…" : "")}）。" : "。");
        }
        if (printed.IsList && (printed.Element?.Kind == "object" || printed.Element?.Alternatives.Any(a => a.Kind == "object") == true))
            return $"“{text}”是一个由对象组成的列表，不能直接印出；请用 {{{{#each {argument}}}}}…{{{{/each}}}} 逐项写出它们的字段。";
        return null;
    }

    public static void Append(StringBuilder text, object? value)
    {
        switch (value)
        {
            case null:
                return;
            case string s:
                text.Append(s);
                return;
            case decimal d:
                text.Append(d.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return;
            case IFormattable formattable:
                text.Append(formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture));
                return;
            case IDictionary<string, object?>:
                return;   // an object has no text of its own; its fields do
            case System.Collections.IEnumerable list:
                text.AppendJoin(",", list.Cast<object?>().Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)));
                return;
            default:
                text.Append(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                return;
        }
    }
}
