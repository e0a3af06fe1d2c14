using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using DocxTemplating;
using FinalAccounts.Calculation;

namespace FinalAccounts.Report;

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
        options.ElementHelpers["chart"] = ChartBuilder.Build;
        options.ElementHelpers["publicTable"] = PublicTableBuilder.Build;
        options.Finishers.Add(TableOfContents.Fill);
        options.Finishers.Add(UpdateFieldsOnOpen);
        return options;
    }

    /// <summary>The template file inside a template folder (or the file itself).</summary>
    public static string Resolve(string templatePath)
    {
        if (!Directory.Exists(templatePath))
            return templatePath;
        foreach (var name in new[] { "template.xml", "template.docx" })
            if (File.Exists(Path.Combine(templatePath, name)))
                return Path.Combine(templatePath, name);
        throw new FileNotFoundException($"模板目录“{templatePath}”中没有 template.xml 或 template.docx。");
    }

    public static CalculationSettings Settings(string templatePath)
    {
        var folder = Directory.Exists(templatePath) ? templatePath : Path.GetDirectoryName(Path.GetFullPath(templatePath))!;
        return CalculationSettings.Load(Path.Combine(folder, "settings.json"));
    }

    public static byte[] Package(string templatePath)
    {
        var file = Resolve(templatePath);
        return file.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) ? FlatOpc.ToDocx(File.ReadAllText(file)) : File.ReadAllBytes(file);
    }

    public static CompileResult Compile(string templatePath, TemplateOptions options) =>
        DocxTemplate.Compile(Package(templatePath), Path.GetFileName(Resolve(templatePath)), options);

    /// <summary>Word and WPS refresh the 目录 and page references when the document opens.</summary>
    private static void UpdateFieldsOnOpen(WordprocessingDocument document)
    {
        var settingsPart = document.MainDocumentPart!.DocumentSettingsPart ?? document.MainDocumentPart.AddNewPart<DocumentSettingsPart>();
        settingsPart.Settings ??= new Settings();
        settingsPart.Settings.RemoveAllChildren<UpdateFieldsOnOpen>();
        settingsPart.Settings.AddChild(new UpdateFieldsOnOpen { Val = true });
        settingsPart.Settings.Save();
    }
}
