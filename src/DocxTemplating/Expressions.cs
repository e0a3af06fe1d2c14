using System.Globalization;
using System.Text;

namespace DocxTemplating;

/// <summary>What a tag computes: a path into the data, a literal, or a helper call. Parsed once, evaluated directly.</summary>
internal abstract record Expression(string Text);

/// <summary>
/// a.b.c, this, this.x, ../x, @root.x, @index: <see cref="Up"/> parent steps, or from the root, then
/// the segments. A <see cref="Variable"/> (@index, @first, @last, @key) is the nearest loop's.
/// </summary>
internal sealed record PathExpression(string Text, int Up, bool FromRoot, bool This, string? Variable, string[] Segments) : Expression(Text);

internal sealed record LiteralExpression(string Text, object? Value) : Expression(Text);

/// <summary>helper arg1 arg2 key=value, or the same in (parentheses) as an argument.</summary>
internal sealed record CallExpression(string Text, string Helper, IReadOnlyList<Expression> Arguments, IReadOnlyDictionary<string, Expression> Options) : Expression(Text);

internal static class ExpressionParser
{
    public sealed record Parsed(Expression? Expression, string? Error);

    public sealed record ParsedArguments(List<Expression> Arguments, Dictionary<string, Expression> Options, string? Error);

    /// <summary>An output tag's body: a path or literal alone, or a helper name followed by its arguments.</summary>
    public static Parsed Parse(string body)
    {
        var tokens = Tokenize(body, out var error);
        if (error is not null)
            return new Parsed(null, error);
        if (tokens.Count == 0)
            return new Parsed(null, "标签是空的。");
        if (tokens.Count == 1 && !tokens[0].Contains('=', StringComparison.Ordinal))
            return Single(tokens[0]);
        var call = Call(body, tokens);
        return new Parsed(call.Expression, call.Error);
    }

    /// <summary>The arguments after a block's name: positional ones and key=value options.</summary>
    public static ParsedArguments ParseArguments(string text)
    {
        var arguments = new List<Expression>();
        var options = new Dictionary<string, Expression>(StringComparer.Ordinal);
        var tokens = Tokenize(text, out var error);
        if (error is not null)
            return new ParsedArguments(arguments, options, error);
        foreach (var token in tokens)
        {
            var equals = OptionSign(token);
            var parsed = Single(equals < 0 ? token : token[(equals + 1)..]);
            if (parsed.Error is not null)
                return new ParsedArguments(arguments, options, parsed.Error);
            if (equals < 0)
                arguments.Add(parsed.Expression!);
            else if (equals == 0)
                return new ParsedArguments(arguments, options, $"“{token}”缺少选项名。");
            else
                options[token[..equals]] = parsed.Expression!;
        }
        return new ParsedArguments(arguments, options, null);
    }

    private static Parsed Call(string text, List<string> tokens)
    {
        var helper = tokens[0];
        if (OptionSign(helper) >= 0 || helper.StartsWith('(') || IsLiteralToken(helper))
            return new Parsed(null, $"“{helper}”处应为函数名（helper）。");
        var rest = ParseArguments(string.Join(" ", tokens.Skip(1)));
        return rest.Error is not null
            ? new Parsed(null, rest.Error)
            : new Parsed(new CallExpression(text.Trim(), helper, rest.Arguments, rest.Options), null);
    }

    /// <summary>Where key=value has its "=" (outside quotes and parentheses), or -1.</summary>
    private static int OptionSign(string token)
    {
        if (token.StartsWith('"') || token.StartsWith('\'') || token.StartsWith('('))
            return -1;
        return token.IndexOf('=', StringComparison.Ordinal);
    }

    private static Parsed Single(string token)
    {
        if (token.StartsWith('('))
        {
            if (!token.EndsWith(')'))
                return new Parsed(null, $"“{token}”的括号不成对。");
            var inner = Tokenize(token[1..^1], out var error);
            if (error is not null)
                return new Parsed(null, error);
            if (inner.Count == 0)
                return new Parsed(null, "括号中是空的。");
            var call = Call(token[1..^1], inner);
            return call.Error is not null ? call : new Parsed(((CallExpression)call.Expression!) with { Text = token }, null);
        }
        if (token.StartsWith('"') || token.StartsWith('\''))
            return token.Length >= 2 && token[^1] == token[0]
                ? new Parsed(new LiteralExpression(token, token[1..^1]), null)
                : new Parsed(null, $"“{token}”的引号不成对。");
        if (decimal.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && (char.IsDigit(token[0]) || token[0] is '-' or '+' or '.'))
            return new Parsed(new LiteralExpression(token, number), null);
        switch (token)
        {
            case "true":
                return new Parsed(new LiteralExpression(token, true), null);
            case "false":
                return new Parsed(new LiteralExpression(token, false), null);
            case "null" or "undefined":
                return new Parsed(new LiteralExpression(token, null), null);
        }
        return Path(token);
    }

