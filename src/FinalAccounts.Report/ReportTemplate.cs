using System.ComponentModel;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using DocxTemplating;
using FinalAccounts.Calculation;

namespace FinalAccounts.Report;

/// <summary>A template as loaded: compiled (null when there is any problem), its settings, and every problem.</summary>
public sealed record LoadedTemplate(DocxTemplate? Template, CalculationSettings? Settings, string Name, IReadOnlyList<TemplateDiagnostic> Problems,
    IReadOnlySet<string> UsedFields)
{
    /// <summary>The named texts and user tables the template places ({{text "…"}}, {{userTable "…"}}).</summary>
    public TemplateNeeds Needs { get; init; } = TemplateNeeds.None;

    /// <summary>The template file as it was read (a .docx package) and its path, for the checks `template check` adds.</summary>
    internal (byte[] Package, string File)? Source { get; init; }
}

/// <summary>
/// A report template as maintainers keep it: a folder with template.xml (Flat OPC) or
/// template.docx, and settings.json beside it. Everything specific to the 决算 report that the
/// engine needs (helpers, charts, public tables, the TOC refresh) is wired here.
/// </summary>
public static class ReportTemplate
{
    public static DataSchema ViewModelSchema { get; } = DataSchema.FromType(typeof(ReportModel));

    public static TemplateOptions Options(DataSchema? schema)
    {
        var options = new TemplateOptions { Schema = schema };
        ReportHelpers.Register(options);
        options.ElementHelpers["chart"] = ChartBuilder.Module;
        options.ElementHelpers["publicTable"] = PublicTableBuilder.Module;
        options.ElementHelpers["text"] = NamedTextBuilder.Module;
        options.ElementHelpers["userTable"] = UserTableBuilder.Module;
        options.TableSteps.Add(PrintLayout.FitTable);
        options.Finishers.Add(PrintLayout.Apply);
        options.Finishers.Add(ChartHeight.Apply);
        options.Finishers.Add(TableOfContents.Fill);
        // The same for every report: done once, to the template's package, when the template is compiled.
        options.Preparations.Add(UpdateFieldsOnOpen);
        return options;
    }

    /// <summary>
    /// A template folder (or file) compiled, with its settings.json read when <paramref name="withSettings"/>:
    /// every problem a maintainer can make — a path that is not there, a file that cannot be read, a damaged
    /// Flat OPC file, a mistake in settings.json, a tag — as a diagnostic; nothing here throws for them.
    /// </summary>
    public static LoadedTemplate Load(string templatePath, TemplateOptions options, bool withSettings = true)
    {
        var (source, problems) = ReadSource(templatePath);
        CalculationSettings? settings = CalculationSettings.Default;
        if (withSettings && source is not null)
        {
            var read = ReadSettings(SettingsFile(templatePath));
            settings = read.Settings;
            problems = [.. problems, .. read.Problems];
        }
        if (source is null)
            return new LoadedTemplate(null, null, Path.GetFileName(templatePath), problems, new HashSet<string>());
        if (settings is not null)
            ReportHelpers.RegisterFigures(options, settings.MissingReasonPlaceholder);   // before compiling: compiled options are frozen
        var compiled = DocxTemplate.Compile(source.Package, source.Name, options);
        // A package the compiler refused unopened (too large, TPL038) is not opened for its styles either.
        var unopened = compiled.Problems.Any(p => p.Id == TemplateErrors.TemplateTooLarge);
        problems = [.. problems, .. compiled.Problems.Select(p => p.Id == TemplateErrors.TemplateTooLarge ? TemplateDiagnostic.OfFile(p.Id, source.File, null, p.Message) : p),
            .. unopened ? [] : TemplateStyleCheck.Check(source.Package, source.File)];
        return new LoadedTemplate(problems.Count == 0 ? compiled.Template : null, settings, source.Name, problems, compiled.UsedFields)
        {
            Needs = NeedsOf(compiled.ElementUses),
            Source = (source.Package, source.File),
        };
    }

