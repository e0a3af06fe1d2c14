using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace DocxTemplating;

/// <summary>
/// Builds the block tree of one part (body, header, footer) from the lexer's tags, following Word's
/// structure. A block's extent follows from where its tags stand: both in one paragraph → inside the
/// paragraph's text; each alone in its paragraph → the paragraphs, tables and figures between;
/// at the start of a row's first cell and the end of a (later) row's last cell → those rows.
/// Every structural problem is collected; fields and helpers are checked afterwards against the
/// data schema by <see cref="TemplateChecker"/>, over the same tree.
/// </summary>
internal sealed class TemplateCompiler(CompiledOptions options, List<TemplateDiagnostic> problems)
{
    private static readonly HashSet<string> BlockOptions = ["pageBreak", "restartNumbering", "mergeRepeats"];

    private string _part = "";
    private int _paragraph;
    private string? _heading;
    private (int Table, int Row, int Cell)? _cell;
    private int _tables;

    /// <summary>The relationship ids of the part being compiled that lead to a chart part: a drawing's chart must name one.</summary>
    private HashSet<string> _chartIds = [];

    /// <summary>Every relationship id of the part being compiled: a picture, hyperlink or other reference in its content must name one.</summary>
    private HashSet<string> _relationshipIds = [];

    /// <summary>How each table cell of the part being compiled opens and closes blocks: read once per cell, nested tables and all.</summary>
    private CellTally _tally = new();

    /// <summary>The root of the part being compiled (body, header, footer): its children are the part's own paragraphs and tables.</summary>
    private OpenXmlElement? _root;

    /// <summary>
    /// The outermost place being compiled: the part's block still open, else its paragraph or table (at its first cell). A
    /// template nested too deep for the stack is reported there (TPL038).
    /// </summary>
    public TemplateLocation? Outermost { get; private set; }

    /// <summary>The parts compiled so far, in order: problems are listed in this order.</summary>
    public List<string> PartNames { get; } = new();

    /// <summary>The name the document body has in locations; headers and footers are named by their part.</summary>
    public const string BodyPart = "正文";

    public ContainerNode CompilePart(string part, OpenXmlElement root, DocumentFormat.OpenXml.Packaging.OpenXmlPart owner)
    {
        PartNames.Add(part);
        _part = part;
        _paragraph = 0;
        _heading = null;
        _tables = 0;
        _tally = new CellTally();
        _root = root;
        _namespaces = null;
        Outermost = null;
        _chartIds = owner.Parts.Where(p => p.OpenXmlPart is DocumentFormat.OpenXml.Packaging.ChartPart).Select(p => p.RelationshipId).ToHashSet();
        _relationshipIds = owner.Parts.Select(p => p.RelationshipId).Concat(owner.ExternalRelationships.Select(r => r.Id))
            .Concat(owner.HyperlinkRelationships.Select(r => r.Id)).Concat(owner.DataPartReferenceRelationships.Select(r => r.Id)).ToHashSet();
        return CompileContainer(root);
    }

    private TemplateLocation Here => new(_part, _paragraph, _heading, _cell?.Table, _cell?.Row, _cell?.Cell);

    private void Problem(string id, string message, string tag) => problems.Add(new TemplateDiagnostic(id, message, Here, tag));

    /// <summary>A block whose closing tag has not come yet, and the list its content goes to now.</summary>
    private sealed class OpenBlock(BlockNode node, TagToken tag, TemplateLocation location, bool chained = false)
    {
        public BlockNode Node { get; } = node;
        public TagToken Tag { get; } = tag;
        public TemplateLocation Location { get; } = location;

        /// <summary>Opened by {{else if …}}: closed together with the block it continues.</summary>
        public bool Chained { get; } = chained;

        public List<Node> Target { get; set; } = node.Body;

        /// <summary>An {{else if …}} of this block's chain was past the depth limit: the rest of the chain's {{else}} tags are left out with it.</summary>
        public bool ChainLeftOut { get; set; }
    }

    /// <summary>Opening, else and closing tags in order, whatever their extent: one stack discipline for all of them.</summary>
    private sealed class BlockStack(Func<List<Node>> root)
    {
        public Stack<OpenBlock> Open { get; } = new();

