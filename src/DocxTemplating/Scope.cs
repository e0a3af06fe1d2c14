using System.Collections;

namespace DocxTemplating;

/// <summary>
/// Where rendering is in the data: the value of the current block (a list item, a with-target)
/// and its parents. Handlebars sees a merged view in which the current item's fields shadow the
/// enclosing ones, and @index/@first/@last as data variables.
/// </summary>
internal sealed class Scope
{
    private Scope(object? value, Scope? parent, Dictionary<string, object?> data)
    {
        Value = value;
        Parent = parent;
        Data = data;
        Context = value is IDictionary<string, object?> fields
            ? Merge(parent?.Context as IDictionary<string, object?>, fields)
            : value;
    }

    public object? Value { get; }
    public Scope? Parent { get; }
    public Dictionary<string, object?> Data { get; }

    /// <summary>What Handlebars templates of this scope are called with.</summary>
    public object? Context { get; }

    public static Scope Root(object? data) => new(data, null, new Dictionary<string, object?> { ["rootData"] = data });

    public Scope Child(object? value, int index, int count, string? key = null)
    {
        var data = ParentData();
        data["index"] = index;
        data["first"] = index == 0;
        data["last"] = index == count - 1;
        data["key"] = key;
        return new Scope(value, this, data);
    }

    public Scope With(object? value)
    {
        var data = ParentData();
        foreach (var name in new[] { "index", "first", "last", "key" })
            if (Data.TryGetValue(name, out var v))
                data[name] = v;
        return new Scope(value, this, data);
    }

    /// <summary>
    /// Handlebars cannot see the engine's own block scopes, so "../x" in a paragraph inside a
    /// paragraph-level block is rewritten to @parent1.x, and the enclosing contexts travel as data.
    /// </summary>
    private Dictionary<string, object?> ParentData()
    {
        var data = new Dictionary<string, object?> { ["parent1"] = Context, ["rootData"] = Data.GetValueOrDefault("rootData") };
        for (var level = 1; Data.TryGetValue($"parent{level}", out var outer); level++)
            data[$"parent{level + 1}"] = outer;
        return data;
    }

    private static Dictionary<string, object?> Merge(IDictionary<string, object?>? outer, IDictionary<string, object?> inner)
    {
        var merged = outer is null ? new Dictionary<string, object?>() : new Dictionary<string, object?>(outer);
        foreach (var (name, value) in inner)
            merged[name] = value;
        return merged;
    }

    /// <summary>Resolves a path (a.b.c, this, ../x, @root.x, @index) to a value; found false when a segment is missing.</summary>
    public (bool Found, object? Value) Resolve(string path)
    {
        var scope = this;
        if (path.StartsWith("@root", StringComparison.Ordinal))
        {
            while (scope.Parent is not null)
                scope = scope.Parent;
            path = path.Length > 5 ? path[6..] : "this";
        }
        else if (path.StartsWith('@'))
            return (Data.TryGetValue(path[1..], out var data), data);
        while (path.StartsWith("../", StringComparison.Ordinal))
        {
            scope = scope.Parent ?? scope;
            path = path[3..];
        }
        if (path is "this" or ".")
            return (true, scope.Value);
        if (path.StartsWith("this.", StringComparison.Ordinal))
            path = path[5..];
        object? current = scope.Context;
        foreach (var raw in path.Split('.', '/'))
        {
            var segment = raw.Trim('[', ']');
            switch (current)
            {
                case IDictionary<string, object?> fields when fields.TryGetValue(segment, out var next):
                    current = next;
                    break;
                case IList list when int.TryParse(segment, out var i) && i >= 0 && i < list.Count:
                    current = list[i];
                    break;
                case IList list when segment == "length":
                    current = list.Count;
                    break;
                default:
                    return (false, null);
            }
        }
        return (true, current);
    }
}
