namespace DocxTemplating;

/// <summary>What a tag does: print a value, open, switch (else) or close a block, or nothing (a comment).</summary>
internal enum TagKind { Output, Open, Else, Close, Comment }

/// <summary>
/// One {{…}} in a text: its place, what it does and its parsed expression. The lexer is the only
/// place that reads tag syntax; the compiler, the checker and the renderer work on these.
/// </summary>
internal sealed record TagToken(int Start, int End, string Inner, bool Closed)
{
    public string Text => "{{" + Inner + (Closed ? "}}" : "");

    public TagKind Kind { get; init; }

    /// <summary>The name an opening and its closing tag share: each, if, unless, with (or x of {{^x}}).</summary>
    public string BlockName { get; init; } = "";

    /// <summary>The block helper an opening tag (or an {{else if …}}) runs: each, if, unless, with.</summary>
    public string Helper { get; init; } = "";

    /// <summary>An output tag's value, or an opening tag's argument (null when the tag has none).</summary>
    public Expression? Expression { get; init; }

    /// <summary>Options of an opening tag: {{#each x pageBreak=true}}.</summary>
    public IReadOnlyDictionary<string, Expression> Options { get; init; } = Lexer.NoOptions;

    /// <summary>{{~x}} takes the white space before the tag away, {{x~}} the white space after it.</summary>
    public bool TrimBefore { get; init; }
    public bool TrimAfter { get; init; }

    /// <summary>Why the tag cannot be read, in Chinese (TPL008); null when it can.</summary>
    public string? Error { get; init; }

    public bool IsBlockOpen => Kind == TagKind.Open;
    public bool IsBlockClose => Kind == TagKind.Close;
    public bool IsElse => Kind == TagKind.Else;

    /// <summary>{{else if x}}: an else that opens a chained block closed by the first block's closing tag.</summary>
    public bool IsChainedElse => Kind == TagKind.Else && Helper.Length > 0;
}

/// <summary>
/// Reads the tags of one text (a paragraph's run text, merged so no tag is split): positions, kinds
/// and expressions. Handlebars-compatible syntax: {{x}}, {{{x}}}, {{~x~}}, {{! comment}},
/// {{#each x}}, {{^x}}, {{else}}, {{else if x}}, {{/each}}, helpers with literal, path and
/// (sub-expression) arguments, key=value options.
/// </summary>
internal static class Lexer
{
    public static readonly IReadOnlyDictionary<string, Expression> NoOptions = new Dictionary<string, Expression>();

    private static readonly HashSet<string> BlockHelpers = ["each", "if", "unless", "with"];

    public static bool IsBlockHelper(string name) => BlockHelpers.Contains(name);

    public static List<TagToken> Scan(string text)
    {
        var tags = new List<TagToken>();
        var at = 0;
        while ((at = text.IndexOf("{{", at, StringComparison.Ordinal)) >= 0)
        {
            var close = text.IndexOf("}}", at + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                tags.Add(new TagToken(at, text.Length, text[(at + 2)..], false) { Kind = TagKind.Output, Error = "标签缺少结尾的“}}”。" });
                break;
            }
            // A triple-stash {{{x}}} ends with "}}}": keep the third brace inside the tag.
            var end = close + 2 < text.Length && text[close + 2] == '}' ? close + 3 : close + 2;
            tags.Add(Classify(new TagToken(at, end, text[(at + 2)..(end - 2)], true)));
            at = end;
        }
        return tags;
    }

    private static TagToken Classify(TagToken tag)
    {
        var body = tag.Inner;
        if (body.StartsWith('{') && body.EndsWith('}'))
            body = body[1..^1];   // {{{x}}}: nothing is escaped in Word text anyway
        var trimBefore = body.StartsWith('~');
        var trimAfter = body.EndsWith('~') && body.Length > 1;
        body = body.Trim().TrimStart('~').TrimEnd('~').Trim();
        tag = tag with { TrimBefore = trimBefore, TrimAfter = trimAfter };
        if (body.StartsWith('!'))
            return tag with { Kind = TagKind.Comment };
        if (body.Length == 0)
            return tag with { Kind = TagKind.Output, Error = "标签是空的。" };
        if (body == "else" || body == "^")
            return tag with { Kind = TagKind.Else };
        if (body.StartsWith("else ", StringComparison.Ordinal))
            return Opening(tag with { Kind = TagKind.Else }, body[5..].Trim(), inverse: false);
        if (body.StartsWith('/'))
            return tag with { Kind = TagKind.Close, BlockName = body[1..].Trim() };
        if (body.StartsWith('#'))
            return Opening(tag with { Kind = TagKind.Open }, body[1..].Trim(), inverse: false);
        if (body.StartsWith('^'))
            return Opening(tag with { Kind = TagKind.Open }, body[1..].Trim(), inverse: true);
        var parsed = ExpressionParser.Parse(body);
        return tag with { Kind = TagKind.Output, Expression = parsed.Expression, Error = parsed.Error };
    }

    /// <summary>{{#each x opt=v}}, {{^x}} (x falsy: the inverse section), {{else if x}}.</summary>
    private static TagToken Opening(TagToken tag, string rest, bool inverse)
    {
        var space = rest.IndexOfAny([' ', '\t', '\u3000']);
        var name = space < 0 ? rest : rest[..space];
        var arguments = space < 0 ? "" : rest[space..].Trim();
        if (inverse)
        {
            // {{^x}} … {{/x}}: kept as the "unless" of x, closed by {{/x}}.
            var inverted = ExpressionParser.Parse(rest);
            return tag with { BlockName = name, Helper = "unless", Expression = inverted.Expression, Error = inverted.Error };
        }
        if (name.Length == 0)
            return tag with { Error = "块标签缺少名称，如 {{#each 列表}}。" };
        var parsed = ExpressionParser.ParseArguments(arguments);
        var positional = parsed.Arguments;
        var error = parsed.Error;
        if (error is null && positional.Count > 1)
            error = $"块“{name}”只接受一个参数，多出了“{string.Join(" ", positional.Skip(1).Select(a => a.Text))}”（函数调用请加括号，如 (eq a b)）。";
        return tag with
        {
            BlockName = tag.Kind == TagKind.Else ? "" : name,
            Helper = name,
            Expression = positional.FirstOrDefault(),
            Options = parsed.Options,
            Error = error,
        };
    }
}
