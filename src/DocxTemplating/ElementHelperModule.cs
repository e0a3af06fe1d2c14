using DocumentFormat.OpenXml;

namespace DocxTemplating;

/// <summary>
/// An element helper for a tag alone in its paragraph: {{chart x}} or {{chart x "图例文字"}} → the
/// elements that replace the paragraph; the optional quoted label is the template's wording.
/// </summary>
public delegate IEnumerable<OpenXmlElement> ElementHelper(object? argument, string? label, RenderServices services);

/// <summary>
/// An element helper with the shape of the argument it needs: compile checks the tag's argument
/// against the data schema, so {{chart department.name}} is a TPL013 of `template check`, not a
/// failure of the hundredth report. Whatever still throws while rendering is reported as TPL020.
/// </summary>
/// <param name="Wants">What a maintainer should pass, in Chinese: "图表字段，如 charts.totalChange".</param>
public sealed record ElementHelperModule(ArgumentShape Argument, string Wants, ElementHelper Render)
{
    /// <summary>
    /// Whether its output must stand in the document body: a chart is a part related from the body, which a header or
    /// footer cannot refer to. `template check` reports such a tag in a header or footer (TPL008).
    /// </summary>
    public bool BodyOnly { get; init; }

    /// <summary>
    /// The field a tag with only a quoted name reads: {{text "名称"}} is {{text texts "名称"}}. Resolved like
    /// any field, so inside a loop whose items have it (a project's texts) the item's comes first.
    /// </summary>
    public string? DefaultArgument { get; init; }

    /// <summary>The quoted text is the name of what to place, not an optional legend: a tag without it is a mistake (TPL008).</summary>
    public bool NeedsLabel { get; init; }
}

/// <summary>An element helper tag as the template has it: which helper, the field its argument resolved to (list items as []), and its quoted text.</summary>
public sealed record ElementUse(string Helper, string ArgumentPath, string? Label);

/// <summary>
/// The shape of data an element helper reads: an object with these fields, a list of these, a
/// value, or anything. Only what the helper needs is named; other fields may be there too.
/// </summary>
public sealed class ArgumentShape
{
    private ArgumentShape(string kind, IReadOnlyDictionary<string, ArgumentShape>? fields = null, ArgumentShape? element = null)
    {
        Kind = kind;
        Fields = fields ?? new Dictionary<string, ArgumentShape>();
        Element = element;
    }

    /// <summary>object, list, scalar or any (the same words as <see cref="DataSchema.Kind"/>).</summary>
    public string Kind { get; }
    public IReadOnlyDictionary<string, ArgumentShape> Fields { get; }
    public ArgumentShape? Element { get; }

    public static readonly ArgumentShape Anything = new("any");
    public static readonly ArgumentShape Value = new("scalar");

    public static ArgumentShape Object(params (string Name, ArgumentShape Shape)[] fields) =>
        new("object", fields.ToDictionary(f => f.Name, f => f.Shape));

    public static ArgumentShape ListOf(ArgumentShape element) => new("list", element: element);

    /// <summary>
    /// Where <paramref name="schema"/> does not have this shape, in Chinese ("points：数据中没有该字段"),
    /// or null when it does. A schema that knows nothing (an empty list's element) fits any shape.
    /// </summary>
    public string? Mismatch(DataSchema schema, string path = "")
    {
        if (Kind == "any" || schema.Kind == "any")
            return null;
        var at = path.Length == 0 ? "" : path + "：";
        if (schema.Kind != Kind)
            return $"{at}是{Describe(schema.Kind)}，应为{Describe(Kind)}";
        if (Kind == "list")
            return schema.Element is null || Element is null ? null : Element.Mismatch(schema.Element, path + "[]");
        foreach (var (name, shape) in Fields)
        {
            var field = path.Length == 0 ? name : $"{path}.{name}";
            if (!schema.Fields.TryGetValue(name, out var child))
                return $"{field}：数据中没有该字段";
            if (shape.Mismatch(child, field) is { } problem)
                return problem;
        }
        return null;
    }

    private static string Describe(string kind) => kind switch
    {
        "object" => "对象（含若干字段）",
        "list" => "列表",
        _ => "一个值",
    };
}

/// <summary>Thrown by an element helper whose argument is not what it declared; the engine reports it as TPL020 at the tag.</summary>
public sealed class ElementArgumentException(string message) : Exception(message);
