using System.Xml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using DocxTemplating;

namespace FinalAccounts.Report;

/// <summary>
/// The template's style sheet as a maintainer can spoil it by hand or by merging two templates: one style
/// id defined twice. Word silently keeps the first definition and a report would carry a style sheet that
/// fails Office's schema check, so loading the template names each such id (TPL037) instead.
/// </summary>
public static class TemplateStyleCheck
{
    public static IReadOnlyList<TemplateDiagnostic> Check(byte[] package, string templateFile)
    {
        List<IGrouping<string, Style>> repeated;
        try
        {
            using var document = WordprocessingDocument.Open(new MemoryStream(package, writable: false), false);
            // A style without an id cannot be referred to, and Office's schema check lets any number of them be.
            repeated = (document.MainDocumentPart?.StyleDefinitionsPart?.Styles?.Elements<Style>() ?? [])
                .Where(s => !string.IsNullOrEmpty(s.StyleId?.Value))
                .GroupBy(s => s.StyleId!.Value!, StringComparer.Ordinal)
                .Where(g => g.Count() > 1)
                .ToList();
        }
        catch (Exception ex) when (ex is XmlException or OpenXmlPackageException or InvalidDataException or IOException or FileFormatException
            or InvalidOperationException or FormatException or ArgumentException)
        {
            // A package or styles part that cannot be read is not this check's finding: a package that does not open
            // is TPL008 (compiling names it; FileFormatException is not an IOException), and rendering falls back as Word does.
            return [];
        }
        return repeated.Select(g => TemplateDiagnostic.OfFile(TemplateErrors.DuplicateStyleId, templateFile, "word/styles.xml",
                $"样式 ID“{g.Key}”定义了{g.Count()}次（样式名：{string.Join("、", g.Select(s => $"“{s.StyleName?.Val?.Value ?? g.Key}”"))}）；Word 只认第一个，"
                + $"生成的报告也通不过 Office 的格式校验。请在 Word 的“管理样式”中删去多余的样式，或在模板文件中删去重复的 <w:style w:styleId=\"{g.Key}\">。"))
            .ToList();
    }
}
