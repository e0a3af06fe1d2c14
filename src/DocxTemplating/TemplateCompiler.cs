using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;
using HandlebarsDotNet;

namespace DocxTemplating;

/// <summary>
/// Compiles one part (body, header, footer) into nodes that follow Word's structure, collecting
/// every problem instead of stopping at the first.
/// </summary>
internal sealed class TemplateCompiler(IHandlebars handlebars, CompiledOptions options, FieldChecker fields, List<TemplateDiagnostic> problems)
{
    private static readonly HashSet<string> ParagraphBlocks = ["each", "if", "unless", "with"];

    private string _part = "";
    private int _paragraph;
    private string? _heading;
    private (int Table, int Row, int Cell)? _cell;
    private int _tables;

    public ContainerNode CompilePart(string part, OpenXmlElement root)
    {
        _part = part;
        _paragraph = 0;
        _heading = null;
        _tables = 0;
        return CompileContainer(root);
    }

    private TemplateLocation Here => new(_part, _paragraph, _heading, _cell?.Table, _cell?.Row, _cell?.Cell);

    private void Problem(string id, string message, string tag) => problems.Add(new TemplateDiagnostic(id, message, Here, tag));

    private sealed record OpenBlock(BlockNode Node, List<Node> Target, TagToken Tag, TemplateLocation Location)
    {
        public List<Node> Target { get; set; } = Target;
    }

    private ContainerNode CompileContainer(OpenXmlElement container)
    {
        var root = new List<Node>();
        var open = new Stack<OpenBlock>();
        List<Node> Target() => open.Count == 0 ? root : open.Peek().Target;

        foreach (var child in container.ChildElements)
        {
            switch (child)
            {
                case Paragraph paragraph:
                    _paragraph++;
                    ParagraphText.MergeTags(paragraph);
                    NoteHeading(paragraph);
                    CheckFieldCodes(paragraph);
                    var text = ParagraphText.Of(paragraph);
                    var tags = TagScanner.Scan(text);
                    foreach (var bad in tags.Where(t => !t.Closed))
                        Problem(TemplateErrors.UnterminatedTag, "标签缺少结尾的“}}”。", bad.Text);
                    if (tags.Count == 1 && tags[0].Closed && text.Trim() == tags[0].Text && (tags[0].IsBlockOpen || tags[0].IsBlockClose || tags[0].IsElse))
                        BlockTag(tags[0], open, root);
                    else if (tags.Count == 1 && tags[0].Closed && text.Trim() == tags[0].Text && ElementHelperCall(tags[0]) is { } call)
                        Target().Add(call);
                    else
                        Target().Add(CompileParagraph(paragraph, tags));
                    break;
                case Table table:
                    Target().Add(CompileTable(table));
                    break;
                case TableCellProperties:
                    break;   // a cell's own properties are kept by the row, not rendered as content
                default:
                    if (child.InnerText.Contains("{{"))
                        Problem(TemplateErrors.SyntaxError, $"此处（{child.LocalName}）的标签不会被填充，请把标签放在普通段落或表格中。", child.InnerText);
                    Target().Add(new CopyNode(child) { Location = Here });
                    break;
            }
        }
        foreach (var block in open)
            problems.Add(new TemplateDiagnostic(TemplateErrors.UnclosedBlock, $"块“{block.Tag.BlockName}”没有对应的结束标签{{{{/{block.Tag.BlockName}}}}}。", block.Location, block.Tag.Text));
        return new ContainerNode(root);
    }

    /// <summary>A paragraph holding only a block tag: it opens, switches or closes a block, and disappears from the output.</summary>
    private void BlockTag(TagToken tag, Stack<OpenBlock> open, List<Node> root)
    {
        if (tag.IsElse)
        {
            if (open.Count == 0)
                Problem(TemplateErrors.ElseOutsideBlock, "{{else}} 不在任何块之内。", tag.Text);
            else
                open.Peek().Target = open.Peek().Node.Else;
            return;
        }
        if (tag.IsBlockClose)
        {
            if (open.Count == 0)
            {
                Problem(TemplateErrors.CloseWithoutOpen, $"结束标签没有对应的开始标签{{{{#{tag.BlockName}}}}}。", tag.Text);
                return;
            }
            var block = open.Pop();
            if (block.Tag.BlockName != tag.BlockName)
                Problem(TemplateErrors.MismatchedClose, $"结束标签与开始标签{block.Tag.Text}（{block.Location}）不匹配。", tag.Text);
            fields.Check(tag, paragraphLevel: true).ToList();
            return;
        }
        var node = CompileBlock(tag, paragraphLevel: true);
        (open.Count == 0 ? root : open.Peek().Target).Add(node);
        open.Push(new OpenBlock(node, node.Body, tag, Here));
    }