        /// <summary>Whether blocks nested too deep were reported already: once is enough.</summary>
        public bool ReportedTooDeep { get; set; }

        /// <summary>Blocks opened past the depth limit and not yet closed: their closing tags close nothing.</summary>
        public int LeftOut { get; set; }

        public List<Node> Target => Open.Count == 0 ? root() : Open.Peek().Target;
    }

    private ContainerNode CompileContainer(OpenXmlElement container)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var root = new List<Node>();
        var blocks = new BlockStack(() => root);
        foreach (var child in container.ChildElements)
        {
            switch (child)
            {
                case Paragraph paragraph:
                    _paragraph++;
                    ParagraphText.MergeTags(paragraph);
                    NoteHeading(paragraph);
                    NoteOutermost(container, blocks, Here);
                    CheckFieldCodes(paragraph);
                    CheckChartReferences(paragraph);
                    var text = ParagraphText.Of(paragraph);
                    var tags = text.Contains("{{", StringComparison.Ordinal) ? Lexer.Scan(text) : [];
                    ReportUnreadable(tags);
                    var lone = tags.Count == 1 && tags[0].Closed && text.Trim() == tags[0].Text ? tags[0] : null;
                    if (lone is { Kind: TagKind.Open or TagKind.Else or TagKind.Close })
                        BlockTag(lone, blocks);
                    else if (lone is { Kind: TagKind.Output, Expression: CallExpression call } && options.ElementHelpers.ContainsKey(call.Helper))
                        blocks.Target.Add(ElementHelperCall(lone, call, paragraph));
                    else if (lone is { Kind: TagKind.Output, Expression: PathExpression { Segments: [var only], Up: 0, FromRoot: false } }
                             && options.ElementHelpers.TryGetValue(only, out var named) && named.NeedsLabel)
                    {
                        // {{text}} alone: the helper without its name, not a field called "text".
                        Problem(TemplateErrors.SyntaxError, $"“{only}”需要带引号的名称，如 {{{{{only} \"名称\"}}}}。", lone.Text);
                        blocks.Target.Add(new CopyNode(paragraph) { Location = Here });
                    }
                    else
                        blocks.Target.Add(CompileParagraph(paragraph, tags));
                    break;
                case Table table:
                    NoteOutermost(container, blocks, TableStart(_tables + 1));
                    var compiled = CompileTable(table);
                    // A table of the document body itself (not in a cell, a text box, a header): the table steps are for these.
                    compiled.InBody = _part == BodyPart && ReferenceEquals(container, _root);
                    blocks.Target.Add(compiled);
                    break;
                case TableCellProperties:
                    break;   // a cell's own properties are kept by the row, not rendered as content
                default:
                    CopiedAsItIs(child, inRow: _cell is not null);
                    blocks.Target.Add(new CopyNode(child) { Location = Here, ContainsChart = HasChart(child) });
                    break;
            }
        }
        ReportUnclosed(blocks);
        return new ContainerNode(root);
    }

    private void NoteOutermost(OpenXmlElement container, BlockStack blocks, TemplateLocation here)
    {
        if (container == _root)
            Outermost = blocks.Open.Count > 0 ? blocks.Open.Last().Location : here;
    }

    /// <summary>Where a table is said to be: its first cell, at the paragraph that comes next.</summary>
    private TemplateLocation TableStart(int table) => new(_part, _paragraph + 1, _heading, table, 1, 1);

    private void ReportUnreadable(List<TagToken> tags)
    {
        foreach (var tag in tags.Where(t => t.Error is not null))
            Problem(tag.Closed ? TemplateErrors.SyntaxError : TemplateErrors.UnterminatedTag, tag.Closed ? $"标签写法有误：{tag.Error}" : tag.Error!, tag.Text);
        foreach (var tag in tags.Where(t => t.Error is null && t.Kind == TagKind.Open))
        {
            foreach (var option in tag.Options.Keys.Where(o => !BlockOptions.Contains(o)))
                Problem(TemplateErrors.UnknownBlockOption, $"不认识的块选项“{option}”；可用：{string.Join("、", BlockOptions)}。", tag.Text);
            if (tag.Options.ContainsKey("mergeRepeats"))
                Problem(TemplateErrors.UnknownBlockOption, "mergeRepeats 只能用于表格行块（写在表格某行第一格开头的 {{#each}}）。", tag.Text);
        }
    }

    private void ReportUnclosed(BlockStack blocks)
    {
        foreach (var block in blocks.Open.Where(b => !b.Chained))
            problems.Add(new TemplateDiagnostic(TemplateErrors.UnclosedBlock, $"块“{block.Tag.BlockName}”没有对应的结束标签{{{{/{block.Tag.BlockName}}}}}。", block.Location, block.Tag.Text));
    }

    /// <summary>Opens, switches or closes a block; the tag itself (its paragraph, or its place in a text) disappears from the output.</summary>
    private void BlockTag(TagToken tag, BlockStack blocks, TemplateLocation? at = null)
    {
        var where = at ?? Here;
        switch (tag.Kind)
        {
            case TagKind.Else:
                if (blocks.Open.Count == 0)
                {
                    Problem(TemplateErrors.ElseOutsideBlock, "{{else}} 不在任何块之内。", tag.Text);
                    return;
                }
                var current = blocks.Open.Peek();
                // An {{else}} of a block left out for its depth, or one more {{else if}} of a chain cut at the depth limit:
                // the depth is reported already, and the block around it has no second {{else}} in the template.
                if (blocks.LeftOut > 0 || current.ChainLeftOut)
                    return;
                if (current.Target == current.Node.Else)
                    Problem(TemplateErrors.SyntaxError, "一个块中只能有一个 {{else}}（多个条件请用 {{else if …}}）。", tag.Text);
                current.Target = current.Node.Else;
                if (tag.IsChainedElse)
                {
                    if (TooDeep(blocks, tag))
                    {
                        current.ChainLeftOut = true;
                        return;
                    }
                    var chained = NewBlock(tag, where);
                    current.Node.Else.Add(chained);
                    blocks.Open.Push(new OpenBlock(chained, current.Tag, where, chained: true));
                }
                return;
            case TagKind.Close:
                if (blocks.LeftOut > 0)
                {
                    blocks.LeftOut--;   // closes a block left out for its depth (reported once, not once per closing tag)
                    return;
                }
                if (blocks.Open.Count == 0)
                {
                    Problem(TemplateErrors.CloseWithoutOpen, $"结束标签没有对应的开始标签{{{{#{tag.BlockName}}}}}。", tag.Text);
                    return;
                }
                while (blocks.Open.Peek().Chained)
                    blocks.Open.Pop();
                var block = blocks.Open.Pop();
                if (block.Tag.BlockName != tag.BlockName)
                    Problem(TemplateErrors.MismatchedClose, $"结束标签与开始标签{block.Tag.Text}（{block.Location}）不匹配。", tag.Text);
                return;
            default:
                if (TooDeep(blocks, tag))
                {
                    blocks.LeftOut++;
                    return;
                }
                var node = NewBlock(tag, where);
                blocks.Target.Add(node);
                blocks.Open.Push(new OpenBlock(node, tag, where));
                return;
        }
    }

    /// <summary>A block past <see cref="TemplateLimits.MaxBlockDepth"/> is reported once and left out, its closing tag with it.</summary>
    private bool TooDeep(BlockStack blocks, TagToken tag)
    {
        if (blocks.Open.Count < TemplateLimits.MaxBlockDepth)
            return false;
        if (!blocks.ReportedTooDeep)
            Problem(TemplateErrors.SyntaxError, $"块嵌套超过 {TemplateLimits.MaxBlockDepth} 层（{{{{else if}}}} 也算一层）；模板中的块通常只嵌套几层，请检查是否多写了开始标签。", tag.Text);
        blocks.ReportedTooDeep = true;
        return true;
    }

    private BlockNode NewBlock(TagToken tag, TemplateLocation where)
    {
        bool Option(string key) => tag.Options.TryGetValue(key, out var value) && value is LiteralExpression { Value: true or "true" };
        var merge = tag.Options.TryGetValue("mergeRepeats", out var columns) && columns is LiteralExpression { Value: decimal n } && n == decimal.Truncate(n) && n is >= 1 and <= 63 ? (int)n : 0;
        return new BlockNode(tag.Helper, tag.Expression, Option("restartNumbering"), Option("pageBreak"), merge) { Location = where, Tag = tag.Text, Broken = tag.Error is not null };
    }

    /// <summary>{{chart x}} or {{chart x "图例"}} alone in its paragraph: the host makes the elements.</summary>
    private Node ElementHelperCall(TagToken tag, CallExpression call, Paragraph paragraph)
    {
        var module = options.ElementHelpers[call.Helper];
        // {{text "名称"}}: the name alone, the argument is the helper's own field.
        if (module.DefaultArgument is { } field && call.Arguments is [LiteralExpression { Value: string }] && call.Options.Count == 0
            && ExpressionParser.Parse(field).Expression is { } implied)
            call = call with { Arguments = [implied, call.Arguments[0]] };
        if (module.NeedsLabel && (call.Arguments.Count != 2 || call.Arguments[1] is not LiteralExpression { Value: string }))
        {
            Problem(TemplateErrors.SyntaxError, $"“{call.Helper}”需要带引号的名称，如 {{{{{call.Helper} \"名称\"}}}}。", tag.Text);
            return new CopyNode(paragraph) { Location = Here };
        }
        if (call.Arguments.Count is not (1 or 2) || call.Options.Count > 0)
            Problem(TemplateErrors.SyntaxError, $"“{call.Helper}”需要一个字段参数，可再加一段带引号的文字，如 {{{{{call.Helper} 字段 \"文字\"}}}}。", tag.Text);
        else if (call.Arguments.Count == 2 && call.Arguments[1] is not LiteralExpression { Value: string })
            Problem(TemplateErrors.SyntaxError, $"“{call.Helper}”的第二个参数应为带引号的文字，如 \"收支总计\"。", tag.Text);
        var label = call.Arguments.ElementAtOrDefault(1) is LiteralExpression { Value: string text } ? text : null;
        var argument = call.Arguments.ElementAtOrDefault(0) ?? new LiteralExpression("", null);
        return new ElementHelperNode(call.Helper, argument, label, paragraph.ParagraphProperties?.CloneNode(true) as ParagraphProperties) { Location = Here, Tag = tag.Text };
    }

    private Node CompileParagraph(Paragraph paragraph, List<TagToken> tags)
    {
        // Blocks inside a paragraph must close inside it; otherwise the tag has to stand alone.
        var depth = 0;
        // Where the last closing tag starts: an opening tag after it closes nowhere in the paragraph. Found once, not per
        // opening tag (300 000 of them in a paragraph searched the tags after each for minutes).
        var lastClose = tags.FindLastIndex(t => t.Kind == TagKind.Close) is var last and >= 0 ? tags[last].Start : -1;
        foreach (var tag in tags.Where(t => t.Closed))
        {
            if (tag.Kind == TagKind.Open)
                depth++;
            else if (tag.Kind == TagKind.Close)
                depth--;
            if (depth < 0 || tag.Kind == TagKind.Open && tag.Start >= lastClose || tag.Kind == TagKind.Else && depth == 0)
            {
                Problem(TemplateErrors.BlockNotAlone, "块标签必须单独占一个段落（或在同一段落内开始和结束）。", tag.Text);
                return new CopyNode(paragraph) { Location = Here };
            }
        }
        var programs = new Dictionary<int, IReadOnlyList<Node>>();
        if (tags.Count > 0)
        {
            var texts = ParagraphText.OwnTexts(paragraph);
            for (var i = 0; i < texts.Count; i++)
                if (texts[i].Text.Contains("{{", StringComparison.Ordinal))
                    programs[i] = CompileText(texts[i].Text);
        }
        var boxes = ParagraphText.OwnTextBoxes(paragraph).Select(CompileContainer).ToList();
        return new ParagraphNode(paragraph, programs, boxes) { Location = Here, ContainsChart = HasChart(paragraph) };
    }

    /// <summary>One text node's program: literal text, output tags and the inline blocks around them.</summary>
    private List<Node> CompileText(string text)
    {
        var root = new List<Node>();
        var blocks = new BlockStack(() => root);
        var tags = Lexer.Scan(text);
        var last = 0;
        var trimNext = false;
        for (var i = 0; i < tags.Count; i++)
        {
            var tag = tags[i];
            var literal = text[last..tag.Start];
            if (trimNext)
                literal = literal.TrimStart();
            if (tag.TrimBefore)
                literal = literal.TrimEnd();
            if (literal.Length > 0)
                blocks.Target.Add(new TextNode(literal));
            last = tag.End;
            trimNext = tag.TrimAfter;
            if (tag.Kind == TagKind.Comment || tag.Kind == TagKind.Output && tag.Error is not null)
                continue;   // a comment prints nothing; an unreadable tag is reported with its paragraph
            if (tag.Kind == TagKind.Output)
                blocks.Target.Add(new OutputNode(tag.Expression!) { Location = Here, Tag = tag.Text });
            else
                BlockTag(tag, blocks);   // kept in the structure even when unreadable, so its closing tag still matches
        }
        var rest = text[last..];
        if (trimNext)
            rest = rest.TrimStart();
        if (rest.Length > 0)
            blocks.Target.Add(new TextNode(rest));
        ReportUnclosed(blocks);
        return root;
    }

    /// <summary>
    /// The row's text cut for filling as text, when its content is plain enough (<see cref="RowXml.TryPrepare"/>). Whatever the
    /// SDK cannot write back of an odd template leaves the row to be filled as elements, as every row was before.
    /// </summary>
    private RowXml? FilledAsText(TableRow row, List<ContainerNode> cells)
    {
        try
        {
            return RowXml.TryPrepare(row, cells, _namespaces ??= new XmlNamespaces(_root!));
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or InsufficientExecutionStackException))
        {
            return null;
        }
    }

    private XmlNamespaces? _namespaces;

    private TableNode CompileTable(Table table)
    {
        var outer = _cell;
        var start = TableStart(_tables + 1);
        var tableNumber = ++_tables;
        var rows = new List<Node>();
        var blocks = new BlockStack(() => rows);
        var rowNumber = 0;
        foreach (var child in table.ChildElements)
        {
            if (child is TableProperties or TableGrid)
                continue;   // the table's own: TableNode copies them before the rows
            if (child is not TableRow row)
            {
                // Rows in a content control and the like are copied as they are: no tag in them is filled. Reported at the
                // row where they stand (at the paragraph before the table, the maintainer looked for it outside the table),
                // and counted, so that the rows after them have the numbers Word shows. Copied where they stand, too (in a
                // row block, with each item): they were put before all the rows.
                _cell = (tableNumber, rowNumber + 1, 1);
                CopiedAsItIs(child, inRow: outer is not null);
                blocks.Target.Add(new CopyNode(child) { Location = Here, ContainsChart = HasChart(child) });
                rowNumber += child.Descendants<TableRow>().Count(r => r.Ancestors<Table>().FirstOrDefault() == table);
                continue;
            }
            rowNumber++;
            _cell = (tableNumber, rowNumber, 1);
            foreach (var other in row.ChildElements.Where(c => c is not TableCell))
                CopiedAsItIs(other, inRow: outer is not null);
            var (opening, closing) = RowBlockTags(row);
            if (opening is not null)
            {
                var firstCell = Here with { Paragraph = _paragraph + 1 };   // the first cell's paragraph
                BlockTag(opening, blocks, firstCell);
                if (opening.Options.ContainsKey("pageBreak"))
                    problems.Add(new TemplateDiagnostic(TemplateErrors.UnknownBlockOption,
                        "pageBreak 不能用于表格行块（表格中的行不能从新页开始）；请把整张表放进段落级的块中。", firstCell, opening.Text));
                foreach (var option in opening.Options.Keys.Where(o => !BlockOptions.Contains(o)))
                    problems.Add(new TemplateDiagnostic(TemplateErrors.UnknownBlockOption, $"不认识的块选项“{option}”；可用：{string.Join("、", BlockOptions)}。", firstCell, opening.Text));
                if (opening.Options.TryGetValue("mergeRepeats", out var merge) && !(opening.Helper == "each" && merge is LiteralExpression { Value: decimal n }
                        && n == decimal.Truncate(n) && n >= 1 && n <= row.Elements<TableCell>().Count()))
                    problems.Add(new TemplateDiagnostic(TemplateErrors.UnknownBlockOption,
                        $"mergeRepeats 须用于 {{{{#each}}}}，值为 1 到本行格数（{row.Elements<TableCell>().Count()}）之间的整数，如 mergeRepeats=2。", firstCell, opening.Text));
            }
            var cells = new List<ContainerNode>();
            var cellNumber = 0;
            foreach (var cell in row.Elements<TableCell>())
            {
                _cell = (tableNumber, rowNumber, ++cellNumber);
                cells.Add(CompileContainer(cell));
            }
            // A chart in a cell is known from the cell's nodes; one in what the row holds besides cells is copied as it is.
            var rowChart = cells.Any(c => c.ContainsChart) || row.ChildElements.Any(c => c is not TableCell && HasChart(c));
            blocks.Target.Add(new RowNode(row, cells) { Location = Here, ContainsChart = rowChart, Xml = rowChart ? null : FilledAsText(row, cells) });
            if (closing is not null)
            {
                if (blocks.Open.Count == 0)
                    Problem(TemplateErrors.RowBlockNotInOneRow, "表格行的结束标签没有对应的开始标签：行块须在某行第一格开头开始、在该行或以下某行最后一格末尾结束。", closing.Text);
                else
                    BlockTag(closing, blocks);
            }
        }
        foreach (var block in blocks.Open.Where(b => !b.Chained))
            problems.Add(new TemplateDiagnostic(TemplateErrors.RowBlockNotInOneRow,
                "表格行的块标签须在某行第一格开头开始、在该行或以下某行最后一格末尾结束。", block.Location, block.Tag.Text));
        _cell = outer;
        return new TableNode(table, rows) { Location = start, ContainsChart = rows.Any(r => r.ContainsChart) };
    }

    /// <summary>
    /// An opening tag at the very start of a row's first cell that does not close in that cell, and a
    /// closing tag at the very end of a row's last cell that was not opened in it: they make the rows
    /// from one to the other repeat (or, for #if/#unless, stay or go). Both are taken out of the cells.
    /// </summary>
    private (TagToken? Open, TagToken? Close) RowBlockTags(TableRow row)
    {
        var cells = row.Elements<TableCell>().ToList();
        if (cells.Count == 0)
            return (null, null);
        TagToken? opening = null, closing = null;
        // Only the paragraphs a row block's tags stand in are merged here; every other is merged where it is compiled (all of
        // the row's, nested tables' too, were merged at each level of nesting).
        var first = cells[0].Elements<Paragraph>().FirstOrDefault();
        var last = cells[^1].Elements<Paragraph>().LastOrDefault();
        if (first is not null)
            ParagraphText.MergeTags(first);
        if (last is not null && last != first)
            ParagraphText.MergeTags(last);
        if (first is not null && Lexer.Scan(ParagraphText.Of(first)).FirstOrDefault(t => t.Closed) is { Kind: TagKind.Open, Error: null } open
            && ParagraphText.Of(first)[..open.Start].Trim().Length == 0 && !_tally.ClosesWithin(cells[0]))
            opening = open;
        if (last is not null && Lexer.Scan(ParagraphText.Of(last)).LastOrDefault(t => t.Closed) is { Kind: TagKind.Close } close
            && ParagraphText.Of(last)[close.End..].Trim().Length == 0 && !_tally.OpensWithin(cells[^1], opening is not null && cells.Count == 1))
            closing = close;
        if (closing is not null)
            ParagraphText.RemoveRange(last!, closing.Start, closing.End);
        if (opening is not null)
            ParagraphText.RemoveRange(first!, opening.Start, opening.End);
        return (opening, closing);
    }

    /// <summary>
    /// Content the report gets as it is (a content control around paragraphs, rows or cells): a tag in it would be printed
    /// as written, and its charts too must have their parts.
    /// </summary>
    private void CopiedAsItIs(OpenXmlElement element, bool inRow)
    {
        // In a row of a table (the row's own content besides cells: in a row of a table around it) tags are merged, as
        // everything in a row was merged before the row was compiled: a message quotes them merged, with straight quotes.
        if (inRow)
            foreach (var paragraph in element.Descendants<Paragraph>())
                ParagraphText.MergeTags(paragraph);
        // Word's 目录 content control: its entries are the headings' text as Word last saw it (tags and all), rewritten when
        // the document is laid out; they are no tags of the template.
        if (IsTableOfContents(element))
            return;
        if (element.InnerText.Contains("{{"))
            Problem(TemplateErrors.SyntaxError, $"此处（{element.LocalName}）的标签不会被填充，请把标签放在普通段落或表格中。", element.InnerText);
        CheckChartReferences(element);
    }

    /// <summary>
    /// A chart in the paragraph (not in a text box of it, which is a paragraph of its own) must lead to a chart part of
    /// the template: a hand edit that took the chart part out and left the drawing made a report Word cannot open, or
    /// failed after filling with no place named. Content copied as it is (a content control, not a paragraph) is checked whole:
    /// nothing in it is compiled on its own.
    /// </summary>
    private void CheckChartReferences(OpenXmlElement element)
    {
        foreach (var chart in element.Descendants<DocumentFormat.OpenXml.Drawing.Charts.ChartReference>())
            if ((element is not Paragraph || chart.Ancestors<Paragraph>().First() == element) && (chart.Id?.Value is not { } id || !_chartIds.Contains(id)))
                Problem(TemplateErrors.SyntaxError, $"段落中的图表引用的图表部件（关系“{chart.Id?.Value}”）不在模板中：多为手工编辑删去了图表部件而留下了图表；"
                    + "请在 Word 中删去该图表（需要时重新插入）后另存。", "");
        // Any other reference (a picture's image, a hyperlink's address, a section's header) must name a relationship of the
        // part: a picture whose image part a hand edit took out passed, and the report failed OpenXmlValidator.
        foreach (var reference in element.Descendants())
        {
            if (!reference.HasAttributes || reference is DocumentFormat.OpenXml.Drawing.Charts.ChartReference)
                continue;
            foreach (var attribute in reference.GetAttributes())
                if (attribute.NamespaceUri == RelationshipsNamespace && !_relationshipIds.Contains(attribute.Value ?? "")
                    && (element is not Paragraph || reference.Ancestors<Paragraph>().First() == element))
                    Problem(TemplateErrors.SyntaxError, $"段落中的{Referrer(reference)}引用的部件（关系“{attribute.Value}”）不在模板中：多为手工编辑删去了部件而留下了引用；"
                        + "请在 Word 中删去它（需要时重新插入）后另存。", "");
        }
    }

    private static bool IsTableOfContents(OpenXmlElement element) =>
        element is SdtBlock { SdtProperties: { } properties }
        && properties.Descendants<DocumentFormat.OpenXml.Wordprocessing.DocPartGallery>().Any(g => g.Val?.Value == "Table of Contents");

    private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private static string Referrer(OpenXmlElement element) => element switch
    {
        DocumentFormat.OpenXml.Drawing.Blip or DocumentFormat.OpenXml.Vml.ImageData => "图片",
        Hyperlink => "超链接",
        HeaderReference => "页眉引用",
        FooterReference => "页脚引用",
        _ => $"元素（{element.LocalName}）",
    };

    private static bool HasChart(OpenXmlElement element) => element.Descendants<DocumentFormat.OpenXml.Drawing.Charts.ChartReference>().Any();

    private void NoteHeading(Paragraph paragraph)
    {
        var style = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value ?? "";
        if (style.StartsWith("Heading", StringComparison.OrdinalIgnoreCase) || style.StartsWith("标题", StringComparison.Ordinal)
            || paragraph.ParagraphProperties?.OutlineLevel is not null)
        {
            var text = ParagraphText.Of(paragraph).Trim();
            _heading = text.Length > 30 ? text[..30] + "…" : text;
        }
    }

    private void CheckFieldCodes(Paragraph paragraph)
    {
        foreach (var code in paragraph.Descendants<FieldCode>().Where(c => c.Text.Contains("{{")))
            Problem(TemplateErrors.TagInFieldCode, "标签不能放在域代码中（域代码不会被填充）。", code.Text.Trim());
        foreach (var simple in paragraph.Descendants<SimpleField>().Where(f => f.Instruction?.Value?.Contains("{{") == true))
            Problem(TemplateErrors.TagInFieldCode, "标签不能放在域代码中（域代码不会被填充）。", simple.Instruction!.Value!);
    }
}
