namespace DocxTemplating;

/// <summary>
/// Checks the fields and helpers a tag uses against the data schema, walking block scopes the way
/// rendering will: inside {{#each list}} names are looked up in the list's element first.
/// Paragraph-level blocks also see enclosing fields (the engine passes them down); blocks inside
/// one paragraph are Handlebars' own and do not.
/// </summary>
internal sealed class FieldChecker(DataSchema? root, IReadOnlySet<string> helpers)
{
    private static readonly HashSet<string> BuiltInHelpers = ["each", "if", "unless", "with", "lookup", "log", "else"];

    private sealed record Scope(DataSchema Schema, string Path, bool FallsBack);

    private readonly List<Scope> _scopes = root is null ? [] : [new Scope(root, "", false)];

    public SortedSet<string> UsedFields { get; } = new(StringComparer.Ordinal);

    public bool IsHelper(string name) => helpers.Contains(name) || BuiltInHelpers.Contains(name);

    /// <summary>Checks one tag; returns problems (id, message). Opening and closing tags move the scope.</summary>
    public IEnumerable<(string Id, string Message)> Check(TagToken tag, bool paragraphLevel)
    {
        if (tag.IsComment)
            yield break;
        if (tag.IsBlockClose)
        {
            Pop();
            yield break;
        }
        if (tag.IsElse)
            yield break;
        var tokens = Tokenize(tag.IsBlockOpen ? tag.Arguments : tag.Body).ToList();
        if (tag.IsBlockOpen)
        {
            var name = tag.BlockName;
            if (!IsHelper(name))
            {
                yield return (TemplateErrors.UnsupportedBlock, $"不支持的块“{name}”，可用：each、if、unless、with。");
                Push(null, "", paragraphLevel);
                yield break;
            }
            foreach (var problem in CheckArguments(tokens.Where(t => !t.Contains('=') || t.StartsWith('(')).ToList()))
                yield return problem;
            var target = tokens.FirstOrDefault(t => !t.Contains('='));
            if (name is "each" or "with" && target is not null)
            {
                var (schema, path) = Resolve(target);
                Push(name == "each" ? schema?.Element ?? (schema?.Kind == "any" ? DataSchema.Any : null) : schema, path + (name == "each" ? "[]" : ""), paragraphLevel);
            }
            else
                Push(Current, CurrentPath, paragraphLevel);
            yield break;
        }
        if (tokens.Count == 0)
            yield break;
        if (tokens.Count > 1 && !IsHelper(tokens[0]))
        {
            yield return (TemplateErrors.UnknownHelper, $"“{tokens[0]}”不是可用的函数（helper）；可用：{string.Join("、", helpers.Order())}。");
            yield break;
        }
        foreach (var problem in CheckArguments(IsHelper(tokens[0]) ? tokens.Skip(1).ToList() : tokens))
            yield return problem;
    }

    /// <summary>The schema of a path in the current scope; null without a schema or when the path is unknown.</summary>
    public DataSchema? SchemaOf(string token) => root is null || IsLiteral(token) ? null : Resolve(token).Schema;

    private DataSchema? Current => _scopes.Count == 0 ? null : _scopes[^1].Schema;

    private string CurrentPath => _scopes.Count == 0 ? "" : _scopes[^1].Path;

    private void Push(DataSchema? schema, string path, bool fallsBack)
    {
        if (root is not null)
            _scopes.Add(new Scope(schema ?? DataSchema.Any, path, fallsBack));
    }

    private void Pop()
    {
        if (_scopes.Count > 1)
            _scopes.RemoveAt(_scopes.Count - 1);
    }

    private IEnumerable<(string, string)> CheckArguments(List<string> tokens)
    {
        foreach (var raw in tokens)
        {
            var token = raw.Contains('=') && !raw.StartsWith('(') ? raw[(raw.IndexOf('=') + 1)..] : raw;
            if (token.StartsWith('(') && token.EndsWith(')'))
            {
                var inner = Tokenize(token[1..^1]).ToList();
                if (inner.Count > 0 && !IsHelper(inner[0]))
                    yield return (TemplateErrors.UnknownHelper, $"“{inner[0]}”不是可用的函数（helper）。");
                foreach (var problem in CheckArguments(inner.Skip(1).ToList()))
                    yield return problem;
                continue;
            }
            if (IsLiteral(token) || root is null)
                continue;
            var (schema, path) = Resolve(token);
            if (schema is null)
                yield return (TemplateErrors.UnknownField, $"数据中没有字段“{token}”{(CurrentPath.Length > 0 ? $"（当前位置：{CurrentPath}）" : "")}。");
            else
                UsedFields.Add(path);
        }
    }

    private static bool IsLiteral(string token) =>
        token.StartsWith('"') || token.StartsWith('\'') || decimal.TryParse(token, out _) || token is "true" or "false" or "null" or "undefined"
        || token.StartsWith('@') && !token.StartsWith("@root", StringComparison.Ordinal);

    /// <summary>The schema a path points to in the current scope, and the path written from the root; schema null when unknown.</summary>
    private (DataSchema? Schema, string Path) Resolve(string token)
    {
        var level = _scopes.Count - 1;
        var path = token;
        if (path.StartsWith("@root", StringComparison.Ordinal))
        {
            level = 0;
            path = path.Length > 5 ? path[6..] : "";
        }
        while (path.StartsWith("../", StringComparison.Ordinal))
        {
            level = Math.Max(0, level - 1);
            path = path[3..];
        }
        if (path is "this" or "." or "")
            return (_scopes[level].Schema, _scopes[level].Path);
        if (path.StartsWith("this.", StringComparison.Ordinal) || path.StartsWith("this/", StringComparison.Ordinal))
            path = path[5..];
        var segments = path.Split('.', '/');
        for (var at = level; at >= 0; at--)
        {
            var schema = Walk(_scopes[at].Schema, segments);
            if (schema is not null)
                return (schema, Join(_scopes[at].Path, segments));
            if (!_scopes[at].FallsBack)
                break;
        }
        return (null, token);
    }

    private static DataSchema? Walk(DataSchema schema, string[] segments)
    {
        var current = schema;
        foreach (var raw in segments)
        {
            var segment = raw.Trim('[', ']');
            if (current.Kind == "any")
                return DataSchema.Any;
            if (current.IsList)
                current = segment == "length" ? DataSchema.Scalar : int.TryParse(segment, out _) ? current.Element ?? DataSchema.Any : null!;
            else
                current = current.Fields.GetValueOrDefault(segment)!;
            if (current is null)
                return null;
        }
        return current;
    }

    private static string Join(string prefix, string[] segments)
    {
        var tail = string.Join(".", segments.Select(s => int.TryParse(s.Trim('[', ']'), out _) ? "[]" : s)).Replace(".[]", "[]");
        return prefix.Length == 0 ? tail : $"{prefix}.{tail}";
    }

    /// <summary>Splits an expression on spaces, keeping quoted strings and (sub expressions) whole.</summary>
    public static IEnumerable<string> Tokenize(string expression)
    {
        var current = new System.Text.StringBuilder();
        var depth = 0;
        char? quote = null;
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
            else if (ch == ')')
                depth--;
            if (char.IsWhiteSpace(ch) && depth == 0)
            {
                if (current.Length > 0)
                    yield return current.ToString();
                current.Clear();
                continue;
            }
            current.Append(ch);
        }
        if (current.Length > 0)
            yield return current.ToString();
    }
}
