using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace DocxTemplating;

/// <summary>What an element helper may use while rendering: the output document, and fresh drawing ids.</summary>
public sealed class RenderServices(MainDocumentPart mainPart)
{
    private uint _nextId = 100000;

    public MainDocumentPart MainPart { get; } = mainPart;

    /// <summary>The properties (style) of the template paragraph the element helper's tag stands in, while that helper runs.</summary>
    public ParagraphProperties? TagParagraph { get; internal set; }

    public uint NextDrawingId() => _nextId++;

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<OpenXmlPart, object> Pending = new();
    private readonly List<(OpenXmlPart Part, Action<Stream> Write)> _pending = new();

    /// <summary>
    /// A part an element helper made (a chart), written as text once rendering is done: after the finishers that may still
    /// decide what it holds (a chart's labels placed for its height), with no element tree built for it at all.
    /// </summary>
    public void WriteWhenDone(OpenXmlPart part, Action<Stream> write)
    {
        _pending.Add((part, write));
        Pending.AddOrUpdate(part, this);
    }

    /// <summary>
    /// Whether this part is to be written when rendering is done (<see cref="WriteWhenDone"/>): until then it may be empty or
    /// not final, so a step that would copy or read it must leave it alone.
    /// </summary>
    public static bool WillWrite(OpenXmlPart part) => Pending.TryGetValue(part, out _);

    /// <summary>
    /// Writes the parts handed over with <see cref="WriteWhenDone"/>. The engine calls it after the finishers; a caller
    /// that runs an element helper on a document of its own calls it before closing that document: otherwise the part holds
    /// only what the helper wrote when it made it (a chart on a document that saves when closed: its pie labels not placed
    /// for the chart's size; on one that does not, nothing).
    /// </summary>
    public void SavePending()
    {
        foreach (var (part, write) in _pending)
        {
            using (var stream = part.GetStream(FileMode.Create, FileAccess.Write))
                write(stream);
            Pending.Remove(part);
        }
        _pending.Clear();
    }
}

/// <summary>One rendering: the output package, the compiled options, and the problems found on the way.</summary>
internal sealed class RenderContext(CompiledOptions options, RenderServices services)
{
    private readonly List<TemplateDiagnostic> _problems = new();

    public CompiledOptions Options { get; } = options;
    public RenderServices Services { get; } = services;

    /// <summary>The part's own node (a paragraph, table or block) being filled: a template nested too deep for the stack is reported there (TPL038).</summary>
    public TemplateLocation? Outermost { get; set; }
    public IReadOnlyList<TemplateDiagnostic> Problems => _problems;

