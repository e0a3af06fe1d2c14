namespace DocxTemplating;

/// <summary>
/// Checks every expression of a compiled block tree against the data schema, walking the blocks
/// with the same frames and the same resolver rendering uses (<see cref="ScopeResolver"/>): a field
/// the checker accepts is one render finds. Also checks helpers and element-helper arguments.
/// </summary>
internal sealed class TemplateChecker(DataSchema? schema, CompiledOptions options, List<TemplateDiagnostic> problems)
{
    public SortedSet<string> UsedFields { get; } = new(StringComparer.Ordinal);

    /// <summary>Every element helper tag with the field its argument resolved to: what the host learns a template places by name.</summary>
    public List<ElementUse> ElementUses { get; } = new();

    /// <summary>The part's own node (a paragraph, table or block) being checked: a template nested too deep for the stack is reported there (TPL038).</summary>
    public TemplateLocation? Outermost { get; private set; }

    public void Check(ContainerNode part)
    {
        var root = Frame<DataSchema>.Root(schema ?? DataSchema.Any);
        foreach (var node in part.Children)
        {
            Outermost = node.Location;
            Walk([node], root);
        }
    }

    private void Walk(IEnumerable<Node> nodes, Frame<DataSchema> frame)
    {
        // Blocks in tables in blocks… each level recurses: a template nested past the stack is TPL038, not a crash.
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        foreach (var node in nodes)
        {
            switch (node)
            {
                case BlockNode block:
                    CheckBlock(block, frame);
                    break;
                case OutputNode output:
                    CheckOutput(output, frame);
                    break;
                case ParagraphNode paragraph:
                    foreach (var program in paragraph.Texts.Values)
                        Walk(program, frame);
                    foreach (var box in paragraph.TextBoxes)
                        Walk(box.Children, frame);
                    break;
                case ElementHelperNode element:
                    CheckElementHelper(element, frame);
                    break;
                case TableNode table:
                    Walk(table.Rows, frame);
                    break;
                case RowNode row:
                    foreach (var cell in row.Cells)
                        Walk(cell.Children, frame);
                    break;
            }
        }
    }

    private void Problem(Node node, string id, string message) => problems.Add(new TemplateDiagnostic(id, message, node.Location, node.Tag));

    private void CheckBlock(BlockNode block, Frame<DataSchema> frame)
    {
        if (!Lexer.IsBlockHelper(block.Helper))
        {
            Problem(block, TemplateErrors.UnsupportedBlock, $"不支持的块“{block.Helper}”，可用：each、if、unless、with。");
            Walk(block.Body, frame);
            Walk(block.Else, frame);
            return;
        }
        if (block.Broken)
        {
            Walk(block.Body, frame);
            Walk(block.Else, frame);
            return;
        }
        if (block.Argument is null)
        {
            Problem(block, TemplateErrors.SyntaxError, $"块“{block.Helper}”缺少参数，如 {{{{#{block.Helper} 字段}}}}。");
            return;
        }
        var before = problems.Count;
        var sure = Assured(block, frame);
        // The fill asks a condition leniently: (eq t.c "蓝") on an item whose t is null is false, not a failure.
        var asking = _asking;
        _asking = block.Helper is "if" or "unless" or "with";
        CheckExpression(block.Argument, sure ?? frame, block);
        var target = problems.Count == before ? SchemaOf(block.Argument, sure ?? frame) : null;
        _asking = asking;
        var inner = block.Helper switch
        {
            "each" => frame.Item(ItemOf(block, target), 0, 2, null, PathOf(block.Argument, frame) + "[]"),
            "with" => (sure ?? frame).With(target ?? DataSchema.Any, PathOf(block.Argument, sure ?? frame)),
            "if" => sure ?? frame,
            _ => frame,
        };
        // A loop's items are each read by its body: a condition outside the loop leaves none of them out.
        var loop = block.Helper == "each";
        if (loop)
            _conditionsInLoops.Add(0);
        else
            CountConditions(+1);
        Walk(block.Body, inner);
        if (loop)
            _conditionsInLoops.RemoveAt(_conditionsInLoops.Count - 1);
        else
            CountConditions(-1);
        // {{else}} is a condition either way: a condition's other side, or a loop's empty list (outside its items).
        CountConditions(+1);
        Walk(block.Else, block.Helper == "unless" ? sure ?? frame : frame);
        CountConditions(-1);
    }

