using System.Diagnostics.CodeAnalysis;
using System.Collections;
using System.Reflection;
using System.Text.Json;

namespace DocxTemplating;

/// <summary>
/// The shape of the data a template may use: objects with named fields, lists of one element
/// shape, and scalars. Built from the view-model type (what generate offers) or from a JSON file
/// (what render fills with). Compile checks every field a template uses against it.
/// </summary>
public sealed class DataSchema
{
    private DataSchema(string kind, Dictionary<string, DataSchema>? fields = null, DataSchema? element = null, string description = "",
        Dictionary<string, DataSchema>? someFields = null, bool orNull = false)
    {
        Kind = kind;
        Fields = fields ?? new Dictionary<string, DataSchema>();
        Element = element;
        Description = description;
        SomeFields = someFields ?? NoFields;
        OrNull = orNull;
    }

    private static readonly Dictionary<string, DataSchema> NoFields = new();

    /// <summary>object, list, scalar, or any (an empty list's element, a JSON null: nothing is known, everything is allowed); mixed only while checking (<see cref="Mixed"/>).</summary>
    public string Kind { get; }
    public IReadOnlyDictionary<string, DataSchema> Fields { get; }
    public DataSchema? Element { get; }
    public string Description { get; }

    /// <summary>
    /// Of an object standing for several (the item of {{#each}} over an object, <see cref="Common"/>): the fields only some of
    /// them have. Not in <see cref="Fields"/>: a tag reading one would find nothing in the others, and print a blank there.
    /// Only a block that makes sure of one ({{#if x}}, {{#with x}}: <see cref="Present"/>) lets the tags inside it read it.
    /// </summary>
    internal IReadOnlyDictionary<string, DataSchema> SomeFields { get; }

    /// <summary>
    /// Of an object or a list that is null in some of the values it stands for (a field of the items of a JSON list): the
    /// field is there (the fill finds it, prints nothing for it, and a block asking for it is false), but nothing can be
    /// read inside it, as the fill fails on the null. A block that asks for it (<see cref="Present"/>) lets the tags inside read it.
    /// </summary>
    internal bool OrNull { get; }

    /// <summary>This schema where the value is known not to be null.</summary>
    private DataSchema NotNull() => OrNull ? new DataSchema(Kind, Fields.ToDictionary(), Element, Description, SomeFields.ToDictionary()) : this;

    public static readonly DataSchema Scalar = new("scalar");

    public static readonly DataSchema Any = new("any");

    /// <summary>
    /// A JSON null: nothing is known of the shape the value has where it is not null (one data file does not say), so, as
    /// <see cref="Any"/>, everything may be read in it — as in a nullable field of the view model (<see cref="FromType"/>),
    /// where the fill, meeting the null, fails at the tag (TPL020) unless a block asked for it. Told apart from Any where
    /// other values give the shape: a list's items (<see cref="OfItems"/>), an object's values (<see cref="Common"/>).
    /// </summary>
    private static readonly DataSchema JsonNull = new("any");

    /// <summary>
    /// A JSON {}: an object without fields, false as a condition. Beside objects with fields (in a list's items, among an
    /// object's values) it is one of them empty, as a null is (<see cref="OfItems"/>, <see cref="Common"/>).
    /// </summary>
    private static readonly DataSchema EmptyJsonObject = new("object");

    /// <summary>
    /// The item of {{#each}} over an object whose fields are of different kinds (a text, a list): a new one per loop, which
    /// the checker knows by reference. No field is in it (a tag reading one fails on some item); paths go on to the enclosing scopes.
    /// </summary>
    internal static DataSchema Mixed() => new("mixed");

    /// <summary>
    /// Of the element of a JSON list whose items are of different kinds (a text here, an object there; kind mixed): what
    /// the items of each kind have. The checker makes it the item of a loop over the list as it does for an object of
    /// mixed fields: no tag may read into the item, and {{this}} prints it only when every kind can be printed.
    /// </summary>
    internal IReadOnlyList<DataSchema> Alternatives { get; private init; } = [];