    /// <summary>
    /// Evaluates a tag's expression against the scope. A path that is not in the data fails the
    /// render at the tag (a report never gets a silent blank), except where <paramref name="lenient"/>
    /// (a condition): there it is simply false. Whatever a helper throws is the template's problem, at its tag.
    /// </summary>
    public bool TryEvaluate(Expression expression, Frame<object?> scope, bool lenient, TemplateLocation? location, string tag, out object? value)
    {
        try
        {
            value = Evaluate(expression, scope, lenient);
            return true;
        }
        catch (MissingFieldException missing) when (EmptyOnTheWay(missing.Expression, scope) is { } empty)
        {
            Fail(location, tag, $"数据中“{empty.Path}”为空（这份数据中没有这一项），取不到其中的“{empty.Inside}”；请把标签放在判断它的块中，如 {{{{#if {empty.Path}}}}}…{{{{/if}}}}。");
        }
        catch (MissingFieldException missing)
        {
            Fail(location, tag, $"数据中没有字段“{missing.Path}”。");
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or StackOverflowException))
        {
            Fail(location, tag, $"填充失败：{ex.Message}");
        }
        value = null;
        return false;
    }

    private object? Evaluate(Expression expression, Frame<object?> scope, bool lenient)
    {
        switch (expression)
        {
            case PathExpression path:
                if (ScopeResolver.TryResolve(path, scope, DataValues.Instance, out var value, out _))
                    return value;
                return lenient || path.Variable is not null ? null : throw new MissingFieldException(path);
            case LiteralExpression literal:
                return literal.Value;
            case CallExpression call:
                var helper = Options.Helpers.GetValueOrDefault(call.Helper) ?? BuiltInHelpers.All[call.Helper];
                var arguments = new object?[call.Arguments.Count];
                for (var i = 0; i < arguments.Length; i++)
                    arguments[i] = Evaluate(call.Arguments[i], scope, lenient);
                return helper(arguments);
            default:
                throw new InvalidOperationException(expression.GetType().Name);
        }
    }

    private sealed class MissingFieldException(PathExpression path) : Exception(path.Text)
    {
        public PathExpression Expression { get; } = path;
        public string Path => Expression.Text;
    }

    /// <summary>
    /// The part of a path that is there but empty (null: a 完成率 where there is no budget), and what was asked of it:
    /// the schema has the field, so `template check` passed, and this data has nothing there. Null when a field is missing.
    /// </summary>
    private static (string Path, string Inside)? EmptyOnTheWay(PathExpression path, Frame<object?> scope)
    {
        for (var length = path.Segments.Length - 1; length >= 1; length--)
        {
            var prefix = path with { Segments = path.Segments[..length] };
            if (ScopeResolver.TryResolve(prefix, scope, DataValues.Instance, out var value, out _))
            {
                if (value is not null)
                    return null;
                return Split(path, length);
            }
        }
        return null;
    }

    /// <summary>
    /// The tag's path as written, cut after its first <paramref name="length"/> names: ../this.x.y → ../this.x and y, ./n/a → ./n
    /// and a. Rebuilt from the parsed path it lost the ../ before this (the {{#if}} it suggested asked the item) and wrote ./ and / otherwise.
    /// </summary>
    private static (string Path, string Inside) Split(PathExpression path, int length)
    {
        var text = path.Text;
        var end = text.Length;
        for (var i = path.Segments.Length - 1; i >= length; i--)
        {
            var segment = path.Segments[i];
            end -= text[..end].EndsWith($"[{segment}]", StringComparison.Ordinal) ? segment.Length + 2 : segment.Length;
            end--;   // the . or / before it
        }
        return (text[..end], text[(end + 1)..]);
    }

    private int _steps;

    /// <summary>
    /// Counts a paragraph, row or loop item made; past <see cref="TemplateLimits.MaxRenderSteps"/> the fill stops at this
    /// tag (TPL020) instead of filling memory, and so does a run of text past <see cref="TemplateLimits.MaxTextChars"/>.
    /// </summary>
    public void Step(Node node, StringBuilder? text = null, int weight = 1)
    {
        if ((_steps += weight) > TemplateLimits.MaxRenderSteps)
            Stop(node, $"填充出的段落、表格行、图表和循环项超过 {TemplateLimits.MaxRenderSteps} 个（一张图表、一张附表按 {ElementHelperNode.ElementWeight} 个计；一份报告只有几千个）：多为循环套在循环中，项数相乘；请检查 {{{{#each}}}} 的嵌套。");
        if (text is { Length: > TemplateLimits.MaxTextChars })
            Stop(node, $"一段文字填充后超过 {TemplateLimits.MaxTextChars} 个字符（报告中最长的段落不过几千字）：多为段落中的循环套在循环中；请检查 {{{{#each}}}} 的嵌套。");
    }

    private void Stop(Node node, string message)
    {
        Fail(node.Location, node.Tag, message);
        throw new TemplateRenderException(_problems);
    }

    private readonly HashSet<TemplateDiagnostic> _reported = new();

    /// <summary>A problem of a tag in a loop is the same for every item: it is listed once, not once per item.</summary>
    public void Fail(TemplateLocation? location, string tag, string message, string id = TemplateErrors.RenderFailed)
    {
        var problem = new TemplateDiagnostic(id, message, location, tag);
        if (_reported.Add(problem))
            _problems.Add(problem);
    }

    /// <summary>
    /// A chart repeated by a loop gets its own copy of the chart part (its embedded workbook is
    /// shared), so editing one chart's data in Word does not change the other.
    /// </summary>
    public void CopyCharts(List<OpenXmlElement> part)
    {
        var main = Services.MainPart;
        foreach (var reference in part.SelectMany(e => e.DescendantsAndSelf()).OfType<DocumentFormat.OpenXml.Drawing.Charts.ChartReference>().ToList())
        {
            // Only the main document's charts are copied: a chart repeated in a header or footer keeps its one part.
            if (reference.Id?.Value is not { } id || main.Parts.FirstOrDefault(p => p.RelationshipId == id)?.OpenXmlPart is not ChartPart chart)
                continue;
            // A chart a helper made for this item is its own already, and is not written yet: there is nothing to copy.
            if (RenderServices.WillWrite(chart))
                continue;
            var copy = main.AddNewPart<ChartPart>();
            using (var source = chart.GetStream())
                copy.FeedData(source);
            foreach (var related in chart.Parts)
                copy.AddPart(related.OpenXmlPart, related.RelationshipId);
            reference.Id = main.GetIdOfPart(copy);
        }
    }

    /// <summary>Whether a list was given a numbering instance of its own: the numbering part is written again only then.</summary>
    public bool NumberingChanged { get; private set; }

    /// <summary>
    /// Gives each numbered list in a repeated item its own numbering instance starting again at 1,
    /// so the second project's list does not continue from the first's.
    /// </summary>
    public void RestartNumbering(List<OpenXmlElement> part)
    {
        var numbering = Services.MainPart.NumberingDefinitionsPart?.Numbering;
        if (numbering is null)
            return;
        var renumbered = new Dictionary<int, int>();
        foreach (var numberingId in part.SelectMany(e => e.DescendantsAndSelf()).OfType<NumberingId>())
        {
            var old = numberingId.Val?.Value ?? 0;
            if (old == 0)
                continue;
            if (!renumbered.TryGetValue(old, out var fresh))
            {
                var instance = numbering.Elements<NumberingInstance>().FirstOrDefault(n => n.NumberID?.Value == old);
                if (instance?.AbstractNumId?.Val is null)
                    continue;
                fresh = numbering.Elements<NumberingInstance>().Select(n => n.NumberID?.Value ?? 0).DefaultIfEmpty(0).Max() + 1;
                var copy = new NumberingInstance(new AbstractNumId { Val = instance.AbstractNumId.Val.Value }) { NumberID = fresh };
                for (var level = 0; level < 9; level++)
                    copy.Append(new LevelOverride(new StartOverrideNumberingValue { Val = 1 }) { LevelIndex = level });
                numbering.Append(copy);
                NumberingChanged = true;
                renumbered[old] = fresh;
            }
            numberingId.Val = fresh;
        }
    }
}