    private BlockNode CompileBlock(TagToken tag, bool paragraphLevel)
    {
        foreach (var (id, message) in fields.Check(tag, paragraphLevel))
            Problem(id, message, tag.Text);
        var name = tag.BlockName;
        var tokens = FieldChecker.Tokenize(tag.Arguments).ToList();
        var target = tokens.FirstOrDefault(t => !t.Contains('=')) ?? "this";
        bool Option(string key) => tokens.Any(t => t.Replace(" ", "") is var o && (o == $"{key}=true" || o == $"{key}=\"true\""));
        // Conditions are evaluated by Handlebars itself, so truthiness and helpers (sub-expressions) work as documented there.
        var condition = name is "if" or "unless" ? TryCompile($"{{{{#{name} {tag.Arguments}}}}}1{{{{/{name}}}}}", tag.Text) : null;
        return new BlockNode(name, target, condition, Option("restartNumbering"), Option("pageBreak")) { Location = Here, Tag = tag.Text };
    }

    private Node? ElementHelperCall(TagToken tag)
    {
        var tokens = FieldChecker.Tokenize(tag.Body).ToList();
        if (tokens.Count is not (2 or 3) || !options.ElementHelpers.ContainsKey(tokens[0]))
            return null;
        if (tokens.Count == 3 && !(tokens[2].Length >= 2 && tokens[2][0] is '"' or '\'' && tokens[2][^1] == tokens[2][0]))
        {
            Problem(TemplateErrors.SyntaxError, $"“{tokens[0]}”的第二个参数应为带引号的文字，如 \"收支总计\"。", tag.Text);
            return null;
        }
        var problemsBefore = problems.Count;
        foreach (var (id, message) in fields.Check(tag with { Inner = tokens[1] }, paragraphLevel: true))
            Problem(id, message, tag.Text);
        var module = options.ElementHelpers[tokens[0]];
        if (problems.Count == problemsBefore && fields.SchemaOf(tokens[1]) is { } schema && module.Argument.Mismatch(schema, tokens[1]) is { } mismatch)
            Problem(TemplateErrors.WrongElementArgument, $"“{tokens[0]}”需要{module.Wants}；{mismatch}。", tag.Text);
        return new ElementHelperNode(tokens[0], tokens[1], tokens.Count == 3 ? tokens[2][1..^1] : null) { Location = Here, Tag = tag.Text };
    }

    private Node CompileParagraph(Paragraph paragraph, List<TagToken> tags)
    {
        // Blocks inside a paragraph must close inside it; otherwise the tag has to stand alone.
        var depth = 0;
        foreach (var tag in tags.Where(t => t.Closed))
        {
            if (tag.IsBlockOpen)
                depth++;
            else if (tag.IsBlockClose)
                depth--;
            if (depth < 0 || tag.IsBlockOpen && !tags.Any(t => t.IsBlockClose && t.Start > tag.Start))
            {
                Problem(TemplateErrors.BlockNotAlone, "块标签必须单独占一个段落（或在同一段落内开始和结束）。", tag.Text);
                return new CopyNode(paragraph) { Location = Here };
            }
            foreach (var (id, message) in fields.Check(tag, paragraphLevel: false))
                Problem(id, message, tag.Text);
        }
        var compiled = new Dictionary<int, HandlebarsTemplate<object, object>>();
        var texts = ParagraphText.OwnTexts(paragraph);
        for (var i = 0; i < texts.Count; i++)
            if (texts[i].Text.Contains("{{") && TryCompile(ParentPaths(texts[i].Text), texts[i].Text) is { } template)
                compiled[i] = template;
        var boxes = paragraph.Descendants().Where(e => e.LocalName == "txbxContent").Select(CompileContainer).ToList();
        return new ParagraphNode(paragraph, compiled, boxes) { Location = Here, ContainsChart = HasChart(paragraph) };
    }