    public bool IsList => Kind == "list";

    public static DataSchema FromJson(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.Object when !json.EnumerateObject().Any() => EmptyJsonObject,
        JsonValueKind.Object => new DataSchema("object", json.EnumerateObject().ToDictionary(p => p.Name, p => FromJson(p.Value))),
        JsonValueKind.Array => new DataSchema("list", element: OfItems(json.EnumerateArray().Select(FromJson).ToList())),
        JsonValueKind.Null => JsonNull,
        _ => Scalar,
    };

    /// <summary>The schema of a .NET type as templates see it: public properties, camelCase names.</summary>
    public static DataSchema FromType(Type type, Func<PropertyInfo, string>? describe = null) => FromType(type, describe, new HashSet<Type>());

    // The native (AOT) program keeps every public property of the view-model assemblies (TrimmerRootAssembly in
    // Generator.Cli.csproj), so the reflection below finds what the JIT-compiled program finds; a test runs both.
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "View-model assemblies are rooted in the native build.")]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "View-model assemblies are rooted in the native build.")]
    private static DataSchema FromType(Type type, Func<PropertyInfo, string>? describe, HashSet<Type> seen)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsPrimitive || type == typeof(string) || type == typeof(decimal) || type.IsEnum)
            return Scalar;
        var listOf = type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        if (listOf is not null)
            return new DataSchema("list", element: FromType(listOf.GetGenericArguments()[0], describe, seen));
        if (!seen.Add(type))
            return Any;
        var fields = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name), p =>
            {
                var child = FromType(p.PropertyType, describe, seen);
                var text = describe?.Invoke(p) ?? "";
                return text.Length == 0 ? child : new DataSchema(child.Kind, child.Fields.ToDictionary(), child.Element, text);
            });
        seen.Remove(type);
        return new DataSchema("object", fields);
    }

    /// <summary>
    /// What every one of these schemas has — of objects, the fields all of them have — or null when they are not all of
    /// one kind: the item {{#each}} over an object gives (each of its fields in turn), so a field the checker finds in
    /// the item is in every item rendering meets. A field some of them have (alike in those) is kept apart, in
    /// <see cref="SomeFields"/>: the fill meets items without it. A JSON null among objects or lists is one of them null
    /// (<see cref="OrNull"/>), as in a list's items (<see cref="OfItems"/>).
    /// </summary>
    internal static DataSchema? Common(IReadOnlyCollection<DataSchema> schemas)
    {
        var known = schemas.Where(s => s.Kind != "any").ToList();
        var someNull = schemas.Any(s => ReferenceEquals(s, JsonNull));
        if (known.Count == 0)
            return someNull ? JsonNull : Any;
        if (WithoutEmptyObjects(known) is { } others)
            (known, someNull) = (others, true);
        if (known.Any(s => s.Kind != known[0].Kind))
            return null;
        switch (known[0].Kind)
        {
            case "object":
                return FieldsOf(known, Common, orNull: someNull || known.Any(s => s.OrNull));
            case "list":
                return Common(known.Select(s => s.Element ?? Any).ToList()) is { } element ? new DataSchema("list", element: element, orNull: someNull || known.Any(s => s.OrNull)) : null;
            default:
                return Scalar;
        }
    }

    /// <summary>
    /// This schema where a block has made sure the path is there ({{#if kind}}, {{#with style}}): the fields of
    /// <see cref="SomeFields"/> the path goes through are fields of it, for the tags inside that block.
    /// </summary>
    internal DataSchema Present(ReadOnlySpan<string> path)
    {
        if (OrNull)
            return NotNull().Present(path);
        if (path.Length == 0 || Kind != "object")
            return this;
        var name = path[0];
        if (Fields.TryGetValue(name, out var field))
        {
            var sure = field.Present(path[1..]);
            if (ReferenceEquals(sure, field))
                return this;
            var fields = Fields.ToDictionary();
            fields[name] = sure;
            return new DataSchema(Kind, fields, Element, Description, SomeFields.ToDictionary());
        }
        if (!SomeFields.TryGetValue(name, out var some))
            return this;
        var made = Fields.ToDictionary();
        made[name] = some.Present(path[1..]);
        var rest = SomeFields.ToDictionary();
        rest.Remove(name);
        return new DataSchema(Kind, made, Element, Description, rest);
    }

    /// <summary>
    /// The list (where list "a.b") keeps: its items whose a.b is truthy, so a.b is there in every one of them
    /// (<see cref="Present"/>) — a field only some items have, or one null in some, may be read in a loop over them.
    /// </summary>
    internal DataSchema KeptWhere(ReadOnlySpan<string> path) =>
        Kind == "list" && Element?.Present(path) is { } kept && !ReferenceEquals(kept, Element)
            ? new DataSchema(Kind, Fields.ToDictionary(), kept, Description, SomeFields.ToDictionary(), OrNull)
            : this;

    /// <summary>
    /// The element of a JSON list: what its items have, by the rule <see cref="Common"/> gives the item of {{#each}} over an
    /// object — a field every item has is a field, one only some have is in <see cref="SomeFields"/>; lists in the items
    /// have their items read together, objects their fields. A field null in some items is there in all (the fill finds
    /// it), with the shape the others give it, <see cref="OrNull"/>; null in all, it is a null (<see cref="JsonNull"/>). An
    /// empty list's element (Any) says nothing of the items, and no items at all is Any: nothing known, everything allowed.
    /// Items of different kinds (a text here, an object there) are <see cref="Alternatives"/> of a mixed element.
    /// </summary>
    private static DataSchema OfItems(List<DataSchema> items)
    {
        var known = items.Where(s => s.Kind != "any" || ReferenceEquals(s, JsonNull)).ToList();
        var values = known.Where(s => !ReferenceEquals(s, JsonNull)).ToList();
        if (values.Count == 0)
            return known.Count == 0 ? Any : JsonNull;
        values = WithoutEmptyObjects(values) ?? values;
        // Items of different kinds: no tag reads every one of them alike (TPL008 at a tag reading into the item).
        if (values.Any(s => s.Kind != values[0].Kind))
            return new DataSchema("mixed") { Alternatives = values.GroupBy(s => s.Kind).Select(g => OfItems(g.ToList())).ToList() };
        var orNull = values.Count < known.Count || values.Any(s => s.OrNull);
        switch (values[0].Kind)
        {
            case "object":
                return FieldsOf(values, OfItems, orNull);
            case "list":
                return new DataSchema("list", element: OfItems(values.Select(s => s.Element ?? Any).ToList()), orNull: orNull);
            default:
                return values[0];
        }
    }

    /// <summary>
    /// These values without the JSON {} among them, when others are objects with fields: an empty object is false as a
    /// condition, as a null is, and holds nothing to read, so it is one of them empty (OrNull) — {{#with s}} and {{#if s}}
    /// make the others' fields sure, and a tag reading into it outside such a block is refused. Null when there is none
    /// to leave out (every object empty: an object without fields, as before).
    /// </summary>
    private static List<DataSchema>? WithoutEmptyObjects(List<DataSchema> values) =>
        values.Any(v => ReferenceEquals(v, EmptyJsonObject)) && values.Any(v => v.Kind == "object" && !ReferenceEquals(v, EmptyJsonObject))
            ? values.Where(v => !ReferenceEquals(v, EmptyJsonObject)).ToList()
            : null;

    /// <summary>
    /// The object these objects make together: a field all of them have is a field, one only some have is in
    /// <see cref="SomeFields"/>; each field's schema is what <paramref name="combine"/> makes of theirs (a field it cannot
    /// combine, null, is left out).
    /// </summary>
    private static DataSchema FieldsOf(List<DataSchema> objects, Func<List<DataSchema>, DataSchema?> combine, bool orNull)
    {
        var fields = new Dictionary<string, DataSchema>();
        var some = new Dictionary<string, DataSchema>();
        foreach (var name in objects.SelectMany(s => s.Fields.Keys.Concat(s.SomeFields.Keys)).Distinct())
        {
            var having = objects.Select(s => s.Fields.GetValueOrDefault(name) ?? s.SomeFields.GetValueOrDefault(name)).OfType<DataSchema>().ToList();
            if (combine(having) is not { } combined)
                continue;
            if (objects.All(s => s.Fields.ContainsKey(name)))
                fields[name] = combined;
            else
                some[name] = combined;
        }
        return new DataSchema("object", fields, someFields: some, orNull: orNull);
    }

    /// <summary>Every field path, for the field reference: generalBudget.items[].completion.vsBudget …</summary>
    public IEnumerable<(string Path, string Kind, string Description)> Paths(string prefix = "")
    {
        foreach (var (name, schema) in Fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var path = prefix.Length == 0 ? name : $"{prefix}.{name}";
            yield return (path, schema.IsList ? "列表" : schema.Kind == "object" ? "对象" : "值", schema.Description);
            var inner = schema.IsList ? schema.Element : schema;
            if (inner is not null)
                foreach (var child in inner.Paths(schema.IsList ? path + "[]" : path))
                    yield return child;
        }
    }
}