internal static class ElementExtensions
{
    public static IEnumerable<OpenXmlElement> DescendantsAndSelf(this OpenXmlElement element) => element.Descendants().Prepend(element);
}

/// <summary>Writing rendered text into Word's structure: line breaks, tabs, characters XML cannot hold.</summary>
internal static class TextWriting
{
    public static void SetText(Text text, string value)
    {
        text.Space = SpaceProcessingModeValues.Preserve;
        if (IsPlain(value))
        {
            text.Text = value;   // the usual case: nothing to drop, no line break or tab to turn into Word's own
            return;
        }
        // Control characters cannot be stored in XML: they are dropped, line breaks and tabs become Word's own.
        value = new string(value.Replace("\r\n", "\n").Where(ch => ch is '\n' or '\t' || System.Xml.XmlConvert.IsXmlChar(ch) || char.IsSurrogate(ch)).ToArray());
        text.Text = value;
        foreach (var line in Split(text, '\n', () => new Break()))
            foreach (var piece in Split(line, '\t', () => new TabChar()))
                // A carriage return left alone is written as a line end (the part's writer makes it one): the text holds what
                // the part will, so a finisher reads it alike in a row of elements and in one filled as text and parsed.
                if (piece.Text.Contains('\r'))
                    piece.Text = piece.Text.Replace('\r', '\n');
    }

    /// <summary>Text with nothing to drop and no line break or tab: written into a text element as it is.</summary>
    public static bool IsPlain(string value)
    {
        foreach (var ch in value)
            if (ch < ' ' || ch >= '\uFFFE' || char.IsSurrogate(ch))
                return false;
        return true;
    }

    /// <summary>Splits a text node at a character, putting the given element in place of each one; returns the pieces.</summary>
    private static List<Text> Split(Text text, char at, Func<OpenXmlElement> separator)
    {
        var pieces = text.Text.Split(at);
        var result = new List<Text> { text };
        text.Text = pieces[0];
        OpenXmlElement after = text;
        foreach (var piece in pieces.Skip(1))
        {
            var mark = separator();
            after.InsertAfterSelf(mark);
            var next = new Text(piece) { Space = SpaceProcessingModeValues.Preserve };
            mark.InsertAfterSelf(next);
            result.Add(next);
            after = next;
        }
        return result;
    }

    /// <summary>A table cell or text box must end with a paragraph, even when every paragraph in it was removed.</summary>
    public static void EnsureEndsWithParagraph(OpenXmlElement container)
    {
        if (container.ChildElements.LastOrDefault(c => c is Paragraph or Table) is not Paragraph)
            container.Append(new Paragraph());
    }

    /// <summary>Starts a repeated item on a new page without leaving a blank page after the last one.</summary>
    public static void BreakPageBefore(List<OpenXmlElement> part)
    {
        if (part.Count == 0)
            return;
        if (part[0] is Paragraph paragraph)
        {
            paragraph.ParagraphProperties ??= new ParagraphProperties();
            paragraph.ParagraphProperties.PageBreakBefore = new PageBreakBefore();
        }
        else
            part.Insert(0, new Paragraph(new Run(new Break { Type = BreakValues.Page })));
    }
}
