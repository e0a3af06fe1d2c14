namespace DocxTemplating;

/// <summary>One {{…}} in a text: its position, its inside, and whether it opens, continues or closes a block.</summary>
internal sealed record TagToken(int Start, int End, string Inner, bool Closed)
{
    public string Text => "{{" + Inner + (Closed ? "}}" : "");

    public string Body => Inner.Trim().TrimStart('~').TrimEnd('~').Trim();

    public bool IsBlockOpen => Body.StartsWith('#') || Body.StartsWith('^') && Body.Length > 1;

    public bool IsBlockClose => Body.StartsWith('/');

    public bool IsElse => Body == "else" || Body == "^" || Body.StartsWith("else ");

    public bool IsComment => Body.StartsWith('!');

    /// <summary>The block's helper name: each, if, unless, with …</summary>
    public string BlockName => Body.TrimStart('#', '/', '^').Split(' ', 2)[0].Trim();

    /// <summary>What follows the helper name in an opening tag.</summary>
    public string Arguments => Body.TrimStart('#', '^').Split(' ', 2) is { Length: 2 } parts ? parts[1].Trim() : "";
}

internal static class TagScanner
{
    public static List<TagToken> Scan(string text)
    {
        var tags = new List<TagToken>();
        var at = 0;
        while ((at = text.IndexOf("{{", at, StringComparison.Ordinal)) >= 0)
        {
            var close = text.IndexOf("}}", at + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                tags.Add(new TagToken(at, text.Length, text[(at + 2)..], false));
                break;
            }
            // A triple-stash {{{x}}} ends with "}}}": keep the third brace inside the tag.
            var end = close + 2 < text.Length && text[close + 2] == '}' ? close + 3 : close + 2;
            tags.Add(new TagToken(at, end, text[(at + 2)..(end - 2)], true));
            at = end;
        }
        return tags;
    }
}