    /// <summary>
    /// Which names the template's {{text}} and {{userTable}} tags place: a text read from a project's
    /// texts (inside a loop over performance.projects) is that project's, any other the department's.
    /// </summary>
    public static TemplateNeeds NeedsOf(IEnumerable<ElementUse> uses)
    {
        var list = uses.Where(u => u.Label is not null).ToList();
        HashSet<string> Names(Func<ElementUse, bool> which) => list.Where(which).Select(u => u.Label!).ToHashSet(StringComparer.Ordinal);
        return new TemplateNeeds(
            Names(u => u.Helper == "text" && !u.ArgumentPath.EndsWith("[].texts", StringComparison.Ordinal)),
            Names(u => u.Helper == "text" && u.ArgumentPath.EndsWith("projects[].texts", StringComparison.Ordinal)),
            Names(u => u.Helper == "userTable"));
    }

    public static CompileResult Compile(string templatePath, TemplateOptions options)
    {
        var loaded = Load(templatePath, options, withSettings: false);
        return new CompileResult(loaded.Template, loaded.Problems, loaded.UsedFields);
    }

    /// <summary>
    /// The template against Office's schema (<see cref="TemplateSchemaCheck"/>, TPL039), for `template check`; nothing when the
    /// template cannot be read or is too large to open (<see cref="Load"/> names why).
    /// </summary>
    /// <remarks>The file as <see cref="Load"/> read it, not read again (it may have changed since).</remarks>
    public static IReadOnlyList<TemplateDiagnostic> SchemaProblems(LoadedTemplate loaded)
    {
        if (loaded.Problems.Any(p => p.Id is TemplateErrors.TemplateTooLarge or TemplateErrors.TemplateNotFound or TemplateErrors.TemplateUnreadable or TemplateErrors.TemplateDamaged))
            return [];
        return loaded.Source is { } source ? TemplateSchemaCheck.Check(source.Package, source.File) : [];
    }

    /// <summary>The template as a .docx package (for the bench); throws when it cannot be read.</summary>
    public static byte[] Package(string templatePath) =>
        ReadSource(templatePath) is ({ } source, _) ? source.Package : throw new InvalidDataException($"模板“{templatePath}”无法读取。");

    /// <summary>settings.json beside the template (in its folder).</summary>
    public static string SettingsFile(string templatePath) =>
        Path.Combine(Directory.Exists(templatePath) ? templatePath : Path.GetDirectoryName(Path.GetFullPath(templatePath))!, "settings.json");

    /// <summary>A settings file: the defaults when there is none, otherwise its values or every mistake in it (TPL031, TPL033–TPL036).</summary>
    public static (CalculationSettings? Settings, IReadOnlyList<TemplateDiagnostic> Problems) ReadSettings(string settingsFile)
    {
        if (!File.Exists(settingsFile))
            return (CalculationSettings.Default, []);
        string json;
        try
        {
            if (new FileInfo(settingsFile).Length > TemplateLimits.MaxSettingsBytes)
                return (null, [TemplateDiagnostic.OfFile(TemplateErrors.TemplateTooLarge, settingsFile, null,
                    $"设置文件有 {TemplateLimits.Megabytes(new FileInfo(settingsFile).Length)}，超过上限 {TemplateLimits.Megabytes(TemplateLimits.MaxSettingsBytes)}（正常的 settings.json 只有几百字节）；多为选错了文件。")]);
            json = File.ReadAllText(settingsFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, [TemplateDiagnostic.OfFile(TemplateErrors.TemplateUnreadable, settingsFile, null, $"设置文件无法读取：{ex.Message}")]);
        }
        var (settings, problems) = CalculationSettings.Parse(json);
        return (settings, problems.Select(p => TemplateDiagnostic.OfFile(IdOf(p.Kind), settingsFile, p.JsonPath, p.Message + "。")).ToList());
    }

    private static string IdOf(SettingsProblemKind kind) => kind switch
    {
        SettingsProblemKind.Malformed => TemplateErrors.SettingsMalformed,
        SettingsProblemKind.UnknownKey => TemplateErrors.SettingsUnknownKey,
        SettingsProblemKind.WrongType => TemplateErrors.SettingsWrongType,
        _ => TemplateErrors.SettingsOutOfRange,
    };

