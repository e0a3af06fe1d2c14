namespace DocxTemplating;

/// <summary>Stable ids of template problems; a maintainer can look each one up in docs/模板编写.md.</summary>
public static class TemplateErrors
{
    public const string UnclosedBlock = "TPL001";
    public const string CloseWithoutOpen = "TPL002";
    public const string MismatchedClose = "TPL003";
    public const string BlockNotAlone = "TPL004";
    public const string UnknownField = "TPL005";
    public const string TagInFieldCode = "TPL006";
    public const string ElseOutsideBlock = "TPL007";
    public const string SyntaxError = "TPL008";
    public const string UnknownHelper = "TPL009";
    public const string RowBlockNotInOneRow = "TPL010";
    public const string UnterminatedTag = "TPL011";
    public const string UnsupportedBlock = "TPL012";
    public const string RenderFailed = "TPL020";
}

/// <summary>Where in a template something is: the part, the paragraph, the nearest heading, and the table cell if any.</summary>
public sealed record TemplateLocation(string Part, int Paragraph, string? Heading, int? Table = null, int? Row = null, int? Cell = null)
{
    public override string ToString()
    {
        var where = $"{Part} 第{Paragraph}段";
        if (Table is not null)
            where += $" 表格{Table}第{Row}行第{Cell}格";
        if (!string.IsNullOrEmpty(Heading))
            where += $"（标题“{Heading}”下）";
        return where;
    }
}

/// <summary>One problem of a template: id, Chinese message, location and the tag as written.</summary>
public sealed record TemplateDiagnostic(string Id, string Message, TemplateLocation? Location, string Tag)
{
    public string Format(string templateName) =>
        $"{templateName}[{Location?.ToString() ?? "?"}]: error {Id}: {Message}" + (Tag.Length > 0 ? $" 标签：{Tag}" : "");
}

/// <summary>Thrown by Render when data does not fit the template (an unknown field at render time, a failing helper).</summary>
public sealed class TemplateRenderException(IReadOnlyList<TemplateDiagnostic> problems)
    : Exception(string.Join("\n", problems.Select(p => p.Format("template"))))
{
    public IReadOnlyList<TemplateDiagnostic> Problems { get; } = problems;
}