/// <summary>Turns JSON or any .NET object into the plain tree templates read: dictionaries, lists and scalars.</summary>
public static class DataTree
{
    /// <summary>
    /// For an element helper that reads a large part of the view model (a 附表 of hundreds of cells): the field of a
    /// view-model object exactly as the object holds it, when no tag has read or changed that field through the tree, so
    /// the helper may read the typed objects instead of converting each into a tree node first. False for a tree made from
    /// JSON, for a field already read or written through the tree, and for anything else: read it through the tree then.
    /// </summary>
    public static bool TryReadUntouched(object? node, string field, out object? value)
    {
        if (node is ObjectFields fields)
            return fields.TryReadUntouched(field, out value);
        value = null;
        return false;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, ObjectShape> Shapes = new();

    /// <summary>
    /// The same tree JSON would give (camelCase names, numbers, lists), built straight from the
    /// object's public properties — a report's view model is converted once per render, so no JSON text.
    /// </summary>
    public static object? FromObject(object? value) => value switch
    {
        null => null,
        string or bool or decimal => value,
        int i => (decimal)i,
        long l => (decimal)l,
        double d => d,
        float f => (double)f,
        Enum e => e.ToString(),
        IDictionary<string, object?> map => map,
        IEnumerable list => list.Cast<object?>().Select(FromObject).ToList(),
        _ => new ObjectFields(value, ShapeOf(value.GetType())),
    };

    // Plain reflection, not compiled expressions: a report reads each property a handful of times, and
    // compiling a getter per property cost a whole process more (JIT of ~250 delegates) than it saved.
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "View-model assemblies are rooted in the native build (see FromType).")]
    private static ObjectShape ShapeOf(Type type) => Shapes.GetOrAdd(type, t => new ObjectShape(
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .Select(p => (JsonNamingPolicy.CamelCase.ConvertName(p.Name), (Func<object, object?>)p.GetValue))
            .ToArray()));

    public static object? FromJson(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.Object => json.EnumerateObject().ToDictionary(p => p.Name, p => FromJson(p.Value)),
        JsonValueKind.Array => json.EnumerateArray().Select(FromJson).ToList(),
        JsonValueKind.String => json.GetString(),
        JsonValueKind.Number => json.TryGetDecimal(out var d) ? d : json.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    public static bool IsTruthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        string s => s.Length > 0,
        decimal d => d != 0,
        double d => d != 0,
        // An object of the view model is truthy when it has fields, as an enumerated dictionary was; counted, not read.
        IDictionary<string, object?> map => map.Count > 0,
        IEnumerable e => e.Cast<object?>().Any(),
        _ => true,
    };
}