    /// <summary>"../x" outside any block of this text refers to the engine's scopes: @parentN.x (see Scope).</summary>
    private static string ParentPaths(string text)
    {
        var result = new System.Text.StringBuilder();
        var depth = 0;
        var last = 0;
        foreach (var tag in TagScanner.Scan(text).Where(t => t.Closed))
        {
            if (tag.IsBlockClose)
                depth--;
            result.Append(text, last, tag.Start - last);
            var rewritten = RootPathPattern.Replace(tag.Text, "@rootData");   // @root would be the merged scope, not the data's root
            result.Append(depth == 0 ? ParentPathPattern.Replace(rewritten, m => $"@parent{m.Groups[1].Value.Length / 3}.") : rewritten);
            last = tag.End;
            if (tag.IsBlockOpen)
                depth++;
        }
        result.Append(text, last, text.Length - last);
        return result.ToString();
    }

    private static readonly System.Text.RegularExpressions.Regex RootPathPattern = new(@"@root\b");

    private static readonly System.Text.RegularExpressions.Regex ParentPathPattern = new(@"(?<![\w@.])((?:\.\./)+)");

    private HandlebarsTemplate<object, object>? TryCompile(string source, string tag)
    {
        try
        {
            return handlebars.Compile(source);
        }
        catch (HandlebarsException ex)
        {
            Problem(TemplateErrors.SyntaxError, $"标签写法有误：{ex.Message}", tag);
            return null;
        }
    }

    private Node CompileTable(Table table)
    {
        var outer = _cell;
        var tableNumber = ++_tables;
        var rows = new List<Node>();
        var rowNumber = 0;
        foreach (var row in table.Elements<TableRow>())
        {
            rowNumber++;
            _cell = (tableNumber, rowNumber, 1);
            foreach (var paragraph in row.Descendants<Paragraph>())
                ParagraphText.MergeTags(paragraph);
            var rowBlock = RowBlockTags(row);
            var cells = new List<ContainerNode>();
            var cellNumber = 0;
            BlockNode? block = rowBlock is null ? null : CompileBlock(rowBlock.Value.Open, paragraphLevel: true);
            foreach (var cell in row.Elements<TableCell>())
            {
                _cell = (tableNumber, rowNumber, ++cellNumber);
                cells.Add(CompileContainer(cell));
            }
            if (rowBlock is not null)
                fields.Check(rowBlock.Value.Close, paragraphLevel: true).ToList();
            var rowNode = new RowNode(row, cells) { Location = Here };
            if (block is null)
                rows.Add(rowNode);
            else
            {
                block.Body.Add(rowNode);
                rows.Add(block);
            }
        }
        _cell = outer;
        return new TableNode(table, rows) { Location = Here, ContainsChart = HasChart(table) };
    }

    /// <summary>
    /// {{#each rows}} at the start of a row's first cell and {{/each}} at the end of its last cell
    /// make the row repeat (or, for #if/#unless, stay or go). The two tags are taken out of the cells.
    /// </summary>
    private (TagToken Open, TagToken Close)? RowBlockTags(TableRow row)
    {
        var cells = row.Elements<TableCell>().ToList();
        if (cells.Count == 0)
            return null;
        var first = cells[0].Elements<Paragraph>().FirstOrDefault();
        var last = cells[^1].Elements<Paragraph>().LastOrDefault();
        if (first is null || last is null)
            return null;
        var firstTags = TagScanner.Scan(ParagraphText.Of(first));
        var opening = firstTags.FirstOrDefault(t => t.Closed);
        if (opening is null || !opening.IsBlockOpen || ParagraphText.Of(first)[..opening.Start].Trim().Length > 0)
            return null;
        var cellText = string.Concat(cells[0].Descendants<Paragraph>().Select(ParagraphText.Of));
        var closesInCell = TagScanner.Scan(cellText).Count(t => t.IsBlockClose && t.BlockName == opening.BlockName) >=
                           TagScanner.Scan(cellText).Count(t => t.IsBlockOpen && t.BlockName == opening.BlockName);
        if (closesInCell && cells.Count > 1 || closesInCell && first != last)
            return null;
        var lastText = ParagraphText.Of(last);
        var closing = TagScanner.Scan(lastText).LastOrDefault(t => t.Closed);
        if (closing is null || !closing.IsBlockClose || closing.BlockName != opening.BlockName || lastText[closing.End..].Trim().Length > 0)
        {
            problems.Add(new TemplateDiagnostic(TemplateErrors.RowBlockNotInOneRow, "表格行的块标签须在该行第一格开头开始、在最后一格末尾结束。",
                Here with { Paragraph = _paragraph + 1 }, opening.Text));
            return null;
        }
        ParagraphText.RemoveRange(last, closing.Start, closing.End);
        ParagraphText.RemoveRange(first, opening.Start, opening.End);
        return (opening, closing);
    }

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
