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
    public const string WrongElementArgument = "TPL013";
    public const string UnknownBlockOption = "TPL014";
    public const string PrintsObject = "TPL015";
    public const string RenderFailed = "TPL020";

    // Loading a template folder: what a maintainer can get wrong before any tag is read.
    public const string TemplateNotFound = "TPL030";
    public const string TemplateUnreadable = "TPL031";
    public const string TemplateDamaged = "TPL032";
    public const string SettingsMalformed = "TPL033";
    public const string SettingsUnknownKey = "TPL034";
    public const string SettingsWrongType = "TPL035";
    public const string SettingsOutOfRange = "TPL036";
    public const string DuplicateStyleId = "TPL037";
    public const string TemplateTooLarge = "TPL038";
    public const string NotOfficeSchema = "TPL039";
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

/// <summary>
/// One problem of a template: id, Chinese message, location and the tag as written. A problem of a
/// file beside the template (settings.json) or of the template file itself names that
/// <see cref="File"/> instead, and where in it (<see cref="Path"/>, a JSON path such as $.budgetBasis).
/// </summary>
public sealed record TemplateDiagnostic(string Id, string Message, TemplateLocation? Location, string Tag)
{
    public string? File { get; init; }
    public string? Path { get; init; }

    public static TemplateDiagnostic OfFile(string id, string file, string? path, string message) =>
        new(id, message, null, "") { File = file, Path = path };

    public string Format(string templateName)
    {
        var where = File is not null ? File + (Path is null ? "" : $"[{Path}]") : Location is null ? templateName : $"{templateName}[{Location}]";
        return $"{where}: error {Id}: {Shortened(Message, 600)}" + (Tag.Length > 0 ? $" 标签：{Shortened(Tag, 200)}" : "");
    }

    /// <summary>A tag (and a message quoting it) as long as a crafted one — megabytes in one run — is cut, not printed whole.</summary>
    private static string Shortened(string text, int max) =>
        text.Length <= max ? text : $"{text[..(max - 40)]}…（共 {text.Length} 字）…{text[^20..]}";
}

/// <summary>Thrown by Render when data does not fit the template (an unknown field at render time, a failing helper).</summary>
public sealed class TemplateRenderException(IReadOnlyList<TemplateDiagnostic> problems)
    : Exception(string.Join("\n", problems.Select(p => p.Format("template"))))
{
    public IReadOnlyList<TemplateDiagnostic> Problems { get; } = problems;
}