/// <summary>A type's fields as the tree names them (camelCase), in declaration order, with their getters.</summary>
internal sealed class ObjectShape
{
    public ObjectShape((string Name, Func<object, object?> Get)[] fields)
    {
        Fields = fields;
        Index = new Dictionary<string, int>(fields.Length, StringComparer.Ordinal);
        for (var i = 0; i < fields.Length; i++)
            Index.TryAdd(fields[i].Name, i);
    }

    public (string Name, Func<object, object?> Get)[] Fields { get; }
    public Dictionary<string, int> Index { get; }
}

/// <summary>
/// An object of the view model as a tree node: a dictionary of its properties whose values are read
/// and converted when first asked for. A template reads a fraction of a report's view model (each
/// outline its own sections), so converting all of it up front was most of the data tree's cost.
/// Reads and writes of the object's own fields stay lazy; anything else (enumerating, adding another
/// key, removing) first turns the node into an ordinary dictionary, in declaration order, as before.
/// </summary>
internal sealed class ObjectFields : IDictionary<string, object?>
{
    private static readonly object NotRead = new();
    private readonly object _source;
    private readonly ObjectShape _shape;
    private readonly object?[] _values;
    private Dictionary<string, object?>? _all;

    public ObjectFields(object source, ObjectShape shape)
    {
        _source = source;
        _shape = shape;
        _values = new object?[shape.Fields.Length];
        Array.Fill(_values, NotRead);
    }

