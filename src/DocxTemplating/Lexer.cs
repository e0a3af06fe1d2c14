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
        foreach (var (start, end, closed) in Spans(text))
            tags.Add(closed
                ? Classify(new TagToken(start, end, text[(start + 2)..(end - 2)], true))
                : new TagToken(start, end, text[(start + 2)..], false) { Kind = TagKind.Output, Error = "标签缺少结尾的“}}”。" });
        return tags;
    }

    /// <summary>
    /// What each tag of a text does and whether it is closed, as <see cref="Scan"/> finds them, without reading their
    /// expressions: enough to count the blocks a text opens and closes.
    /// </summary>
    public static IEnumerable<(TagKind Kind, bool Closed)> Kinds(string text)
    {
        foreach (var (start, end, closed) in Spans(text))
            yield return closed ? (KindOf(Body(text[(start + 2)..(end - 2)]).Body), true) : (TagKind.Output, false);
    }

    /// <summary>Where each tag stands: from “{{” to the first “}}” after it (“}}}” for a triple-stash), or to the end of an unclosed one.</summary>
    private static IEnumerable<(int Start, int End, bool Closed)> Spans(string text)
    {
        var at = 0;
        while ((at = text.IndexOf("{{", at, StringComparison.Ordinal)) >= 0)
        {
            var close = text.IndexOf("}}", at + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                yield return (at, text.Length, false);
                yield break;
            }
            // A triple-stash {{{x}}} ends with "}}}": keep the third brace inside the tag.
            var end = close + 2 < text.Length && text[close + 2] == '}' ? close + 3 : close + 2;
            yield return (at, end, true);
            at = end;
        }
    }

    /// <summary>A tag's text without its braces, its ~ marks and the spaces around it; and whether it trims before or after.</summary>
    private static (string Body, bool TrimBefore, bool TrimAfter) Body(string inner)
    {
        var body = inner;
        if (body.StartsWith('{') && body.EndsWith('}'))
            body = body[1..^1];   // {{{x}}}: nothing is escaped in Word text anyway
        var trimBefore = body.StartsWith('~');
        var trimAfter = body.EndsWith('~') && body.Length > 1;
        return (body.Trim().TrimStart('~').TrimEnd('~').Trim(), trimBefore, trimAfter);
    }

    private static TagKind KindOf(string body) => body switch
    {
        _ when body.StartsWith('!') => TagKind.Comment,
        "" => TagKind.Output,
        "else" or "^" => TagKind.Else,
        _ when body.StartsWith("else ", StringComparison.Ordinal) => TagKind.Else,
        _ when body.StartsWith('/') => TagKind.Close,
        _ when body.StartsWith('#') || body.StartsWith('^') => TagKind.Open,
        _ => TagKind.Output,
    };

    private static TagToken Classify(TagToken tag)
    {
        var (body, trimBefore, trimAfter) = Body(tag.Inner);
        tag = tag with { TrimBefore = trimBefore, TrimAfter = trimAfter };
        switch (KindOf(body))
        {
            case TagKind.Comment:
                return tag with { Kind = TagKind.Comment };
            case TagKind.Else:
                return body.StartsWith("else ", StringComparison.Ordinal)
                    ? Opening(tag with { Kind = TagKind.Else }, body[5..].Trim(), inverse: false)
                    : tag with { Kind = TagKind.Else };
            case TagKind.Close:
                return tag with { Kind = TagKind.Close, BlockName = body[1..].Trim() };
            case TagKind.Open:
                return Opening(tag with { Kind = TagKind.Open }, body[1..].Trim(), inverse: body.StartsWith('^'));
            default:
                if (body.Length == 0)
                    return tag with { Kind = TagKind.Output, Error = "标签是空的。" };
                var parsed = ExpressionParser.Parse(body);
                return tag with { Kind = TagKind.Output, Expression = parsed.Expression, Error = parsed.Error };
        }
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