    private static bool IsLiteralToken(string token) =>
        token.StartsWith('"') || token.StartsWith('\'') || token is "true" or "false" or "null" or "undefined"
        || token.Length > 0 && (char.IsDigit(token[0]) || token[0] == '-') && decimal.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static Parsed Path(string token)
    {
        var rest = token;
        var fromRoot = false;
        string? variable = null;
        var up = 0;
        if (rest == "@root" || rest.StartsWith("@root.", StringComparison.Ordinal) || rest.StartsWith("@root/", StringComparison.Ordinal))
        {
            fromRoot = true;
            rest = rest.Length > 5 ? rest[6..] : "";
        }
        else if (rest.StartsWith('@'))
        {
            variable = rest[1..];
            if (variable.Length == 0 || variable.Any(c => !char.IsLetterOrDigit(c) && c != '_'))
                return new Parsed(null, $"“{token}”不是可用的变量（可用 @index、@first、@last、@key、@root）。");
            return new Parsed(new PathExpression(token, 0, false, false, variable, []), null);
        }
        while (rest.StartsWith("../", StringComparison.Ordinal))
        {
            up++;
            rest = rest[3..];
        }
        if (rest == "..")
        {
            up++;
            rest = "";
        }
        // this / . / this.x / ./x: the current value only, never an enclosing one.
        var isThis = rest.Length == 0;
        if (rest is "this" or ".")
        {
            isThis = true;
            rest = "";
        }
        else if (rest.StartsWith("this.", StringComparison.Ordinal) || rest.StartsWith("this/", StringComparison.Ordinal))
        {
            isThis = true;
            rest = rest[5..];
        }
        else if (rest.StartsWith("./", StringComparison.Ordinal))
        {
            isThis = true;
            rest = rest[2..];
        }
        var segments = rest.Length == 0 ? [] : rest.Split('.', '/');
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (segment.StartsWith('[') && segment.EndsWith(']'))
                segments[i] = segment = segment[1..^1];
            if (segment.Length == 0 || segment.Any(c => char.IsWhiteSpace(c) || c is '(' or ')' or '"' or '\'' or '{' or '}' or '=' or '@'))
                return new Parsed(null, $"“{token}”不是有效的字段路径。");
        }
        return new Parsed(new PathExpression(token, up, fromRoot, isThis, null, segments), null);
    }

    /// <summary>Splits on white space, keeping quoted strings and (sub expressions) whole.</summary>
    public static List<string> Tokenize(string expression, out string? error)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        var depth = 0;
        char? quote = null;
        error = null;
        foreach (var ch in expression)
        {
            if (quote is not null)
            {
                current.Append(ch);
                if (ch == quote)
                    quote = null;
                continue;
            }
            if (ch is '"' or '\'')
                quote = ch;
            else if (ch == '(')
                depth++;
            else if (ch == ')' && --depth < 0)
            {
                error = $"“{expression.Trim()}”中多了一个“)”。";
                return tokens;
            }
            if ((char.IsWhiteSpace(ch) || ch == '\u3000') && depth == 0)
            {
                if (current.Length > 0)
                    tokens.Add(current.ToString());
                current.Clear();
                continue;
            }
            current.Append(ch);
        }
        if (quote is not null)
            error = $"“{expression.Trim()}”中的引号 {quote} 没有成对。";
        else if (depth > 0)
            error = $"“{expression.Trim()}”中的括号没有成对。";
        if (current.Length > 0)
            tokens.Add(current.ToString());
        return tokens;
    }
}

/// <summary>
/// Helpers every template has: comparisons for conditions ({{#if (gt a 0)}}), lookup, and where for
/// the items of a list that pass a test ({{#each (where items "amount.value" "ne" 0)}}, whose @first and
/// @last are then the first and last item listed). A host's helper of the same name replaces the built-in one.
/// </summary>
internal static class BuiltInHelpers
{
    /// <summary>The comparisons where accepts, by the names of the comparison helpers.</summary>
    public static readonly IReadOnlyList<string> WhereTests = ["eq", "ne", "gt", "gte", "lt", "lte"];