    /// <summary>
    /// For each loop around the tag, outermost first (the first entry is the template outside every loop): how many
    /// conditions ({{#if}}, {{#unless}}, {{#with}}, either side of their {{else}}) around the tag stand inside that loop.
    /// </summary>
    private readonly List<int> _conditionsInLoops = [0];

    /// <summary>Checking the argument of {{#if}}, {{#unless}} or {{#with}}, which the fill reads leniently.</summary>
    private bool _asking;

    private void CountConditions(int change)
    {
        for (var i = 0; i < _conditionsInLoops.Count; i++)
            _conditionsInLoops[i] += change;
    }

    /// <summary>
    /// A tag's path as the check reads it. Into a value null in some items (<see cref="DataSchema.OrNull"/>) only in a
    /// condition's argument, or under a condition inside the loop whose item holds the value: the check cannot tell whether
    /// {{#if hasRate}} leaves out the items where rate is null, so it trusts it, as the view-model check trusts every
    /// nullable field, and the fill says at the tag where it did not (TPL020). Outside every such condition the fill fails on
    /// the null item for certain: TPL005.
    /// </summary>
    private bool TryRead(PathExpression path, Frame<DataSchema> frame, out DataSchema found, out Frame<DataSchema> foundIn)
    {
        if (ScopeResolver.TryResolve(path, frame, SchemaValues.Instance, out found, out foundIn))
            return true;
        return ScopeResolver.TryResolve(path, frame, SchemaValues.IntoNulls, out found, out foundIn)
            && (_asking || _conditionsInLoops[Math.Min(LoopsAround(foundIn), _conditionsInLoops.Count - 1)] > 0);
    }

    /// <summary>How many loops' items hold the frame: {{#with}} frames stay in their loop.</summary>
    private static int LoopsAround(Frame<DataSchema> frame)
    {
        var loops = 0;
        for (var f = frame; f is not null; f = f.Parent)
            if (f.IsItem)
                loops++;
        return loops;
    }

    /// <summary>
    /// The scopes in which an {{#if}}, {{#unless}} or {{#with}} that asks about a field only some items have
    /// (<see cref="DataSchema.SomeFields"/>), or one null in some (<see cref="DataSchema.OrNull"/>), has found it: the
    /// condition is false where an item lacks the field or has null (the fill is lenient there), and where it holds —
    /// {{#if}}'s and {{#with}}'s body, {{#unless}}'s {{else}} — the field is there, so tags may read it and into it. Null
    /// when the block asks about a field every item has with a value, or one none has (TPL005 as before).
    /// </summary>
    private static Frame<DataSchema>? Assured(BlockNode block, Frame<DataSchema> frame)
    {
        if (block.Helper is not ("if" or "unless" or "with") || block.Argument is not PathExpression { Variable: null } path)
            return null;
        // Found where every item has it (before a field only some items have, as the fill looks): sure of it only where it may be null.
        if (!ScopeResolver.TryResolve(path, frame, SchemaValues.Instance, out _, out var foundIn)
            && !ScopeResolver.TryResolve(path, frame, SchemaValues.Partly, out _, out foundIn))
            return null;
        // Whichever way the path went (x.y, this.x, ../x, @root.x), its names are read from the value it was found in.
        var present = foundIn.Value.Present(path.Segments);
        return ReferenceEquals(present, foundIn.Value) ? null : frame.Replacing(foundIn, present);
    }