    private object? ValueAt(int i)
    {
        if (ReferenceEquals(_values[i], NotRead))
            _values[i] = DataTree.FromObject(Read(i));
        return _values[i];
    }

    private object? Read(int i)
    {
        try
        {
            return _shape.Fields[i].Get(_source);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is { } inner)
        {
            // Read at render time, a getter's failure is reported at the tag that asked for it: with its own message, not reflection's.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(inner).Throw();
            throw;
        }
    }

    /// <summary>
    /// The field's own value (not converted into tree nodes) while nothing has read it through this node: then no part of
    /// it has been handed out as a node, so nothing in it can have been changed through the tree. See <see cref="DataTree.TryReadUntouched"/>.
    /// </summary>
    public bool TryReadUntouched(string key, out object? value)
    {
        if (_all is null && _shape.Index.TryGetValue(key, out var i) && ReferenceEquals(_values[i], NotRead))
        {
            value = Read(i);
            return true;
        }
        value = null;
        return false;
    }

    private Dictionary<string, object?> All()
    {
        if (_all is null)
        {
            var all = new Dictionary<string, object?>(_values.Length, StringComparer.Ordinal);
            for (var i = 0; i < _values.Length; i++)
                all.TryAdd(_shape.Fields[i].Name, ValueAt(i));
            _all = all;
        }
        return _all;
    }

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        if (_all is not null)
            return _all.TryGetValue(key, out value);
        if (_shape.Index.TryGetValue(key, out var i))
        {
            value = ValueAt(i);
            return true;
        }
        value = null;
        return false;
    }

    public object? this[string key]
    {
        get => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);
        set
        {
            if (_all is null && _shape.Index.TryGetValue(key, out var i))
                _values[i] = value;
            else
                All()[key] = value;
        }
    }

    public bool ContainsKey(string key) => _all?.ContainsKey(key) ?? _shape.Index.ContainsKey(key);
    public int Count => _all?.Count ?? _shape.Index.Count;
    public bool IsReadOnly => false;
    public ICollection<string> Keys => All().Keys;
    public ICollection<object?> Values => All().Values;
    public void Add(string key, object? value) => All().Add(key, value);
    public bool Remove(string key) => All().Remove(key);
    public void Add(KeyValuePair<string, object?> item) => All().Add(item.Key, item.Value);
    public void Clear() => All().Clear();
    public bool Contains(KeyValuePair<string, object?> item) => ((ICollection<KeyValuePair<string, object?>>)All()).Contains(item);
    public void CopyTo(KeyValuePair<string, object?>[] array, int arrayIndex) => ((ICollection<KeyValuePair<string, object?>>)All()).CopyTo(array, arrayIndex);
    public bool Remove(KeyValuePair<string, object?> item) => ((ICollection<KeyValuePair<string, object?>>)All()).Remove(item);
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => All().GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