    public static readonly IReadOnlyDictionary<string, ValueHelper> All = new Dictionary<string, ValueHelper>(StringComparer.Ordinal)
    {
        ["eq"] = args => args.Length >= 2 && Equal(args[0], args[1]),
        ["ne"] = args => !(args.Length >= 2 && Equal(args[0], args[1])),
        ["gt"] = args => Compare(args) is > 0,
        ["gte"] = args => Compare(args) is >= 0,
        ["lt"] = args => Compare(args) is < 0,
        ["lte"] = args => Compare(args) is <= 0,
        ["and"] = args => args.Length > 0 && args.All(DataTree.IsTruthy),
        ["or"] = args => args.Any(DataTree.IsTruthy),
        ["not"] = args => args.Length == 0 || !DataTree.IsTruthy(args[0]),
        ["lookup"] = args => args.Length >= 2 ? Lookup(args[0], args[1]) : null,
        ["where"] = Where,
        ["sum"] = Sum,
    };

    /// <summary>
    /// (sum list "a.b"): the total of the items' a.b, for 合计 rows. A value object (one with "value") counts by its value;
    /// when any item's figure is unknown — a value object marked isMissing, or no number at all — the total is unknown
    /// (null), never the sum of what happens to be there.
    /// </summary>
    private static object? Sum(object?[] args)
    {
        if (args.ElementAtOrDefault(0) is not System.Collections.IEnumerable list || args[0] is string || args.ElementAtOrDefault(1) is not string path)
            return null;
        var segments = path.Split('.', StringSplitOptions.RemoveEmptyEntries);
        var total = 0m;
        foreach (var item in list)
        {
            var value = item;
            foreach (var segment in segments)
                value = value is IDictionary<string, object?> map && map.TryGetValue(segment, out var member) ? member : null;
            if (value is IDictionary<string, object?> figure)
            {
                if (figure.TryGetValue("isMissing", out var missing) && DataTree.IsTruthy(missing))
                    return null;
                value = figure.TryGetValue("value", out var inner) ? inner : null;
            }
            if (Number(value) is not { } n)
                return null;
            total += n;
        }
        return total;
    }

    /// <summary>(where list "a.b") keeps items whose a.b is truthy; (where list "a.b" "gt" 0) those whose a.b passes the test.</summary>
    private static object? Where(object?[] args)
    {
        if (args.ElementAtOrDefault(0) is not System.Collections.IEnumerable list || args[0] is string || args.ElementAtOrDefault(1) is not string path)
            return null;
        var segments = path.Split('.', StringSplitOptions.RemoveEmptyEntries);
        var test = args.Length >= 4 && args[2] is string name && WhereTests.Contains(name) ? All[name] : null;
        var kept = new List<object?>();
        foreach (var item in list)
        {
            var value = item;
            foreach (var segment in segments)
                value = value is IDictionary<string, object?> map && map.TryGetValue(segment, out var member) ? member : null;
            if (test is null ? DataTree.IsTruthy(value) : DataTree.IsTruthy(test([value, args[3]])))
                kept.Add(item);
        }
        return kept;
    }

    private static object? Lookup(object? container, object? key) => container switch
    {
        IDictionary<string, object?> map when key is not null => map.TryGetValue(Convert.ToString(key, CultureInfo.InvariantCulture)!, out var v) ? v : null,
        System.Collections.IList list when Number(key) is { } n && n >= 0 && n < list.Count && n == decimal.Truncate(n) => list[(int)n],
        _ => null,
    };

    // Compared as numbers when both are, else as text written without culture (1.5 is "1.5" everywhere; true is "true").
    private static bool Equal(object? a, object? b) =>
        Number(a) is { } x && Number(b) is { } y ? x == y : string.Equals(Text(a), Text(b), StringComparison.Ordinal);

    private static string? Text(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static int? Compare(object?[] args) =>
        args.Length >= 2 && Number(args[0]) is { } x && Number(args[1]) is { } y ? x.CompareTo(y) : null;

    private static decimal? Number(object? value) => value switch
    {
        decimal d => d,
        string s when decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        int i => i,
        long l => l,
        double d when !double.IsNaN(d) && !double.IsInfinity(d) && Math.Abs(d) < 7.9e28 => (decimal)d,
        _ => null,
    };
}