    /// <summary>
    /// What {{#each}} makes current: a list's element (items of different kinds in a JSON list: read as the fields of an
    /// object of mixed fields are), or each field of an object in turn — what all of its fields have.
    /// Fields of different kinds (a name and a list) cannot all be written by the same tags: the check would pass what
    /// the fill then fails on (the item a text, the tag looking for a field of it), so such a loop is TPL008 here.
    /// </summary>
    private DataSchema ItemOf(BlockNode block, DataSchema? target)
    {
        if (target?.Kind == "list")
        {
            if (target.Element is not { Kind: "mixed", Alternatives.Count: > 0 } kinds)
                return target.Element ?? DataSchema.Any;
            var items = DataSchema.Mixed();
            _mixed[items] = new MixedItem(block, target, kinds.Alternatives.ToList());
            return items;
        }
        if (target?.Kind != "object")
            return DataSchema.Any;
        if (DataSchema.Common(target.Fields.Values.ToList()) is { } common)
            return common;
        // A loop that writes only @key, @index, fields found above it, or each value as it is fills for every item:
        // only a tag that reads into the item is refused (ReadsMixedItem), at that tag.
        var item = DataSchema.Mixed();
        _mixed[item] = new MixedItem(block, target, target.Fields.Values.ToList());
        return item;
    }

    /// <summary>The item of a loop over an object whose fields are of different kinds: the loop, the object, its fields.</summary>
    private sealed record MixedItem(BlockNode Loop, DataSchema Object, List<DataSchema> Fields);

    private readonly Dictionary<DataSchema, MixedItem> _mixed = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// The loop over an object of mixed fields whose item this path reads, going the way <see cref="ScopeResolver"/> goes:
    /// the item itself (this, ../ landing on it), a field some of its values may have, or a name found nowhere (the
    /// maintainer meant a field of the object). Null when the path is found without the item: above it, or from @root.
    /// </summary>
    private MixedItem? ReadsMixedItem(PathExpression path, Frame<DataSchema> frame, out bool itself)
    {
        itself = false;
        if (_mixed.Count == 0 || path.FromRoot || path.Variable is not null)
            return null;
        var at = frame;
        for (var i = 0; i < path.Up && at.Parent is not null; i++)
            at = at.Parent;
        if (path.This || path.Segments.Length == 0)
        {
            itself = path.Segments.Length == 0;
            return _mixed.GetValueOrDefault(at.Value);
        }
        MixedItem? passed = null;
        for (; at is not null; at = at.Parent)
        {
            if (_mixed.TryGetValue(at.Value, out var mixed))
            {
                if (mixed.Fields.Any(f => SchemaValues.Instance.TryMember(f, path.Segments[0], out _)))
                    return mixed;
                passed ??= mixed;
            }
            else if (SchemaValues.Instance.TryMember(at.Value, path.Segments[0], out _))
                return null;
        }
        return passed;
    }

    private void MixedItemProblem(Node node, MixedItem mixed) =>
        Problem(node, TemplateErrors.SyntaxError, mixed.Object.IsList
            ? $"“{mixed.Loop.Argument!.Text}”的项不是同一种数据（有的是值，有的是对象或列表），{{{{#each}}}} 逐项写出时同一个标签不能对每一项都适用；请让数据中各项是同一种数据。"
            : $"“{mixed.Loop.Argument!.Text}”是一个对象，它的字段不是同一种数据（有的是值，有的是对象或列表），{{{{#each}}}} 逐项写出时"
            + $"同一个标签不能对每一项都适用；逐项重复请用列表，对象请写出它的字段，如 {{{{{mixed.Loop.Argument.Text}.{mixed.Object.Fields.Keys.First()}}}}}。");

    /// <summary>
    /// A tag in running text prints a value. An object or a list of objects has no text of its own: such a tag
    /// would print nothing (or a type's name) where the maintainer meant one of its fields.
    /// </summary>
    private void CheckOutput(OutputNode output, Frame<DataSchema> frame)
    {
        var before = problems.Count;
        CheckExpression(output.Expression, frame, output);
        if (problems.Count != before || schema is null || SchemaOf(output.Expression, frame) is not { } printed)
            return;
        if (ValueText.NotPrintable(printed, output.Expression) is { } problem)
            Problem(output, TemplateErrors.PrintsObject, problem);
    }

