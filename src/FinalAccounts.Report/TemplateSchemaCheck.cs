using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocxTemplating;

namespace FinalAccounts.Report;

/// <summary>
/// The template against Office's schema, as `template check` runs it: an element out of order, an attribute value Word
/// does not know, a part a hand edit or another program left malformed. The report copies such content as it is, so it
/// would fail Office's schema check too and Word may call it damaged; the maintainer sees each place (TPL039) before a
/// report is made. The settings part is checked as each report gets it: every report's w:updateFields is put in schema
/// order (the shipped templates have theirs out of order, which no report carries). Only `template check` runs it: the schema check takes tens of milliseconds, and the first one in a
/// process most of a second, which every `generate` would pay for a template that does not change between reports.
/// </summary>
public static class TemplateSchemaCheck
{
    /// <summary>More than this many places are counted, not listed: a template spoilt throughout says so in a few lines.</summary>
    public const int MaxListed = 20;

    public static IReadOnlyList<TemplateDiagnostic> Check(byte[] package, string templateFile)
    {
        try
        {
            // A copy, with the document settings as every report gets them (below).
            using var copy = new MemoryStream();
            copy.Write(package);
            using var document = WordprocessingDocument.Open(copy, true, new OpenSettings { AutoSave = false });
            ReportTemplate.UpdateFieldsOnOpen(document);
            // A reference to a part that is not there is named by compiling, at its paragraph with the likely cause (TPL008).
            var errors = new OpenXmlValidator(FileFormatVersions.Office2019) { MaxNumberOfErrors = 1000 }.Validate(document)
                .Where(e => e.Id != "Sem_InvalidRelationshipId").ToList();
            // Read while the package is open: an error's part and element belong to it.
            var problems = errors.Take(MaxListed).Select(e => TemplateDiagnostic.OfFile(TemplateErrors.NotOfficeSchema, templateFile,
                $"{e.Part?.Uri.ToString().TrimStart('/')} {e.Path?.XPath}".Trim(),
                $"模板中{Where(e.Node)}的内容不符合 Office 文档的格式规范：{e.Description} 生成的报告会照样带着这一处，通不过格式校验，Word 可能提示文档已损坏。"
                + "多为手工编辑或其他软件保存留下的写法；请在 Word 中打开模板，重新设置此处（或删去后重做）后另存。")).ToList();
            if (errors.Count > MaxListed)
                problems.Add(TemplateDiagnostic.OfFile(TemplateErrors.NotOfficeSchema, templateFile, null,
                    $"另有 {errors.Count - MaxListed}{(errors.Count >= 1000 ? " 处以上" : " 处")}同类问题未列出。"));
            return problems;
        }
        catch (Exception ex) when (ex is XmlException or OpenXmlPackageException or InvalidDataException or IOException or FileFormatException
            or InvalidOperationException or FormatException or ArgumentException)
        {
            // A package that cannot be opened or read is named by compiling it (TPL008, TPL032), not again here.
            return [];
        }
    }

    /// <summary>The paragraph the place is in, by its first words, so a maintainer finds it in Word; empty when it is in none.</summary>
    private static string Where(OpenXmlElement? node)
    {
        var paragraph = node as DocumentFormat.OpenXml.Wordprocessing.Paragraph ?? node?.Ancestors<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().FirstOrDefault();
        if (paragraph is null)
            return "";
        var text = paragraph.InnerText.Trim();
        return text.Length == 0 ? "一个空段落中" : $"段落“{(text.Length > 20 ? text[..20] + "…" : text)}”中";
    }
}
