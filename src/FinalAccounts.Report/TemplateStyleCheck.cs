using System.Xml;
using DocumentFormat.OpenXml.Packaging;
using DocxTemplating;

namespace FinalAccounts.Report;

/// <summary>
/// The template's style sheet as a maintainer can spoil it by hand or by merging two templates: one style
/// id defined twice. Word silently keeps the first definition and a report would carry a style sheet that
/// fails Office's schema check, so loading the template names each such id (TPL037) instead.
/// </summary>
public static class TemplateStyleCheck
{
    private const string W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    public static IReadOnlyList<TemplateDiagnostic> Check(byte[] package, string templateFile)
    {
        var names = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var order = new List<string>();
        try
        {
            using var document = WordprocessingDocument.Open(new MemoryStream(package, writable: false), false);
            if (document.MainDocumentPart?.StyleDefinitionsPart is not { } part)
                return [];
            using var stream = part.GetStream(FileMode.Open, FileAccess.Read);
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreWhitespace = true });
            if (!reader.ReadToFollowing("styles", W))
                return [];
            // The styles are the root's children; each one's name is its own child w:name.
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element || reader.Depth != 1 || reader.LocalName != "style" || reader.NamespaceURI != W)
                    continue;
                // A style without an id cannot be referred to, and Office's schema check lets any number of them be.
                if (reader.GetAttribute("styleId", W) is not { Length: > 0 } id)
                    continue;
                var name = id;
                if (!reader.IsEmptyElement)
                {
                    using var style = reader.ReadSubtree();
                    while (style.Read())
                        if (style.NodeType == XmlNodeType.Element && style.Depth == 1 && style.LocalName == "name" && style.NamespaceURI == W)
                        {
                            name = style.GetAttribute("val", W) ?? id;
                            break;
                        }
                }
                if (!names.TryGetValue(id, out var list))
                {
                    names[id] = list = [];
                    order.Add(id);
                }
                list.Add(name);
            }
        }
        catch (Exception ex) when (ex is XmlException or OpenXmlPackageException or InvalidDataException or IOException or FileFormatException)
        {
            // A package or styles part this reader cannot read is not this check's finding: a package that does not open
            // is TPL008 (compiling names it; FileFormatException is not an IOException), and rendering falls back as Word does.
            return [];
        }
        return order.Where(id => names[id].Count > 1)
            .Select(id => TemplateDiagnostic.OfFile(TemplateErrors.DuplicateStyleId, templateFile, "word/styles.xml",
                $"样式 ID“{id}”定义了{names[id].Count}次（样式名：{string.Join("、", names[id].Select(n => $"“{n}”"))}）；Word 只认第一个，"
                + $"生成的报告也通不过 Office 的格式校验。请在 Word 的“管理样式”中删去多余的样式，或在模板文件中删去重复的 <w:style w:styleId=\"{id}\">。"))
            .ToList();
    }
}