    private void CheckElementHelper(ElementHelperNode element, Frame<DataSchema> frame)
    {
        var before = problems.Count;
        CheckExpression(element.Argument, frame, element);
        var module = options.ElementHelpers[element.Helper];
        if (module.BodyOnly && element.Location is { Part: not TemplateCompiler.BodyPart } outside)
        {
            Problem(element, TemplateErrors.SyntaxError, $"“{element.Helper}”只能放在正文中，{outside.Part.Split(' ')[0]}中放不了（Word 的{outside.Part.Split(' ')[0]}不能引用正文的图表）。");
            return;
        }
        if (problems.Count == before)
            ElementUses.Add(new ElementUse(element.Helper, PathOf(element.Argument, frame), element.Label));
        if (problems.Count == before && schema is not null && SchemaOf(element.Argument, frame) is { } argument
            && module.Argument.Mismatch(argument, element.Argument.Text) is { } mismatch)
            Problem(element, TemplateErrors.WrongElementArgument, $"“{element.Helper}”需要{module.Wants}；{mismatch}。");
    }

    private void CheckExpression(Expression expression, Frame<DataSchema> frame, Node node)
    {
        switch (expression)
        {
            case PathExpression path when ReadsMixedItem(path, frame, out var itself) is { } mixed:
                // A condition is false where an item lacks what it asks (the fill is lenient there); {{this}} prints each
                // value when every one of them can be printed. Anything else read from the item fails on some item.
                var condition = node is BlockNode { Helper: "if" or "unless" } block && ReferenceEquals(block.Argument, path)
                    && (itself || mixed.Fields.Any(f => SchemaValues.Instance.TryMember(f, path.Segments[0], out _)));
                var printed = itself && node is OutputNode output && ReferenceEquals(output.Expression, path)
                    && mixed.Fields.All(f => ValueText.NotPrintable(f, path) is null);
                if (!condition && !printed)
                    MixedItemProblem(node, mixed);
                return;
            case PathExpression { Variable: { } variable } path:
                if (!SchemaValues.Instance.TryVariable(frame.Loop, variable, out _))
                    Problem(node, TemplateErrors.UnknownField, variable is "index" or "first" or "last" or "key"
                        ? $"“{path.Text}”只能用在 {{{{#each}}}} 之中。"
                        : $"“{path.Text}”不是可用的变量（可用 @index、@first、@last、@key、@root）。");
                return;
            case PathExpression path:
                if (schema is null)
                    return;
                if (!TryRead(path, frame, out _, out var foundIn))
                    Problem(node, TemplateErrors.UnknownField, $"数据中没有字段“{path.Text}”{(frame.Path.Length > 0 ? $"（当前位置：{frame.Path}）" : "")}。");
                else if (Join(foundIn.Path, path.Segments) is { Length: > 0 } used)
                    UsedFields.Add(used);
                return;
            case CallExpression call:
                if (options.ElementHelpers.ContainsKey(call.Helper) && !options.Helpers.ContainsKey(call.Helper))
                {
                    Problem(node, TemplateErrors.SyntaxError, $"“{call.Helper}”生成整段内容（图表、表格），须单独占一个段落。");
                    return;
                }
                if (!IsHelper(call.Helper))
                {
                    Problem(node, TemplateErrors.UnknownHelper, $"“{call.Helper}”不是可用的函数（helper）；可用：{string.Join("、", HelperNames)}。");
                    return;
                }
                if (call.Options.Count > 0)
                    Problem(node, TemplateErrors.SyntaxError, $"函数“{call.Helper}”不接受 {string.Join("、", call.Options.Keys)}= 这样的选项。");
                foreach (var argument in call.Arguments)
                {
                    var before = problems.Count;
                    CheckExpression(argument, frame, node);
                    if (problems.Count == before && schema is not null && options.ValueArgumentHelpers.Contains(call.Helper)
                        && SchemaOf(argument, frame) is { Kind: "object" or "list" } given)
                        Problem(node, TemplateErrors.SyntaxError, $"函数“{call.Helper}”的参数须是一个值（数或文字），“{argument.Text}”是{(given.IsList ? "一个列表" : "一个对象")}"
                            + (given.Kind == "object" && given.Fields.Count > 0 ? $"，请写出它的一个字段（它的字段：{string.Join("、", given.Fields.Keys.Take(8))}{(given.Fields.Count > 8 ? "…" : "")}）。" : "。"));
                }
                if (call.Helper == "where" && !options.Helpers.ContainsKey("where"))
                    CheckWhere(call, frame, node);
                if (call.Helper == "sum" && !options.Helpers.ContainsKey("sum"))
                    CheckSum(call, frame, node);
                if (call.Helper == "lookup" && !options.Helpers.ContainsKey("lookup"))
                    CheckLookup(call, frame, node);
                return;
        }
    }

