using System.Collections;

namespace DocxTemplating;

/// <summary>The loop a scope is in: @index, @first, @last, @key.</summary>
internal readonly record struct LoopState(int Index, int Count, string? Key);

/// <summary>
/// One level of block scope: the value a block made current (a list item, a with-target, the
/// root), its parent, and the nearest loop. The same frames carry data values when rendering and
/// schemas when checking, so a path means the same in both (<see cref="ScopeResolver"/>).
/// </summary>
internal sealed class Frame<T>(T value, Frame<T>? parent, LoopState? loop, string path, bool isItem = false)
{
    public T Value { get; } = value;
    public Frame<T>? Parent { get; } = parent;
    public LoopState? Loop { get; } = loop;

    /// <summary>A loop's item ({{#each}}), not a {{#with}} inside it.</summary>
    public bool IsItem { get; } = isItem;

    /// <summary>Where this value is in the data, written from the root (generalBudget.items[]): for the field list.</summary>
    public string Path { get; } = path;

    public static Frame<T> Root(T value) => new(value, null, null, "");

    /// <summary>The same scopes, with <paramref name="which"/> (this frame or one it is in) holding another value.</summary>
    public Frame<T> Replacing(Frame<T> which, T other) =>
        ReferenceEquals(this, which) ? new(other, Parent, Loop, Path, IsItem) : new(Value, Parent!.Replacing(which, other), Loop, Path, IsItem);

    public Frame<T> Item(T item, int index, int count, string? key, string path) => new(item, this, new LoopState(index, count, key), path, isItem: true);

    /// <summary>{{#with x}}: a new current value, still inside the enclosing loop.</summary>
    public Frame<T> With(T target, string path) => new(target, this, Loop, path);

    public Frame<T> Top
    {
        get
        {
            var frame = this;
            while (frame.Parent is not null)
                frame = frame.Parent;
            return frame;
        }
    }
}

/// <summary>How a path steps into a value: a data value (dictionary, list) or a schema.</summary>
internal interface IScopeValues<T>
{
    bool TryMember(T value, string segment, out T member);

    /// <summary>@index, @first, @last, @key of a loop; false for an unknown variable or outside any loop.</summary>
    bool TryVariable(LoopState? loop, string name, out T value);
}

/// <summary>
/// The one path resolver of the engine. A plain path (a.b) is looked up in the current value and,
/// when its first name is not there, in the enclosing ones (an item's fields shadow its parents');
/// this / this.x / ./x only in the current value; ../x starting one level up; @root.x from the data's
/// root; @index, @first, @last, @key from the nearest loop.
/// </summary>
internal static class ScopeResolver
{
    public static bool TryResolve<T>(PathExpression path, Frame<T> frame, IScopeValues<T> values, out T value, out Frame<T> foundIn)
    {
        foundIn = frame;
        value = default!;
        if (path.Variable is not null)
            return values.TryVariable(frame.Loop, path.Variable, out value);
        if (path.FromRoot)
        {
            foundIn = frame.Top;
            return Walk(foundIn.Value, path.Segments, 0, values, out value);
        }
        for (var i = 0; i < path.Up && foundIn.Parent is not null; i++)
            foundIn = foundIn.Parent;
        if (path.This || path.Segments.Length == 0)
            return Walk(foundIn.Value, path.Segments, 0, values, out value);
        for (var at = foundIn; at is not null; at = at.Parent)
        {
            if (!values.TryMember(at.Value, path.Segments[0], out var first))
                continue;
            foundIn = at;
            return Walk(first, path.Segments, 1, values, out value);
        }
        return false;
    }

    private static bool Walk<T>(T start, string[] segments, int from, IScopeValues<T> values, out T value)
    {
        value = start;
        for (var i = from; i < segments.Length; i++)
            if (!values.TryMember(value, segments[i], out value))
                return false;
        return true;
    }
}

/// <summary>Data as rendering sees it: the plain tree of <see cref="DataTree"/> (dictionaries, lists, scalars).</summary>
internal sealed class DataValues : IScopeValues<object?>
{
    public static readonly DataValues Instance = new();

    public bool TryMember(object? value, string segment, out object? member)
    {
        switch (value)
        {
            case IDictionary<string, object?> fields when fields.TryGetValue(segment, out member):
                return true;
            case IList list when segment == "length":
                member = (decimal)list.Count;
                return true;
            case IList list when int.TryParse(segment, out var i) && i >= 0 && i < list.Count:
                member = list[i];
                return true;
            default:
                member = null;
                return false;
        }
    }

    public bool TryVariable(LoopState? loop, string name, out object? value)
    {
        value = null;
        if (loop is not { } state)
            return false;
        value = name switch
        {
            "index" => state.Index,
            "first" => state.Index == 0,
            "last" => state.Index == state.Count - 1,
            "key" => state.Key,
            _ => null,
        };
        return name is "index" or "first" or "last" or "key";
    }
}

/// <summary>Data as the checker sees it: the schema of the data (what render will be given).</summary>
internal sealed class SchemaValues(bool orSome = false, bool intoNulls = false) : IScopeValues<DataSchema>
{
    /// <summary>Fields every value has: what a tag may read.</summary>
    public static readonly SchemaValues Instance = new();

    /// <summary>Also the fields only some values have (<see cref="DataSchema.SomeFields"/>): what a condition may ask about.</summary>
    public static readonly SchemaValues Partly = new(orSome: true);

    /// <summary>
    /// Fields every value has, also inside one null in some (<see cref="DataSchema.OrNull"/>): what a tag under a condition
    /// may read, and what where and sum may look at (they read a null as nothing).
    /// </summary>
    public static readonly SchemaValues IntoNulls = new(intoNulls: true);

    public bool TryMember(DataSchema value, string segment, out DataSchema member)
    {
        // Null in some of the values it stands for: the fill fails reading into those, so only a condition may.
        if (value.OrNull && !orSome && !intoNulls)
        {
            member = null!;
            return false;
        }
        member = value.Kind switch
        {
            "any" => DataSchema.Any,
            "list" => segment == "length" ? DataSchema.Scalar : int.TryParse(segment, out _) ? value.Element ?? DataSchema.Any : null!,
            "object" => value.Fields.GetValueOrDefault(segment) ?? (orSome ? value.SomeFields.GetValueOrDefault(segment) : null)!,
            _ => null!,
        };
        return member is not null;
    }

    public bool TryVariable(LoopState? loop, string name, out DataSchema value)
    {
        value = DataSchema.Scalar;
        return loop is not null && name is "index" or "first" or "last" or "key";
    }
}