    private sealed record Source(string Name, byte[] Package, string File);

    /// <summary>The template file of a folder (template.xml, else template.docx) or the file itself, as a .docx package.</summary>
    private static (Source? Source, IReadOnlyList<TemplateDiagnostic> Problems) ReadSource(string templatePath)
    {
        var file = templatePath;
        if (Directory.Exists(templatePath))
        {
            file = new[] { "template.xml", "template.docx" }.Select(n => Path.Combine(templatePath, n)).FirstOrDefault(File.Exists)!;
            if (file is null)
                return (null, [TemplateDiagnostic.OfFile(TemplateErrors.TemplateNotFound, templatePath, null,
                    "模板目录中没有 template.xml 或 template.docx。")]);
        }
        else if (!File.Exists(templatePath))
            return (null, [TemplateDiagnostic.OfFile(TemplateErrors.TemplateNotFound, templatePath, null,
                "模板不存在。--template 应为模板目录（含 template.xml 或 template.docx），或模板文件本身。")]);
        byte[] bytes;
        try
        {
            var length = new FileInfo(file).Length;
            if (length > TemplateLimits.MaxFileBytes)
                return (null, [TemplateDiagnostic.OfFile(TemplateErrors.TemplateTooLarge, file, null,
                    $"模板文件有 {TemplateLimits.Megabytes(length)}，超过上限 {TemplateLimits.Megabytes(TemplateLimits.MaxFileBytes)}（正常的模板不到 1 MB）。{TemplateLimits.Advice}")]);
            bytes = File.ReadAllBytes(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, [TemplateDiagnostic.OfFile(TemplateErrors.TemplateUnreadable, file, null, $"模板文件无法读取：{ex.Message}")]);
        }
        if (!file.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
            return (new Source(Path.GetFileName(file), bytes, file), []);
        // A Flat OPC file holds each part three levels down (package, part, xmlData); copying a part recurses per level.
        if (TemplateLimits.DepthPast(new MemoryStream(bytes, writable: false), TemplateLimits.MaxXmlDepth + 3))
            return (null, [TemplateDiagnostic.OfFile(TemplateErrors.TemplateTooLarge, file, null,
                $"模板文件的元素嵌套超过 {TemplateLimits.MaxXmlDepth} 层（Word 文档不过几十层）。{TemplateLimits.Advice}")]);
        try
        {
            return (new Source(Path.GetFileName(file), FlatOpc.ToDocx(bytes), file), []);
        }
        catch (System.Xml.XmlException ex)
        {
            return (null, [TemplateDiagnostic.OfFile(TemplateErrors.TemplateDamaged, file, $"第{ex.LineNumber}行第{ex.LinePosition}列",
                "模板文件不是完整的 XML（可能被截断或手工改坏）；请用 Word 打开原模板，另存为“Word XML 文档 (*.xml)”。")]);
        }
        catch (InvalidDataException ex)
        {
            return (null, [TemplateDiagnostic.OfFile(TemplateErrors.TemplateDamaged, file, null,
                $"模板文件不是 Word 的 Flat OPC 文档：{ex.Message}请用 Word 打开原模板，另存为“Word XML 文档 (*.xml)”。")]);
        }
    }

    /// <summary>Word and WPS refresh the 目录 and page references when the document opens.</summary>
    [Description("打开时更新目录的设置")]
    internal static void UpdateFieldsOnOpen(WordprocessingDocument document)
    {
        var settingsPart = document.MainDocumentPart!.DocumentSettingsPart ?? document.MainDocumentPart.AddNewPart<DocumentSettingsPart>();
        settingsPart.Settings ??= new Settings();
        settingsPart.Settings.RemoveAllChildren<UpdateFieldsOnOpen>();
        settingsPart.Settings.AddChild(new UpdateFieldsOnOpen { Val = true });
        settingsPart.Settings.Save();
    }
}