    /// <summary>(where list "field" ["eq|ne|gt|gte|lt|lte" value]): a list, a field of its items, a known test.</summary>
    private void CheckWhere(CallExpression call, Frame<DataSchema> frame, Node node)
    {
        if (call.Arguments.Count is not (2 or 4) || call.Arguments[1] is not LiteralExpression { Value: string field }
            || call.Arguments.Count == 4 && call.Arguments[2] is not LiteralExpression { Value: string })
        {
            Problem(node, TemplateErrors.SyntaxError, $"where 的写法是 (where 列表 \"字段\") 或 (where 列表 \"字段\" \"比较\" 值)，如 (where items \"amount.value\" \"ne\" 0)；“{call.Text}”不是。");
            return;
        }
        if (call.Arguments.Count == 4 && call.Arguments[2] is LiteralExpression { Value: string test } && !BuiltInHelpers.WhereTests.Contains(test))
            Problem(node, TemplateErrors.SyntaxError, $"where 的比较“{test}”不可用；可用：{string.Join("、", BuiltInHelpers.WhereTests)}。");
        CheckListField("where", call.Arguments[0], field, frame, node);
    }

    /// <summary>
    /// (lookup object "name") names a field the object has, and (lookup x …) looks into a list or an object: the fill finds
    /// nothing otherwise and prints a blank where the maintainer meant a figure.
    /// </summary>
    private void CheckLookup(CallExpression call, Frame<DataSchema> frame, Node node)
    {
        if (schema is null || call.Arguments.Count != 2 || SchemaOf(call.Arguments[0], frame) is not { } container)
            return;
        if (container.Kind == "scalar" && call.Arguments[0] is PathExpression { Variable: null })
            Problem(node, TemplateErrors.SyntaxError, $"lookup 的第一个参数须是列表或对象，“{call.Arguments[0].Text}”是一个值。");
        else if (container.Kind == "object" && call.Arguments[1] is LiteralExpression { Value: { } key }
                 && Convert.ToString(key, System.Globalization.CultureInfo.InvariantCulture) is { } name && !container.Fields.ContainsKey(name))
            Problem(node, TemplateErrors.UnknownField, $"“{call.Arguments[0].Text}”中没有字段“{name}”"
                + (container.Fields.Count > 0 ? $"（它的字段：{string.Join("、", container.Fields.Keys.Take(8))}{(container.Fields.Count > 8 ? "…" : "")}）。" : "。"));
    }

    /// <summary>(sum list "field"): a list and a field of its items.</summary>
    private void CheckSum(CallExpression call, Frame<DataSchema> frame, Node node)
    {
        if (call.Arguments.Count != 2 || call.Arguments[1] is not LiteralExpression { Value: string field })
        {
            Problem(node, TemplateErrors.SyntaxError, $"sum 的写法是 (sum 列表 \"字段\")，如 (sum funds \"executed\")；“{call.Text}”不是。");
            return;
        }
        CheckListField("sum", call.Arguments[0], field, frame, node);
    }

