using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;
using HandlebarsDotNet;

namespace DocxTemplating;

/// <summary>A compiled piece of a template that renders to zero or more elements.</summary>
internal abstract class Node
{
    public TemplateLocation? Location { get; init; }

    /// <summary>Whether the template content of this node holds a chart (see <see cref="BlockNode"/>).</summary>
    public virtual bool ContainsChart { get; init; }

    public abstract void Render(RenderContext context, Scope scope, List<OpenXmlElement> output);
}

/// <summary>Block-level children of a container (body, header, footer, table cell, text box).</summary>
internal sealed class ContainerNode(IReadOnlyList<Node> children)
{
    public IReadOnlyList<Node> Children { get; } = children;

    public List<OpenXmlElement> Render(RenderContext context, Scope scope)
    {
        var output = new List<OpenXmlElement>();
        foreach (var child in Children)
            child.Render(context, scope, output);
        return output;
    }
}

/// <summary>An element with nothing to fill (section properties, bookmarks between paragraphs …): copied as it is.</summary>
internal sealed class CopyNode(OpenXmlElement template) : Node
{
    public override void Render(RenderContext context, Scope scope, List<OpenXmlElement> output) => output.Add(template.CloneNode(true));
}

/// <summary>A paragraph: its tagged text nodes are Handlebars templates; its text boxes are containers of their own.</summary>
internal sealed class ParagraphNode(OpenXmlElement template, IReadOnlyDictionary<int, HandlebarsTemplate<object, object>> texts, IReadOnlyList<ContainerNode> textBoxes) : Node
{
    public override void Render(RenderContext context, Scope scope, List<OpenXmlElement> output)
    {
        var paragraph = template.CloneNode(true);
        if (texts.Count > 0)
        {
            var ownTexts = ParagraphText.OwnTexts(paragraph);
            foreach (var (index, compiled) in texts)
            {
                var rendered = context.Evaluate(compiled, scope, Location, ownTexts[index].Text);
                TextWriting.SetText(ownTexts[index], rendered);
            }
        }
        if (textBoxes.Count == 0)
        {
            output.Add(paragraph);
            return;
        }
        var boxes = paragraph.Descendants().Where(e => e.LocalName == "txbxContent").ToList();
        for (var i = 0; i < boxes.Count && i < textBoxes.Count; i++)
        {
            boxes[i].RemoveAllChildren();
            boxes[i].Append(textBoxes[i].Render(context, scope).Select(e => e));
            TextWriting.EnsureEndsWithParagraph(boxes[i]);
        }
        output.Add(paragraph);
    }
}

/// <summary>A lone tag such as {{chart charts.totalChange}}: the host's element helper makes the elements.</summary>
internal sealed class ElementHelperNode(string helper, string argument, string? label) : Node
{
    public string Tag { get; init; } = "";

    public override void Render(RenderContext context, Scope scope, List<OpenXmlElement> output)
    {
        var (found, value) = scope.Resolve(argument);
        if (!found)
        {
            context.Fail(Location, Tag, $"数据中没有字段“{argument}”。");
            return;
        }
        var module = context.Options.ElementHelpers[helper];
        List<OpenXmlElement> made;
        try
        {
            // Enumerated here: a helper written as an iterator throws only when its elements are asked for.
            made = module.Render(value, label, context.Services).ToList();
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or StackOverflowException))
        {
            // The data did not fit what the helper reads (the schema allowed it, the values did not): the template's problem, at its tag.
            context.Fail(Location, Tag, $"“{helper}”无法生成（需要{module.Wants}）：{ex.Message}");
            return;
        }
        output.AddRange(made);
    }
}

/// <summary>{{#each}}, {{#if}}, {{#unless}}, {{#with}} around whole paragraphs, tables and figures.</summary>
internal sealed class BlockNode(string kind, string target, HandlebarsTemplate<object, object>? condition, bool restartNumbering, bool pageBreak) : Node
{
    public List<Node> Body { get; } = new();
    public List<Node> Else { get; } = new();
    public string Tag { get; init; } = "";

    /// <summary>
    /// Only a body whose template content holds a chart has its repeated items searched for chart
    /// references: the search would parse every element helpers added (thousands of table cells).
    /// </summary>
    public override bool ContainsChart
    {
        get => Body.Concat(Else).Any(n => n.ContainsChart);
        init { }
    }

    public override void Render(RenderContext context, Scope scope, List<OpenXmlElement> output)
    {
        switch (kind)
        {
            case "each":
                var (found, value) = scope.Resolve(target);
                if (!found)
                {
                    context.Fail(Location, Tag, $"数据中没有字段“{target}”。");
                    return;
                }
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
                for (var i = 0; i < items.Count; i++)
                {
                    var part = new List<OpenXmlElement>();
                    RenderAll(Body, context, scope.Child(items[i].Value, i, items.Count, items[i].Key), part);
                    if (i > 0 && ContainsChart)
                        context.CopyCharts(part);
                    if (i > 0 && restartNumbering)
                        context.RestartNumbering(part);
                    if (i > 0 && pageBreak)
                        TextWriting.BreakPageBefore(part);
                    output.AddRange(part);
                }
                return;
            case "with":
                var (exists, target2) = scope.Resolve(target);
                if (exists && DataTree.IsTruthy(target2))
                    RenderAll(Body, context, scope.With(target2), output);
                else
                    RenderAll(Else, context, scope, output);
                return;
            default:
                var truthy = condition is not null && context.Evaluate(condition, scope, Location, Tag) == "1";
                RenderAll(truthy ? Body : Else, context, scope, output);
                return;
        }
    }

    private static void RenderAll(List<Node> nodes, RenderContext context, Scope scope, List<OpenXmlElement> output)
    {
        foreach (var node in nodes)
            node.Render(context, scope, output);
    }
}

/// <summary>A table: its rows are plain rows or row blocks; a table left without rows is dropped.</summary>
internal sealed class TableNode(Table template, IReadOnlyList<Node> rows) : Node
{
    public override void Render(RenderContext context, Scope scope, List<OpenXmlElement> output)
    {
        var table = (Table)template.CloneNode(false);
        foreach (var child in template.ChildElements.Where(c => c is not TableRow))
            table.Append(child.CloneNode(true));
        var rendered = new List<OpenXmlElement>();
        foreach (var row in rows)
            row.Render(context, scope, rendered);
        if (rendered.Count == 0)
            return;
        table.Append(rendered);
        output.Add(table);
    }
}

/// <summary>One table row; each cell is a container.</summary>
internal sealed class RowNode(TableRow template, IReadOnlyList<ContainerNode> cells) : Node
{
    public override void Render(RenderContext context, Scope scope, List<OpenXmlElement> output)
    {
        var row = (TableRow)template.CloneNode(true);
        var rowCells = row.Elements<TableCell>().ToList();
        for (var i = 0; i < rowCells.Count && i < cells.Count; i++)
        {
            var cell = rowCells[i];
            foreach (var child in cell.ChildElements.Where(c => c is not TableCellProperties).ToList())
                child.Remove();
            cell.Append(cells[i].Render(context, scope));
            TextWriting.EnsureEndsWithParagraph(cell);
        }
        output.Add(row);
    }
}