    private void CheckListField(string helper, Expression listArgument, string field, Frame<DataSchema> frame, Node node)
    {
        if (schema is null || SchemaOf(listArgument, frame) is not { } list)
            return;
        if (list.Kind is not ("list" or "any"))
        {
            Problem(node, TemplateErrors.SyntaxError, $"{helper} 的第一个参数须是列表，“{listArgument.Text}”不是。");
            return;
        }
        var item = list.Element ?? DataSchema.Any;
        // where and sum read a null on the way as nothing, so fields inside one null in some items are theirs to name. where
        // asks as a condition does (an item without the field is left out), so it may name a field only some items have;
        // sum would make every total unknown with such a field, so it may not.
        var values = helper == "where" ? SchemaValues.Partly : SchemaValues.IntoNulls;
        foreach (var segment in field.Split('.', StringSplitOptions.RemoveEmptyEntries))
            if (!values.TryMember(item, segment, out item))
            {
                Problem(node, TemplateErrors.UnknownField, $"“{listArgument.Text}”的项中没有字段“{field}”。");
                return;
            }
    }

    private bool IsHelper(string name) => options.Helpers.ContainsKey(name) || BuiltInHelpers.All.ContainsKey(name);

    private IEnumerable<string> HelperNames => options.Helpers.Keys.Concat(BuiltInHelpers.All.Keys).Distinct().Order(StringComparer.Ordinal);

    /// <summary>The schema an expression gives: a path's, or a scalar for literals and helper results.</summary>
    private DataSchema? SchemaOf(Expression expression, Frame<DataSchema> frame) => expression switch
    {
        PathExpression { Variable: not null } => DataSchema.Scalar,
        PathExpression path => TryRead(path, frame, out var found, out _) ? found : null,
        // The items where keeps are items of the list it was given; kept for a truthy field, that field is there in each.
        CallExpression { Helper: "where", Arguments: [var list, LiteralExpression { Value: string field }] } when !options.Helpers.ContainsKey("where")
            => SchemaOf(list, frame)?.KeptWhere(field.Split('.', StringSplitOptions.RemoveEmptyEntries)),
        CallExpression { Helper: "where", Arguments.Count: > 0 } call => SchemaOf(call.Arguments[0], frame),
        // (lookup list 1) is an item of the list, (lookup object "name") that field: a tag printing one prints what it is.
        CallExpression { Helper: "lookup", Arguments.Count: 2 } call => LookedUp(SchemaOf(call.Arguments[0], frame), call.Arguments[1]),
        _ => DataSchema.Scalar,
    };

    private static DataSchema LookedUp(DataSchema? container, Expression key) => container switch
    {
        { Kind: "list" } list => list.Element ?? DataSchema.Any,
        { Kind: "object" } map when key is LiteralExpression { Value: string name } => map.Fields.GetValueOrDefault(name) ?? DataSchema.Any,
        _ => DataSchema.Any,   // a field named by data, or a value: not known before filling
    };

    private string PathOf(Expression expression, Frame<DataSchema> frame) => expression switch
    {
        PathExpression { Variable: null } path when TryRead(path, frame, out _, out var foundIn) => Join(foundIn.Path, path.Segments),
        CallExpression { Helper: "where", Arguments.Count: > 0 } call => PathOf(call.Arguments[0], frame),
        _ => frame.Path,
    };

    /// <summary>generalBudget.items[] + completion.vsBudget → generalBudget.items[].completion.vsBudget; list indexes become [].</summary>
    private static string Join(string prefix, string[] segments)
    {
        var tail = string.Join(".", segments.Select(s => int.TryParse(s, out _) ? "[]" : s)).Replace(".[]", "[]");
        return prefix.Length == 0 ? tail : tail.Length == 0 ? prefix : tail.StartsWith('[') ? prefix + tail : $"{prefix}.{tail}";
    }
}
